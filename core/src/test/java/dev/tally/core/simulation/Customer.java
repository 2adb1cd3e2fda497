package dev.tally.core.simulation;

import dev.tally.core.model.Operation;
import dev.tally.core.model.OrgId;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The simulation's own account of one customer org, kept from the outcomes of accepted operations
 * only and compared with Tally's balance after every step: whether it has a balance, what the
 * balance should be, its credit limit, whether an admin suspended it, the recharge references it
 * used, and the sum of its customer legs per ledger operation. Not thread-safe.
 */
final class Customer {
  final OrgId org;
  boolean opened;
  BigDecimal balance = BigDecimal.ZERO;
  BigDecimal creditLimit = BigDecimal.ZERO;
  boolean suspended;
  final Map<String, BigDecimal> rechargeReferences = new LinkedHashMap<>();
  final Map<Operation, BigDecimal> legTotals = new EnumMap<>(Operation.class);

  Customer(OrgId org) {
    this.org = org;
  }

  /** Records a customer leg of {@code delta} written by {@code operation}. */
  void move(Operation operation, BigDecimal delta) {
    balance = balance.add(delta);
    legTotals.merge(operation, delta, BigDecimal::add);
  }

  /** balance + credit limit - held, as {@code CustomerBalance.available()} defines it. */
  BigDecimal available(BigDecimal held) {
    return balance.add(creditLimit).subtract(held);
  }
}
