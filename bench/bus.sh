#!/usr/bin/env bash
# The event-bus service from a second clustered JVM (issue 10), in one run on one private Redis:
# cachify.cache.get hit, cachify.cache.load hit, users.get hit and lock acquire+release through
# cachify.lock.*, each beside the same operation in-process on the Redis store, and beside
# redis-benchmark on the same Redis (GET; SET NX PX + Lua compare-and-delete for a lock).
#
#   bash bench/bus.sh                       # about 5 minutes: 9 cases x (5 s + 5 s warm-up + 15 s)
#   SECONDS_PER_CASE=5 WARMUP=2 bash bench/bus.sh   # a quick check of the script
#   IN_FLIGHT=64 SKIP_INSTALL=1 bash bench/bus.sh   # requests in flight; the library as installed
#   NODE_JFR=1 bash bench/bus.sh            # a JFR profile of the node (bench/results/bus-<stamp>-node.jfr)
#   NODE_JAVA_OPTS="-agentpath:..." bash bench/bus.sh   # more JVM options for the node (a profiler agent)
#
# Steps: installs the library (and target/cachify.jar), builds bench/jmh/target/benchmarks.jar,
# starts a private redis-server, one node `java -jar target/cachify.jar -cluster` on it (SQLite in a
# temp folder, CACHIFY_LOADER_ADDRESSES=bench\.loader, its own cluster name), creates user 1, runs
# dev.cachify.bench.BusEcho (a bare clustered consumer that answers its message: the event bus's
# own round trip, the floor under every bus case), then dev.cachify.bench.BusLoad (another clustered
# JVM: closed loops, IN_FLIGHT requests in flight), then redis-benchmark with as many clients.
# Every process is stopped on exit.
# Output: bench/results/bus-<stamp>.log and bus-<stamp>.tsv (case, ops_per_s, p50_us, p99_us,
# operations, errors, CPU us per operation of the load JVM+node+Redis), and a table with each bus
# case's ratio to its in-process twin on stdout.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RESULTS="$ROOT/bench/results"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
SECONDS_PER_CASE="${SECONDS_PER_CASE:-15}"
WARMUP="${WARMUP:-5}"
IN_FLIGHT="${IN_FLIGHT:-64}"
CASES="${CASES:-}"            # e.g. CASES=bus-users-get,bus-cache-get: only these BusLoad cases, in its order
mkdir -p "$RESULTS"
LOG="$RESULTS/bus-$STAMP.log"
TSV="$RESULTS/bus-$STAMP.tsv"
exec > >(tee "$LOG") 2>&1
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'),"\
  "load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
install_library "$ROOT"
echo "== building bench/jmh/target/benchmarks.jar"
mvn -q -B -ntp -f "$ROOT/bench/jmh/pom.xml" clean package
TMP="$(mktemp -d /tmp/cachify-bus-bench.XXXXXX)"
cp "$ROOT/target/cachify.jar" "$TMP/cachify.jar" # the work tree may be rebuilt meanwhile

NODE_PID=
ECHO_PID=
cleanup() {
  local pid
  for pid in $NODE_PID $ECHO_PID; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  stop_private_redis
  rm -rf "$TMP"
}
trap cleanup EXIT
start_private_redis || exit 1

HTTP_PORT="$(free_port)"
export CLUSTER_NAME="bench-bus-$STAMP"
echo "== starting the node (cluster $CLUSTER_NAME, HTTP $HTTP_PORT, Redis $REDIS_PORT)"
(cd "$TMP" && HTTP_PORT="$HTTP_PORT" HTTP_HOST=127.0.0.1 REDIS_URL="redis://127.0.0.1:$REDIS_PORT" \
  DATABASE_URL="jdbc:sqlite:$TMP/users.db" CACHIFY_LOADER_ADDRESSES='bench\.loader' \
  exec java -Xmx512m ${NODE_JFR:+-XX:StartFlightRecording=settings=profile,filename=$RESULTS/bus-$STAMP-node.jfr} ${NODE_JAVA_OPTS:-} \
    -jar "$TMP/cachify.jar" -cluster >"$TMP/node.log" 2>&1) &
NODE_PID=$!
for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$HTTP_PORT/health" >/dev/null 2>&1 && break
  kill -0 "$NODE_PID" 2>/dev/null || { cat "$TMP/node.log"; exit 1; }
  sleep 0.2
done
curl -sf "http://127.0.0.1:$HTTP_PORT/health" >/dev/null || { echo "the node did not get healthy"; cat "$TMP/node.log"; exit 1; }
USER_ID="$(curl -sf -X POST "http://127.0.0.1:$HTTP_PORT/users" -H 'Content-Type: application/json' \
  -d '{"name":"Ada","email":"ada@example.com"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
curl -sf "http://127.0.0.1:$HTTP_PORT/users/$USER_ID" >/dev/null # cached from now on

