package dev.tally.core.port.out;

import dev.tally.core.model.BalanceStatus;
import dev.tally.core.model.CustomerBalance;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import java.util.Optional;
import java.util.function.Consumer;

/** Stores customer balances ({@code customer_balance}). */
public interface BalanceRepository {
  void insert(CustomerBalance balance);

  void update(CustomerBalance balance);

  Optional<CustomerBalance> find(OrgId orgId);

  /** Reads a balance and holds it until the unit of work ends. */
  Optional<CustomerBalance> lock(OrgId orgId);

  /** Balances, of one status or all, by org id. */
  Page<CustomerBalance> list(Optional<BalanceStatus> status, PageRequest page);

  void forEach(Consumer<CustomerBalance> action);
}
