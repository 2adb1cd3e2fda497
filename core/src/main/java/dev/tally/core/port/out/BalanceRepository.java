package dev.tally.core.port.out;

import dev.tally.core.model.BalanceStatus;
import dev.tally.core.model.CustomerBalance;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Stores customer balances ({@code customer_balance}). */
public interface BalanceRepository {
  void insert(CustomerBalance balance);

  void update(CustomerBalance balance);

  Optional<CustomerBalance> find(OrgId orgId);

  /** Reads a balance and holds it until the unit of work ends. */
  Optional<CustomerBalance> lock(OrgId orgId);

  /**
   * Reads the balances of {@code orgIds} and holds them until the unit of work ends, locking in org
   * id order (one statement where the storage allows); orgs without a balance are absent.
   */
  default Map<OrgId, CustomerBalance> lockAll(Collection<OrgId> orgIds) {
    Map<OrgId, CustomerBalance> locked = new HashMap<>();
    orgIds.stream()
        .distinct()
        .sorted(Comparator.comparing(OrgId::value))
        .forEach(orgId -> lock(orgId).ifPresent(balance -> locked.put(orgId, balance)));
    return locked;
  }

  /** Updates each balance, as {@link #update} does, in one round trip where the storage allows. */
  default void updateAll(Collection<CustomerBalance> balances) {
    balances.forEach(this::update);
  }

  /** Balances, of one status or all, by org id. */
  Page<CustomerBalance> list(Optional<BalanceStatus> status, PageRequest page);

  void forEach(Consumer<CustomerBalance> action);
}
