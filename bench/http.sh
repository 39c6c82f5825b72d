#!/usr/bin/env bash
# HTTP benchmarks of the users service with wrk, next to bare Vert.x anchors, all on 127.0.0.1.
#
#   bash bench/http.sh                       # build the jar, run everything (about 4 minutes)
#   bash bench/http.sh --no-build            # use target/cachify.jar as it is
#   bash bench/http.sh --jar /path/cachify.jar   # measure that fat jar (implies --no-build)
#   bash bench/http.sh --duration 30s --warmup 20s --connections 64
#   bash bench/http.sh --jfr                 # also record JFR during the cached GET (Redis store)
#                                            # and print the hottest frames
#
# Steps: installs wrk when missing (apt-get), builds target/cachify.jar (mvn -q -B -DskipTests
# package), starts a private redis-server on a free port (never 6379; nothing saved), then runs
# `wrk -t2 -c64 -d15s --latency` (after an unmeasured 15 s warm-up of the same kind: the JIT needs
# about that long on 2 cores before the service reaches its steady rate) against:
#   hello         bench/BareRedisGetServer.java in hello mode: bare Vert.x 5, 2 event loops
#   bare-redis    the same file, one Redis GET per request, answered as JSON (the anchor): one
#                 pipelined connection per event loop
#   bare-redis-pooled  the same through one shared pooled client of 6 connections (how the
#                 service's RedisStore sent before c569497), to show what a pooled send costs
#   get-redis     the service (REDIS_URL set: Redis store), GET /users/1, cached
#   put-redis     the same service, PUT /users/1 from 64 connections (bench/put.lua counts 200/226)
#   get-memory    the service with the memory store, GET /users/1, cached
# The services run from a temporary directory with DATABASE_URL=jdbc:sqlite:<tmp>/bench-*.db;
# every process the script starts is stopped on exit (also on Ctrl-C or failure).
# Raw wrk outputs and the summary go to bench/results/http-<stamp>-*.txt / http-<stamp>.md
# (bench/results/ is git-ignored: raw outputs stay local).
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
    --jfr) JFR=1 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

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
exec > >(tee "$LOG") 2>&1

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

cleanup() {
  local i
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

USER_JSON='{"name":"Ada","email":"ada@example.com"}'

# ---------------------------------------------------------------- wrk runs
declare -A RPS P50 P99 NON2XX ERRORS LOAD CPU_US
MEASURE_PIDS=""
NAMES=()

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

# run_wrk NAME URL [wrk options...]: an unmeasured warm-up, then the measured run. The CPU time
# that the processes in $MEASURE_PIDS (the server, and redis-server when it takes part) spend
# during the run, per request, is a figure that other load on the machine hardly changes.
run_wrk() {
  local name="$1" url="$2" out="$RESULTS/http-$STAMP-$1.txt" before after requests
  shift 2
  if [ "$WARMUP_SECONDS" -gt 0 ]; then
    timeout --kill-after=5 $(( WARMUP_SECONDS + 30 )) \
      wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$@" "$url" >/dev/null 2>&1 || true
  fi
  LOAD[$name]="$(cut -d' ' -f1 /proc/loadavg)"
  echo "-- $name: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency${*:+ $*} $url (load average ${LOAD[$name]})"
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
  sed 's/^/   /' "$out"
  NAMES+=("$name")
  RPS[$name]="$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$out")"
  P50[$name]="$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")"
  P99[$name]="$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")"
  NON2XX[$name]="$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$out")"
  NON2XX[$name]="${NON2XX[$name]:-0}"
  ERRORS[$name]="$(awk '/Socket errors:/ {sub(/^ *Socket errors: */, ""); print}' "$out")"
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

echo "== bare Vert.x 5 hello ($BARE_INSTANCES event loops)"
PORT="$(free_port)"
start_bare bare-hello "$PORT" hello
MEASURE_PIDS="$BARE_PID"
run_wrk hello "http://127.0.0.1:$PORT/"
stop_pid "$BARE_PID"

echo "== bare Vert.x 5 + one Redis GET per request ($BARE_INSTANCES event loops)"
redis-cli -p "$REDIS_PORT" set bare:user:1 '{"id":1,"name":"Ada","email":"ada@example.com"}' >/dev/null
PORT="$(free_port)"
start_bare bare-redis "$PORT" "$REDIS_PORT" bare:user:1
body="$(curl -s "http://127.0.0.1:$PORT/")"
echo "answer: $body"
MEASURE_PIDS="$BARE_PID $REDIS_PID"
run_wrk bare-redis "http://127.0.0.1:$PORT/"
stop_pid "$BARE_PID"

echo "== bare Vert.x 5 + one Redis GET per request, shared pooled client (6 connections)"
PORT="$(free_port)"
BARE_REDIS_CLIENT=pooled start_bare bare-redis-pooled "$PORT" "$REDIS_PORT" bare:user:1
MEASURE_PIDS="$BARE_PID $REDIS_PID"
run_wrk bare-redis-pooled "http://127.0.0.1:$PORT/"
stop_pid "$BARE_PID"

