package dev.tally.core.testing;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.model.BalanceStatus;
import dev.tally.core.model.CustomerBalance;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.port.out.BalanceRepository;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Customer balances in memory. Every unit of work of the store is serialized, so {@link #lock} is
 * a plain read. Not thread-safe: used under the {@link InMemoryStore}'s lock.
 */
final class InMemoryBalanceRepository implements BalanceRepository {
  private final Table<OrgId, CustomerBalance> balances;

  InMemoryBalanceRepository(InMemoryStore store) {
    this.balances = new Table<>(store, "customer balance", Comparator.comparing(OrgId::value));
  }

  @Override
  public void insert(CustomerBalance balance) {
    checkNotNull(balance, "balance");
    balances.insert(balance.orgId(), balance);
  }

  @Override
  public void update(CustomerBalance balance) {
    checkNotNull(balance, "balance");
    balances.update(balance.orgId(), balance);
  }

  @Override
  public Optional<CustomerBalance> find(OrgId orgId) {
    return balances.find(orgId);
  }

  @Override
  public Optional<CustomerBalance> lock(OrgId orgId) {
    return balances.find(orgId);
  }

  @Override
  public Page<CustomerBalance> list(Optional<BalanceStatus> status, PageRequest page) {
    checkNotNull(status, "status");
    return Pages.of(
        balances.stream()
            .filter(balance -> status.map(wanted -> balance.status() == wanted).orElse(true))
            .toList(),
        page);
  }

  @Override
  public void forEach(Consumer<CustomerBalance> action) {
    checkNotNull(action, "action");
    // a snapshot, so that the action may write balances
    List.copyOf(balances.rows()).forEach(action);
  }
}
