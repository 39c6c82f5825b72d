#!/usr/bin/env bash
# Redis lock acquire + release (issue 6): this library, Redisson's RLock and redis-benchmark's raw
# rate for the two commands a lock needs, all against ONE private redis-server, in one run.
#
#   bash bench/locks.sh                         # about 4 minutes on a quiet 2-core machine
#   LOCKS_SUMMARY=/tmp/locks.tsv bash bench/locks.sh   # where the summary goes
#   JMH_ARGS="-wi 2 -i 4" bash bench/locks.sh   # JMH options for both JMH runs (default: -wi 6 -i 5)
#   CACHIFY_REF=HEAD bash bench/locks.sh        # measure a commit (exported to a temp dir), not the work tree
#   SKIP_INSTALL=1 bash bench/locks.sh          # measure the cachify jar already in the local repository
#   SKIP_BUILD=1 bash bench/locks.sh            # reuse both benchmark jars as built (implies nothing installed)
#   REDISSON_NETTY_THREADS=0 bash bench/locks.sh   # Redisson's Netty threads to try (default 0,2; 0 = its default, 32)
#
# Steps: installs the library (bench/lib.sh install_library), builds bench/jmh/target/benchmarks.jar
# and bench/redisson/target/redisson-benchmarks.jar (Redisson is a bench-only project of its own:
# it runs on Netty 4.1, the Vert.x BOM pins 4.2), starts redis-server on a free port (never 6379,
# nothing saved, 127.0.0.1 only), then against it, emptied before each case:
#   1. JMH RedisLockBenchmark (bench/jmh): this library, 64 pairs in flight and one in flight;
#   2. JMH RedissonLockBenchmark (bench/redisson): RLock tryLockAsync(0, 30 s) + unlockAsync, same shape,
#      with Redisson's default 32 Netty threads and with 2; the better of the two is its figure;
#   3. redis-benchmark (C client, 50 clients, no pipelining, random keys of 100000):
#      SET key v NX PX 30000, then the Lua compare-and-delete script on the same keys (so part of
#      its calls find their key and delete it, the rest compare and answer 0).
# Each JMH invocation is bounded by JMH_TIMEOUT seconds (default 240), each redis-benchmark by 120;
# when another JMH run holds /tmp/jmh.lock, it waits for it up to JMH_LOCK_WAIT seconds (default 600);
# every process started here is stopped on exit (EXIT trap, also on TERM and INT), Redis included.
#
# Output: bench/results/locks-<stamp>.log (everything), locks-<stamp>-{cachify,redisson}.csv (JMH),
# and the summary, a TSV at $LOCKS_SUMMARY (default bench/results/locks-<stamp>.tsv), one line per
# case, no header:
#   name<TAB>ops_per_s<TAB>note
# names: cachify-lock-64, cachify-lock-1, redisson-rlock-64, redisson-rlock-1,
# redis-benchmark-set-nx-px, redis-benchmark-compare-and-delete. ops_per_s is acquire+release
# pairs per second for the lock cases (for the one-in-flight cases, 1e6 / the JMH us per pair),
# commands per second for redis-benchmark, with no thousands separator; a case that failed has an
# empty ops_per_s and the reason in its note. The note carries the JMH error, iterations and the
# parameters of the row taken. A human table follows on stdout, with the cachify/Redisson ratios.
# Exit status: 0 when all six cases have a figure, 1 otherwise (the summary is written either way).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RESULTS="$ROOT/bench/results"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
JMH_TIMEOUT="${JMH_TIMEOUT:-240}"
# JMH runs one at a time per machine: how long to wait for another's to end (seconds).
JMH_LOCK_WAIT="${JMH_LOCK_WAIT:-600}"
# Redisson keeps getting faster for 10-15 s (more code to compile than ours): longer warm-up for both.
JMH_ARGS="${JMH_ARGS:--wi 6 -i 5}"
# Redisson's Netty threads: 0 = its default (32), 2 = one per core here, which ran twice as fast
# on this 2-core machine. Its figure is the better of the two: the reference is Redisson at its best.
REDISSON_NETTY_THREADS="${REDISSON_NETTY_THREADS:-0,2}"
mkdir -p "$RESULTS"
LOG="$RESULTS/locks-$STAMP.log"
SUMMARY="${LOCKS_SUMMARY:-$RESULTS/locks-$STAMP.tsv}"
CACHIFY_CSV="$RESULTS/locks-$STAMP-cachify.csv"
REDISSON_CSV="$RESULTS/locks-$STAMP-redisson.csv"
CACHIFY_JAR="$ROOT/bench/jmh/target/benchmarks.jar"
REDISSON_JAR="$ROOT/bench/redisson/target/redisson-benchmarks.jar"
exec > >(tee "$LOG") 2>&1

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

