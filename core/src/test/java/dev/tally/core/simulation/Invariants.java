package dev.tally.core.simulation;

import dev.tally.core.model.AccountId;
import dev.tally.core.model.BalanceStatus;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.CustomerBalance;
import dev.tally.core.model.Hold;
import dev.tally.core.model.HoldId;
import dev.tally.core.model.LedgerEntry;
import dev.tally.core.model.LedgerQuery;
import dev.tally.core.model.Operation;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.Subscription;
import dev.tally.core.model.SubscriptionId;
import dev.tally.core.model.Violation;
import dev.tally.core.service.TallyCore;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The checks run after every step: the ledger verifies clean; subscriptions, holds, usage rows and
 * ledger legs are exactly what the step should have left; every customer's balance, credit limit,
 * held amount and status match the simulation's own account; no balance is below minus its credit
 * limit; quota and overage stay within their bounds; at most one current subscription per org and
 * product; the customer legs per operation add up to what the accepted operations moved. Each check
 * returns every problem it finds, in words. Stateless.
 */
final class Invariants {
  private Invariants() {}

  /**
   * What a step should leave behind, beyond the customers' accounts.
   *
   * @param unchanged the step was refused or replayed: nothing at all may differ
   */
  record Expected(
      Map<SubscriptionId, Subscription> subscriptions,
      Map<HoldId, Hold> holds,
      long usageRows,
      long ledgerEntries,
      boolean unchanged) {}

  static List<String> check(
      TallyCore core,
      State before,
      State after,
      Expected expected,
      Map<OrgId, Customer> customers) {
    List<String> problems = new ArrayList<>();
    for (Violation violation : after.report().violations()) {
      problems.add(
          "ledger verify: "
              + violation.rule()
              + " "
              + violation.subject()
              + ": "
              + violation.detail());
    }
    compare("subscription", after.subscriptions(), expected.subscriptions(), problems);
    compare("hold", after.holds(), expected.holds(), problems);
    if (after.usageRows() != expected.usageRows()) {
      problems.add(
          "the usage log has " + after.usageRows() + " rows, expected " + expected.usageRows());
    }
    if (after.ledgerEntries() != expected.ledgerEntries()) {
      problems.add(
          "the ledger has "
              + after.ledgerEntries()
              + " legs, expected "
              + expected.ledgerEntries());
    }
    if (expected.unchanged()) {
      compare(
          "balance (of a refused or replayed operation)",
          after.balances(),
          before.balances(),
          problems);
    }
    for (Customer customer : customers.values()) {
      checkCustomer(core, after, customer, problems);
    }
    checkSubscriptions(after, problems);
    return problems;
  }

  private static <K, V> void compare(
      String what, Map<K, V> actual, Map<K, V> expected, List<String> problems) {
    Set<K> keys = new LinkedHashSet<>(expected.keySet());
    keys.addAll(actual.keySet());
    for (K key : keys) {
      V is = actual.get(key);
      V shouldBe = expected.get(key);
      if (is == null || !is.equals(shouldBe)) {
        problems.add(what + " " + key + " is " + is + " but should be " + shouldBe);
      }
    }
  }

