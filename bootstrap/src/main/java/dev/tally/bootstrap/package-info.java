/**
 * Configuration and wiring: {@link dev.tally.bootstrap.ConfigLoader} reads {@code tally.yaml} and
 * {@code TALLY_*} environment variables into a {@link dev.tally.bootstrap.TallyConfig}, and {@link
 * dev.tally.bootstrap.Tally} builds a ready engine on a database.
 */
package dev.tally.bootstrap;
