#!/usr/bin/env bash
# HTTP benchmarks of the users service with wrk, next to bare Vert.x anchors, all on 127.0.0.1.
#
#   bash bench/http.sh                       # build the jar, run every case (about 6 minutes)
#   bash bench/http.sh --cases hello,get-near   # only these cases (comma-separated; "all" = every case)
#   bash bench/http.sh --no-build            # use target/cachify.jar as it is
#   bash bench/http.sh --jar /path/cachify.jar   # measure that fat jar (implies --no-build)
#   bash bench/http.sh --duration 30s --warmup 20s --connections 64
#   bash bench/http.sh --duration 3s --warmup 2s # a quick check that the script works (figures meaningless)
#   bash bench/http.sh --tsv /path/summary.tsv   # where the machine-readable summary goes
#   bash bench/http.sh --rss-xmx 128m        # the heap limit of the rss-* cases (default 128m)
#   bash bench/http.sh --jfr                 # also record JFR during the cached GET (Redis store)
#                                            # and print the hottest frames
#
# Steps: installs wrk when missing (apt-get), builds target/cachify.jar (mvn -q -B -DskipTests
# package), starts a private redis-server on a free port when a case needs one (never 6379; nothing
# saved), then runs `wrk -t2 -c64 -d15s --latency` (after an unmeasured 15 s warm-up of the same
# kind: the JIT needs about that long on 2 cores before the service reaches its steady rate) for
# each case, in this order:
#   hello         bench/BareRedisGetServer.java in hello mode: bare Vert.x 5, 2 event loops
#   bare-redis    the same file, one Redis GET per request, answered as JSON (the anchor): one
#                 pipelined connection per event loop
#   bare-redis-pooled  the same through one shared pooled client of 6 connections (how the
#                 service's RedisStore sent before c569497), to show what a pooled send costs
#   get-redis     the service (REDIS_URL set: Redis store), GET /users/1, cached
#   put-redis     the same service, PUT /users/1 from 64 connections (bench/put.lua counts 200/226)
#   get-memory    the service with the memory store, GET /users/1, cached
#   get-near      the service with REDIS_URL and NEAR_CACHE_ENABLED=true (near cache in front of
#                 the Redis store), GET /users/1, cached
#   rss-memory    the service with the memory store started with -Xmx128m, under the cached-GET
#                 load: its resident memory (VmRSS sampled every 0.2 s from /proc/PID/status during
#                 the measured run, VmHWM = peak since start, VmRSS at the end)
#   rss-near      the same with REDIS_URL and NEAR_CACHE_ENABLED=true
# For every case: req/s, p50/p99 (wrk --latency), the server's CPU time per request (the server
# JVM plus redis-server when it takes part) and, when the server talks to Redis, Redis commands per
# request (INFO total_commands_processed). Error answers (non-2xx, socket errors) are counted; the
# rss-* cases also require the service to be alive afterwards, a final GET to answer 200 and no
# OutOfMemoryError in its log.
# The services run from a temporary directory with DATABASE_URL=jdbc:sqlite:<tmp>/bench-*.db;
# every process the script starts is stopped on exit (also on Ctrl-C or failure).
# Raw wrk outputs and the summaries go to bench/results/http-<stamp>-*.txt, http-<stamp>.md and
# http-<stamp>.tsv (bench/results/ is git-ignored: raw outputs stay local). The TSV has a header
# line, then one line per case: case, rps, p50_ms, p99_ms, cpu_us_per_req, extra (key=value pairs
# separated by ";"), command (the wrk command), server (what answered); lines starting with # are
# comments (the wrk parameters).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RESULTS="$ROOT/bench/results"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
BUILD=1
JAR="$ROOT/target/cachify.jar"
DURATION=15s
WARMUP=15s
THREADS=2
CONNECTIONS=64
JFR=0
ALL_CASES="hello bare-redis bare-redis-pooled get-redis put-redis get-memory get-near rss-memory rss-near"
CASES="$ALL_CASES"
TSV=""
RSS_XMX=128m

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
}

while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) BUILD=0 ;;
    --jar) JAR="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; BUILD=0; shift ;;
    --duration) DURATION="$2"; shift ;;
    --warmup) WARMUP="$2"; shift ;;
    --threads) THREADS="$2"; shift ;;
    --connections) CONNECTIONS="$2"; shift ;;
    --cases) CASES="$2"; shift ;;
    --tsv) TSV="$2"; shift ;;
    --rss-xmx) RSS_XMX="$2"; shift ;;
    --jfr) JFR=1 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

