#!/usr/bin/env bash
# Tally's benchmarks (docs/benchmarks.md says what each case measures): builds the reactor, runs
# B1 (pgbench floor), B2-B4 and useAll of 100 in-process on PostgreSQL and on the embedded
# default, B5 over HTTP against `tally serve`, B6 (JMH), and appends a dated section with every
# figure and its ratio to its target to docs/benchmarks.md.
#
#   bash bench/run.sh                       # the full run: 10 to 11 minutes on 2 cores
#   BENCH_SECONDS=3 bash bench/run.sh       # a short try; its figures mean nothing
#   BENCH_PROFILE=1 bash bench/run.sh       # also records a JFR of B3 on PostgreSQL, top 15 frames
#
# Settings (environment): BENCH_SECONDS (measured seconds per case, 30), BENCH_WARMUP (10, or a
# third of BENCH_SECONDS), BENCH_PG_HOST/BENCH_PG_PORT/BENCH_PG_USER (127.0.0.1/5432/postgres,
# trusted; the run drops and creates the databases tally_bench and tally_pgbench there),
# BENCH_HTTP_PORT (18081), BENCH_DOCS (docs/benchmarks.md; where the section goes).
set -euo pipefail
cd "$(dirname "$0")/.."

MEASURE=${BENCH_SECONDS:-30}
WARMUP=${BENCH_WARMUP:-$(( MEASURE >= 30 ? 10 : (MEASURE + 2) / 3 ))}
PG_HOST=${BENCH_PG_HOST:-127.0.0.1}
PG_PORT=${BENCH_PG_PORT:-5432}
PG_USER=${BENCH_PG_USER:-postgres}
HTTP_PORT=${BENCH_HTTP_PORT:-18081}
DOCS=${BENCH_DOCS:-docs/benchmarks.md}
PROFILE=${BENCH_PROFILE:-0}
WORK=bench/target/run
BENCH_JAR=bench/target/tally-bench.jar
TALLY_JAR=cli-adapter/target/tally.jar
PG_URL="jdbc:postgresql://$PG_HOST:$PG_PORT"

# Config overrides per case, as data (the harness passes them to Tally as TALLY_* environment).
GROUP_OFF=(metering.group_commit.enabled=false)
GROUP_ON=(metering.group_commit.enabled=true)

declare -A FIGURE
log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
# the value of key= in a RESULT line
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }
psql_bench() { psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -X -q -v ON_ERROR_STOP=1 "$@"; }

rm -rf "$WORK"
mkdir -p "$WORK"
started=$(date +%s)

log "building (mvn -B -q package -DskipTests)"
mvn -B -q package -DskipTests >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }

if ! command -v wrk >/dev/null; then
  log "installing wrk"
  apt-get install -y -q wrk >"$WORK/apt.log" 2>&1 || { sudo apt-get install -y -q wrk >"$WORK/apt.log" 2>&1; }
fi

fresh_database() {
  psql_bench -d postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" 2>/dev/null
}
# each case on the server starts after a checkpoint, so that none pays for the WAL (and the full
# page images after a checkpoint) of the case before it
checkpoint() { psql_bench -d postgres -c CHECKPOINT; }

