#!/usr/bin/env bash
# Times `tally import usage` of a generated file (default 100,000 uses) once, and again (all
# replays), then verifies the ledger. Not part of `mvn verify`. Usage:
#   scripts/import-benchmark.sh [LINES] [DATABASE_URL]
# DATABASE_URL defaults to an H2 file in a new temp directory; e.g. jdbc:postgresql://127.0.0.1:5432/tally_bench?user=postgres
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile dependency:build-classpath -pl cli-adapter -am \
  -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
java -cp "$(cat cli-adapter/target/test-classpath.txt):cli-adapter/target/test-classes:cli-adapter/target/classes" \
  dev.tally.cli.ImportBenchmark "$@"