if [ "$CASES" = all ]; then CASES="$ALL_CASES"; fi
CASES=" $(echo "$CASES" | tr ',' ' ' | xargs) "
for c in $CASES; do
  case " $ALL_CASES " in
    *" $c "*) ;;
    *) echo "unknown case: $c (cases: $ALL_CASES)" >&2; exit 2 ;;
  esac
done
wants() { # wants CASE...: true when one of them was asked for
  local c
  for c in "$@"; do
    [[ "$CASES" == *" $c "* ]] && return 0
  done
  return 1
}
[[ "$RSS_XMX" =~ ^[0-9]+[mMgG]$ ]] || { echo "--rss-xmx: like 128m, got $RSS_XMX" >&2; exit 2; }

seconds_of() { # 15s, 2m, 15 -> seconds
  case "$1" in
    *m) echo $(( ${1%m} * 60 )) ;;
    *s) echo "${1%s}" ;;
    *) echo "$1" ;;
  esac
}
WRK_LIMIT=$(( $(seconds_of "$DURATION") + 30 ))
WARMUP_SECONDS=$(seconds_of "$WARMUP")

unset BARE_REDIS_CLIENT
mkdir -p "$RESULTS"
LOG="$RESULTS/http-$STAMP.log"
SUMMARY="$RESULTS/http-$STAMP.md"
TSV="${TSV:-$RESULTS/http-$STAMP.tsv}"
exec > >(tee "$LOG") 2>&1

declare -A RPS P50 P99 NON2XX ERRORS LOAD CPU_US EXTRA CMD SERVER
NAMES=()

# ---------------------------------------------------------------- processes and cleanup
TMP="$(mktemp -d /tmp/cachify-http-bench.XXXXXX)"
PIDS=()

