package dev.tally.core.port.in;

/** What a pass over ended subscriptions did: how many renewed and how many expired. */
public record DueReport(int renewed, int expired) {}
