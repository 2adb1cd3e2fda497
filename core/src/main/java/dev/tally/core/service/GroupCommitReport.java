package dev.tally.core.service;

/**
 * What group commit did since the core started, for metrics and tests.
 *
 * @param groups groups of two or more uses applied in one unit of work
 * @param groupedUses the uses of those groups
 * @param groupsAppliedAlone groups whose unit of work failed as a whole, so that each of their uses
 *     was applied again alone; a steady count means a bug or a database in trouble
 */
public record GroupCommitReport(long groups, long groupedUses, long groupsAppliedAlone) {}
