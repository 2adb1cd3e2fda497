package dev.tally.persistence.jdbi.internal;

import dev.tally.core.model.CodeSet;
import dev.tally.core.port.out.CodeSetRepository;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** {@code appcodes} and {@code appcodes_kv}, as the migrations fill them. */
final class JdbiCodeSetRepository implements CodeSetRepository {
  private final Handle handle;

  JdbiCodeSetRepository(Handle handle) {
    this.handle = handle;
  }

  @Override
  public List<CodeSet> all() {
    Map<String, List<CodeSet.Label>> labels = new LinkedHashMap<>();
    handle
        .createQuery("SELECT parentid, k, v FROM appcodes_kv ORDER BY parentid, k")
        .map(
            (rs, ctx) ->
                Map.entry(
                    rs.getString("parentid"),
                    new CodeSet.Label(rs.getString("k"), rs.getString("v"))))
        .forEach(
            row -> labels.computeIfAbsent(row.getKey(), id -> new ArrayList<>()).add(row.getValue()));
    return handle
        .createQuery("SELECT id, name FROM appcodes ORDER BY id")
        .map(
            (rs, ctx) ->
                new CodeSet(
                    rs.getString("id"),
                    rs.getString("name"),
                    labels.getOrDefault(rs.getString("id"), List.of())))
        .list();
  }
}
