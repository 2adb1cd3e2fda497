#!/usr/bin/env bash
# Torture: 64 client threads against two `tally serve` processes on one database, mixing every
# kind of operation over HTTP, then an audit of the database against what the clients were told.
#
#   scripts/torture.sh [DATABASE] [OPERATIONS] [on|off|mixed|both] [THREADS] [SERVERS]
#       (default: postgresql 1000000 on 64 2)
#
# DATABASE is `postgresql` or `mariadb` (a fresh database `tally_torture` on the machine's server,
# 127.0.0.1) or JDBC URLs separated by commas, one per node of a cluster: server i uses URL
# i mod n (user and password from TALLY_TORTURE_DATABASE_USER / TALLY_TORTURE_DATABASE_PASSWORD).
# TALLY_TORTURE_STOP_AT=<ISO instant> makes the clients stop sending then, whatever the count, so
# that a long run ends (and is audited) by a deadline.
# OPERATIONS counts HTTP requests of all servers together. Group commit
# (metering.group_commit.enabled) is `on` or `off` on every server, `mixed` (on for even servers,
# off for odd ones, as the CI test runs), or `both`: the operations once with it on and once with
# it off. It prints each run's figures (also in cli-adapter/target/torture/figures-<run>.txt) and
# exits 1 when any audit found something.
# The CI-sized run is cli-adapter's TortureTest, in `mvn -B verify`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

database=${1:-postgresql}
operations=${2:-1000000}
group_commit=${3:-on}
threads=${4:-64}
servers=${5:-2}

mvn -B -q -pl cli-adapter -am test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.11.0:build-classpath \
  -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
cd cli-adapter
echo "command: scripts/torture.sh $database $operations $group_commit $threads $servers"
exec java -Xmx2g -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  dev.tally.cli.torture.TortureRun "$database" "$operations" "$group_commit" "$threads" "$servers"
