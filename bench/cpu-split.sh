#!/usr/bin/env bash
# Where the CPU of one case goes: the client's CPU (Tally's JVM, or pgbench for a floor) and the
# PostgreSQL server's (all its processes) per use written, over a 10 s window in the middle of a
# run. CPU time per use moves far less with other load on the machine than uses per second, so
# this tells which side bounds a case even on a busy machine, and what a case could reach with
# every core busy: cores / (client + server ms per use). It must run on the machine of the server.
#
#   bash bench/cpu-split.sh                        # B3 with group commit on, 127.0.0.1:5432
#   CASE=B2 GROUP=false bash bench/cpu-split.sh
#   CASE=B1-batch bash bench/cpu-split.sh          # the batched floor (bench/pgbench/batch100.sql)
#   CASE=B1 bash bench/cpu-split.sh                # the per-use floor (bench/pgbench/use.sql)
#   EMBEDDED=1 bash bench/cpu-split.sh             # B3 in-process on the embedded default
#
# Settings: CASE (B3; B2, B4 or BATCH for UseLoad's cases, B1 or B1-batch for the pgbench floors,
# 16 clients as in run.sh), GROUP (true), EMBEDDED (0; 1 for the embedded default in a fresh
# directory under bench/target, UseLoad's cases only), WARMUP (10), PG_HOST (127.0.0.1), PG_PORT
# (5432), PG_USER (postgres), PG_DATA (the server's data folder, for its postmaster.pid; asked from
# the server).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
CASE=${CASE:-B3} GROUP=${GROUP:-true} EMBEDDED=${EMBEDDED:-0} WARMUP=${WARMUP:-10}
PG_HOST=${PG_HOST:-127.0.0.1} PG_PORT=${PG_PORT:-5432} PG_USER=${PG_USER:-postgres}
BENCH_JAR=bench/target/tally-bench.jar
OUT=${TMPDIR:-/tmp}/cpu-split.out
[[ -f $BENCH_JAR ]] || mvn -B -q package -DskipTests -pl bench -am
case $CASE in
  B1) SCRIPT=use ;;
  B1-batch) SCRIPT=batch100 ;;
  *) SCRIPT= ;;
esac
if [[ -n $SCRIPT && $EMBEDDED == 1 ]]; then
  echo "the pgbench floors run on the PostgreSQL server only (EMBEDDED=0)" >&2
  exit 2
fi

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

if [[ $EMBEDDED == 1 ]]; then
  DIRECTORY=bench/target/cpu-split/embedded
  rm -rf "$DIRECTORY" "$DIRECTORY.lock" "$DIRECTORY.log"
  URL="embedded-postgresql:$DIRECTORY"
  SETUP_USER=()
else
  sql() { psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -X -q -tA "$@"; }
  PG_DATA=${PG_DATA:-$(sql -d postgres -c 'SHOW data_directory')}
  POSTMASTER=$(head -1 "$PG_DATA/postmaster.pid")
  URL="jdbc:postgresql://$PG_HOST:$PG_PORT/tally_cpu_split"
  SETUP_USER=(--user "$PG_USER")
  sql -d postgres -c 'DROP DATABASE IF EXISTS tally_cpu_split' 2>/dev/null -c 'CREATE DATABASE tally_cpu_split'
fi
java -cp "$BENCH_JAR" dev.tally.bench.UseLoad --url "$URL" "${SETUP_USER[@]}" --setup-only >/dev/null 2>&1
if [[ -n $SCRIPT ]]; then
  sql -d tally_cpu_split -c CHECKPOINT
  pgbench -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -n -c 16 -j 2 -T $((WARMUP + 20)) \
    -f "bench/pgbench/$SCRIPT.sql" tally_cpu_split >"$OUT" 2>&1 &
else
  java -cp "$BENCH_JAR" dev.tally.bench.UseLoad --url "$URL" "${SETUP_USER[@]}" --cases "$CASE" \
    --seconds 30 --warmup "$WARMUP" "metering.group_commit.enabled=$GROUP" >"$OUT" 2>&1 &
fi
LOAD=$!
if [[ $EMBEDDED == 1 ]]; then
  # the server the load's JVM starts: its postmaster.pid names its process and its port
  for _ in $(seq 120); do [[ -f $DIRECTORY/postmaster.pid ]] && break; sleep 0.5; done
  POSTMASTER=$(head -1 "$DIRECTORY/postmaster.pid")
  EMBEDDED_PORT=$(sed -n 4p "$DIRECTORY/postmaster.pid")
  sql() { psql -h 127.0.0.1 -p "$EMBEDDED_PORT" -U postgres -X -q -tA "$@"; }
  uses() { sql -d postgres -c 'SELECT count(*) FROM product_usage_log'; }
else
  uses() { sql -d tally_cpu_split -c 'SELECT count(*) FROM product_usage_log'; }
fi
sleep $((WARMUP + 5))
uses0=$(uses) server0=$(server_ticks) client0=$(process_ticks "$LOAD")
sleep 10
uses1=$(uses) server1=$(server_ticks) client1=$(process_ticks "$LOAD")
wait "$LOAD"
ticks_per_s=$(getconf CLK_TCK)
client=$([[ -n $SCRIPT ]] && echo pgbench || echo jvm)
awk -v n=$((uses1 - uses0)) -v c=$((client1 - client0)) -v s=$((server1 - server0)) -v hz="$ticks_per_s" \
  -v cs="$CASE" -v group="$GROUP" -v embedded="$EMBEDDED" -v client="$client" -v cores="$(nproc)" 'BEGIN {
    client_ms = c * 1000 / hz / n; server_ms = s * 1000 / hz / n
    printf "case=%s group_commit=%s embedded=%s window_s=10 uses=%d uses_per_s=%.0f %s_cpu_ms_per_use=%.3f server_cpu_ms_per_use=%.3f cores=%d uses_per_s_with_every_core_busy=%.0f\n",
      cs, group, embedded, n, n / 10, client, client_ms, server_ms, cores, cores * 1000 / (client_ms + server_ms) }'
if [[ -n $SCRIPT ]]; then
  grep '^tps' "$OUT"
else
  grep '^RESULT' "$OUT"
fi
