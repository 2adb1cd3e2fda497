package dev.tally.persistence.jdbi.internal;

import dev.tally.core.model.Currency;
import dev.tally.core.model.LinkStatus;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.ProductResourceId;
import dev.tally.core.model.SupplierLink;
import dev.tally.core.model.UnitPrice;
import dev.tally.core.port.out.SupplierLinkRepository;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Update;

/** {@code product_resource_supplier}. */
final class JdbiSupplierLinkRepository implements SupplierLinkRepository {
  private static final String SELECT =
      "SELECT product_resource_id, supplier_org_id, unit_cost, currency, priority, status,"
          + " created_at FROM product_resource_supplier";

  private static final RowMapper<SupplierLink> MAPPER =
      (rs, ctx) ->
          new SupplierLink(
              ProductResourceId.of(rs.getString("product_resource_id")),
              OrgId.of(rs.getString("supplier_org_id")),
              new UnitPrice(rs.getBigDecimal("unit_cost"), Currency.of(rs.getString("currency"))),
              rs.getInt("priority"),
              LinkStatus.fromCode(rs.getString("status")),
              Sql.instant(rs, "created_at"));

  private final Handle handle;

  JdbiSupplierLinkRepository(Handle handle) {
    this.handle = handle;
  }

  @Override
  public void insert(SupplierLink link) {
    bind(
            handle.createUpdate(
                """
                INSERT INTO product_resource_supplier (product_resource_id, supplier_org_id,
                  unit_cost, currency, priority, status, created_at)
                VALUES (:resource, :supplier, :unit_cost, :currency, :priority, :status,
                  :created_at)
                """),
            link)
        .bind("created_at", Sql.timestamp(link.createdAt()))
        .execute();
  }

  @Override
  public void update(SupplierLink link) {
    int updated =
        bind(
                handle.createUpdate(
                    """
                    UPDATE product_resource_supplier SET unit_cost = :unit_cost,
                      currency = :currency, priority = :priority, status = :status
                    WHERE product_resource_id = :resource AND supplier_org_id = :supplier
                    """),
                link)
            .execute();
    Rows.requireUpdated(updated, "product_resource_supplier", link.resourceId());
  }

  /** Binds the link's key and terms; its creation time is bound by the insert alone. */
  private static Update bind(Update statement, SupplierLink link) {
    return statement
        .bind("resource", link.resourceId().value())
        .bind("supplier", link.supplierOrgId().value())
        .bind("unit_cost", link.unitCost().perUnit())
        .bind("currency", link.unitCost().currency().code())
        .bind("priority", link.priority())
        .bind("status", link.status().code());
  }

  @Override
  public boolean delete(ProductResourceId resourceId, OrgId supplierOrgId) {
    return handle
            .createUpdate(
                "DELETE FROM product_resource_supplier"
                    + " WHERE product_resource_id = :resource AND supplier_org_id = :supplier")
            .bind("resource", resourceId.value())
            .bind("supplier", supplierOrgId.value())
            .execute()
        > 0;
  }

  @Override
  public Optional<SupplierLink> find(ProductResourceId resourceId, OrgId supplierOrgId) {
    return handle
        .createQuery(
            SELECT + " WHERE product_resource_id = :resource AND supplier_org_id = :supplier")
        .bind("resource", resourceId.value())
        .bind("supplier", supplierOrgId.value())
        .map(MAPPER)
        .findOne();
  }

  @Override
  public List<SupplierLink> findByResource(ProductResourceId resourceId) {
    return handle
        .createQuery(
            SELECT + " WHERE product_resource_id = :resource ORDER BY priority, supplier_org_id")
        .bind("resource", resourceId.value())
        .map(MAPPER)
        .list();
  }
}
