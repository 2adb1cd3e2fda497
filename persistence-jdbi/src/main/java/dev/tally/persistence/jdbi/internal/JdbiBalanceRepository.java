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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

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

  private static final String INSERT =
      """
      INSERT INTO customer_balance (balance, currency, credit_limit, last_recharge,
        last_consumption, status, sync_version, cached_at, held_amount, id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """;

  private static final String UPDATE =
      """
      UPDATE customer_balance SET balance = ?, currency = ?, credit_limit = ?,
        last_recharge = ?, last_consumption = ?, status = ?, sync_version = ?, cached_at = ?,
        held_amount = ?
      WHERE id = ?
      """;

  private final Handle handle;

  JdbiBalanceRepository(Handle handle) {
    this.handle = handle;
  }

  @Override
  public void insert(CustomerBalance balance) {
    try (DirectBatch row = DirectBatch.prepare(handle, INSERT)) {
      bind(row, balance).addRow();
      row.execute();
    }
  }

  @Override
  public void update(CustomerBalance balance) {
    updateAll(List.of(balance));
  }

  @Override
  public void updateAll(Collection<CustomerBalance> balances) {
    if (balances.isEmpty()) {
      return;
    }
    try (DirectBatch batch = DirectBatch.prepare(handle, UPDATE)) {
      balances.forEach(balance -> bind(batch, balance).addRow());
      Rows.requireEachUpdated(
          batch.execute(),
          "customer_balance",
          balances.stream().map(CustomerBalance::orgId).toList());
    }
  }

  /** The values of {@link #INSERT} and {@link #UPDATE}, in their order. */
  private static DirectBatch bind(DirectBatch row, CustomerBalance balance) {
    return row.decimal(balance.balance().amount())
        .string(balance.currency().code())
        .decimal(balance.creditLimit().amount())
        .timestamp(balance.lastRecharge().orElse(null))
        .timestamp(balance.lastConsumption().orElse(null))
        .string(balance.status().code())
        .string(Long.toString(balance.ledgerSequence()))
        .timestamp(balance.cachedAt())
        .decimal(balance.held().amount())
        .string(balance.orgId().value());
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
    List<String> ids = orgIds.stream().map(OrgId::value).distinct().toList();
    String sql =
        SELECT
            + " FROM customer_balance WHERE id IN ("
            + DirectQuery.placeholders(ids.size())
            + ") ORDER BY id FOR UPDATE";
    return DirectQuery.list(handle, sql, ids, MAPPER).stream()
        .collect(Collectors.toMap(CustomerBalance::orgId, balance -> balance));
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
