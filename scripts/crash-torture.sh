#!/usr/bin/env bash
# Kills Tally with SIGKILL again and again and checks that nothing acknowledged is lost or torn.
#
#   scripts/crash-torture.sh [embedded|postgresql|mariadb|h2] [cycles]   (default: embedded 100)
#   scripts/crash-torture.sh --throughput [threads] [seconds]     (default: 8 20)
#
# The first form runs bootstrap's CrashTest on one database for that many cycles (a child JVM
# with 8 writers mixing uses, retried refs, holds, settles and recharges, killed at a random
# moment under CPU load, then audited) and prints its figures: cycles, acknowledged, found, lost,
# torn. `embedded` is the default database (the embedded PostgreSQL); PostgreSQL and MariaDB are
# the machine's servers on 127.0.0.1, as for `mvn -B verify`; `h2` is the former default, an H2
# file, kept to measure why it was replaced.
# The second form measures acknowledged uses per second in-process on a fresh embedded default
# database (threads calling tally.metering().use).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ "${1:-}" == "--throughput" ]]; then
  threads=${2:-8}
  seconds=${3:-20}
  mvn -B -q -pl bootstrap -am test-compile \
    org.apache.maven.plugins:maven-dependency-plugin:3.11.0:build-classpath \
    -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
  data=bootstrap/target/throughput
  rm -rf "$data"
  exec java -cp "bootstrap/target/test-classes:bootstrap/target/classes:$(cat bootstrap/target/test-classpath.txt)" \
    dev.tally.bootstrap.crash.UseThroughput "$data" sa "" "$threads" "$seconds"
fi

database=${1:-embedded}
cycles=${2:-100}
h2=false
case "$database" in
  embedded) test=survivesKillsOnTheEmbeddedDefault ;;
  h2) test=survivesKillsOnTheEmbeddedDefault; h2=true ;;
  postgresql) test=survivesKillsOnPostgresql ;;
  mariadb) test=survivesKillsOnMariadb ;;
  *) echo "unknown database '$database': embedded, postgresql, mariadb or h2" >&2; exit 2 ;;
esac
export TALLY_TEST_DATABASES=${TALLY_TEST_DATABASES:-postgresql,mariadb}

status=0
mvn -B -pl bootstrap -am verify -Dtest="CrashTest#$test" -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtally.crash.cycles="$cycles" -Dtally.crash.h2="$h2" || status=$?
echo "command: scripts/crash-torture.sh $database $cycles"
cat "bootstrap/target/crash/$database/figures.txt" 2>/dev/null || echo "no figures: the run did not finish"
exit "$status"