# --- the database's settings: fsync and synchronous_commit must be on for the figures to count
PG_VERSION=$(psql_bench -d postgres -tAc 'SHOW server_version')
PG_SETTINGS=$(psql_bench -d postgres -tA -F= -c "SELECT name, setting FROM pg_settings WHERE name IN
  ('fsync','synchronous_commit','full_page_writes','wal_sync_method','shared_buffers','max_connections','commit_delay')
  ORDER BY name" | paste -sd' ')
log "PostgreSQL $PG_VERSION: $PG_SETTINGS"
for setting in fsync synchronous_commit; do
  if [[ $(psql_bench -d postgres -tAc "SHOW $setting") != on ]]; then
    echo "PostgreSQL has $setting off: the figures would not be durable ones; turn it on" >&2
    exit 1
  fi
done

# --- B1: pgbench floor on Tally's schema, migrated and seeded by the harness
log "B1: pgbench floor"
fresh_database tally_pgbench
java -cp "$BENCH_JAR" dev.tally.bench.UseLoad --url "$PG_URL/tally_pgbench" --user "$PG_USER" \
  --setup-only >"$WORK/pgbench-setup.out" 2>"$WORK/pgbench-setup.err"
pgbench_tps() {
  checkpoint
  pgbench -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -n -c 16 -j 2 -T "$MEASURE" -f "bench/pgbench/$1.sql" \
    tally_pgbench >"$WORK/pgbench-$1.out" 2>&1
  sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$WORK/pgbench-$1.out"
}
FIGURE[b1_use]=$(pgbench_tps use)
FIGURE[b1_hot]=$(pgbench_tps use_hot)
FIGURE[b1_batch]=$(awk -v tps="$(pgbench_tps batch100)" 'BEGIN { printf "%.1f", tps * 100 }')
log "B1: ${FIGURE[b1_use]} uses/s, hot ${FIGURE[b1_hot]}, batched ${FIGURE[b1_batch]}"

# --- B2-B4 and useAll of 100, in-process; $1 label, $2 URL, $3 cases, rest overrides
in_process() {
  local label=$1 url=$2 cases=$3 profile=()
  shift 3
  [[ $label == postgresql ]] && checkpoint
  if [[ $PROFILE == 1 && $label == postgresql && $cases == B3* ]]; then
    profile=(--jfr "$WORK/b3.jfr")
  fi
  java -cp "$BENCH_JAR" dev.tally.bench.UseLoad --url "$url" --user "$PG_USER" --label "$label" \
    --cases "$cases" --seconds "$MEASURE" --warmup "$WARMUP" "${profile[@]}" "$@" 2>>"$WORK/in-process.err" \
    | tee -a "$WORK/in-process.out" | grep '^RESULT' || log "no result from $label $cases: see $WORK/in-process.err"
}
record_cases() {
  local prefix=$1 line
  while read -r line; do
    log "$line"
    FIGURE[${prefix}_$(field case "$line")]=$(field uses_per_s "$line")
    FIGURE[${prefix}_$(field case "$line")_p99]=$(field p99_ms "$line")
  done
}
log "B2-B4, useAll of 100 on PostgreSQL"
fresh_database tally_bench
record_cases pg < <(in_process postgresql "$PG_URL/tally_bench" B2 "${GROUP_OFF[@]}")
record_cases pg < <(in_process postgresql "$PG_URL/tally_bench" B3,B4,BATCH "${GROUP_ON[@]}")
log "B2-B4, useAll of 100 on the embedded default"
EMBEDDED="$WORK/embedded"
record_cases emb < <(in_process embedded "embedded-postgresql:$EMBEDDED/inprocess" B2 "${GROUP_OFF[@]}")
record_cases emb < <(in_process embedded "embedded-postgresql:$EMBEDDED/inprocess" B3,B4,BATCH "${GROUP_ON[@]}")

# --- B5: HTTP on loopback against `tally serve` on the embedded default
log "B5: HTTP"
export TALLY_DATABASE_URL="embedded-postgresql:$EMBEDDED/http"
shop=$(java -cp "$BENCH_JAR" dev.tally.bench.UseLoad --url "$TALLY_DATABASE_URL" --setup-only 2>>"$WORK/http.err")
export BENCH_PRODUCT BENCH_RUN BENCH_KEY
BENCH_PRODUCT=$(field product "$shop")
BENCH_RUN=$(field run "$shop")
BENCH_KEY=$(java -jar "$TALLY_JAR" apikey create --role service --json 2>>"$WORK/http.err" \
  | sed -n 's/.*"key":"\([^"]*\)".*/\1/p')
java -jar "$TALLY_JAR" serve --port "$HTTP_PORT" >"$WORK/serve.out" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 120); do
  curl -fs "http://127.0.0.1:$HTTP_PORT/api/v1/health" >/dev/null && break
  sleep 1
