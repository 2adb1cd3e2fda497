package dev.tally.persistence.jdbi.internal;

import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** One page of a filtered, ordered list and the total count of matching rows. */
final class Paging {
  private Paging() {}

  static <T> Page<T> page(
      Handle handle,
      String select,
      String table,
      Conditions conditions,
      String orderBy,
      PageRequest request,
      RowMapper<T> mapper) {
    long total =
        conditions
            .bind(handle.createQuery("SELECT COUNT(*) FROM " + table + conditions.where()))
            .mapTo(Long.class)
            .one();
    List<T> items =
        conditions
            .bind(
                handle.createQuery(
                    select
                        + " FROM "
                        + table
                        + conditions.where()
                        + " ORDER BY "
                        + orderBy
                        + " LIMIT :limit OFFSET :offset"))
            .bind("limit", request.size())
            .bind("offset", request.offset())
            .map(mapper)
            .list();
    return Page.of(items, request, total);
  }
}
