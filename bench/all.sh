#!/usr/bin/env bash
# Every benchmark of issue 6 on this machine, then the generated section of BENCHMARKS.md rewritten.
#
#   bash bench/all.sh                  # everything: about 12-20 minutes on a quiet 2-core machine
#   bash bench/all.sh --quick          # a few seconds per case: checks the scripts work; the section
#                                      # says it is a quick check (do not commit its figures)
#   bash bench/all.sh --parts http,jmh # only some parts (http, locks, jmh); the others say "skipped"
#   bash bench/all.sh --cases hello,get-near   # only these bench/http.sh cases
#   bash bench/all.sh --locks-tsv FILE # take the lock figures from FILE (a LOCKS_SUMMARY TSV) instead
#                                      # of running bench/locks.sh; the section says so
#   bash bench/all.sh --doc FILE       # rewrite FILE's section instead of BENCHMARKS.md
#   bash bench/all.sh --no-doc         # write only bench/results/all-<stamp>/section.md
#   bash bench/all.sh --no-build       # use target/cachify.jar and the installed library as they are
#
# Steps:
#   1. build once: mvn -q -B -ntp -DskipTests install (target/cachify.jar for the HTTP cases, and
#      the library in the local Maven repository for the JMH benchmarks), then a private copy of
#      the fat jar for bench/http.sh;
#   2. jmh:   SKIP_INSTALL=1 bash bench/jmh.sh MemoryHit   (memory-store hit against bare Caffeine);
#   3. locks: SKIP_INSTALL=1 LOCKS_SUMMARY=<run>/locks.tsv bash bench/locks.sh   (this library's
#      Redis lock, Redisson's RLock, redis-benchmark SET NX PX and compare-and-delete; skipped with
#      a note when bench/locks.sh is not in the tree);
#   4. http:  bash bench/http.sh --no-build --jar <copy> --tsv <run>/http.tsv   (every case: bare
#      hello, bare + one Redis GET, the service's cached GET on the memory store, the Redis store
#      and the near cache, PUT contention, resident memory with -Xmx128m);
#   5. python3 bench/report.py: the section between "<!-- bench/all.sh: begin" and
#      "<!-- bench/all.sh: end -->" in BENCHMARKS.md, with the command, machine, each figure's ratio
#      to its anchor of the same run and the targets' verdicts computed from the figures.
# Each part runs in its own process group under a time limit; on exit, failure or Ctrl-C every
# process of every part is stopped. A part that fails does not stop the others: the section says
# which failed, and the exit status is 1.
# Everything goes to bench/results/all-<stamp>/ (git-ignored): all.log, the parts' logs, meta.tsv,
# http.tsv, locks.tsv, jmh.txt, section.md.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RUN="$ROOT/bench/results/all-$STAMP"
COMMAND="bash bench/all.sh${*:+ $*}"
QUICK=0
PARTS="jmh,locks,http"
CASES=""
LOCKS_TSV=""
DOC="$ROOT/BENCHMARKS.md"
BUILD=1

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
}

while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --parts) PARTS="$2"; shift ;;
    --cases) CASES="$2"; shift ;;
    --locks-tsv) LOCKS_TSV="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift ;;
    --doc) DOC="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift ;;
    --no-doc) DOC="" ;;
    --no-build) BUILD=0 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
for p in $(tr ',' ' ' <<<"$PARTS"); do
  case "$p" in
    http|locks|jmh) ;;
    *) echo "unknown part: $p (parts: http, locks, jmh)" >&2; exit 2 ;;
  esac
done
wants() { [[ ",$PARTS," == *",$1,"* ]]; }
[ -z "$LOCKS_TSV" ] || [ -f "$LOCKS_TSV" ] || { echo "no file $LOCKS_TSV" >&2; exit 2; }
[ -z "$DOC" ] || [ -f "$DOC" ] || { echo "no file $DOC" >&2; exit 2; }
command -v python3 >/dev/null 2>&1 || { echo "python3 is not on PATH" >&2; exit 1; }

mkdir -p "$RUN"
exec > >(tee "$RUN/all.log") 2>&1
TMP="$(mktemp -d /tmp/cachify-bench-all.XXXXXX)"
META="$RUN/meta.tsv"
: >"$META"
meta() { # meta KEY VALUE...
  printf '%s\t%s\n' "$1" "$(shift; printf '%s' "$*" | tr '\t\n' '  ')" >>"$META"
}