done
EMB_PORT=$(sed -n 4p "$EMBEDDED/http/postmaster.pid")
EMB_SETTINGS=$(psql -h 127.0.0.1 -p "$EMB_PORT" -U postgres -X -d postgres -tA -F= -c "SELECT name, setting
  FROM pg_settings WHERE name IN ('fsync','synchronous_commit','full_page_writes','shared_buffers') ORDER BY name" \
  | paste -sd' ')
EMB_VERSION=$(psql -h 127.0.0.1 -p "$EMB_PORT" -U postgres -X -d postgres -tAc 'SHOW server_version')
log "embedded PostgreSQL $EMB_VERSION: $EMB_SETTINGS"
# wrk's latency in ms from "50%  1.23ms" (us, ms or s)
wrk_latency() {
  awk -v p="$1" '$1 == p { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
    f = (u == "us") ? 0.001 : (u == "s") ? 1000 : (u == "m") ? 60000 : 1; printf "%.3f", v * f }' "$2"
}
# the single POSTs keep as many requests in flight as B3 keeps uses and more (a server's throughput
# with group commit grows with what is in flight); the batches of 100 keep 1,600
wrk_run() {
  wrk -t 2 -c "$2" -d "${MEASURE}s" --timeout 30s --latency -s "bench/wrk/$1.lua" "http://127.0.0.1:$HTTP_PORT" \
    >"$WORK/wrk-$1.out" 2>&1
  grep -q 'Socket errors' "$WORK/wrk-$1.out" && log "wrk $1: $(grep 'Socket errors' "$WORK/wrk-$1.out")"
  grep -q 'Non-2xx' "$WORK/wrk-$1.out" && log "wrk $1: $(grep 'Non-2xx' "$WORK/wrk-$1.out")"
  sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$WORK/wrk-$1.out"
}
# a fresh server JVM: twice the warm-up, so that its compiler has settled before the reads
wrk -t 2 -c 128 -d "$((2 * WARMUP))s" --timeout 30s -s bench/wrk/usage.lua "http://127.0.0.1:$HTTP_PORT" \
  >"$WORK/wrk-warmup.out" 2>&1
# the reads first: uses still in flight after a wrk run would be measured as read latency
balance=$(java -cp "$BENCH_JAR" dev.tally.bench.FixedRateGet "http://127.0.0.1:$HTTP_PORT" "$BENCH_KEY" 1000 \
  "$MEASURE" "$WARMUP" 1000 2>>"$WORK/http.err")
log "$balance"
FIGURE[b5_balance_p50]=$(field p50_ms "$balance")
FIGURE[b5_balance_p99]=$(field p99_ms "$balance")
FIGURE[b5_balance_rate]=$(field achieved_per_s "$balance")
FIGURE[b5_single]=$(wrk_run usage 128)
FIGURE[b5_single_p99]=$(wrk_latency 99% "$WORK/wrk-usage.out")
FIGURE[b5_batch]=$(awk -v rps="$(wrk_run usage_batch 16)" 'BEGIN { printf "%.1f", rps * 100 }')
FIGURE[b5_batch_p99]=$(wrk_latency 99% "$WORK/wrk-usage_batch.out")
log "B5: single ${FIGURE[b5_single]} req/s, batch ${FIGURE[b5_batch]} uses/s, balance p99 ${FIGURE[b5_balance_p99]} ms"
kill $SERVER
wait $SERVER 2>/dev/null || true
trap - EXIT
unset TALLY_DATABASE_URL

# --- B6: JMH, check_quota and a quote in-process with warm caches, on the embedded default
log "B6: JMH"
jmh_iteration=$(( MEASURE >= 30 ? 5 : (MEASURE + 1) / 2 ))
java -jar "$BENCH_JAR" ReadPathBenchmark -p url="embedded-postgresql:$EMBEDDED/jmh" \
  -wi 2 -w "${jmh_iteration}s" -i 3 -r "${jmh_iteration}s" -f 1 -rf json -rff "$WORK/jmh.json" \
  >"$WORK/jmh.out" 2>&1
# from JMH's JSON: <benchmark> <p0.50 us> <p0.99 us>
jmh_percentiles() {
  tr -d ' \n' <"$WORK/jmh.json" | grep -o '"benchmark":"[^"]*"\|"50\.0":[0-9.Ee+-]*\|"99\.0":[0-9.Ee+-]*' \
    | awk -F'"' '/benchmark/ { n = split($4, parts, "."); name = parts[n]; p50 = ""; next }
        /"50\.0"/ && p50 == "" { p50 = substr($3, 2); next }
        /"99\.0"/ && name != "" { print name, p50, substr($3, 2); name = "" }'
}
while read -r name p50 p99; do
  FIGURE[b6_${name}_p50]=$(awk -v v="$p50" 'BEGIN { printf "%.1f", v }')
  FIGURE[b6_${name}_p99]=$(awk -v v="$p99" 'BEGIN { printf "%.1f", v }')
