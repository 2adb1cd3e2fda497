package dev.tally.persistence.jdbi.internal;

import dev.tally.core.model.Currency;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.PricingProgram;
import dev.tally.core.model.PricingProgramId;
import dev.tally.core.port.out.PricingRepository;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Update;

/** {@code pricing_cache}: one row per programme, its price lists as JSON. */
final class JdbiPricingRepository implements PricingRepository {
  private static final String SELECT =
      "SELECT id, program_name, currency, discount, price_lists, version";

  private static final RowMapper<PricingProgram> MAPPER =
      (rs, ctx) ->
          new PricingProgram(
              PricingProgramId.of(rs.getString("id")),
              rs.getString("program_name"),
              Currency.of(rs.getString("currency")),
              rs.getBigDecimal("discount").stripTrailingZeros(),
              PriceListsJson.read(rs.getString("price_lists")),
              rs.getLong("version"));

  private final Handle handle;

  JdbiPricingRepository(Handle handle) {
    this.handle = handle;
  }

  /** Updates the row or, when there is none, inserts it; a concurrent insert makes a retry. */
  @Override
  public void save(PricingProgram program) {
    int updated =
        bind(
                handle.createUpdate(
                    """
                    UPDATE pricing_cache SET program_name = :name, currency = :currency,
                      discount = :discount, price_lists = :price_lists, version = :version,
                      cached_at = :cached_at
                    WHERE id = :id
                    """),
                program)
            .execute();
    if (updated == 0) {
      bind(
              handle.createUpdate(
                  """
                  INSERT INTO pricing_cache (id, program_name, currency, discount, price_lists,
                    version, cached_at)
                  VALUES (:id, :name, :currency, :discount, :price_lists, :version, :cached_at)
                  """),
              program)
          .execute();
    }
  }

  private static Update bind(Update statement, PricingProgram program) {
    return statement
        .bind("id", program.id().value())
        .bind("name", program.name())
        .bind("currency", program.currency().code())
        .bind("discount", program.discount())
        .bind("price_lists", PriceListsJson.write(program.priceLists()))
        .bind("version", program.version())
        .bind("cached_at", Sql.timestamp(Instant.now()));
  }

  @Override
  public boolean delete(PricingProgramId id) {
    return handle.createUpdate("DELETE FROM pricing_cache WHERE id = :id").bind("id", id.value()).execute()
        > 0;
  }

  @Override
  public Optional<PricingProgram> find(PricingProgramId id) {
    return handle
        .createQuery(SELECT + " FROM pricing_cache WHERE id = :id")
        .bind("id", id.value())
        .map(MAPPER)
        .findOne();
  }

  @Override
  public Page<PricingProgram> list(PageRequest page) {
    return Paging.page(handle, SELECT, "pricing_cache", new Conditions(), "id", page, MAPPER);
  }
}
