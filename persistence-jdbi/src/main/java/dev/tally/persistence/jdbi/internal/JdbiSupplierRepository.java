package dev.tally.persistence.jdbi.internal;

import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.Supplier;
import dev.tally.core.model.SupplierStatus;
import dev.tally.core.port.out.SupplierRepository;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** {@code supplier} (the platform's {@code supplychain.suppliers}). */
final class JdbiSupplierRepository implements SupplierRepository {
  private static final String SELECT = "SELECT org_id, supplier_name, status, created_at";

  private static final RowMapper<Supplier> MAPPER =
      (rs, ctx) ->
          new Supplier(
              OrgId.of(rs.getString("org_id")),
              rs.getString("supplier_name"),
              SupplierStatus.fromCode(rs.getString("status")),
              Sql.instant(rs, "created_at"));

  private final Handle handle;

  JdbiSupplierRepository(Handle handle) {
    this.handle = handle;
  }

  @Override
  public void insert(Supplier supplier) {
    handle
        .createUpdate(
            "INSERT INTO supplier (org_id, supplier_name, status, created_at)"
                + " VALUES (:org_id, :name, :status, :created_at)")
        .bind("org_id", supplier.orgId().value())
        .bind("name", supplier.name())
        .bind("status", supplier.status().code())
        .bind("created_at", Sql.timestamp(supplier.createdAt()))
        .execute();
  }

  @Override
  public void update(Supplier supplier) {
    int updated =
        handle
            .createUpdate(
                "UPDATE supplier SET supplier_name = :name, status = :status WHERE org_id = :org_id")
            .bind("org_id", supplier.orgId().value())
            .bind("name", supplier.name())
            .bind("status", supplier.status().code())
            .execute();
    Rows.requireUpdated(updated, "supplier", supplier.orgId());
  }

  @Override
  public Optional<Supplier> find(OrgId orgId) {
    return handle
        .createQuery(SELECT + " FROM supplier WHERE org_id = :org_id")
        .bind("org_id", orgId.value())
        .map(MAPPER)
        .findOne();
  }

  @Override
  public Page<Supplier> list(PageRequest page) {
    return Paging.page(handle, SELECT, "supplier", new Conditions(), "org_id", page, MAPPER);
  }
}
