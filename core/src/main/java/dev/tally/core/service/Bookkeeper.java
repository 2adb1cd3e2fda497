package dev.tally.core.service;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import dev.tally.core.model.AccountId;
import dev.tally.core.model.ChainHead;
import dev.tally.core.model.CustomerBalance;
import dev.tally.core.model.LedgerEntry;
import dev.tally.core.model.LedgerTransaction;
import dev.tally.core.model.Money;
import dev.tally.core.model.Posting;
import dev.tally.core.model.TransactionId;
import dev.tally.core.port.out.Repositories;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The only writer of the ledger and of balance amounts: appends a posting as numbered, hash-chained
 * legs and moves the customer's balance projection in the same unit of work, so that a balance
 * always equals the sum of its account.
 */
final class Bookkeeper {
  private final Environment env;

  Bookkeeper(Environment env) {
    this.env = env;
  }

  /** What a posting produced: its transaction and, for a customer posting, the new balance. */
  record Posted(LedgerTransaction transaction, Optional<CustomerBalance> balance) {}

  /**
   * Posts a transaction with exactly one customer leg, whose balance the caller has locked and
   * passes as {@code customer} (with any unsaved change, such as a released hold, applied).
   * Returns the saved balance.
   */
  Posted postForCustomer(
      Repositories repos, Posting posting, CustomerBalance customer, Instant now) {
    List<Posting.Leg> customerLegs =
        posting.legs().stream().filter(leg -> leg.account().isCustomer()).toList();
    checkArgument(customerLegs.size() == 1, "posting has one customer leg: %s", posting);
    checkArgument(
        customerLegs.get(0).account().equals(AccountId.customer(customer.orgId())),
        "posting is for customer %s",
        customer.orgId());
    return append(repos, posting, Optional.of(customer), now);
  }

  /** Posts a transaction without customer legs (a supplier cost). */
  Posted post(Repositories repos, Posting posting, Instant now) {
    checkArgument(
        posting.legs().stream().noneMatch(leg -> leg.account().isCustomer()),
        "customer postings go through postForCustomer: %s",
        posting);
    return append(repos, posting, Optional.empty(), now);
  }

  private Posted append(
      Repositories repos, Posting posting, Optional<CustomerBalance> customer, Instant now) {
    TreeSet<AccountId> accounts = new TreeSet<>();
    posting.legs().forEach(leg -> accounts.add(leg.account()));
    Map<AccountId, ChainHead> heads = new HashMap<>(repos.ledger().lockHeads(accounts));
    TransactionId id = TransactionId.of(env.newId());
    LocalDate bizDate = env.bizDate(now);
    ImmutableList.Builder<LedgerEntry> legs = ImmutableList.builder();
    Optional<CustomerBalance> moved = Optional.empty();
    for (Posting.Leg leg : posting.legs()) {
      ChainHead head = heads.get(leg.account());
      long sequence = head.sequence() + 1;
      Optional<Money> balanceAfter = Optional.empty();
      if (leg.account().isCustomer()) {
        CustomerBalance after =
            customer.orElseThrow().moved(leg.amount().toMoney(), sequence, posting.operation(), now);
        checkState(
            after.balance().compareTo(after.creditLimit().negate()) >= 0,
            "posting %s would take customer %s below minus its credit limit: %s",
            posting.operation(),
            after.orgId(),
            after.balance());
        balanceAfter = Optional.of(after.balance());
        moved = Optional.of(after);
      }
      String hash =
          LedgerEntry.hashOf(
              id, posting.operation(), leg.account(), sequence, leg.amount(), balanceAfter,
              posting.reference(), posting.memo(), now, bizDate, head.hash());
      legs.add(
          new LedgerEntry(
              id, posting.operation(), leg.account(), sequence, leg.amount(), balanceAfter,
              posting.reference(), posting.memo(), now, bizDate, head.hash(), hash));
      heads.put(leg.account(), new ChainHead(sequence, hash));
    }
    LedgerTransaction transaction = new LedgerTransaction(id, posting.operation(), legs.build());
    repos.ledger().append(transaction);
    moved.ifPresent(repos.balances()::update);
    return new Posted(transaction, moved);
  }
}
