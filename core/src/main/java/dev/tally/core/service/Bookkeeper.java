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
import java.util.List;
import java.util.Optional;

/**
 * The only writer of the ledger and of balance amounts: appends a posting as numbered, hash-chained
 * legs and moves the customer's balance projection in the same unit of work, so that a balance
 * always equals the sum of its account.
 *
 * <p>Every leg of a posting goes into one chain, the customer's: its revenue, cost and payable legs
 * too. So a use locks only its own customer's chain head (beside the customer's balance row, which
 * it locks anyway), and uses of different customers of one reseller never wait for each other.
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
   * passes as {@code customer} (with any unsaved change, such as a released hold, applied), into
   * that customer's chain. Returns the saved balance.
   */
  Posted postForCustomer(
      Repositories repos, Posting posting, CustomerBalance customer, Instant now) {
    List<Posting.Leg> customerLegs =
        posting.legs().stream().filter(leg -> leg.account().isCustomer()).toList();
    checkArgument(customerLegs.size() == 1, "posting has one customer leg: %s", posting);
    AccountId account = AccountId.customer(customer.orgId());
    checkArgument(
        customerLegs.get(0).account().equals(account),
        "posting is for customer %s",
        customer.orgId());
    return append(repos, account, posting, Optional.of(customer), now);
  }

  /**
   * Posts a transaction without customer legs (a supplier cost) into {@code chain}: the chain of
   * the customer whose use caused it, so that the use locks no chain but its customer's.
   */
  Posted post(Repositories repos, AccountId chain, Posting posting, Instant now) {
    checkArgument(
        posting.legs().stream().noneMatch(leg -> leg.account().isCustomer()),
        "customer postings go through postForCustomer: %s",
        posting);
    return append(repos, chain, posting, Optional.empty(), now);
  }

  private Posted append(
      Repositories repos,
      AccountId chain,
      Posting posting,
      Optional<CustomerBalance> customer,
      Instant now) {
    ChainHead head = repos.ledger().lockHeads(List.of(chain)).get(chain);
    TransactionId id = TransactionId.of(env.newId());
    LocalDate bizDate = env.bizDate(now);
    ImmutableList.Builder<LedgerEntry> legs = ImmutableList.builder();
    Optional<CustomerBalance> moved = Optional.empty();
    for (Posting.Leg leg : posting.legs()) {
      long sequence = head.sequence() + 1;
      Optional<Money> balanceAfter = Optional.empty();
      if (leg.account().isCustomer()) {
        // sync_version: the customer's last leg in its own chain, so it grows with every move
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
              id, posting.operation(), leg.account(), chain, sequence, leg.amount(), balanceAfter,
              posting.reference(), posting.memo(), now, bizDate, head.hash(), hash));
      head = new ChainHead(sequence, hash);
    }
    LedgerTransaction transaction = new LedgerTransaction(id, posting.operation(), legs.build());
    repos.ledger().append(transaction);
    moved.ifPresent(repos.balances()::update);
    return new Posted(transaction, moved);
  }
}
