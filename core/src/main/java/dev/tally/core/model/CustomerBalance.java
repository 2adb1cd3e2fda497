package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.error.ErrorCode;
import dev.tally.core.error.TallyException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * A customer org's prepaid balance ({@code customer_balance}): the projection of its {@code
 * customer:<org>} ledger account, kept in step with the entries in the same transaction. The
 * amount a customer can still spend is {@link #available()}: balance plus credit limit minus what
 * open holds reserve. Immutable.
 *
 * @param held the sum of the amounts of the customer's open holds
 * @param ledgerSequence the sequence of the last ledger entry applied ({@code sync_version})
 */
public record CustomerBalance(
    OrgId orgId,
    Money balance,
    Money creditLimit,
    Money held,
    Optional<Instant> lastRecharge,
    Optional<Instant> lastConsumption,
    BalanceStatus status,
    long ledgerSequence,
    Instant cachedAt) {

  public CustomerBalance {
    checkNotNull(orgId, "org id");
    checkNotNull(balance, "balance");
    checkNotNull(creditLimit, "credit limit");
    checkArgument(!creditLimit.isNegative(), "credit limit is negative: %s", creditLimit);
    checkNotNull(held, "held");
    checkArgument(!held.isNegative(), "held amount is negative: %s", held);
    checkArgument(
        balance.currency().equals(creditLimit.currency())
            && balance.currency().equals(held.currency()),
        "balance, credit limit and held amount share one currency");
    checkNotNull(lastRecharge, "last recharge");
    checkNotNull(lastConsumption, "last consumption");
    checkNotNull(status, "status");
    checkArgument(ledgerSequence >= 0, "ledger sequence is negative");
    checkNotNull(cachedAt, "cachedAt");
  }

  /** A new, empty balance in {@code currency}. */
  public static CustomerBalance open(OrgId orgId, Currency currency, Instant now) {
    Money zero = Money.zero(currency);
    return new CustomerBalance(
        orgId, zero, zero, zero, Optional.empty(), Optional.empty(), BalanceStatus.ACTIVE, 0, now);
  }

  public Currency currency() {
    return balance.currency();
  }

  /** What the customer can still commit: balance + credit limit - held. */
  public Money available() {
    return balance.plus(creditLimit).minus(held);
  }

  public boolean isSuspended() {
    return status == BalanceStatus.SUSPENDED;
  }

  /**
   * Refuses a charge of {@code amount} for {@code purpose} unless the customer is not suspended
   * and its available amount covers it; a charge never takes the balance below minus the credit
   * limit.
   */
  public void requireCanPay(Money amount, String purpose) {
    requireNotSuspended();
    requireCurrency(amount.currency());
    if (available().compareTo(amount) < 0) {
      throw TallyException.of(
          ErrorCode.INSUFFICIENT_BALANCE,
          "customer %s cannot pay %s for %s: available is %s (balance %s, credit limit %s, held %s)",
          orgId,
          amount,
          purpose,
          available(),
          balance,
          creditLimit,
          held);
    }
  }

  /** Refuses anything that charges a suspended customer. */
  public void requireNotSuspended() {
    if (isSuspended()) {
      throw TallyException.of(
          ErrorCode.CUSTOMER_SUSPENDED,
          "customer %s is suspended; an admin must resume it first",
          orgId);
    }
  }

  /** Refuses an amount in a currency other than the customer's; Tally never converts. */
  public void requireCurrency(Currency other) {
    if (!currency().equals(other)) {
      throw TallyException.of(
          ErrorCode.CURRENCY_MISMATCH,
          "customer %s is billed in %s, not %s",
          orgId,
          currency(),
          other);
    }
  }

  /**
   * This balance after a ledger entry moved it by {@code delta}: arrears below zero, active again
   * at or above zero, and suspended stays suspended.
   */
  public CustomerBalance moved(
      Money delta, long sequence, Operation operation, Instant now) {
    requireStorable(balance.amount().add(delta.amount()), creditLimit.amount());
    Money newBalance = balance.plus(delta);
    Optional<Instant> recharged = operation == Operation.RECHARGE ? Optional.of(now) : lastRecharge;
    Optional<Instant> consumed =
        delta.isNegative() && operation != Operation.ADJUST ? Optional.of(now) : lastConsumption;
    return new CustomerBalance(
        orgId, newBalance, creditLimit, held, recharged, consumed, statusFor(newBalance, status),
        sequence, now);
  }

  /**
   * Refuses ({@code amount_out_of_range}) a balance, or a balance plus credit limit (what {@link
   * #available()} starts from), past the largest amount Tally stores.
   */
  private void requireStorable(BigDecimal newBalance, BigDecimal newCreditLimit) {
    if (!Decimals.fits(newBalance, Rounding.MONEY_SCALE, Rounding.MONEY_INTEGER_DIGITS)
        || !Decimals.fits(newBalance.add(newCreditLimit), Rounding.MONEY_SCALE, Rounding.MONEY_INTEGER_DIGITS)) {
      throw TallyException.of(
          ErrorCode.AMOUNT_OUT_OF_RANGE,
          "customer %s would have a balance of %s and a credit limit of %s; each, and the two"
              + " together, must stay below %s, the largest amount Tally stores",
          orgId,
          newBalance.toPlainString(),
          newCreditLimit.toPlainString(),
          BigDecimal.TEN.pow(Rounding.MONEY_INTEGER_DIGITS).toPlainString());
    }
  }

  public CustomerBalance withHeld(Money newHeld, Instant now) {
    return new CustomerBalance(
        orgId, balance, creditLimit, newHeld, lastRecharge, lastConsumption, status,
        ledgerSequence, now);
  }

  public CustomerBalance withCreditLimit(Money newLimit, Instant now) {
    requireStorable(balance.amount(), newLimit.amount());
    return new CustomerBalance(
        orgId, balance, newLimit, held, lastRecharge, lastConsumption, status, ledgerSequence,
        now);
  }

  public CustomerBalance suspended(Instant now) {
    return new CustomerBalance(
        orgId, balance, creditLimit, held, lastRecharge, lastConsumption,
        BalanceStatus.SUSPENDED, ledgerSequence, now);
  }

  /** Lifts a suspension: the status follows the balance again. */
  public CustomerBalance resumed(Instant now) {
    return new CustomerBalance(
        orgId, balance, creditLimit, held, lastRecharge, lastConsumption,
        statusFor(balance, BalanceStatus.ACTIVE), ledgerSequence, now);
  }

  private static BalanceStatus statusFor(Money balance, BalanceStatus current) {
    if (current == BalanceStatus.SUSPENDED) {
      return current;
    }
    return balance.isNegative() ? BalanceStatus.ARREARS : BalanceStatus.ACTIVE;
  }
}
