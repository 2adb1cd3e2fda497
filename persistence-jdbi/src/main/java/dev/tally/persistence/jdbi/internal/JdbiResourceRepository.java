package dev.tally.persistence.jdbi.internal;

import dev.tally.core.model.BillingMode;
import dev.tally.core.model.Currency;
import dev.tally.core.model.Money;
import dev.tally.core.model.PricingProgramId;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.ProductResourceId;
import dev.tally.core.model.ResourceStatus;
import dev.tally.core.model.ResourceType;
import dev.tally.core.model.Unit;
import dev.tally.core.model.UnitPrice;
import dev.tally.core.port.out.ResourceRepository;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Update;

/**
 * {@code product_resource}. One {@code currency} column serves the unit price and the min balance,
 * which a resource keeps in one currency.
 */
final class JdbiResourceRepository implements ResourceRepository {
  private static final String SELECT =
      "SELECT id, product_id, resource_type, resource_ref_id, billing_mode, used_unit, unit_price,"
          + " currency, pricing_program_id, min_balance, status, created_at";

  private static final RowMapper<ProductResource> MAPPER =
      (rs, ctx) -> {
        String currencyCode = rs.getString("currency");
        Optional<Currency> currency = Optional.ofNullable(currencyCode).map(Currency::of);
        BigDecimal unitPrice = rs.getBigDecimal("unit_price");
        BigDecimal minBalance = rs.getBigDecimal("min_balance");
        return new ProductResource(
            ProductResourceId.of(rs.getString("id")),
            ProductId.of(rs.getString("product_id")),
            ResourceType.fromCode(rs.getString("resource_type")),
            rs.getString("resource_ref_id"),
            BillingMode.fromCode(rs.getString("billing_mode")),
            Unit.of(rs.getString("used_unit")),
            Optional.ofNullable(unitPrice).map(price -> new UnitPrice(price, currency.orElseThrow())),
            Optional.ofNullable(rs.getString("pricing_program_id")).map(PricingProgramId::of),
            Optional.ofNullable(minBalance).map(min -> new Money(min, currency.orElseThrow())),
            ResourceStatus.fromCode(rs.getString("status")),
            Sql.instant(rs, "created_at"));
      };

  private final Handle handle;

  JdbiResourceRepository(Handle handle) {
    this.handle = handle;
  }

  @Override
  public void insert(ProductResource resource) {
    bind(
            handle.createUpdate(
                """
                INSERT INTO product_resource (id, product_id, resource_type, resource_ref_id,
                  billing_mode, used_unit, unit_price, currency, pricing_program_id, min_balance,
                  status, created_at)
                VALUES (:id, :product_id, :resource_type, :resource_ref_id, :billing_mode,
                  :used_unit, :unit_price, :currency, :pricing_program_id, :min_balance, :status,
                  :created_at)
                """),
            resource)
        .execute();
  }

  @Override
  public void update(ProductResource resource) {
    int updated =
        bind(
                handle.createUpdate(
                    """
                    UPDATE product_resource SET product_id = :product_id,
                      resource_type = :resource_type, resource_ref_id = :resource_ref_id,
                      billing_mode = :billing_mode, used_unit = :used_unit,
                      unit_price = :unit_price, currency = :currency,
                      pricing_program_id = :pricing_program_id, min_balance = :min_balance,
                      status = :status, created_at = :created_at
                    WHERE id = :id
                    """),
                resource)
            .execute();
    Rows.requireUpdated(updated, "product_resource", resource.id());
  }

  private static Update bind(Update statement, ProductResource resource) {
    Optional<Currency> currency =
        resource
            .unitPrice()
            .map(UnitPrice::currency)
            .or(() -> resource.minBalance().map(Money::currency));
    return statement
        .bind("id", resource.id().value())
        .bind("product_id", resource.productId().value())
        .bind("resource_type", resource.resourceType().code())
        .bind("resource_ref_id", resource.resourceRefId())
        .bind("billing_mode", resource.billingMode().code())
        .bind("used_unit", resource.usedUnit().name())
        .bind("unit_price", resource.unitPrice().map(UnitPrice::perUnit).orElse(null))
        .bind("currency", currency.map(Currency::code).orElse(null))
        .bind(
            "pricing_program_id",
            resource.pricingProgramId().map(PricingProgramId::value).orElse(null))
        .bind("min_balance", resource.minBalance().map(Money::amount).orElse(null))
        .bind("status", resource.status().code())
        .bind("created_at", Sql.timestamp(resource.createdAt()));
  }

  @Override
  public Optional<ProductResource> find(ProductResourceId id) {
    return handle
        .createQuery(SELECT + " FROM product_resource WHERE id = :id")
        .bind("id", id.value())
        .map(MAPPER)
        .findOne();
  }

  @Override
  public Optional<ProductResource> findByKey(
      ProductId productId, ResourceType type, String resourceRefId) {
    return handle
        .createQuery(
            SELECT
                + " FROM product_resource WHERE product_id = :product_id"
                + " AND resource_type = :resource_type AND resource_ref_id = :resource_ref_id")
        .bind("product_id", productId.value())
        .bind("resource_type", type.code())
        .bind("resource_ref_id", resourceRefId)
        .map(MAPPER)
        .findOne();
  }

  @Override
  public List<ProductResource> findByProduct(ProductId productId) {
    return handle
        .createQuery(
            SELECT + " FROM product_resource WHERE product_id = :product_id ORDER BY created_at, id")
        .bind("product_id", productId.value())
        .map(MAPPER)
        .list();
  }
}
