#!/usr/bin/env bash
# Where the CPU of one in-process case goes: the JVM's CPU and the PostgreSQL server's (all its
# processes) per accepted use, over a 10 s window in the middle of a UseLoad run. CPU time per use
# moves far less with other load on the machine than uses per second, so this tells which side
# bounds a case even on a busy machine. It must run on the machine of the PostgreSQL server.
#
#   bash bench/cpu-split.sh                      # B3 with group commit on, 127.0.0.1:5432
#   CASE=B2 GROUP=false bash bench/cpu-split.sh
#
# Settings: CASE (B3), GROUP (true), WARMUP (10), PG_HOST (127.0.0.1), PG_PORT (5432), PG_USER
# (postgres), PG_DATA (the server's data folder, for its postmaster.pid; asked from the server).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
CASE=${CASE:-B3} GROUP=${GROUP:-true} WARMUP=${WARMUP:-10}
PG_HOST=${PG_HOST:-127.0.0.1} PG_PORT=${PG_PORT:-5432} PG_USER=${PG_USER:-postgres}
BENCH_JAR=bench/target/tally-bench.jar
[[ -f $BENCH_JAR ]] || mvn -B -q package -DskipTests -pl bench -am
sql() { psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -X -q -tA "$@"; }
PG_DATA=${PG_DATA:-$(sql -d postgres -c 'SHOW data_directory')}
POSTMASTER=$(head -1 "$PG_DATA/postmaster.pid")
URL="jdbc:postgresql://$PG_HOST:$PG_PORT/tally_cpu_split"

# clock ticks of user and system time: the server's processes, and one process
server_ticks() {
  local total=0 pid ticks
  for pid in $POSTMASTER $(ps -o pid= --ppid "$POSTMASTER"); do
    ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)
    total=$((total + ticks))
  done
  echo "$total"
}
process_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
uses() { sql -d tally_cpu_split -c 'SELECT count(*) FROM product_usage_log'; }

sql -d postgres -c 'DROP DATABASE IF EXISTS tally_cpu_split' 2>/dev/null -c 'CREATE DATABASE tally_cpu_split'
java -cp "$BENCH_JAR" dev.tally.bench.UseLoad --url "$URL" --user "$PG_USER" --setup-only >/dev/null 2>&1
java -cp "$BENCH_JAR" dev.tally.bench.UseLoad --url "$URL" --user "$PG_USER" --cases "$CASE" \
  --seconds 30 --warmup "$WARMUP" "metering.group_commit.enabled=$GROUP" >"${TMPDIR:-/tmp}/cpu-split.out" 2>&1 &
LOAD=$!
sleep $((WARMUP + 5))
uses0=$(uses) server0=$(server_ticks) jvm0=$(process_ticks "$LOAD")
sleep 10
uses1=$(uses) server1=$(server_ticks) jvm1=$(process_ticks "$LOAD")
wait "$LOAD"
ticks_per_s=$(getconf CLK_TCK)
awk -v n=$((uses1 - uses0)) -v j=$((jvm1 - jvm0)) -v s=$((server1 - server0)) -v hz="$ticks_per_s" \
  -v cs="$CASE" -v group="$GROUP" 'BEGIN {
    printf "case=%s group_commit=%s window_s=10 uses=%d jvm_cpu_ms_per_use=%.3f server_cpu_ms_per_use=%.3f\n",
      cs, group, n, j * 1000 / hz / n, s * 1000 / hz / n }'
grep '^RESULT' "${TMPDIR:-/tmp}/cpu-split.out"
