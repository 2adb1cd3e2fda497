/**
 * Driven ports: what core needs from the world (storage, upstream services, time, waiting,
 * identifiers). Adapters implement them; in-memory implementations live in core's test fixtures.
 */
package dev.tally.core.port.out;
