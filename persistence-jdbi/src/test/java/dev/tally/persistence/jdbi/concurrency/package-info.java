/**
 * Concurrency tests of the JDBI adapters on each database: many threads (and two Tally instances on
 * separate pools) spend one customer's balance, retry the same uses, race holds and consume one
 * subscription's quota; afterwards the arithmetic must be exact, nothing overdrawn and the ledger
 * clean. {@code GaleraTest} does the same on a MariaDB
 * Galera cluster, one Tally instance per node, and kills a node in the middle of a run. Each
 * scenario prints one summary line (attempted / accepted / rejected, final balance, elapsed) to
 * standard output.
 */
package dev.tally.persistence.jdbi.concurrency;
