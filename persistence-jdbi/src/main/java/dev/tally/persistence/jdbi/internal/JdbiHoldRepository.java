package dev.tally.persistence.jdbi.internal;

import dev.tally.core.model.Currency;
import dev.tally.core.model.Hold;
import dev.tally.core.model.HoldId;
import dev.tally.core.model.HoldStatus;
import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.UserId;
import dev.tally.core.port.out.HoldRepository;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** {@code balance_hold}. */
final class JdbiHoldRepository implements HoldRepository {
  private static final String SELECT =
      "SELECT id, user_org_id, user_id, product_id, amount, currency, status, settled_amount,"
          + " created_at, expires_at, closed_at FROM balance_hold";

  private static final RowMapper<Hold> MAPPER =
      (rs, ctx) -> {
        Currency currency = Currency.of(rs.getString("currency"));
        BigDecimal settled = rs.getBigDecimal("settled_amount");
        return new Hold(
            HoldId.of(rs.getString("id")),
            OrgId.of(rs.getString("user_org_id")),
            UserId.of(rs.getString("user_id")),
            ProductId.of(rs.getString("product_id")),
            new Money(rs.getBigDecimal("amount"), currency),
            HoldStatus.fromCode(rs.getString("status")),
            Optional.ofNullable(settled).map(amount -> new Money(amount, currency)),
            Sql.instant(rs, "created_at"),
            Sql.instant(rs, "expires_at"),
            Sql.optionalInstant(rs, "closed_at"));
      };

  private final Handle handle;

  JdbiHoldRepository(Handle handle) {
    this.handle = handle;
  }

  @Override
  public void insert(Hold hold) {
    handle
        .createUpdate(
            """
            INSERT INTO balance_hold (id, user_org_id, user_id, product_id, amount, currency,
              status, settled_amount, created_at, expires_at, closed_at)
            VALUES (:id, :org, :user, :product, :amount, :currency, :status, :settled,
              :created_at, :expires_at, :closed_at)
            """)
        .bind("id", hold.id().value())
        .bind("org", hold.orgId().value())
        .bind("user", hold.userId().value())
        .bind("product", hold.productId().value())
        .bind("amount", hold.amount().amount())
        .bind("currency", hold.amount().currency().code())
        .bind("status", hold.status().code())
        .bind("settled", hold.settledAmount().map(Money::amount).orElse(null))
        .bind("created_at", Sql.timestamp(hold.createdAt()))
        .bind("expires_at", Sql.timestamp(hold.expiresAt()))
        .bind("closed_at", Sql.timestamp(hold.closedAt()))
        .execute();
  }

  @Override
  public void update(Hold hold) {
    int updated =
        handle
            .createUpdate(
                """
                UPDATE balance_hold SET status = :status, settled_amount = :settled,
                  closed_at = :closed_at
                WHERE id = :id
                """)
            .bind("id", hold.id().value())
            .bind("status", hold.status().code())
            .bind("settled", hold.settledAmount().map(Money::amount).orElse(null))
            .bind("closed_at", Sql.timestamp(hold.closedAt()))
            .execute();
    Rows.requireUpdated(updated, "balance_hold", hold.id());
  }

  @Override
  public Optional<Hold> find(HoldId id) {
    return handle.createQuery(SELECT + " WHERE id = :id").bind("id", id.value()).map(MAPPER).findOne();
  }

  @Override
  public Optional<Hold> lock(HoldId id) {
    return handle
        .createQuery(SELECT + " WHERE id = :id FOR UPDATE")
        .bind("id", id.value())
        .map(MAPPER)
        .findOne();
  }

  @Override
  public List<Hold> findExpired(Instant now, int limit) {
    return handle
        .createQuery(
            SELECT + " WHERE status = 'held' AND expires_at <= :now ORDER BY expires_at, id LIMIT :limit")
        .bind("now", Sql.timestamp(now))
        .bind("limit", limit)
        .map(MAPPER)
        .list();
  }
}
