package dev.tally.core.port.in;

/** What an import of credentials stored: how many apps and keys. */
public record ImportReport(int apps, int keys) {}
