package dev.tally.core.service;

import dev.tally.core.error.ErrorCode;
import dev.tally.core.error.TallyException;
import dev.tally.core.model.AccountId;
import dev.tally.core.model.CustomerBalance;
import dev.tally.core.model.Hold;
import dev.tally.core.model.HoldId;
import dev.tally.core.model.HoldStatus;
import dev.tally.core.model.Money;
import dev.tally.core.model.Operation;
import dev.tally.core.model.Posting;
import dev.tally.core.model.Product;
import dev.tally.core.model.Reference;
import dev.tally.core.port.in.Holds;
import dev.tally.core.port.in.ReserveHold;
import dev.tally.core.port.out.Repositories;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Holds: a reservation lowers what the customer can commit without moving money; settling charges
 * the actual amount as a PAY to the product's owner and releases the rest. A hold granted before a
 * suspension can still be settled (the service was authorised); a suspended customer gets no new
 * hold.
 */
final class HoldService implements Holds {
  private static final int EXPIRY_BATCH = 100;

  private final Environment env;
  private final Bookkeeper bookkeeper;

  HoldService(Environment env, Bookkeeper bookkeeper) {
    this.env = env;
    this.bookkeeper = bookkeeper;
  }

  @Override
  public Hold reserve(ReserveHold command) {
    return env.unitOfWork()
        .inTransaction(
            repos -> {
              Instant now = env.now();
              Product product = Lookups.product(repos, command.productId());
              if (!product.isOnSale()) {
                throw TallyException.of(
                    ErrorCode.INVALID_STATE,
                    "product %s is %s; holds are for products on sale",
                    product.id(),
                    product.status().code());
              }
              CustomerBalance balance =
                  repos
                      .balances()
                      .lock(command.orgId())
                      .orElseThrow(
                          () ->
                              TallyException.of(
                                  ErrorCode.INSUFFICIENT_BALANCE,
                                  "customer %s has no balance to hold %s from; recharge it first",
                                  command.orgId(),
                                  command.amount()));
              balance.requireCanPay(command.amount(), "a hold");
              Hold hold =
                  new Hold(
                      HoldId.of(env.newId()),
                      command.orgId(),
                      command.userId(),
                      command.productId(),
                      command.amount(),
                      HoldStatus.HELD,
                      Optional.empty(),
                      now,
                      now.plus(command.ttl()),
                      Optional.empty());
              repos.holds().insert(hold);
              repos.balances().update(balance.withHeld(balance.held().plus(command.amount()), now));
              return hold;
            });
  }

  @Override
  public Hold settle(HoldId id, Money actual) {
    if (actual.isNegative()) {
      throw TallyException.invalid("a settled amount cannot be negative: %s", actual);
    }
    return env.unitOfWork()
        .inTransaction(
            repos -> {
              Instant now = env.now();
              CustomerBalance balance =
                  Lookups.lockedBalance(repos, Lookups.hold(repos, id).orgId());
              Hold hold = openHold(repos, id);
              if (hold.isExpiredAt(now)) {
                throw TallyException.of(
                    ErrorCode.HOLD_EXPIRED,
                    "hold %s expired at %s; it can no longer be settled",
                    id,
                    hold.expiresAt());
              }
              balance.requireCurrency(actual.currency());
              if (actual.compareTo(hold.amount()) > 0) {
                throw TallyException.invalid(
                    "hold %s reserved %s; it cannot settle %s", id, hold.amount(), actual);
              }
              CustomerBalance released = release(balance, hold, now);
              if (actual.isPositive()) {
                Product product = Lookups.product(repos, hold.productId());
                Posting posting =
                    Posting.transfer(
                        Operation.PAY,
                        Reference.hold(hold.id()),
                        "settled hold",
                        AccountId.customer(hold.orgId()),
                        AccountId.revenue(product.ownerOrgId()),
                        actual.toLedger());
                bookkeeper.postForCustomer(repos, posting, released, now);
              } else {
                repos.balances().update(released);
              }
              Hold settled = hold.settled(actual, now);
              repos.holds().update(settled);
              return settled;
            });
  }

  @Override
  public Hold voidHold(HoldId id) {
    return env.unitOfWork()
        .inTransaction(
            repos -> {
              Instant now = env.now();
              CustomerBalance balance =
                  Lookups.lockedBalance(repos, Lookups.hold(repos, id).orgId());
              Hold hold = openHold(repos, id);
              repos.balances().update(release(balance, hold, now));
              Hold voided = hold.released(HoldStatus.VOIDED, now);
              repos.holds().update(voided);
              return voided;
            });
  }

  @Override
  public Hold hold(HoldId id) {
    return env.unitOfWork().inTransaction(repos -> Lookups.hold(repos, id));
  }

  @Override
  public int expireDue() {
    int expired = 0;
    while (true) {
      Instant now = env.now();
      List<Hold> due =
          env.unitOfWork().inTransaction(repos -> repos.holds().findExpired(now, EXPIRY_BATCH));
      if (due.isEmpty()) {
        return expired;
      }
      for (Hold hold : due) {
        if (expire(hold.id(), now)) {
          expired++;
        }
      }
    }
  }

  /** Expires one hold unless it was closed meanwhile; true when this call expired it. */
  private boolean expire(HoldId id, Instant now) {
    return env.unitOfWork()
        .inTransaction(
            repos -> {
              CustomerBalance balance =
                  Lookups.lockedBalance(repos, Lookups.hold(repos, id).orgId());
              Hold hold = repos.holds().lock(id).orElseThrow();
              if (!hold.isHeld() || !hold.isExpiredAt(now)) {
                return false;
              }
              repos.balances().update(release(balance, hold, now));
              repos.holds().update(hold.released(HoldStatus.EXPIRED, now));
              return true;
            });
  }

  private static Hold openHold(Repositories repos, HoldId id) {
    Hold hold = repos.holds().lock(id).orElseThrow(() -> TallyException.notFound("hold", id));
    if (!hold.isHeld()) {
      throw TallyException.of(
          ErrorCode.HOLD_NOT_ACTIVE, "hold %s is %s already", id, hold.status().code());
    }
    return hold;
  }

  private static CustomerBalance release(CustomerBalance balance, Hold hold, Instant now) {
    return balance.withHeld(balance.held().minus(hold.amount()), now);
  }
}