# Each JMH run is a background job in a process group of its own (set -m), waited for: a TERM or
# INT then reaches the trap at once (bash defers traps while a foreground child runs), and the
# cleanup stops the whole group (timeout, the JMH host and its forked VM) by its id.
set -m
JOB_PGID=
JMH_OUT=
cleanup() {
  if [ -n "$JOB_PGID" ]; then
    kill -TERM -- "-$JOB_PGID" 2>/dev/null || true
    sleep 2
    kill -KILL -- "-$JOB_PGID" 2>/dev/null || true
    JOB_PGID=
  fi
  [ -z "$JMH_OUT" ] || rm -f "$JMH_OUT"
  stop_private_redis
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

echo "== machine"
echo "nproc: $(nproc)"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
java -version 2>&1 | sed 's/^/java: /'
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "load average at start: $LOAD_START"

if [ "${SKIP_BUILD:-}" = 1 ]; then
  echo "== SKIP_BUILD=1: using $CACHIFY_JAR and $REDISSON_JAR as built"
  [ -f "$CACHIFY_JAR" ] && [ -f "$REDISSON_JAR" ] || { echo "missing benchmark jars" >&2; exit 1; }
else
  install_library "$ROOT"
  echo "== building $CACHIFY_JAR"
  mvn -q -B -ntp -f "$ROOT/bench/jmh/pom.xml" clean package
  echo "== building $REDISSON_JAR"
  mvn -q -B -ntp -f "$ROOT/bench/redisson/pom.xml" clean package
fi

start_private_redis
export CACHIFY_BENCH_REDIS_PORT="$REDIS_PORT"

declare -A SCORE NOTE
record() { # name ops_per_s note
  SCORE[$1]="$2"
  NOTE[$1]="$3"
}

run_jmh() { # jar csv benchmark-regexp [more JMH options]
  local jar="$1" csv="$2" filter="$3" out waited=0 status
  shift 3
  out="$(mktemp /tmp/cachify-locks-jmh.XXXXXX.out)"
  JMH_OUT="$out"
  while :; do
    redis-cli -p "$REDIS_PORT" flushall >/dev/null
    status=0
    # shellcheck disable=SC2086
    timeout --signal=TERM --kill-after=20 "$JMH_TIMEOUT" \
      java -Dcachify.bench.redis.port="$REDIS_PORT" -jar "$jar" ${JMH_ARGS:-} -rf csv -rff "$csv" "$@" "$filter" \
      >"$out" 2>&1 &
    JOB_PGID=$!
    tail -n +1 -f --pid="$JOB_PGID" "$out" &
    wait "$JOB_PGID" || status=$?
    wait $! 2>/dev/null || true # the tail: ends with the job
    JOB_PGID=
    # One JMH at a time per machine (/tmp/jmh.lock): another engineer's run would also skew ours.
    if grep -q 'Unable to acquire the JMH lock' "$out" && [ "$waited" -lt "$JMH_LOCK_WAIT" ]; then
      echo "(another JMH holds /tmp/jmh.lock: waiting, ${waited}s of ${JMH_LOCK_WAIT}s so far)"
      sleep 15 &
      wait $! || true # interruptible: a TERM reaches the trap at once
      waited=$((waited + 15))
      continue
    fi
    break
  done
  rm -f "$out"
  JMH_OUT=
  [ "$status" = 0 ] || echo "(JMH $filter failed or timed out: exit $status)"
}

# From JMH's CSV ("Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit", then
# "Param: <name>" columns): the case's pairs per second and a note. Throughput rows are ops/s,
# average-time rows us/op (pairs/s = 1e6 / us). When the benchmark ran with several parameter
# values (Redisson's nettyThreads), the best row is the figure, and the note names its parameters.
jmh_case() { # name csv benchmark-method
  local name="$1" csv="$2" method="$3" line
  line="$( [ -f "$csv" ] && awk -F, -v m="$method" '
    { gsub(/"|\r/, "") }
    NR == 1 { for (i = 8; i <= NF; i++) { p[i] = $i; sub(/^Param: /, "", p[i]) }; next }
    $1 ~ "\\." m "$" {
      if ($7 == "ops/s") { rate = $5; what = sprintf("JMH thrpt +-%.0f ops/s (99.9%%)", $6) }
      else if ($7 == "us/op") { rate = 1e6 / $5; what = sprintf("JMH avgt %.1f +-%.1f us per pair (99.9%%)", $5, $6) }
      else next
      params = ""
      for (i = 8; i <= NF; i++) params = params sprintf(", %s=%s", p[i], $i)
      rows++
      if (rate > best) { best = rate; note = sprintf("%s, %d iterations%s", what, $4, params) }
    }
    END { if (rows) { if (rows > 1) note = note sprintf(" (best of %d settings)", rows); printf "%.0f\t%s\n", best, note } }
  ' "$csv" || true)"
  if [ -z "$line" ]; then
    record "$name" "" "no JMH result (see $(basename "$LOG"))"
  else
    record "$name" "${line%%$'\t'*}" "${line#*$'\t'}"
  fi
}

echo "== this library: RedisLockBenchmark (bench/jmh), each JMH run bounded by ${JMH_TIMEOUT}s"
run_jmh "$CACHIFY_JAR" "$CACHIFY_CSV" 'dev.cachify.bench.RedisLockBenchmark'
jmh_case cachify-lock-64 "$CACHIFY_CSV" acquireRelease64InFlight
jmh_case cachify-lock-1 "$CACHIFY_CSV" acquireReleaseOneInFlight

echo "== Redisson RLock: RedissonLockBenchmark (bench/redisson)"
run_jmh "$REDISSON_JAR" "$REDISSON_CSV" 'dev.cachify.bench.redisson.RedissonLockBenchmark' \
  -p nettyThreads="$REDISSON_NETTY_THREADS"
jmh_case redisson-rlock-64 "$REDISSON_CSV" acquireRelease64InFlight
jmh_case redisson-rlock-1 "$REDISSON_CSV" acquireReleaseOneInFlight

echo "== redis-benchmark: 50 clients, 200000 requests, random keys of 100000, no pipelining"
CAD="if redis.call('get',KEYS[1])==ARGV[1] then return redis.call('del',KEYS[1]) else return 0 end"
redis-cli -p "$REDIS_PORT" flushall >/dev/null
bench_case() { # name note redis-benchmark-args...
  local name="$1" note="$2" rps
  shift 2
  rps="$(redis_benchmark_rps "$@")"
  echo "redis-benchmark $*: ${rps:-failed} requests/s"
  if [ -n "$rps" ]; then
    record "$name" "$(awk -v s="$rps" 'BEGIN { printf "%.0f", s }')" "$note"
  else
    record "$name" "" "redis-benchmark failed or timed out"
  fi
}
bench_case redis-benchmark-set-nx-px "C client, -c 50 -r 100000, SET NX PX 30000 (one command)" \
  -c 50 -n 200000 -r 100000 SET 'locks:__rand_int__' v NX PX 30000
bench_case redis-benchmark-compare-and-delete "C client, -c 50 -r 100000, EVAL compare-and-delete (keys from the SET NX PX case)" \
  -c 50 -n 200000 -r 100000 EVAL "$CAD" 1 'locks:__rand_int__' v

LOAD_END="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "load average at end: $LOAD_END"
stop_private_redis

NAMES=(cachify-lock-64 cachify-lock-1 redisson-rlock-64 redisson-rlock-1
  redis-benchmark-set-nx-px redis-benchmark-compare-and-delete)
mkdir -p "$(dirname "$SUMMARY")"
: >"$SUMMARY"
missing=0
for name in "${NAMES[@]}"; do
  printf '%s\t%s\t%s\n' "$name" "${SCORE[$name]:-}" "${NOTE[$name]:-}" >>"$SUMMARY"
  [ -n "${SCORE[$name]:-}" ] || missing=$((missing + 1))
done

echo
echo "== Redis lock acquire + release, one private Redis (load average $LOAD_START at start, $LOAD_END at end)"
printf '%-36s %12s  %s\n' case 'ops/s' note
for name in "${NAMES[@]}"; do
  printf '%-36s %12s  %s\n' "$name" "${SCORE[$name]:--}" "${NOTE[$name]:-}"
done
ratio() { # a b
  if [ -n "${SCORE[$1]:-}" ] && [ -n "${SCORE[$2]:-}" ]; then
    awk -v a="${SCORE[$1]}" -v b="${SCORE[$2]}" 'BEGIN { printf "%.2f", a / b }'
  else
    echo "n/a"
  fi
}
echo "cachify / Redisson: 64 in flight $(ratio cachify-lock-64 redisson-rlock-64)x, one in flight $(ratio cachify-lock-1 redisson-rlock-1)x"
echo "summary: $SUMMARY"
[ "$missing" = 0 ]