stop_pid() {
  local pid="$1" i
  kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for i in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -9 "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

# The machine-readable summary: written at the end, and by the EXIT trap as well, so a run that
# fails half-way still leaves the cases it measured.
write_tsv() {
  local n
  {
    printf '# wrk\tthreads=%s\tconnections=%s\tduration=%s\twarmup=%s\tstamp=%s\n' \
      "$THREADS" "$CONNECTIONS" "$DURATION" "$WARMUP" "$STAMP"
    printf 'case\trps\tp50_ms\tp99_ms\tcpu_us_per_req\textra\tcommand\tserver\n'
    for n in "${NAMES[@]}"; do
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "${RPS[$n]:-?}" "${P50[$n]:-?}" "${P99[$n]:-?}" \
        "${CPU_US[$n]:-?}" "${EXTRA[$n]//$'\t'/ }" "${CMD[$n]}" "${SERVER[$n]}"
    done
  } >"$TSV"
}

cleanup() {
  local i
  if [ "${#NAMES[@]}" -gt 0 ]; then write_tsv; fi
  for (( i=${#PIDS[@]}-1; i>=0; i-- )); do
    stop_pid "${PIDS[$i]}"
  done
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'echo "interrupted" >&2; exit 130' INT TERM

die() {
  echo "ERROR: $*" >&2
  exit 1
}

# ---------------------------------------------------------------- tools
echo "== machine"
echo "nproc: $(nproc)"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
java -version 2>&1 | sed 's/^/java: /'
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "cases:$CASES"

if ! command -v wrk >/dev/null 2>&1; then
  echo "== wrk is missing: installing the Debian package wrk"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  if ! { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq wrk; } >"$TMP/apt.log" 2>&1; then
    tail -5 "$TMP/apt.log" >&2
    die "wrk could not be installed (apt-get install -y wrk failed); install it and run again"
  fi
fi
command -v wrk >/dev/null 2>&1 || die "wrk is not on PATH after installing it"
echo "wrk: $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
command -v redis-server >/dev/null 2>&1 || die "redis-server is not on PATH (Debian package redis-server)"
command -v redis-cli >/dev/null 2>&1 || die "redis-cli is not on PATH (Debian package redis-tools)"
command -v curl >/dev/null 2>&1 || die "curl is not on PATH"
echo "redis: $(redis-server --version | cut -d' ' -f3)"

if [ "$BUILD" = 1 ]; then
  echo "== building target/cachify.jar (mvn -q -B -DskipTests package)"
  (cd "$ROOT" && mvn -q -B -DskipTests package)
fi
[ -f "$JAR" ] || die "no jar at $JAR (build it, or drop --no-build)"
echo "jar: $JAR ($(date -u -r "$JAR" +%Y-%m-%dT%H:%M:%SZ), sha256 $(sha256sum "$JAR" | cut -c1-12))"
if git -C "$ROOT" rev-parse --short HEAD >/dev/null 2>&1; then
  echo "work tree: $(git -C "$ROOT" rev-parse --short HEAD), src/main digest" \
    "$(cd "$ROOT" && find src/main -type f | LC_ALL=C sort | xargs cat | sha256sum | cut -c1-12)"
fi

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

# Waits until $1 answers any HTTP status, while process $2 lives; $3 = its log.
wait_http() {
  local url="$1" pid="$2" log="$3" code
  for _ in $(seq 1 600); do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -30 "$log" >&2
      die "the process behind $url exited"
    fi
    code="$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$url" || true)"
    if [ -n "$code" ] && [ "$code" != 000 ]; then
      return 0
    fi
    sleep 0.1
  done
  tail -30 "$log" >&2
  die "$url did not answer within 60 s"
}

# ---------------------------------------------------------------- Redis
REDIS_PORT=""
REDIS_PID=""
if wants bare-redis bare-redis-pooled get-redis put-redis get-near rss-near; then
  REDIS_PORT="$(free_port)"
  echo "== private redis-server on 127.0.0.1:$REDIS_PORT (no persistence)"
  redis-server --port "$REDIS_PORT" --save "" --appendonly no --bind 127.0.0.1 --daemonize no \
    >"$TMP/redis.log" 2>&1 &
  PIDS+=($!)
  REDIS_PID=$!
  for _ in $(seq 1 100); do
    redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 || { cat "$TMP/redis.log"; die "redis-server did not start"; }
fi

# Commands Redis has processed so far (INFO itself counts one).
redis_commands() {
  redis-cli -p "$REDIS_PORT" info stats | tr -d '\r' | awk -F: '$1 == "total_commands_processed" {print $2}'
}

USER_JSON='{"name":"Ada","email":"ada@example.com"}'

# ---------------------------------------------------------------- wrk runs
MEASURE_PIDS=""
# Set per case: what answers (for the TSV), whether it talks to Redis, which pid's memory to sample.
SERVER_DESC=""
USES_REDIS=0
RSS_PID=""

to_ms() { # wrk's 850.00us / 2.53ms / 1.20s / 1.00m -> ms
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
    else if (v ~ /m$/) { sub(/m$/, "", v); printf "%.2f", v * 60000 }
    else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.2f", v * 1000 }
    else printf "?" }'
}

CLK_TCK="$(getconf CLK_TCK)"
# CPU time (user + system, in clock ticks) used so far by the processes given.
cpu_ticks() {
  local pid total=0
  for pid in "$@"; do
    total=$(( total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0) ))
  done
  echo "$total"
}

# "VmRSS VmHWM" of a process, in kB.
mem_kb() {
  awk '/^VmRSS:/ {r = $2} /^VmHWM:/ {h = $2} END {print r + 0, h + 0}' "/proc/$1/status" 2>/dev/null || echo "0 0"
}

# rss_sampler PID FILE: appends "VmRSS VmHWM" (kB) every 0.2 s while PID lives (run in background).
rss_sampler() {
  while kill -0 "$1" 2>/dev/null; do
    mem_kb "$1" >>"$2"
    sleep 0.2
  done
}

add_extra() { # add_extra NAME key=value
  EXTRA[$1]="${EXTRA[$1]:+${EXTRA[$1]};}$2"
}

# run_wrk NAME URL [wrk options...]: an unmeasured warm-up, then the measured run. The CPU time
# that the processes in $MEASURE_PIDS (the server, and redis-server when it takes part) spend
# during the run, per request, is a figure that other load on the machine hardly changes.
run_wrk() {
  local name="$1" url="$2" out="$RESULTS/http-$STAMP-$1.txt" before after requests
  local cmds_before="" cmds_after sampler="" samples="$TMP/rss-$1.txt" mem
  shift 2
  if [ "$WARMUP_SECONDS" -gt 0 ]; then
    timeout --kill-after=5 $(( WARMUP_SECONDS + 30 )) \
      wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$@" "$url" >/dev/null 2>&1 || true
  fi
  LOAD[$name]="$(cut -d' ' -f1 /proc/loadavg)"
  CMD[$name]="wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency${*:+ $*} $url"
  CMD[$name]="${CMD[$name]//$ROOT\//}"
  SERVER[$name]="$SERVER_DESC"
  echo "-- $name: ${CMD[$name]} (load average ${LOAD[$name]})"
  if [ "$USES_REDIS" = 1 ]; then cmds_before="$(redis_commands)"; fi
  if [ -n "$RSS_PID" ]; then
    : >"$samples"
    rss_sampler "$RSS_PID" "$samples" &
    sampler=$!
    PIDS+=("$sampler")
  fi
  # shellcheck disable=SC2086
  before="$(cpu_ticks $MEASURE_PIDS)"
  timeout --kill-after=5 "$WRK_LIMIT" \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" "$url" >"$out" 2>&1 \
    || { cat "$out"; die "wrk failed on $name"; }
  # shellcheck disable=SC2086
  after="$(cpu_ticks $MEASURE_PIDS)"
  requests="$(awk '/ requests in / {print $1}' "$out")"
  CPU_US[$name]="$(awk -v t=$(( after - before )) -v hz="$CLK_TCK" -v n="${requests:-0}" \
    'BEGIN {if (n > 0) printf "%.0f", t / hz * 1e6 / n; else printf "?"}')"
  echo "server CPU (pids $MEASURE_PIDS): $(( after - before )) ticks, ${CPU_US[$name]} us per request" >>"$out"
  add_extra "$name" "requests=${requests:-0}"
  if [ -n "$cmds_before" ]; then
    cmds_after="$(redis_commands)"
    add_extra "$name" "redis_cmds_per_req=$(awk -v a="$cmds_before" -v b="$cmds_after" -v n="${requests:-0}" \
      'BEGIN {if (n > 0) printf "%.3f", (b - a - 1) / n; else printf "?"}')"
    echo "redis commands during the run: $(( cmds_after - cmds_before - 1 ))" >>"$out"
  fi
  if [ -n "$sampler" ]; then
    stop_pid "$sampler"
    mem="$(mem_kb "$RSS_PID")"
    echo "$mem" >>"$samples"
    add_extra "$name" "$(awk -v end="$mem" '
      {if ($1 > max) max = $1; n++}
      END {split(end, e, " "); printf "rss_samples=%d;rss_max_kb=%d;rss_end_kb=%d;hwm_kb=%d", n, max, e[1], e[2]}' "$samples")"
    echo "memory during the run: $(awk '{if ($1 > max) max = $1} END {printf "max VmRSS %d kB over %d samples", max, NR}' "$samples");" \
      "at the end: VmRSS $(cut -d' ' -f1 <<<"$mem") kB, VmHWM $(cut -d' ' -f2 <<<"$mem") kB" >>"$out"
  fi
  sed 's/^/   /' "$out"
  NAMES+=("$name")
  RPS[$name]="$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$out")"
  P50[$name]="$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")"
  P99[$name]="$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")"
  NON2XX[$name]="$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$out")"
  NON2XX[$name]="${NON2XX[$name]:-0}"
  ERRORS[$name]="$(awk '/Socket errors:/ {sub(/^ *Socket errors: */, ""); print}' "$out")"
  add_extra "$name" "non2xx=${NON2XX[$name]}"
  add_extra "$name" "socket_errors=${ERRORS[$name]:-none}"
  add_extra "$name" "load=${LOAD[$name]}"
}