# ---------------------------------------------------------------- the users service
# start_service NAME PORT [ENV=VALUE...]: java -jar from the temporary directory (so no
# conf/config.json and no files in the work tree), HTTP on 127.0.0.1 only.
start_service() {
  local name="$1" port="$2"
  shift 2
  (cd "$TMP" && exec env -u REDIS_URL -u CACHIFY_STORE -u HTTP_INSTANCES \
    HTTP_HOST=127.0.0.1 HTTP_PORT="$port" DATABASE_URL="jdbc:sqlite:$TMP/bench-$name.db" \
    USERS_SIMULATED_DELAY_MS=0 "$@" java -jar "$JAR") >"$TMP/$name.log" 2>&1 &
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

echo "== users service, Redis store (REDIS_URL=redis://127.0.0.1:$REDIS_PORT)"
PORT="$(free_port)"
start_service service-redis "$PORT" REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
USER_PATH="$(create_user "$PORT")"
echo "created $USER_PATH"
check_get "http://127.0.0.1:$PORT$USER_PATH"
echo "cached key: $(redis-cli -p "$REDIS_PORT" --scan --pattern '*read_user*' | head -1)"
MEASURE_PIDS="$SERVICE_PID $REDIS_PID"
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
run_wrk put-redis "http://127.0.0.1:$PORT$USER_PATH" -s "$ROOT/bench/put.lua"
check_get "http://127.0.0.1:$PORT$USER_PATH"
if grep -qE ' (WARN|ERROR) ' "$TMP/service-redis.log"; then
  echo "service log warnings/errors (first 10):"
  grep -E ' (WARN|ERROR) ' "$TMP/service-redis.log" | head -10 | sed 's/^/   /'
fi
stop_pid "$SERVICE_PID"

echo "== users service, memory store"
PORT="$(free_port)"
start_service service-memory "$PORT" CACHIFY_STORE=memory
USER_PATH="$(create_user "$PORT")"
check_get "http://127.0.0.1:$PORT$USER_PATH"
MEASURE_PIDS="$SERVICE_PID"
run_wrk get-memory "http://127.0.0.1:$PORT$USER_PATH"
stop_pid "$SERVICE_PID"

stop_pid "$REDIS_PID"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"

# ---------------------------------------------------------------- summary
PUT_OUT="$RESULTS/http-$STAMP-put-redis.txt"
PUT_200="$(awk '/^status 200:/ {print $3}' "$PUT_OUT")"
PUT_226="$(awk '/^status 226:/ {print $3}' "$PUT_OUT")"
PUT_OTHER="$(awk '/^status [0-9]+:/ && $2 != "200:" && $2 != "226:" {printf "%s%s %s", sep, $2, $3; sep=", "}' "$PUT_OUT")"
RATIO="$(awk -v a="${RPS[get-redis]}" -v b="${RPS[bare-redis]}" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')"
CPU_RATIO="$(awk -v a="${CPU_US[bare-redis]}" -v b="${CPU_US[get-redis]}" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')"
# verdict VALUE OP LIMIT (OP: ge or le): "met" or "NOT met"
verdict() {
  if awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN {v += 0; l += 0; exit !(op == "ge" ? v >= l : v <= l)}'; then
    echo "met"
  else
    echo "NOT met"
  fi
}
V_RATE="$(verdict "${RPS[get-redis]}" ge 60000)"
V_RATIO="$(verdict "$RATIO" ge 0.85)"
V_P99="$(verdict "${P99[get-redis]}" le 5)"

row() { # row NAME LABEL NOTE
  local n="$1"
  local note="$3"
  if [ "${NON2XX[$n]}" != 0 ]; then note="${note:+$note; }non-2xx ${NON2XX[$n]}"; fi
  if [ -n "${ERRORS[$n]}" ]; then note="${note:+$note; }socket errors: ${ERRORS[$n]}"; fi
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$2" "${RPS[$n]}" "${P50[$n]}" "${P99[$n]}" "${CPU_US[$n]}" \
    "${LOAD[$n]}" "$note"
}

{
  echo "## wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency ($STAMP, $(nproc) cores, warm-up $WARMUP each)"
  echo
  echo "| case | req/s | p50 ms | p99 ms | server CPU us/req | load avg | notes |"
  echo "|---|---:|---:|---:|---:|---:|---|"
  row get-redis "cached GET /users/1, Redis store" ""
  row get-memory "cached GET /users/1, memory store" ""
  row bare-redis "bare Vert.x + one Redis GET (connection per event loop)" ""
  row bare-redis-pooled "bare Vert.x + one Redis GET (pooled client, 6 connections)" ""
  row hello "bare Vert.x hello" ""
  row put-redis "PUT /users/1, 64 connections on one id" "200: ${PUT_200:-?}, 226: ${PUT_226:-?}${PUT_OTHER:+, $PUT_OTHER}"
  echo
  echo "cached GET (Redis store) / bare Redis GET: $RATIO (req/s);" \
    "CPU per request, bare / service: $CPU_RATIO"
  echo
  echo "server CPU us/req: CPU time (user + system) of the server JVM, plus redis-server where it takes part," \
    "during the measured run, per request; load avg: the 1-minute load average as the run started"
  echo
  echo "targets: >= 60000 req/s: $V_RATE (${RPS[get-redis]}); >= 85% of bare: $V_RATIO ($RATIO);" \
    "p99 <= 5 ms: $V_P99 (${P99[get-redis]} ms)"
} >"$SUMMARY"

echo
echo "== summary ($SUMMARY; raw wrk outputs: $RESULTS/http-$STAMP-*.txt)"
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