# ---------------------------------------------------------------- processes and cleanup
# A part runs as the leader of its own process group (setsid), so stopping it stops everything it
# started (JMH forks, redis-server, the services, wrk), even what its own traps would miss.
PART_PGID=""
stop_group() {
  local pgid="$1" i
  kill -TERM -- "-$pgid" 2>/dev/null || return 0
  for i in $(seq 1 100); do
    kill -0 -- "-$pgid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL -- "-$pgid" 2>/dev/null || true
}
cleanup() {
  if [ -n "$PART_PGID" ]; then stop_group "$PART_PGID"; fi
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'echo "interrupted" >&2; exit 130' INT TERM

# run_part NAME LIMIT-SECONDS COMMAND...: runs COMMAND in its own process group, output to
# $RUN/NAME.log (and here), bounded by LIMIT; records NAME_status in meta.tsv. Never fails.
run_part() {
  local name="$1" limit="$2" rc=0
  shift 2
  echo
  echo "== $name: $*"
  local started=$SECONDS
  setsid timeout --signal=TERM --kill-after=30 "$limit" "$@" > >(tee "$RUN/$name.log") 2>&1 &
  PART_PGID=$!
  wait "$PART_PGID" || rc=$?
  # Whatever the part left behind in its group (it should be nothing).
  stop_group "$PART_PGID"
  PART_PGID=""
  local took=$(( SECONDS - started ))
  if [ "$rc" = 0 ]; then
    meta "${name}_status" ok
  elif [ "$rc" = 124 ]; then
    meta "${name}_status" "failed: stopped after the ${limit} s limit (see $name.log)"
  else
    meta "${name}_status" "failed (exit $rc, see $name.log)"
  fi
  meta "${name}_seconds" "$took"
  echo "== $name: exit $rc after ${took} s"
}

# ---------------------------------------------------------------- machine
echo "== bench/all.sh run $STAMP -> $RUN"
meta command "$COMMAND"
meta stamp "$STAMP"
meta started "$(date -u '+%Y-%m-%d %H:%M UTC')"
meta quick "$QUICK"
meta results "${RUN#"$ROOT"/}/"
meta load_start "$(cut -d' ' -f1-3 /proc/loadavg)"
meta nproc "$(nproc)"
meta cpu "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
meta mem "$(awk '/^MemTotal:/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
meta kernel "$(uname -sr)"
meta java "$(java -version 2>&1 | paste -sd';' | sed 's/;/ \/ /g')"
meta redis "$(redis-server --version 2>/dev/null | cut -d' ' -f1-3 || echo 'not installed'), a private redis-server per part on 127.0.0.1, same cores"
meta commit "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo none)"
meta dirty "$(if [ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no -- src pom.xml bench 2>/dev/null)" ]; then echo 1; else echo 0; fi)"
cat "$META"

# ---------------------------------------------------------------- 1. build once
if [ "$BUILD" = 1 ]; then
  echo "== building once: mvn -q -B -ntp -DskipTests install"
  (cd "$ROOT" && mvn -q -B -ntp -DskipTests install)
fi
[ -f "$ROOT/target/cachify.jar" ] || { echo "no target/cachify.jar (drop --no-build)" >&2; exit 1; }
cp "$ROOT/target/cachify.jar" "$TMP/cachify.jar"
meta jar "target/cachify.jar, sha256 $(sha256sum "$TMP/cachify.jar" | cut -c1-12)$([ "$BUILD" = 1 ] || echo ' (--no-build: not rebuilt)')"
# The installed library is shared with anyone else building on this machine: note if it changes
# between the install and the end of the JMH parts.
installed_sha() {
  local jar
  jar="$(ls -t "$HOME"/.m2/repository/dev/cachify/cachify/*/cachify-*.jar 2>/dev/null | grep -v -e sources -e javadoc | head -1)"
  if [ -n "$jar" ]; then sha256sum "$jar" | cut -c1-12; else echo none; fi
}
INSTALLED_BEFORE="$(installed_sha)"

if [ "$QUICK" = 1 ]; then
  QUICK_JMH_ARGS="-wi 1 -i 1 -w 1s -r 1s"
fi

# JMH refuses to start while another JMH run holds /tmp/jmh.lock (other engineers benchmark on
# this machine too): wait for it, up to 15 minutes, rather than fail. Python's lockf is the same
# fcntl lock as Java's FileChannel.tryLock.
wait_jmh_lock() {
  local waited=0
  while ! python3 -c 'import fcntl, sys
f = open("/tmp/jmh.lock", "a")
try:
    fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
except OSError:
    sys.exit(1)' 2>/dev/null; do
    if [ "$waited" = 0 ]; then echo "== another JMH run holds /tmp/jmh.lock: waiting for it (up to 15 min)"; fi
    if [ "$waited" -ge 900 ]; then echo "== /tmp/jmh.lock still held after 15 min: going on (the part will fail)"; break; fi
    sleep 5
    waited=$(( waited + 5 ))
  done
  if [ "$waited" -gt 0 ]; then meta "$1_waited" "waited $waited s for another JMH run on this machine"; fi
}

