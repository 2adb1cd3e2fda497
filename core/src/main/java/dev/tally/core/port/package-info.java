/** Ports of the hexagon: {@code in} for the use cases, {@code out} for what core needs. */
package dev.tally.core.port;
