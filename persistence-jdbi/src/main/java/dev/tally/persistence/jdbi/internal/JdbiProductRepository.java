package dev.tally.persistence.jdbi.internal;

import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.Product;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.ProductQuery;
import dev.tally.core.model.ProductStatus;
import dev.tally.core.port.out.ProductRepository;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Update;

/** {@code product}. */
final class JdbiProductRepository implements ProductRepository {
  private static final String SELECT =
      "SELECT id, product_name, owner_org_id, description, status, created_at";

  private static final RowMapper<Product> MAPPER =
      (rs, ctx) ->
          new Product(
              ProductId.of(rs.getString("id")),
              rs.getString("product_name"),
              OrgId.of(rs.getString("owner_org_id")),
              rs.getString("description"),
              ProductStatus.fromCode(rs.getString("status")),
              Sql.instant(rs, "created_at"));

  private final Handle handle;

  JdbiProductRepository(Handle handle) {
    this.handle = handle;
  }

  @Override
  public void insert(Product product) {
    bind(
            handle.createUpdate(
                """
                INSERT INTO product (id, product_name, owner_org_id, description, status,
                  created_at)
                VALUES (:id, :name, :owner, :description, :status, :created_at)
                """),
            product)
        .execute();
  }

  @Override
  public void update(Product product) {
    int updated =
        bind(
                handle.createUpdate(
                    """
                    UPDATE product SET product_name = :name, owner_org_id = :owner,
                      description = :description, status = :status, created_at = :created_at
                    WHERE id = :id
                    """),
                product)
            .execute();
    Rows.requireUpdated(updated, "product", product.id());
  }

  private static Update bind(Update statement, Product product) {
    return statement
        .bind("id", product.id().value())
        .bind("name", product.name())
        .bind("owner", product.ownerOrgId().value())
        .bind("description", product.description())
        .bind("status", product.status().code())
        .bind("created_at", Sql.timestamp(product.createdAt()));
  }

  @Override
  public Optional<Product> find(ProductId id) {
    return handle
        .createQuery(SELECT + " FROM product WHERE id = :id")
        .bind("id", id.value())
        .map(MAPPER)
        .findOne();
  }

  @Override
  public Page<Product> list(ProductQuery query, PageRequest page) {
    return Paging.page(
        handle,
        SELECT,
        "product",
        new Conditions()
            .equal("owner_org_id", query.ownerOrgId())
            .equal("status", query.status().map(ProductStatus::code)),
        "created_at, id",
        page,
        MAPPER);
  }
}
