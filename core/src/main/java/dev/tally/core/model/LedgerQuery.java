package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Instant;
import java.util.Optional;

/**
 * Filters of the ledger's records (legs); {@code from} inclusive, {@code to} exclusive, on the
 * time a leg was written. Results come newest first.
 */
public record LedgerQuery(
    Optional<AccountId> account,
    Optional<Operation> operation,
    Optional<Instant> from,
    Optional<Instant> to) {

  public static final LedgerQuery ALL =
      new LedgerQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  public LedgerQuery {
    checkNotNull(account, "account");
    checkNotNull(operation, "operation");
    checkNotNull(from, "from");
    checkNotNull(to, "to");
    checkArgument(
        from.isEmpty() || to.isEmpty() || from.get().isBefore(to.get()), "from must be before to");
  }

  public static LedgerQuery forAccount(AccountId account) {
    return new LedgerQuery(Optional.of(account), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** True when {@code entry} passes every filter. */
  public boolean matches(LedgerEntry entry) {
    return account.map(entry.account()::equals).orElse(true)
        && operation.map(op -> entry.operation() == op).orElse(true)
        && from.map(start -> !entry.createdAt().isBefore(start)).orElse(true)
        && to.map(end -> entry.createdAt().isBefore(end)).orElse(true);
  }
}