# ---------------------------------------------------------------- bare Vert.x anchors
BARE_INSTANCES="$(nproc)"
start_bare() { # start_bare LOGNAME PORT ARG... (BARE_REDIS_CLIENT=pooled in the environment: pooled client)
  local name="$1" port="$2"
  shift 2
  BARE_INSTANCES="$BARE_INSTANCES" BARE_REDIS_CLIENT="${BARE_REDIS_CLIENT:-connection}" \
    java -cp "$JAR" "$ROOT/bench/BareRedisGetServer.java" "$port" "$@" >"$TMP/$name.log" 2>&1 &
  PIDS+=($!)
  BARE_PID=$!
  wait_http "http://127.0.0.1:$port/" "$BARE_PID" "$TMP/$name.log"
  cat "$TMP/$name.log"
}

if wants hello; then
  echo "== bare Vert.x 5 hello ($BARE_INSTANCES event loops)"
  PORT="$(free_port)"
  start_bare bare-hello "$PORT" hello
  MEASURE_PIDS="$BARE_PID" SERVER_DESC="bench/BareRedisGetServer.java hello, $BARE_INSTANCES event loops" USES_REDIS=0
  run_wrk hello "http://127.0.0.1:$PORT/"
  stop_pid "$BARE_PID"
fi

if wants bare-redis bare-redis-pooled; then
  redis-cli -p "$REDIS_PORT" set bare:user:1 '{"id":1,"name":"Ada","email":"ada@example.com"}' >/dev/null
