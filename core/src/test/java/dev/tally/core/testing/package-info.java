/**
 * Core's test fixtures, shipped as its test-jar: in-memory implementations of every driven port
 * ({@link dev.tally.core.testing.InMemoryStore}, {@link dev.tally.core.testing.FakeClock}, {@link
 * dev.tally.core.testing.SequentialIds}, {@link dev.tally.core.testing.ScriptedUpstream} for the
 * upstream services, {@link dev.tally.core.testing.RecordingPause} for the waits of retries), sample
 * values that read like the domain ({@link
 * dev.tally.core.testing.Samples}), and the tests that run the port contracts against the store.
 */
package dev.tally.core.testing;
