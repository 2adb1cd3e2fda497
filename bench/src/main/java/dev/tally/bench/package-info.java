/**
 * Benchmarks of Tally, run by {@code bench/run.sh} and described in {@code docs/benchmarks.md}:
 * an in-process load harness ({@link dev.tally.bench.UseLoad}), JMH benchmarks of the read path
 * ({@link dev.tally.bench.ReadPathBenchmark}), the shop they all meter against ({@link
 * dev.tally.bench.Shop}) and a fixed-rate HTTP client ({@link dev.tally.bench.FixedRateGet}).
 * Each tool uses Tally only through bootstrap's public API, as an embedder would.
 */
package dev.tally.bench;
