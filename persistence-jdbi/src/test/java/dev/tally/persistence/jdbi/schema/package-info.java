/**
 * Schema tests of the JDBI adapter on each database: Flyway brings a fresh database to the latest
 * migration and validates it, and the live tables keep the platform's seed definitions (columns,
 * types, nullability, indexes) and code sets.
 */
package dev.tally.persistence.jdbi.schema;
