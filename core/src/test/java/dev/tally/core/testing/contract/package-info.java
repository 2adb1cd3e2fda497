/**
 * One abstract contract test per driven storage port: what every implementation of the port must
 * do, checked against the in-memory store here and against each database by the persistence
 * adapters. A subclass only says how to open a fresh, empty store.
 */
package dev.tally.core.testing.contract;
