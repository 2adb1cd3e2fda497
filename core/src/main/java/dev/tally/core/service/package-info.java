/**
 * The use cases: implementations of the driving ports over the driven ports, wired by {@link
 * dev.tally.core.service.TallyCore}. Each public operation is one unit of work.
 */
package dev.tally.core.service;
