package dev.tally.core.service;

import dev.tally.core.model.AccountId;
import dev.tally.core.model.ChainHead;
import dev.tally.core.model.Hold;
import dev.tally.core.model.HoldId;
import dev.tally.core.model.HoldStatus;
import dev.tally.core.model.LedgerEntry;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

  /**
   * Every transaction sums to zero and lies in one chain; PAY amounts are collected per reference
   * for later checks.
   */
  private void checkTransactions() {
    repos
        .ledger()
        .forEachTransaction(
            legs -> {
              transactions++;
              LedgerEntry first = legs.get(0);
              String id = first.transactionId().value();
              BigDecimal sum =
                  legs.stream()
                      .map(leg -> leg.amount().amount())
                      .reduce(BigDecimal.ZERO, BigDecimal::add);
              if (sum.signum() != 0) {
                violate(
                    Rule.UNBALANCED_TRANSACTION,
                    id,
                    "legs of %s sum to %s",
                    first.operation().code(),
                    sum.toPlainString());
              }
              if (!inOneChain(legs) && !eachInItsAccountsChain(legs)) {
                violate(
                    Rule.SPLIT_TRANSACTION,
                    id,
                    "legs are in the chains %s",
                    legs.stream().map(leg -> leg.chain().toString()).distinct().toList());
              }
              if (first.operation() == Operation.PAY) {
                payments
                    .computeIfAbsent(first.reference(), ref -> new ArrayList<>())
                    .add(customerDebit(legs));
              }
            });
  }

  private static boolean inOneChain(List<LedgerEntry> legs) {
    return legs.stream().allMatch(leg -> leg.chain().equals(legs.get(0).chain()));
  }

  /** The layout of the legs written before chains per customer: one chain per account. */
  private static boolean eachInItsAccountsChain(List<LedgerEntry> legs) {
    return legs.stream().allMatch(leg -> leg.chain().equals(leg.account()));
  }

  private static BigDecimal customerDebit(List<LedgerEntry> legs) {
    return legs.stream()
        .filter(leg -> leg.account().isCustomer())
        .map(leg -> leg.amount().amount().negate())
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /**
   * Sequences, predecessor hashes and hashes follow in each chain, and each chain ends at its head;
   * each customer leg's balance_after is the running sum of its account (all of a customer's legs
   * are in its own chain, so chain order is the account's order).
   */
  private void checkChains() {
    Map<AccountId, ChainHead> heads = new HashMap<>();
    repos.ledger().forEachHead(heads::put);
    AccountId[] chain = {null};
    ChainHead[] last = {ChainHead.GENESIS};
    Set<AccountId> seenAccounts = new HashSet<>();
    repos
        .ledger()
        .forEachEntryByChain(
            entry -> {
              entries++;
              if (!entry.chain().equals(chain[0])) {
                if (chain[0] != null) {
                  checkHead(chain[0], last[0], heads.remove(chain[0]));
                }
                chain[0] = entry.chain();
                last[0] = ChainHead.GENESIS;
              }
              checkLink(entry, last[0]);
              if (seenAccounts.add(entry.account())) {
                accounts++;
              }
              if (entry.account().isCustomer()) {
                checkBalanceAfter(
                    entry,
                    customerSums.merge(
                        entry.account().owner(), entry.amount().amount(), BigDecimal::add));
              }
              last[0] = new ChainHead(entry.sequence(), entry.hash());
            });
    if (chain[0] != null) {
      checkHead(chain[0], last[0], heads.remove(chain[0]));
    }
    // heads of chains without legs: only a head that never moved past genesis is right
    heads.forEach((emptyChain, head) -> checkHead(emptyChain, ChainHead.GENESIS, head));
  }

  private void checkLink(LedgerEntry entry, ChainHead previous) {
    String where = entry.chain() + "#" + entry.sequence();
    if (entry.sequence() != previous.sequence() + 1) {
      violate(Rule.BROKEN_CHAIN, where, "expected sequence %s", previous.sequence() + 1);
    }
    if (!entry.previousHash().equals(previous.hash())) {
      violate(Rule.BROKEN_CHAIN, where, "previous hash does not match the leg before it");
    }
    if (!entry.hash().equals(entry.expectedHash())) {
      violate(Rule.BROKEN_CHAIN, where, "hash does not match the leg's content");
    }
  }

  /** A removed last leg or an appended one leaves the head ({@code ledger_head}) elsewhere. */
  private void checkHead(AccountId chain, ChainHead lastLeg, ChainHead stored) {
    if (stored == null) {
      violate(Rule.BROKEN_CHAIN, chain.toString(), "the chain has legs but no head");
    } else if (!stored.equals(lastLeg)) {
      violate(
          Rule.BROKEN_CHAIN,
          chain.toString(),
          "the head is at #%s but the chain's last leg is #%s",
          stored.sequence(),
          lastLeg.sequence());
    }
  }

  private void checkBalanceAfter(LedgerEntry entry, BigDecimal running) {
    Optional<Money> after = entry.balanceAfter();
    if (after.isEmpty() || after.get().amount().compareTo(running) != 0) {
      violate(
          Rule.BALANCE_AFTER_MISMATCH,
          entry.chain() + "#" + entry.sequence(),
          "balance_after of %s is %s but its legs so far sum to %s",
          entry.account(),
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
