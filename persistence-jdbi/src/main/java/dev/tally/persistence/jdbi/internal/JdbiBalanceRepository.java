package dev.tally.persistence.jdbi.internal;

import dev.tally.core.model.BalanceStatus;
import dev.tally.core.model.Currency;
import dev.tally.core.model.CustomerBalance;
import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.port.out.BalanceRepository;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.Update;

/** {@code customer_balance}: seed columns plus {@code held_amount}. */
final class JdbiBalanceRepository implements BalanceRepository {
  private static final String SELECT =
      "SELECT id, balance, currency, credit_limit, last_recharge, last_consumption, status,"
          + " sync_version, cached_at, held_amount";

  private static final RowMapper<CustomerBalance> MAPPER =
      (rs, ctx) -> {
        Currency currency = Currency.of(rs.getString("currency"));
        BigDecimal creditLimit = rs.getBigDecimal("credit_limit");
        String syncVersion = rs.getString("sync_version");
        return new CustomerBalance(
            OrgId.of(rs.getString("id")),
            new Money(rs.getBigDecimal("balance"), currency),
            new Money(creditLimit == null ? BigDecimal.ZERO : creditLimit, currency),
            new Money(rs.getBigDecimal("held_amount"), currency),
            Sql.optionalInstant(rs, "last_recharge"),
            Sql.optionalInstant(rs, "last_consumption"),
            BalanceStatus.fromCode(rs.getString("status")),
            syncVersion == null || syncVersion.isEmpty() ? 0 : Long.parseLong(syncVersion),
            Sql.instant(rs, "cached_at"));
      };

  private static final String UPDATE =
      """
      UPDATE customer_balance SET balance = :balance, currency = :currency,
        credit_limit = :credit_limit, last_recharge = :last_recharge,
        last_consumption = :last_consumption, status = :status,
        sync_version = :sync_version, cached_at = :cached_at,
        held_amount = :held_amount
      WHERE id = :id
      """;

  private final Handle handle;

  JdbiBalanceRepository(Handle handle) {
    this.handle = handle;
  }

  @Override
  public void insert(CustomerBalance balance) {
    bind(
            handle.createUpdate(
                """
                INSERT INTO customer_balance (id, balance, currency, credit_limit, last_recharge,
                  last_consumption, status, sync_version, cached_at, held_amount)
                VALUES (:id, :balance, :currency, :credit_limit, :last_recharge,
                  :last_consumption, :status, :sync_version, :cached_at, :held_amount)
                """),
            balance)
        .execute();
  }

  @Override
  public void update(CustomerBalance balance) {
    int updated = bind(handle.createUpdate(UPDATE), balance).execute();
    Rows.requireUpdated(updated, "customer_balance", balance.orgId());
  }

  @Override
  public void updateAll(Collection<CustomerBalance> balances) {
    if (balances.isEmpty()) {
      return;
    }
    PreparedBatch batch = handle.prepareBatch(UPDATE);
    balances.forEach(balance -> bind(batch, balance).add());
    Rows.requireEachUpdated(
        batch.execute(), "customer_balance", balances.stream().map(CustomerBalance::orgId).toList());
  }

  private static <S extends SqlStatement<S>> S bind(S statement, CustomerBalance balance) {
    return statement
        .bind("id", balance.orgId().value())
        .bind("currency", balance.currency().code())
        .bind("balance", balance.balance().amount())
        .bind("credit_limit", balance.creditLimit().amount())
        .bind("last_recharge", Sql.timestamp(balance.lastRecharge()))
        .bind("last_consumption", Sql.timestamp(balance.lastConsumption()))
        .bind("status", balance.status().code())
        .bind("sync_version", Long.toString(balance.ledgerSequence()))
        .bind("cached_at", Sql.timestamp(balance.cachedAt()))
        .bind("held_amount", balance.held().amount());
  }

  @Override
  public Optional<CustomerBalance> find(OrgId orgId) {
    return handle
        .createQuery(SELECT + " FROM customer_balance WHERE id = :id")
        .bind("id", orgId.value())
        .map(MAPPER)
        .findOne();
  }

  @Override
  public Optional<CustomerBalance> lock(OrgId orgId) {
    return handle
        .createQuery(SELECT + " FROM customer_balance WHERE id = :id FOR UPDATE")
        .bind("id", orgId.value())
        .map(MAPPER)
        .findOne();
  }

  @Override
  public Map<OrgId, CustomerBalance> lockAll(Collection<OrgId> orgIds) {
    if (orgIds.isEmpty()) {
      return Map.of();
    }
    // one statement; rows are locked as the sort returns them, so in id order
    try (Stream<CustomerBalance> rows =
        handle
            .createQuery(SELECT + " FROM customer_balance WHERE id IN (<ids>) ORDER BY id FOR UPDATE")
            .bindList("ids", orgIds.stream().map(OrgId::value).distinct().toList())
            .map(MAPPER)
            .stream()) {
      return rows.collect(Collectors.toMap(CustomerBalance::orgId, balance -> balance));
    }
  }

  @Override
  public Page<CustomerBalance> list(Optional<BalanceStatus> status, PageRequest page) {
    return Paging.page(
        handle,
        SELECT,
        "customer_balance",
        new Conditions().equal("status", status.map(BalanceStatus::code)),
        "id",
        page,
        MAPPER);
  }

  @Override
  public void forEach(Consumer<CustomerBalance> action) {
    try (Stream<CustomerBalance> rows =
        handle.createQuery(SELECT + " FROM customer_balance ORDER BY id").map(MAPPER).stream()) {
      rows.forEach(action);
    }
  }
}
