/**
 * The seeded billing simulation: a whole Tally over the in-memory store driven through random
 * operations, with every invariant checked after every step, and a seed that replays a failing run
 * exactly ({@link dev.tally.core.simulation.BillingSimulationTest}).
 */
package dev.tally.core.simulation;