echo "== starting the bare echo consumer (dev.cachify.bench.BusEcho), the event bus's own round trip"
java -Xmx256m -cp "$ROOT/bench/jmh/target/benchmarks.jar" dev.cachify.bench.BusEcho >"$TMP/echo.log" 2>&1 &
ECHO_PID=$!
for _ in $(seq 1 300); do
  grep -q "echoing on" "$TMP/echo.log" && break
  kill -0 "$ECHO_PID" 2>/dev/null || { cat "$TMP/echo.log"; exit 1; }
  sleep 0.2
done
grep -q "echoing on" "$TMP/echo.log" || { echo "the echo consumer did not start"; cat "$TMP/echo.log"; exit 1; }

echo "== BusLoad: $IN_FLIGHT in flight, ${WARMUP} s warm-up + ${SECONDS_PER_CASE} s a case"
NODE_PID="$NODE_PID" REDIS_PID="$REDIS_PID" timeout --signal=TERM --kill-after=20 $(( 9 * (SECONDS_PER_CASE + 2 * WARMUP) + 120 )) \
  java -Xmx512m -cp "$ROOT/bench/jmh/target/benchmarks.jar" dev.cachify.bench.BusLoad \
  "redis://127.0.0.1:$REDIS_PORT" "$USER_ID" "$SECONDS_PER_CASE" "$WARMUP" "$IN_FLIGHT" ${CASES:+"$CASES"} \
  2> "$TMP/busload.err" | tee "$TSV.part" || { cat "$TMP/busload.err" >&2; exit 1; }
grep -P '^[a-z-]+\t' "$TSV.part" > "$TSV"
rm -f "$TSV.part"

echo "== redis-benchmark: $IN_FLIGHT clients, no pipelining, the same Redis"
REQUESTS=$(( 20000 * SECONDS_PER_CASE ))
redis-cli -p "$REDIS_PORT" set bench-raw-key '{"id":1,"name":"cached value"}' >/dev/null
GET_RPS="$(redis_benchmark_rps -c "$IN_FLIGHT" -n "$REQUESTS" GET bench-raw-key)"
SET_RPS="$(redis_benchmark_rps -c "$IN_FLIGHT" -n "$REQUESTS" -r 1000000 SET 'raw-lock:__rand_int__' token NX PX 30000)"
CAD_RPS="$(redis_benchmark_rps -c "$IN_FLIGHT" -n "$REQUESTS" -r 1000000 \
  EVAL "if redis.call('get',KEYS[1])==ARGV[1] then return redis.call('del',KEYS[1]) else return 0 end" 1 'raw-lock:__rand_int__' token)"
printf 'redis-benchmark-get\t%.0f\t\t\t\t\t\n' "${GET_RPS:-0}" >> "$TSV"
# A lock is one SET NX PX and one compare-and-delete: pairs per second = 1 / (1/set + 1/cad).
awk -v s="${SET_RPS:-0}" -v c="${CAD_RPS:-0}" \
  'BEGIN { printf "redis-benchmark-lock-pair\t%.0f\t\t\t\t\t\n", (s > 0 && c > 0) ? 1 / (1 / s + 1 / c) : 0 }' >> "$TSV"

echo "== results ($TSV)"
python3 - "$TSV" <<'PY'
import csv, sys
rows = {r[0]: r for r in csv.reader(open(sys.argv[1]), delimiter='\t')}
def rate(name):
    return float(rows[name][1]) if name in rows and rows[name][1] else 0.0
def cell(r):
    return "n/a" if not r else (f"{float(r[1]):,.0f}/s, p50 {int(r[2])/1000:.2f} / p99 {int(r[3])/1000:.2f} ms,"
                                f" CPU {r[6]} us/op" + (f", {r[5]} errors" if r[5] != "0" else ""))
print("CPU us/op: the load JVM + the node + Redis, over the measured window")
print("| operation | from another node (bus) | bus / bare bus echo | in-process (Redis store) | bus / in-process | redis-benchmark |")
print("|---|---|---:|---|---:|---|")
for op, anchor in (("cache-get", "redis-benchmark-get"), ("cache-load", "redis-benchmark-get"),
                   ("users-get", "redis-benchmark-get"), ("lock", "redis-benchmark-lock-pair")):
    ratio = rate("bus-" + op) / rate("inproc-" + op) if rate("inproc-" + op) else 0
    # A lock is two round trips (acquire, release): its floor is half the echo rate.
    floor = rate("bus-echo") / (2 if op == "lock" else 1)
    of_echo = rate("bus-" + op) / floor if floor else 0
    print(f"| {op} | {cell(rows.get('bus-' + op))} | {of_echo:.2f}x | {cell(rows.get('inproc-' + op))} | {ratio:.2f}x"
          f" | {rate(anchor):,.0f}/s ({anchor[16:]}) |")
print(f"| bare bus echo (the floor) | {cell(rows.get('bus-echo'))} | 1.00x | | | |")
PY
