package dev.tally.persistence.jdbi.internal;

import dev.tally.core.model.CustomerDiscount;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.port.out.DiscountRepository;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Update;

/** {@code customer_discount}: one row per (reseller, customer org). */
final class JdbiDiscountRepository implements DiscountRepository {
  private static final String SELECT = "SELECT reseller_org_id, user_org_id, discount, updated_at";

  private static final RowMapper<CustomerDiscount> MAPPER =
      (rs, ctx) ->
          new CustomerDiscount(
              OrgId.of(rs.getString("reseller_org_id")),
              OrgId.of(rs.getString("user_org_id")),
              rs.getBigDecimal("discount"),
              Sql.instant(rs, "updated_at"));

  private final Handle handle;

  JdbiDiscountRepository(Handle handle) {
    this.handle = handle;
  }

  /** Updates the row or, when there is none, inserts it; a concurrent insert makes a retry. */
  @Override
  public void save(CustomerDiscount discount) {
    int updated =
        bind(
                handle.createUpdate(
                    "UPDATE customer_discount SET discount = :discount, updated_at = :updated_at"
                        + " WHERE reseller_org_id = :reseller AND user_org_id = :customer"),
                discount)
            .execute();
    if (updated == 0) {
      bind(
              handle.createUpdate(
                  "INSERT INTO customer_discount (reseller_org_id, user_org_id, discount,"
                      + " updated_at) VALUES (:reseller, :customer, :discount, :updated_at)"),
              discount)
          .execute();
    }
  }

  private static Update bind(Update statement, CustomerDiscount discount) {
    return statement
        .bind("reseller", discount.resellerOrgId().value())
        .bind("customer", discount.customerOrgId().value())
        .bind("discount", discount.multiplier())
        .bind("updated_at", Sql.timestamp(discount.updatedAt()));
  }

  @Override
  public Optional<CustomerDiscount> find(OrgId resellerOrgId, OrgId customerOrgId) {
    return handle
        .createQuery(
            SELECT
                + " FROM customer_discount WHERE reseller_org_id = :reseller"
                + " AND user_org_id = :customer")
        .bind("reseller", resellerOrgId.value())
        .bind("customer", customerOrgId.value())
        .map(MAPPER)
        .findOne();
  }

  @Override
  public Map<OrgId, CustomerDiscount> findAllOf(OrgId resellerOrgId) {
    Map<OrgId, CustomerDiscount> found = new HashMap<>();
    handle
        .createQuery(SELECT + " FROM customer_discount WHERE reseller_org_id = :reseller")
        .bind("reseller", resellerOrgId.value())
        .map(MAPPER)
        .forEach(discount -> found.put(discount.customerOrgId(), discount));
    return found;
  }

  @Override
  public boolean delete(OrgId resellerOrgId, OrgId customerOrgId) {
    return handle
            .createUpdate(
                "DELETE FROM customer_discount WHERE reseller_org_id = :reseller"
                    + " AND user_org_id = :customer")
            .bind("reseller", resellerOrgId.value())
            .bind("customer", customerOrgId.value())
            .execute()
        > 0;
  }

  @Override
  public Page<CustomerDiscount> list(
      Optional<OrgId> resellerOrgId, Optional<OrgId> customerOrgId, PageRequest page) {
    return Paging.page(
        handle,
        SELECT,
        "customer_discount",
        new Conditions()
            .equal("reseller_org_id", resellerOrgId)
            .equal("user_org_id", customerOrgId),
        "reseller_org_id, user_org_id",
        page,
        MAPPER);
  }
}