  private static void checkCustomer(
      TallyCore core, State after, Customer customer, List<String> problems) {
    CustomerBalance balance = after.balances().get(customer.org);
    if (!customer.opened) {
      if (balance != null) {
        problems.add("customer " + customer.org + " has a balance it never opened: " + balance);
      }
      return;
    }
    if (balance == null) {
      problems.add("customer " + customer.org + " has no balance");
      return;
    }
    String who = "customer " + customer.org + ": ";
    if (balance.balance().amount().compareTo(customer.balance) != 0) {
      problems.add(who + "balance " + balance.balance() + ", expected " + customer.balance);
    }
    if (balance.creditLimit().amount().compareTo(customer.creditLimit) != 0) {
      problems.add(
          who + "credit limit " + balance.creditLimit() + ", expected " + customer.creditLimit);
    }
    if (balance.balance().compareTo(balance.creditLimit().negate()) < 0) {
      problems.add(
          who + "balance " + balance.balance() + " is below minus " + balance.creditLimit());
    }
    BigDecimal held = heldOf(after.holds(), customer.org);
    if (balance.held().amount().compareTo(held) != 0 || balance.held().isNegative()) {
      problems.add(who + "held " + balance.held() + " but its open holds sum to " + held);
    }
    BalanceStatus status =
        customer.suspended
            ? BalanceStatus.SUSPENDED
            : customer.balance.signum() < 0 ? BalanceStatus.ARREARS : BalanceStatus.ACTIVE;
    if (balance.status() != status) {
      problems.add(who + "status " + balance.status() + ", expected " + status);
    }
    Map<Operation, BigDecimal> legs = legTotals(core, customer.org);
    for (Operation operation : Operation.values()) {
      BigDecimal is = legs.getOrDefault(operation, BigDecimal.ZERO);
      BigDecimal shouldBe = customer.legTotals.getOrDefault(operation, BigDecimal.ZERO);
      if (is.compareTo(shouldBe) != 0) {
        problems.add(
            who
                + operation
                + " legs sum to "
                + is.toPlainString()
                + ", the accepted operations"
                + " moved "
                + shouldBe.toPlainString());
      }
    }
  }

  /** The sum of the amounts of the org's holds that are still held. */
  static BigDecimal heldOf(Map<HoldId, Hold> holds, OrgId org) {
    BigDecimal held = BigDecimal.ZERO;
    for (Hold hold : holds.values()) {
      if (hold.isHeld() && hold.orgId().equals(org)) {
        held = held.add(hold.amount().amount());
      }
    }
    return held;
  }

  private static Map<Operation, BigDecimal> legTotals(TallyCore core, OrgId org) {
    Map<Operation, BigDecimal> totals = new EnumMap<>(Operation.class);
    LedgerQuery query = LedgerQuery.forAccount(AccountId.customer(org));
    for (int page = 1; ; page++) {
      Page<LedgerEntry> entries =
          core.ledger().records(query, new PageRequest(page, PageRequest.MAX_SIZE));
      for (LedgerEntry entry : entries.items()) {
        totals.merge(entry.operation(), entry.amount().amount(), BigDecimal::add);
      }
      if ((long) page * PageRequest.MAX_SIZE >= entries.total()) {
        return totals;
      }
    }
  }

  private static void checkSubscriptions(State after, List<String> problems) {
    Map<String, List<SubscriptionId>> current = new TreeMap<>();
    for (Subscription subscription : after.subscriptions().values()) {
      String which = "subscription " + subscription.id() + ": ";
      if (subscription.quotaUsed().compareTo(subscription.quotaTotal()) > 0) {
        problems.add(
            which
                + "quota_used "
                + subscription.quotaUsed()
                + " > quota_total "
                + subscription.quotaTotal());
      }
      if (subscription.billingMode() == BillingMode.QUOTA
          && subscription.overageUsed().isPositive()) {
        problems.add(which + "mode 2 but overage_used " + subscription.overageUsed());
      }
      if (subscription.overageCap().isPresent()
          && subscription.overageUsed().compareTo(subscription.overageCap().get()) > 0) {
        problems.add(
            which
                + "overage_used "
                + subscription.overageUsed()
                + " > overage_cap "
                + subscription.overageCap().get());
      }
      if (subscription.isCurrent()) {
        current
            .computeIfAbsent(
                subscription.orgId() + " / " + subscription.productId(), k -> new ArrayList<>())
            .add(subscription.id());
      }
    }
    current.forEach(
        (orgAndProduct, ids) -> {
          if (ids.size() > 1) {
            problems.add(
                "org / product "
                    + orgAndProduct
                    + " has "
                    + ids.size()
                    + " current subscriptions: "
                    + ids);
          }
        });
  }
}
