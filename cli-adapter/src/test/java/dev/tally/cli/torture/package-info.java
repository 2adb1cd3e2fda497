/**
 * The torture harness: many client threads mixing every kind of operation over HTTP against several
 * {@code tally serve} processes on one database, then an audit of the database against what the
 * clients were told. Run in the build by {@code TortureTest}, at any size by {@code
 * scripts/torture.sh}.
 */
package dev.tally.cli.torture;
