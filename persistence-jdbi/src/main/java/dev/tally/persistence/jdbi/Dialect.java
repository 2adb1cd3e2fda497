package dev.tally.persistence.jdbi;

import java.util.Locale;

/** The SQL databases Tally runs on; each has its own folder of Flyway migrations. */
public enum Dialect {
  /** Embedded H2: the default, nothing to install. */
  H2("h2"),
  /** PostgreSQL, and what speaks its protocol (CockroachDB, YugabyteDB). */
  POSTGRESQL("postgresql"),
  /** MariaDB and MySQL, and what speaks their protocol (TiDB). */
  MYSQL("mysql");

  private final String folder;

  Dialect(String folder) {
    this.folder = folder;
  }

  /** Where this dialect's Flyway migrations live on the classpath. */
  public String migrationLocation() {
    return "classpath:db/migration/" + folder;
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