# run_jmh_part NAME LIMIT COMMAND...: run_part after the JMH lock is free; when the part still
# lost the lock to another JMH run (it builds first, then starts JMH), runs it again, at most
# three times in all. RETRY_ENV (VAR=value...) is added to the retries' environment.
run_jmh_part() {
  local name="$1" attempt
  for attempt in 1 2 3; do
    wait_jmh_lock "$name"
    if [ "$attempt" = 1 ]; then run_part "$@"; else run_part_env "$@"; fi
    if [ "$(sed -n "s/^${name}_status\t//p" "$META" | tail -1)" = ok ] \
      || ! grep -q 'Unable to acquire the JMH lock' "$RUN/$name.log"; then
      return 0
    fi
    if [ "$attempt" = 3 ]; then break; fi
    echo "== $name: another JMH run took /tmp/jmh.lock first; trying again"
    meta "${name}_retries" "$attempt"
  done
}
run_part_env() { # run_part with $RETRY_ENV exported for the command
  local name="$1" limit="$2"
  shift 2
  # shellcheck disable=SC2086
  run_part "$name" "$limit" env ${RETRY_ENV:-} "$@"
}

# ---------------------------------------------------------------- 2. JMH: memory store against Caffeine
if wants jmh; then
  meta jmh_command "SKIP_INSTALL=1 ${QUICK_JMH_ARGS:+JMH_ARGS=\"$QUICK_JMH_ARGS\" }bash bench/jmh.sh MemoryHit"
  SKIP_INSTALL=1 JMH_ARGS="${QUICK_JMH_ARGS:-${JMH_ARGS:-}}" RETRY_ENV="" \
    run_jmh_part jmh 900 bash "$ROOT/bench/jmh.sh" MemoryHit
  TABLE="$(sed -n 's/^== JMH results (\(.*\))$/\1/p' "$RUN/jmh.log" | tail -1)"
  if [ -n "$TABLE" ] && [ -f "$TABLE" ]; then
    cp "$TABLE" "$RUN/jmh.txt"
  else
    echo "no JMH table found in $RUN/jmh.log"
  fi
else
  meta jmh_status "skipped (--parts)"
fi

# ---------------------------------------------------------------- 3. locks
if ! wants locks; then
  meta locks_status "skipped (--parts)"
elif [ -n "$LOCKS_TSV" ]; then
  cp "$LOCKS_TSV" "$RUN/locks.tsv"
  meta locks_status "figures taken from $LOCKS_TSV (--locks-tsv), not measured in this run"
elif [ -f "$ROOT/bench/locks.sh" ]; then
  meta locks_command "SKIP_INSTALL=1 ${QUICK_JMH_ARGS:+JMH_ARGS=\"$QUICK_JMH_ARGS\" }bash bench/locks.sh"
  SKIP_INSTALL=1 LOCKS_SUMMARY="$RUN/locks.tsv" JMH_ARGS="${QUICK_JMH_ARGS:-${JMH_ARGS:-}}" \
    RETRY_ENV="SKIP_BUILD=1" run_jmh_part locks 900 bash "$ROOT/bench/locks.sh"
else
  meta locks_status "not run: bench/locks.sh is not in this tree"
fi
INSTALLED_AFTER="$(installed_sha)"
if [ "$INSTALLED_BEFORE" != "$INSTALLED_AFTER" ]; then
  echo "WARNING: the installed cachify library changed during the run ($INSTALLED_BEFORE -> $INSTALLED_AFTER)"
  meta jar "$(sed -n 's/^jar\t//p' "$META" | tail -1); **the installed library changed during the JMH parts ($INSTALLED_BEFORE -> $INSTALLED_AFTER): someone else installed it**"
fi

# ---------------------------------------------------------------- 4. HTTP
if wants http; then
  HTTP_ARGS=(--no-build --jar "$TMP/cachify.jar" --tsv "$RUN/http.tsv")
  if [ -n "$CASES" ]; then HTTP_ARGS+=(--cases "$CASES"); fi
  if [ "$QUICK" = 1 ]; then HTTP_ARGS+=(--duration 3s --warmup 2s); fi
  meta http_command "bash bench/http.sh --no-build --jar <copy of target/cachify.jar>${CASES:+ --cases $CASES}$([ "$QUICK" = 1 ] && echo ' --duration 3s --warmup 2s')"
  run_part http 1500 bash "$ROOT/bench/http.sh" "${HTTP_ARGS[@]}"
else
  meta http_status "skipped (--parts)"
fi

# ---------------------------------------------------------------- 5. the section
meta load_end "$(cut -d' ' -f1-3 /proc/loadavg)"
meta wrk "$(if command -v wrk >/dev/null 2>&1; then wrk --version 2>&1 | head -1 | cut -d' ' -f1-2; else echo 'not installed'; fi)"
ELAPSED=$SECONDS
meta elapsed "$(( ELAPSED / 60 )) min $(( ELAPSED % 60 )) s"
echo
echo "== writing the section (python3 bench/report.py${DOC:+ --doc ${DOC#"$ROOT"/}})"
python3 "$ROOT/bench/report.py" --dir "$RUN" ${DOC:+--doc "$DOC"}
echo
cat "$RUN/section.md"
echo
# Exit status 1 when a part that ran failed (its last attempt).
FAILED=0
for p in jmh locks http; do
  case "$(sed -n "s/^${p}_status\t//p" "$META" | tail -1)" in
    failed*) FAILED=1; echo "== $p failed: see $RUN/$p.log" ;;
    "not run"*) echo "== WARNING: $p $(sed -n "s/^${p}_status\t//p" "$META" | tail -1)" ;;
  esac
done
echo "== done in $(( ELAPSED / 60 )) min $(( ELAPSED % 60 )) s: $RUN${DOC:+, section of ${DOC#"$ROOT"/} rewritten}"
exit "$FAILED"
