#!/usr/bin/env bash
# JMH benchmarks of the cachify library (bench/jmh), against a private redis-server.
#
#   bash bench/jmh.sh                      # everything, 5-6 minutes on a quiet 2-core machine
#   bash bench/jmh.sh MemoryHit            # a JMH regexp: only the matching benchmarks
#   JMH_ARGS="-prof gc" bash bench/jmh.sh MemoryHit   # extra JMH options (profilers, -wi/-i ...)
#   CACHIFY_REF=HEAD bash bench/jmh.sh     # measure a commit (exported to a temp dir), not the work tree
#   SKIP_INSTALL=1 bash bench/jmh.sh       # measure the cachify jar already in the local repository
#
# Steps: installs the library into the local Maven repository, builds bench/jmh/target/benchmarks.jar,
# starts redis-server on a free port (never 6379, nothing saved), runs redis-benchmark against it as
# the anchor, runs JMH (two invocations, each bounded by JMH_TIMEOUT seconds, default 300), stops
# Redis, prints the table.
# The Redis port reaches the benchmarks as -Dcachify.bench.redis.port (JMH's forks inherit the host
# VM's options) and CACHIFY_BENCH_REDIS_PORT. Heap flags are in each benchmark's @Fork: do not pass
# -jvmArgsAppend in JMH_ARGS unless you mean to replace them.
# Results are kept in bench/results/ (jmh-<stamp>.txt is the JMH table, run-<stamp>.log everything).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="$ROOT/bench/jmh"
RESULTS="$ROOT/bench/results"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
FILTER="${1:-}"
JMH_TIMEOUT="${JMH_TIMEOUT:-300}"
mkdir -p "$RESULTS"
LOG="$RESULTS/run-$STAMP.log"
TABLE="$RESULTS/jmh-$STAMP.txt"
exec > >(tee "$LOG") 2>&1

echo "== machine"
echo "nproc: $(nproc)"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
java -version 2>&1 | sed 's/^/java: /'
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

# Which library is measured: the work tree is edited concurrently and not always committed.
install_library "$ROOT"

echo "== building bench/jmh/target/benchmarks.jar"
mvn -q -B -ntp -f "$BENCH/pom.xml" clean package
JAR="$BENCH/target/benchmarks.jar"

trap stop_private_redis EXIT
start_private_redis || exit 1
PORT="$REDIS_PORT"

# redis-benchmark redraws a progress line with \r: keep only its final line per test.
anchor() {
  redis-benchmark -p "$PORT" "$@" 2>&1 | tr '\r' '\n' | grep 'requests per second' | sed 's/^ *//' \
    || echo "(redis-benchmark $* failed)"
}
if [ -z "$FILTER" ] || [[ "dev.cachify.bench.RedisLockBenchmark" =~ $FILTER ]]; then
  echo "== anchor: redis-benchmark against the same private server (C client, pipelining off)"
  echo "-- 50 clients, 200000 requests: plain SET, lock-style SET NX PX, Lua compare-and-delete"
  anchor -c 50 -n 200000 -q -t set
  anchor -c 50 -n 200000 -r 1000000 -q SET 'anchor:__rand_int__' token NX PX 30000
  anchor -c 50 -n 200000 -r 1000000 -q \
    EVAL "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end" \
    1 'anchor:__rand_int__' token
  echo "-- 1 client, 20000 requests: one command in flight (round-trip latency)"
  anchor -c 1 -n 20000 -r 1000000 -q SET 'anchor:__rand_int__' token NX PX 30000
  redis-cli -p "$PORT" flushall >/dev/null
fi

echo "== JMH (each invocation bounded by ${JMH_TIMEOUT}s)"
export CACHIFY_BENCH_REDIS_PORT="$PORT"
run_jmh() {
  # shellcheck disable=SC2086
  timeout --signal=TERM --kill-after=20 "$JMH_TIMEOUT" \
    java -Dcachify.bench.redis.port="$PORT" -jar "$JAR" ${JMH_ARGS:-} "$@"
}
# Every benchmark in its annotated mode (MemoryHit and HitBreakdown: average time in ns/op).
run_jmh -rf text -rff "$TABLE" ${FILTER:+"$FILTER"}
# MemoryHit again as throughput, in ops/us (JMH has one time unit per invocation; ops/ns would
# round a 70 ns call to 0.014).
if [ -z "$FILTER" ] || [[ "dev.cachify.bench.MemoryHitBenchmark" =~ $FILTER ]]; then
  run_jmh -rf text -rff "$TABLE.thrpt" -bm thrpt -tu us MemoryHitBenchmark
  cat "$TABLE.thrpt" >>"$TABLE"
  rm -f "$TABLE.thrpt"
fi

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
stop_private_redis
trap - EXIT
echo
echo "== JMH results ($TABLE)"
cat "$TABLE"