fi
if wants bare-redis; then
  echo "== bare Vert.x 5 + one Redis GET per request ($BARE_INSTANCES event loops)"
  PORT="$(free_port)"
  start_bare bare-redis "$PORT" "$REDIS_PORT" bare:user:1
  body="$(curl -s "http://127.0.0.1:$PORT/")"
  echo "answer: $body"
  MEASURE_PIDS="$BARE_PID $REDIS_PID" USES_REDIS=1
  SERVER_DESC="bench/BareRedisGetServer.java, one Redis GET per request, a pipelined connection per event loop"
  run_wrk bare-redis "http://127.0.0.1:$PORT/"
  stop_pid "$BARE_PID"
fi

if wants bare-redis-pooled; then
  echo "== bare Vert.x 5 + one Redis GET per request, shared pooled client (6 connections)"
  PORT="$(free_port)"
  BARE_REDIS_CLIENT=pooled start_bare bare-redis-pooled "$PORT" "$REDIS_PORT" bare:user:1
  MEASURE_PIDS="$BARE_PID $REDIS_PID" USES_REDIS=1
  SERVER_DESC="bench/BareRedisGetServer.java, one Redis GET per request, a shared pooled client (6 connections)"
  run_wrk bare-redis-pooled "http://127.0.0.1:$PORT/"
  stop_pid "$BARE_PID"
fi

# ---------------------------------------------------------------- the users service
# start_service NAME PORT [ENV=VALUE...]: java [$SERVICE_JAVA_OPTS] -jar from the temporary
# directory (so no conf/config.json and no files in the work tree), HTTP on 127.0.0.1 only.
SERVICE_JAVA_OPTS=""
start_service() {
  local name="$1" port="$2"
  shift 2
  # shellcheck disable=SC2086
  (cd "$TMP" && exec env -u REDIS_URL -u CACHIFY_STORE -u HTTP_INSTANCES -u NEAR_CACHE_ENABLED \
    HTTP_HOST=127.0.0.1 HTTP_PORT="$port" DATABASE_URL="jdbc:sqlite:$TMP/bench-$name.db" \
    USERS_SIMULATED_DELAY_MS=0 "$@" java $SERVICE_JAVA_OPTS -jar "$JAR") >"$TMP/$name.log" 2>&1 &
  PIDS+=($!)
  SERVICE_PID=$!
  wait_http "http://127.0.0.1:$port/users?limit=1" "$SERVICE_PID" "$TMP/$name.log"
  grep -E 'Node up|listening' "$TMP/$name.log" | sed 's/^/   /' || true
}

# create_user PORT: POST /users, prints the new user's path (/users/1).
create_user() {
  local port="$1" code location
  code="$(curl -s -D "$TMP/headers" -o "$TMP/body" -w '%{http_code}' -X POST \
    -H 'Content-Type: application/json' -d "$USER_JSON" "http://127.0.0.1:$port/users")"
  [ "$code" = 201 ] || { cat "$TMP/body" >&2; die "POST /users answered $code"; }
  location="$(awk 'tolower($1) == "location:" {print $2}' "$TMP/headers" | tr -d '\r')"
  [ -n "$location" ] || die "POST /users answered no Location"
  echo "$location"
}

# check_get URL: one GET must answer 200 (it also fills the cache).
check_get() {
  local code
  code="$(curl -s -o "$TMP/body" -w '%{http_code}' "$1")"
  [ "$code" = 200 ] || { cat "$TMP/body" >&2; die "GET $1 answered $code"; }
  echo "answer: $(cat "$TMP/body")"
}

