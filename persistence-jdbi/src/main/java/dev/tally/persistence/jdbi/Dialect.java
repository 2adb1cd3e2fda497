package dev.tally.persistence.jdbi;

import java.util.Locale;
import java.util.Map;

/**
 * The SQL databases Tally runs on. They share one set of Flyway migrations; the few types and
 * table options that differ are placeholders each dialect fills.
 */
public enum Dialect {
  /** Embedded H2: in-process and fast, for tests and demos; not crash-safe (docs/persistence.md). */
  H2(
      Map.of(
          "timestamp", "TIMESTAMP(6)",
          "now", "CURRENT_TIMESTAMP",
          "text", "CLOB",
          "table_options", "",
          "alter_column", "ALTER COLUMN",
          "set_type", "SET DATA TYPE",
          "restate_not_null", "",
          "drop_accounting_records_pkey", "DROP PRIMARY KEY")),
  /** PostgreSQL, and what speaks its protocol (CockroachDB, YugabyteDB). */
  POSTGRESQL(
      Map.of(
          "timestamp", "TIMESTAMP(6)",
          "now", "CURRENT_TIMESTAMP",
          "text", "TEXT",
          "table_options", "",
          "alter_column", "ALTER COLUMN",
          "set_type", "TYPE",
          "restate_not_null", "",
          // the name PostgreSQL gives the primary key a CREATE TABLE declares (V1)
          "drop_accounting_records_pkey", "DROP CONSTRAINT accounting_records_pkey")),
  /** MariaDB and MySQL, and what speaks their protocol (TiDB). */
  MYSQL(
      Map.of(
          "timestamp", "DATETIME(6)",
          "now", "CURRENT_TIMESTAMP(6)",
          "text", "LONGTEXT",
          // ids are case-sensitive (upstream nanoids), so the collation is binary
          "table_options", " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
          // MODIFY restates the whole column: its NOT NULL is repeated (H2 and PostgreSQL keep it
          // when only the type changes), and its default is set again by its own statement
          "alter_column", "MODIFY COLUMN",
          "set_type", "",
          "restate_not_null", "NOT NULL",
          "drop_accounting_records_pkey", "DROP PRIMARY KEY"));

  /** Where the migrations live on the classpath. */
  public static final String MIGRATIONS = "classpath:db/migration";

  private final Map<String, String> placeholders;

  Dialect(Map<String, String> placeholders) {
    this.placeholders = placeholders;
  }

  /**
   * Whether the units of work of one process must run one at a time on this database. True for
   * H2: its store captures each table of a commit one after another while other transactions go
   * on, and a kill then left transactions half-applied (docs/persistence.md, "Durability"). One at
   * a time, no tear was found, but H2 still lost acknowledged commits after kills, so it is not
   * offered as a crash-safe database. PostgreSQL's and InnoDB's write-ahead logs need no such care.
   */
  public boolean oneTransactionAtATime() {
    return this == H2;
  }

  /** What this dialect puts in the migrations' placeholders. */
  public Map<String, String> placeholders() {
    return placeholders;
  }

  /** The dialect of a database, from the product name its JDBC driver reports. */
  public static Dialect fromProductName(String productName) {
    String name = productName.toLowerCase(Locale.ROOT);
    if (name.contains("h2")) {
      return H2;
    }
    if (name.contains("postgres")) {
      return POSTGRESQL;
    }
    if (name.contains("mysql") || name.contains("mariadb")) {
      return MYSQL;
    }
    throw new IllegalArgumentException(
        "unsupported database '" + productName + "': Tally runs on H2, PostgreSQL and MariaDB/MySQL");
  }
}
