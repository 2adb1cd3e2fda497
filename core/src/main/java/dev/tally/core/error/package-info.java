/**
 * Business outcomes: one unchecked root, {@link dev.tally.core.error.TallyException}, carrying a
 * stable {@link dev.tally.core.error.ErrorCode} whose {@link dev.tally.core.error.ErrorKind} the
 * front ends map to statuses and exit codes.
 */
package dev.tally.core.error;
