/**
 * The billing domain: money and quantities, the catalogue, subscriptions, balances, holds, the
 * usage log, pricing programmes and the double-entry ledger. Immutable values; no I/O.
 */
package dev.tally.core.model;
