/**
 * Driving ports: the use cases the front ends (HTTP, CLI, embedders) call, and their commands.
 * Commands validate their own shape; the use cases apply the business rules.
 */
package dev.tally.core.port.in;
