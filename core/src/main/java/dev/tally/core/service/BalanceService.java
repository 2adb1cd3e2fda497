package dev.tally.core.service;

import dev.tally.core.error.ErrorCode;
import dev.tally.core.error.TallyException;
import dev.tally.core.model.AccountId;
import dev.tally.core.model.BalanceStatus;
import dev.tally.core.model.Currency;
import dev.tally.core.model.CustomerBalance;
import dev.tally.core.model.LedgerTransaction;
import dev.tally.core.model.Money;
import dev.tally.core.model.Operation;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.Posting;
import dev.tally.core.model.Reference;
import dev.tally.core.port.in.Adjust;
import dev.tally.core.port.in.Balances;
import dev.tally.core.port.in.Recharge;
import dev.tally.core.port.out.Repositories;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Customer balances: opening, recharges, adjustments, credit limits and suspension. */
final class BalanceService implements Balances {
  private final Environment env;
  private final Bookkeeper bookkeeper;

  BalanceService(Environment env, Bookkeeper bookkeeper) {
    this.env = env;
    this.bookkeeper = bookkeeper;
  }

  /** Locks the org's balance, opening an empty one in {@code currency} if it has none. */
  static CustomerBalance lockOrOpen(
      Repositories repos, OrgId org, Currency currency, Instant now) {
    Optional<CustomerBalance> existing = repos.balances().lock(org);
    if (existing.isPresent()) {
      return existing.get();
    }
    CustomerBalance opened = CustomerBalance.open(org, currency, now);
    repos.balances().insert(opened);
    return opened;
  }

  @Override
  public CustomerBalance open(OrgId orgId, Currency currency) {
    return env.unitOfWork()
        .inTransaction(
            repos -> {
              if (repos.balances().find(orgId).isPresent()) {
                throw TallyException.of(
                    ErrorCode.ALREADY_EXISTS, "customer %s has a balance already", orgId);
              }
              CustomerBalance opened = CustomerBalance.open(orgId, currency, env.now());
              repos.balances().insert(opened);
              return opened;
            });
  }

  @Override
  public CustomerBalance balance(OrgId orgId) {
    return env.unitOfWork().inTransaction(repos -> Lookups.balance(repos, orgId));
  }

  @Override
  public Page<CustomerBalance> balances(Optional<BalanceStatus> status, PageRequest page) {
    return env.unitOfWork().inTransaction(repos -> repos.balances().list(status, page));
  }

  @Override
  public CustomerBalance recharge(Recharge command) {
    return env.unitOfWork()
        .inTransaction(
            repos -> {
              Instant now = env.now();
              CustomerBalance balance =
                  lockOrOpen(repos, command.orgId(), command.amount().currency(), now);
              balance.requireCurrency(command.amount().currency());
              Reference reference =
                  new Reference(
                      Reference.RECHARGE,
                      command.reference().orElseGet(env::newId));
              if (command.reference().isPresent()
                  && alreadyRecharged(repos, command, reference)) {
                return balance;
              }
              Posting posting =
                  Posting.transfer(
                      Operation.RECHARGE,
                      reference,
                      command.memo(),
                      AccountId.cash(),
                      AccountId.customer(command.orgId()),
                      command.amount().toLedger());
              return bookkeeper.postForCustomer(repos, posting, balance, now).balance().orElseThrow();
            });
  }

  /**
   * True when this customer's recharge with the same reference was applied already; a different
   * amount under the same reference is a conflict. The balance lock serialises the check.
   */
  private static boolean alreadyRecharged(
      Repositories repos, Recharge command, Reference reference) {
    AccountId account = AccountId.customer(command.orgId());
    List<LedgerTransaction> earlier =
        repos.ledger().findByReference(reference).stream()
            .filter(tx -> tx.operation() == Operation.RECHARGE)
            .filter(tx -> tx.legs().stream().anyMatch(leg -> leg.account().equals(account)))
            .toList();
    if (earlier.isEmpty()) {
      return false;
    }
    boolean sameAmount =
        earlier.get(0).legs().stream()
            .filter(leg -> leg.account().equals(account))
            .allMatch(leg -> leg.amount().equals(command.amount().toLedger()));
    if (!sameAmount) {
      throw TallyException.of(
          ErrorCode.IDEMPOTENCY_CONFLICT,
          "recharge %s of customer %s was applied already with another amount",
          reference.id(),
          command.orgId());
    }
    return true;
  }

  @Override
  public CustomerBalance adjust(Adjust command) {
    return env.unitOfWork()
        .inTransaction(
            repos -> {
              Instant now = env.now();
              CustomerBalance balance = Lookups.lockedBalance(repos, command.orgId());
              balance.requireCurrency(command.amount().currency());
              if (command.amount().isNegative()
                  && balance.available().compareTo(command.amount().negate()) < 0) {
                throw TallyException.of(
                    ErrorCode.INSUFFICIENT_BALANCE,
                    "customer %s has %s available; a debit of %s would exceed its credit limit",
                    command.orgId(),
                    balance.available(),
                    command.amount().negate());
              }
              Posting posting =
                  Posting.transfer(
                      Operation.ADJUST,
                      new Reference(Reference.ADJUSTMENT, env.newId()),
                      command.reason(),
                      AccountId.adjustment(),
                      AccountId.customer(command.orgId()),
                      command.amount().toLedger());
              return bookkeeper.postForCustomer(repos, posting, balance, now).balance().orElseThrow();
            });
  }

  @Override
  public CustomerBalance setCreditLimit(OrgId orgId, Money creditLimit) {
    if (creditLimit.isNegative()) {
      throw TallyException.invalid("credit limit is negative: %s", creditLimit);
    }
    return env.unitOfWork()
        .inTransaction(
            repos -> {
              Instant now = env.now();
              CustomerBalance balance = lockOrOpen(repos, orgId, creditLimit.currency(), now);
              balance.requireCurrency(creditLimit.currency());
              CustomerBalance changed = balance.withCreditLimit(creditLimit, now);
              if (changed.available().isNegative()) {
                throw TallyException.of(
                    ErrorCode.CREDIT_LIMIT_TOO_LOW,
                    "customer %s has committed %s beyond its balance; the credit limit must be at"
                        + " least that",
                    orgId,
                    balance.held().minus(balance.balance()));
              }
              repos.balances().update(changed);
              return changed;
            });
  }

  @Override
  public CustomerBalance suspend(OrgId orgId) {
    return env.unitOfWork()
        .inTransaction(
            repos -> {
              CustomerBalance changed = Lookups.lockedBalance(repos, orgId).suspended(env.now());
              repos.balances().update(changed);
              return changed;
            });
  }

  @Override
  public CustomerBalance resume(OrgId orgId) {
    return env.unitOfWork()
        .inTransaction(
            repos -> {
              CustomerBalance changed = Lookups.lockedBalance(repos, orgId).resumed(env.now());
              repos.balances().update(changed);
              return changed;
            });
  }
}
