package dev.tally.core.service;

import dev.tally.core.model.AccountId;
import dev.tally.core.model.Hold;
import dev.tally.core.model.HoldId;
import dev.tally.core.model.HoldStatus;
import dev.tally.core.model.LedgerEntry;
import dev.tally.core.model.LedgerTransaction;
import dev.tally.core.model.Money;
import dev.tally.core.model.Operation;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Reference;
import dev.tally.core.model.VerificationReport;
import dev.tally.core.model.Violation;
import dev.tally.core.model.Violation.Rule;
import dev.tally.core.port.out.Repositories;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks every ledger invariant in one pass over each table and reports all violations found. The
 * caller runs it in one unit of work so that it sees one consistent state.
 */
final class LedgerVerifier {
  private final Repositories repos;
  private final List<Violation> violations = new ArrayList<>();
  private final Map<Reference, List<BigDecimal>> payments = new HashMap<>();
  private final Map<OrgId, BigDecimal> customerSums = new HashMap<>();
  private long transactions;
  private long entries;
  private long accounts;
  private long usages;

  private LedgerVerifier(Repositories repos) {
    this.repos = repos;
  }

  static VerificationReport verify(Repositories repos) {
    LedgerVerifier verifier = new LedgerVerifier(repos);
    verifier.checkTransactions();
    verifier.checkChains();
    verifier.checkBalances();
    verifier.checkCharges();
    return new VerificationReport(
        verifier.transactions,
        verifier.entries,
        verifier.accounts,
        verifier.usages,
        verifier.violations);
  }

  /** Every transaction sums to zero; PAY amounts are collected per reference for later checks. */
  private void checkTransactions() {
    repos
        .ledger()
        .forEachTransaction(
            tx -> {
              transactions++;
              if (tx.sum().signum() != 0) {
                violate(
                    Rule.UNBALANCED_TRANSACTION,
                    tx.id().value(),
                    "legs of %s sum to %s",
                    tx.operation().code(),
                    tx.sum().toPlainString());
              }
              if (tx.operation() == Operation.PAY) {
                payments
                    .computeIfAbsent(tx.reference(), ref -> new ArrayList<>())
                    .add(customerDebit(tx));
              }
            });
  }

  private static BigDecimal customerDebit(LedgerTransaction tx) {
    return tx.legs().stream()
        .filter(leg -> leg.account().isCustomer())
        .map(leg -> leg.amount().amount().negate())
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** Sequences, predecessor hashes and hashes follow on each account; balance_after is running. */
  private void checkChains() {
    AccountId[] account = {null};
    long[] expectedSequence = {0};
    String[] previousHash = {LedgerEntry.GENESIS_HASH};
    BigDecimal[] running = {BigDecimal.ZERO};
    repos
        .ledger()
        .forEachEntryByAccount(
            entry -> {
              entries++;
              if (!entry.account().equals(account[0])) {
                account[0] = entry.account();
                accounts++;
                expectedSequence[0] = 1;
                previousHash[0] = LedgerEntry.GENESIS_HASH;
                running[0] = BigDecimal.ZERO;
              }
              checkLink(entry, expectedSequence[0], previousHash[0]);
              running[0] = running[0].add(entry.amount().amount());
              if (entry.account().isCustomer()) {
                checkBalanceAfter(entry, running[0]);
                customerSums.put(entry.account().owner(), running[0]);
              }
              expectedSequence[0] = entry.sequence() + 1;
              previousHash[0] = entry.hash();
            });
  }

  private void checkLink(LedgerEntry entry, long expectedSequence, String previousHash) {
    String where = entry.account() + "#" + entry.sequence();
    if (entry.sequence() != expectedSequence) {
      violate(Rule.BROKEN_CHAIN, where, "expected sequence %s", expectedSequence);
    }
    if (!entry.previousHash().equals(previousHash)) {
      violate(Rule.BROKEN_CHAIN, where, "previous hash does not match the leg before it");
    }
    if (!entry.hash().equals(entry.expectedHash())) {
      violate(Rule.BROKEN_CHAIN, where, "hash does not match the leg's content");
    }
  }

  private void checkBalanceAfter(LedgerEntry entry, BigDecimal running) {
    Optional<Money> after = entry.balanceAfter();
    if (after.isEmpty() || after.get().amount().compareTo(running) != 0) {
      violate(
          Rule.BALANCE_AFTER_MISMATCH,
          entry.account() + "#" + entry.sequence(),
          "balance_after is %s but the legs so far sum to %s",
          after.map(Money::toString).orElse("missing"),
          running.toPlainString());
    }
  }

  /** Each balance equals its account's sum and stays within its credit limit. */
  private void checkBalances() {
    Map<OrgId, BigDecimal> unmatched = new HashMap<>(customerSums);
    repos
        .balances()
        .forEach(
            balance -> {
              BigDecimal sum = unmatched.getOrDefault(balance.orgId(), BigDecimal.ZERO);
              unmatched.remove(balance.orgId());
              if (balance.balance().amount().compareTo(sum) != 0) {
                violate(
                    Rule.BALANCE_MISMATCH,
                    balance.orgId().value(),
                    "balance is %s but its account sums to %s",
                    balance.balance(),
                    sum.toPlainString());
              }
              if (balance.balance().compareTo(balance.creditLimit().negate()) < 0) {
                violate(
                    Rule.OVERDRAWN,
                    balance.orgId().value(),
                    "balance %s is below minus the credit limit %s",
                    balance.balance(),
                    balance.creditLimit());
              }
            });
    unmatched.forEach(
        (org, sum) ->
            violate(
                Rule.BALANCE_MISMATCH,
                org.value(),
                "account sums to %s but the customer has no balance",
                sum.toPlainString()));
  }

  /** Every charged use has exactly one PAY of its amount, and every PAY has its charge. */
  private void checkCharges() {
    repos
        .usage()
        .forEachCharged(
            usage -> {
              usages++;
              List<BigDecimal> paid = payments.remove(Reference.usage(usage.id()));
              checkPaid(usage.id().value(), paid, usage.sellPrice());
            });
    payments.forEach(
        (reference, paid) -> {
          Optional<Hold> hold =
              reference.type().equals(Reference.HOLD)
                  ? repos.holds().find(HoldId.of(reference.id()))
                  : Optional.empty();
          if (hold.isPresent() && hold.get().status() == HoldStatus.SETTLED) {
            checkPaid(reference.toString(), paid, hold.get().settledAmount().orElseThrow());
          } else {
            violate(
                Rule.ORPHAN_PAY,
                reference.toString(),
                "%s PAY transaction(s) but no charged use or settled hold",
                paid.size());
          }
        });
  }

  private void checkPaid(String subject, List<BigDecimal> paid, Money charged) {
    if (paid == null || paid.size() != 1) {
      violate(
          Rule.CHARGE_WITHOUT_ONE_PAY,
          subject,
          "charged %s with %s PAY transactions",
          charged,
          paid == null ? 0 : paid.size());
    } else if (paid.get(0).compareTo(charged.amount()) != 0) {
      violate(
          Rule.PAY_AMOUNT_MISMATCH,
          subject,
          "charged %s but PAY moved %s",
          charged,
          paid.get(0).toPlainString());
    }
  }

  private void violate(Rule rule, String subject, String template, Object... args) {
    violations.add(new Violation(rule, subject, String.format(java.util.Locale.ROOT, template, args)));
  }
}