done < <(jmh_percentiles)
log "B6: checkQuota p99 ${FIGURE[b6_checkQuota_p99]:-?} us, quote p99 ${FIGURE[b6_quote_p99]:-?} us"

# --- the JFR profile of B3: the 15 methods most often on top of a CPU sample, and the 15 Tally
# methods most often the innermost Tally frame (which of Tally's steps the time is spent under)
if [[ $PROFILE == 1 && -f $WORK/b3.jfr ]]; then
  jfr print --stack-depth 64 --events jdk.ExecutionSample "$WORK/b3.jfr" \
    | awk -v top="$WORK/b3-top.txt" -v tally="$WORK/b3-tally.txt" '
        /stackTrace = \[/ { inside = 1; first = 1; ours = ""; next }
        inside && /^[ \t]*\]/ { inside = 0; if (ours != "") print ours > tally; next }
        inside { frame = $0; sub(/^[ \t]+/, "", frame); sub(/[ \t]+line:.*/, "", frame)
          if (first) { print frame > top; first = 0 }
          if (ours == "" && frame ~ /^dev\.tally\./) ours = frame }'
  {
    echo "top of stack (samples, method):"
    sort "$WORK/b3-top.txt" | uniq -c | sort -rn | awk 'NR <= 15'
    echo "innermost Tally frame (samples, method):"
    sort "$WORK/b3-tally.txt" | uniq -c | sort -rn | awk 'NR <= 15'
  } >"$WORK/b3-top-frames.txt"
  log "B3 profile (JFR CPU samples):"
  cat "$WORK/b3-top-frames.txt" >&2
fi

