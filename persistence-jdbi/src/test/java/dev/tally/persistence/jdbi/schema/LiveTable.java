package dev.tally.persistence.jdbi.schema;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * A table as the database reports it through JDBC {@link DatabaseMetaData}: its columns, primary
 * key and indexes, with every identifier lower-cased (H2 reports them upper-case). Immutable.
 */
record LiveTable(
    String name, Map<String, Column> columns, List<String> primaryKey, Map<String, Index> indexes) {

  LiveTable {
    columns = ImmutableMap.copyOf(columns);
    primaryKey = ImmutableList.copyOf(primaryKey);
    indexes = ImmutableMap.copyOf(indexes);
  }

  /**
   * A column as {@link DatabaseMetaData#getColumns} reports it.
   *
   * @param jdbcType the {@link java.sql.Types} constant
   * @param typeName the database's own name of the type
   * @param size {@code COLUMN_SIZE}: a length for text, a precision for numbers
   * @param decimalDigits {@code DECIMAL_DIGITS}: the scale of a number
   */
  record Column(
      String name, int jdbcType, String typeName, int size, int decimalDigits, boolean nullable) {}

  record Index(String name, List<String> columns, boolean unique) {}

  /**
   * Reads {@code table} in the current catalog and schema of a connection of {@code dataSource}.
   */
  static LiveTable read(DataSource dataSource, String table) {
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData meta = connection.getMetaData();
      String stored = meta.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
      String catalog = connection.getCatalog();
      String schema = connection.getSchema();
      Map<String, Column> columns = new LinkedHashMap<>();
      try (ResultSet rows = meta.getColumns(catalog, schema, stored, null)) {
        while (rows.next()) {
          String name = lower(rows.getString("COLUMN_NAME"));
          columns.put(
              name,
              new Column(
                  name,
                  rows.getInt("DATA_TYPE"),
                  rows.getString("TYPE_NAME"),
                  rows.getInt("COLUMN_SIZE"),
                  rows.getInt("DECIMAL_DIGITS"),
                  "YES".equals(rows.getString("IS_NULLABLE"))));
        }
      }
      Map<Short, String> keyColumns = new TreeMap<>();
      try (ResultSet rows = meta.getPrimaryKeys(catalog, schema, stored)) {
        while (rows.next()) {
          keyColumns.put(rows.getShort("KEY_SEQ"), lower(rows.getString("COLUMN_NAME")));
        }
      }
      Map<String, TreeMap<Short, String>> indexColumns = new LinkedHashMap<>();
      Map<String, Boolean> unique = new LinkedHashMap<>();
      try (ResultSet rows = meta.getIndexInfo(catalog, schema, stored, false, false)) {
        while (rows.next()) {
          String indexName = rows.getString("INDEX_NAME");
          if (indexName == null) {
            continue; // table statistics, not an index
          }
          String name = lower(indexName);
          indexColumns
              .computeIfAbsent(name, n -> new TreeMap<>())
              .put(rows.getShort("ORDINAL_POSITION"), lower(rows.getString("COLUMN_NAME")));
          unique.put(name, !rows.getBoolean("NON_UNIQUE"));
        }
      }
      Map<String, Index> indexes = new LinkedHashMap<>();
      indexColumns.forEach(
          (name, ordered) ->
              indexes.put(
                  name, new Index(name, new ArrayList<>(ordered.values()), unique.get(name))));
      return new LiveTable(table, columns, new ArrayList<>(keyColumns.values()), indexes);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the metadata of " + table, e);
    }
  }

  private static String lower(String identifier) {
    return identifier == null ? null : identifier.toLowerCase(Locale.ROOT);
  }
}