# service_log_check NAME: prints the service's warnings and errors, if any.
service_log_check() {
  if grep -qE ' (WARN|ERROR) |Exception|OutOfMemoryError' "$TMP/$1.log"; then
    echo "service log warnings/errors (first 10):"
    grep -E ' (WARN|ERROR) |Exception|OutOfMemoryError' "$TMP/$1.log" | head -10 | sed 's/^/   /'
  fi
}

if wants get-redis put-redis; then
  echo "== users service, Redis store (REDIS_URL=redis://127.0.0.1:$REDIS_PORT)"
  PORT="$(free_port)"
  start_service service-redis "$PORT" REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
  USER_PATH="$(create_user "$PORT")"
  echo "created $USER_PATH"
  check_get "http://127.0.0.1:$PORT$USER_PATH"
  echo "cached key: $(redis-cli -p "$REDIS_PORT" --scan --pattern '*read_user*' | head -1)"
  MEASURE_PIDS="$SERVICE_PID $REDIS_PID" USES_REDIS=1
  SERVER_DESC="java -jar cachify.jar, REDIS_URL (Redis store), SQLite"
  if wants get-redis; then
    if [ "$JFR" = 1 ]; then
      JFR_FILE="$RESULTS/http-$STAMP-get-redis.jfr"
      # Start the recording after the warm-up: run_wrk warms up first, so warm up here instead.
      wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "http://127.0.0.1:$PORT$USER_PATH" >/dev/null 2>&1 || true
      jcmd "$SERVICE_PID" JFR.start name=bench settings=profile filename="$JFR_FILE" >/dev/null
      SAVED_WARMUP="$WARMUP_SECONDS"; WARMUP_SECONDS=0
      run_wrk get-redis "http://127.0.0.1:$PORT$USER_PATH"
      WARMUP_SECONDS="$SAVED_WARMUP"
      jcmd "$SERVICE_PID" JFR.stop name=bench >/dev/null
    else
      run_wrk get-redis "http://127.0.0.1:$PORT$USER_PATH"
    fi
  fi
  if wants put-redis; then
    run_wrk put-redis "http://127.0.0.1:$PORT$USER_PATH" -s "$ROOT/bench/put.lua"
    PUT_OUT="$RESULTS/http-$STAMP-put-redis.txt"
    add_extra put-redis "status_200=$(awk '/^status 200:/ {print $3}' "$PUT_OUT")"
    add_extra put-redis "status_226=$(awk '/^status 226:/ {print $3}' "$PUT_OUT")"
    add_extra put-redis "status_other=$(awk '/^status [0-9]+:/ && $2 != "200:" && $2 != "226:" {printf "%s%s%s", sep, $2, $3; sep=","}' "$PUT_OUT")"
  fi
  check_get "http://127.0.0.1:$PORT$USER_PATH"
  service_log_check service-redis
  stop_pid "$SERVICE_PID"
fi

if wants get-memory; then
  echo "== users service, memory store"
  PORT="$(free_port)"
  start_service service-memory "$PORT" CACHIFY_STORE=memory
  USER_PATH="$(create_user "$PORT")"
  check_get "http://127.0.0.1:$PORT$USER_PATH"
  MEASURE_PIDS="$SERVICE_PID" USES_REDIS=0 SERVER_DESC="java -jar cachify.jar, CACHIFY_STORE=memory, SQLite"
  run_wrk get-memory "http://127.0.0.1:$PORT$USER_PATH"
  service_log_check service-memory
  stop_pid "$SERVICE_PID"
fi

if wants get-near; then
  echo "== users service, near cache in front of the Redis store (NEAR_CACHE_ENABLED=true)"
  PORT="$(free_port)"
  start_service service-near "$PORT" REDIS_URL="redis://127.0.0.1:$REDIS_PORT" NEAR_CACHE_ENABLED=true
  USER_PATH="$(create_user "$PORT")"
  check_get "http://127.0.0.1:$PORT$USER_PATH"
  MEASURE_PIDS="$SERVICE_PID $REDIS_PID" USES_REDIS=1
  SERVER_DESC="java -jar cachify.jar, REDIS_URL + NEAR_CACHE_ENABLED=true, SQLite"
  run_wrk get-near "http://127.0.0.1:$PORT$USER_PATH"
  service_log_check service-near
  stop_pid "$SERVICE_PID"
fi