# --- the dated section
ratio() { awk -v a="${1:-0}" -v b="${2:-0}" 'BEGIN { if (b + 0 == 0) print "n/a"; else printf "%.2fx", a / b }'; }
# met or missed; nothing for a baseline (no value given), n/a for a figure the run did not get
verdict() {
  [[ -z $1 ]] && return
  [[ $1 =~ ^[0-9.]+$ ]] || { echo n/a; return; }
  awk -v a="$1" -v op="$2" -v b="$3" 'BEGIN { ok = (op == ">=") ? a + 0 >= b + 0 : a + 0 <= b + 0; print ok ? "met" : "missed" }'
}
row() { # case, figure, target, ratio, measured value, operator, bound
  printf '| %s | %s | %s | %s | %s |\n' "$1" "$2" "$3" "$4" "$(verdict "$5" "$6" "$7")"
}
f() { echo "${FIGURE[$1]:-n/a}"; }
cores=$(nproc)
model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
ram=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
jvm=$(java -version 2>&1 | awk 'NR == 1')
elapsed=$(( $(date +%s) - started ))
{
  echo
  echo "## Run of $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "\`BENCH_SECONDS=$MEASURE bash bench/run.sh\` (warm-up ${WARMUP} s per case; took ${elapsed} s) at $(git rev-parse --short HEAD)."
  echo
  echo "- Machine: $cores cores, $model, $ram RAM; load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- JVM: $jvm"
  echo "- PostgreSQL $PG_VERSION on $PG_HOST:$PG_PORT: $PG_SETTINGS"
  echo "- Embedded default: PostgreSQL $EMB_VERSION: $EMB_SETTINGS"
  echo "- Overrides: B2 \`${GROUP_OFF[*]}\`, B3/B4/useAll \`${GROUP_ON[*]}\`"
  echo
  echo "| case | figure | target | ratio | verdict |"
  echo "|---|---|---|---|---|"
  row "B1 floor, one use per transaction, 16 clients" "$(f b1_use) uses/s" "(baseline)" "" "" ">=" 0
  row "B1 floor, one hot customer, 16 clients" "$(f b1_hot) uses/s" "(baseline)" "" "" ">=" 0
  row "B1 floor, 100 uses per transaction, 16 clients" "$(f b1_batch) uses/s" "(baseline)" "" "" ">=" 0
  b2_ratio=$(ratio "$(f pg_B2)" "$(f b1_use)")
  row "B2 PostgreSQL, group commit off, 16 threads" "$(f pg_B2) uses/s, p99 $(f pg_B2_p99) ms" ">= 0.8x per-use floor" \
    "$b2_ratio" "${b2_ratio%x}" ">=" 0.8
  b3_ratio=$(ratio "$(f pg_B3)" "$(f b1_batch)")
  row "B3 PostgreSQL, group commit on, 64 threads" "$(f pg_B3) uses/s, p99 $(f pg_B3_p99) ms" ">= 1.0x batched floor" \
    "$b3_ratio" "${b3_ratio%x}" ">=" 1.0
  b4_ratio=$(ratio "$(f pg_B4)" "$(f b1_batch)")
  row "B4 PostgreSQL, one hot customer, 64 threads" "$(f pg_B4) uses/s, p99 $(f pg_B4_p99) ms" ">= 0.5x batched floor" \
    "$b4_ratio" "${b4_ratio%x}" ">=" 0.5
  row "useAll of 100 on PostgreSQL, 16 threads" "$(f pg_BATCH) uses/s" "" "$(ratio "$(f pg_BATCH)" "$(f b1_batch)") of batched floor" "" ">=" 0
  row "B2 embedded, group commit off, 16 threads" "$(f emb_B2) uses/s, p99 $(f emb_B2_p99) ms" "" "" "" ">=" 0
  row "B3 embedded, group commit on, 64 threads" "$(f emb_B3) uses/s, p99 $(f emb_B3_p99) ms" ">= 50,000 uses/s" \
    "$(ratio "$(f emb_B3)" 50000)" "$(f emb_B3)" ">=" 50000
  row "B4 embedded, one hot customer, 64 threads" "$(f emb_B4) uses/s, p99 $(f emb_B4_p99) ms" "" "" "" ">=" 0
  row "useAll of 100 embedded, 16 threads" "$(f emb_BATCH) uses/s" "" "" "" ">=" 0
  b5_batch_ratio=$(ratio "$(f b5_batch)" "$(f emb_BATCH)")
  row "B5 POST /usage/batch of 100, 16 connections" "$(f b5_batch) uses/s, p99 $(f b5_batch_p99) ms" \
    ">= 0.8x in-process useAll, same database" "$b5_batch_ratio" "${b5_batch_ratio%x}" ">=" 0.8
  row "B5 POST /usage, 128 connections" "$(f b5_single) requests/s, p99 $(f b5_single_p99) ms" ">= 5,000 requests/s" \
    "$(ratio "$(f b5_single)" 5000)" "$(f b5_single)" ">=" 5000
  row "B5 GET /balances/{id} at 1,000 requests/s" "p50 $(f b5_balance_p50) ms, p99 $(f b5_balance_p99) ms ($(f b5_balance_rate)/s)" \
    "p99 <= 2 ms" "$(ratio "$(f b5_balance_p99)" 2)" "$(f b5_balance_p99)" "<=" 2
  row "B6 check_quota, warm" "p50 $(f b6_checkQuota_p50) us, p99 $(f b6_checkQuota_p99) us" "p99 <= 20 us" \
    "$(ratio "$(f b6_checkQuota_p99)" 20)" "$(f b6_checkQuota_p99)" "<=" 20
  row "B6 pricing quote, warm" "p50 $(f b6_quote_p50) us, p99 $(f b6_quote_p99) us" "p99 <= 20 us" \
    "$(ratio "$(f b6_quote_p99)" 20)" "$(f b6_quote_p99)" "<=" 20
  if [[ -f $WORK/b3-top-frames.txt ]]; then
    echo
    echo "B3 on PostgreSQL, JFR CPU samples (\`BENCH_PROFILE=1\`):"
    echo
    echo '```'
    cat "$WORK/b3-top-frames.txt"
    echo '```'
  fi
} >>"$DOCS"
log "wrote the run's section to $DOCS (raw output in $WORK)"