# rss_case NAME STORE-LABEL USES-REDIS [ENV=VALUE...]: the service with -Xmx$RSS_XMX under the
# cached-GET load; its memory is sampled during the measured run, then it must still answer 200.
rss_case() {
  local name="$1" label="$2" idle ok=yes oom
  USES_REDIS="$3"
  shift 3
  echo "== users service, $label, java -Xmx$RSS_XMX: resident memory under the cached-GET load"
  PORT="$(free_port)"
  SERVICE_JAVA_OPTS="-Xmx$RSS_XMX" start_service "service-$name" "$PORT" "$@"
  USER_PATH="$(create_user "$PORT")"
  check_get "http://127.0.0.1:$PORT$USER_PATH"
  idle="$(mem_kb "$SERVICE_PID")"
  echo "memory before the load: VmRSS $(cut -d' ' -f1 <<<"$idle") kB, VmHWM $(cut -d' ' -f2 <<<"$idle") kB"
  MEASURE_PIDS="$SERVICE_PID"
  if [ "$USES_REDIS" = 1 ]; then MEASURE_PIDS="$SERVICE_PID $REDIS_PID"; fi
  RSS_PID="$SERVICE_PID" SERVER_DESC="java -Xmx$RSS_XMX -jar cachify.jar, $label, SQLite"
  run_wrk "$name" "http://127.0.0.1:$PORT$USER_PATH"
  RSS_PID=""
  add_extra "$name" "store=$label"
  add_extra "$name" "xmx=$RSS_XMX"
  add_extra "$name" "rss_idle_kb=$(cut -d' ' -f1 <<<"$idle")"
  if ! kill -0 "$SERVICE_PID" 2>/dev/null; then
    ok="no (the service exited)"
  elif [ "$(curl -s -o /dev/null -m 5 -w '%{http_code}' "http://127.0.0.1:$PORT$USER_PATH" || true)" != 200 ]; then
    ok="no (GET after the load did not answer 200)"
  fi
  oom="$(grep -c OutOfMemoryError "$TMP/service-$name.log" || true)"
  if [ "${oom:-0}" != 0 ]; then ok="no (OutOfMemoryError in the log)"; fi
  if [ "${NON2XX[$name]}" != 0 ] || [ -n "${ERRORS[$name]}" ]; then ok="no (error answers during the load)"; fi
  add_extra "$name" "oom=${oom:-0}"
  add_extra "$name" "ok=$ok"
  echo "after the load: service alive and answering, no errors: $ok"
  service_log_check "service-$name"
  stop_pid "$SERVICE_PID"
}

if wants rss-memory; then
  rss_case rss-memory "memory store" 0 CACHIFY_STORE=memory
fi
if wants rss-near; then
  rss_case rss-near "near cache + Redis store" 1 REDIS_URL="redis://127.0.0.1:$REDIS_PORT" NEAR_CACHE_ENABLED=true
fi

if [ -n "$REDIS_PID" ]; then stop_pid "$REDIS_PID"; fi
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"

# ---------------------------------------------------------------- summaries
write_tsv

# verdict VALUE OP LIMIT (OP: ge or le): "met" or "NOT met"
verdict() {
  if awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN {v += 0; l += 0; exit !(op == "ge" ? v >= l : v <= l)}'; then
    echo "met"
  else
    echo "NOT met"
  fi
}

row() { # row NAME LABEL NOTE: a table row, when the case ran
  local n="$1"
  local note="$3"
  [ -n "${RPS[$n]:-}" ] || return 0
  if [ "${NON2XX[$n]}" != 0 ]; then note="${note:+$note; }non-2xx ${NON2XX[$n]}"; fi
  if [ -n "${ERRORS[$n]}" ]; then note="${note:+$note; }socket errors: ${ERRORS[$n]}"; fi
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$2" "${RPS[$n]}" "${P50[$n]}" "${P99[$n]}" "${CPU_US[$n]}" \
    "${LOAD[$n]}" "$note"
}
extra_of() { # extra_of NAME KEY
  tr ';' '\n' <<<"${EXTRA[$1]:-}" | awk -F= -v k="$2" '$1 == k {sub(/^[^=]*=/, ""); print}'
}
rss_note() {
  [ -n "${RPS[$1]:-}" ] || return 0
  echo "-Xmx$RSS_XMX: VmRSS idle $(( $(extra_of "$1" rss_idle_kb) / 1024 )) MB, max in run $(( $(extra_of "$1" rss_max_kb) / 1024 )) MB," \
    "end $(( $(extra_of "$1" rss_end_kb) / 1024 )) MB, VmHWM $(( $(extra_of "$1" hwm_kb) / 1024 )) MB; ok: $(extra_of "$1" ok)"
}
put_note() {
  [ -n "${RPS[put-redis]:-}" ] || return 0
  local other
  other="$(extra_of put-redis status_other)"
  echo "200: $(extra_of put-redis status_200), 226: $(extra_of put-redis status_226)${other:+, $other}"
}

{
  echo "## wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency ($STAMP, $(nproc) cores, warm-up $WARMUP each)"
  echo
  echo "| case | req/s | p50 ms | p99 ms | server CPU us/req | load avg | notes |"
  echo "|---|---:|---:|---:|---:|---:|---|"
  row get-near "cached GET /users/1, near cache + Redis store" "Redis commands/req $(extra_of get-near redis_cmds_per_req)"
  row get-redis "cached GET /users/1, Redis store" ""
  row get-memory "cached GET /users/1, memory store" ""
  row bare-redis "bare Vert.x + one Redis GET (connection per event loop)" ""
  row bare-redis-pooled "bare Vert.x + one Redis GET (pooled client, 6 connections)" ""
  row hello "bare Vert.x hello" ""
  row put-redis "PUT /users/1, 64 connections on one id" "$(put_note)"
  row rss-memory "cached GET /users/1, memory store, -Xmx$RSS_XMX" "$(rss_note rss-memory)"
  row rss-near "cached GET /users/1, near cache + Redis, -Xmx$RSS_XMX" "$(rss_note rss-near)"
  echo
  if [ -n "${RPS[get-redis]:-}" ] && [ -n "${RPS[bare-redis]:-}" ]; then
    RATIO="$(awk -v a="${RPS[get-redis]}" -v b="${RPS[bare-redis]}" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')"
    CPU_RATIO="$(awk -v a="${CPU_US[bare-redis]}" -v b="${CPU_US[get-redis]}" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')"
    echo "cached GET (Redis store) / bare Redis GET: $RATIO (req/s); CPU per request, bare / service: $CPU_RATIO"
    echo
  fi
  if [ -n "${RPS[get-near]:-}" ] && [ -n "${RPS[hello]:-}" ]; then
    NEAR_RATIO="$(awk -v a="${RPS[get-near]}" -v b="${RPS[hello]}" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')"
    echo "targets (issue 6): cached GET through the near cache >= 120000 req/s:" \
      "$(verdict "${RPS[get-near]}" ge 120000) (${RPS[get-near]}); >= 70% of bare hello: $(verdict "$NEAR_RATIO" ge 0.70) ($NEAR_RATIO)"
    echo
  fi
  echo "server CPU us/req: CPU time (user + system) of the server JVM, plus redis-server where it takes part," \
    "during the measured run, per request; load avg: the 1-minute load average as the run started"
} >"$SUMMARY"

echo
echo "== summary ($SUMMARY, $TSV; raw wrk outputs: $RESULTS/http-$STAMP-*.txt)"
cat "$SUMMARY"

if [ "$JFR" = 1 ] && [ -f "${JFR_FILE:-}" ]; then
  echo
  echo "== JFR ($JFR_FILE): hottest top frames during the cached GET (Redis store)"
  jfr print --stack-depth 64 --events jdk.ExecutionSample "$JFR_FILE" >"$TMP/samples.txt"
  # The first frame after "stackTrace = [" is where the sample was taken (self time).
  awk '/stackTrace = \[/ {top = 1; next} top && /^[[:space:]]+[a-zA-Z_$].*line:/ {sub(/^[[:space:]]+/, ""); sub(/[[:space:]]+line:.*/, ""); print; top = 0}' \
    "$TMP/samples.txt" | sort | uniq -c | sort -rn | head -25 | tee "$RESULTS/http-$STAMP-jfr-top.txt"
  echo "-- frames on the most stacks (inclusive), dev.cachify and io.vertx only"
  grep -E '^[[:space:]]+(dev\.cachify|io\.vertx)\.' "$TMP/samples.txt" | sed -E 's/^[[:space:]]+//; s/[[:space:]]+line:.*//' \
    | sort | uniq -c | sort -rn | head -30 | tee -a "$RESULTS/http-$STAMP-jfr-top.txt"
fi
