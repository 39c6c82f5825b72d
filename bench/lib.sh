# Shared by the bench scripts; sourced, not run.

# Prints a free TCP port on 127.0.0.1, never Redis's 6379.
free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$(( 20000 + RANDOM % 40000 ))
    if [ "$port" != 6379 ] && ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "no free port found" >&2
  return 1
}

# Installs the library into the local Maven repository, as the caller asked:
#   SKIP_INSTALL=1   keep the dev.cachify:cachify:0.1.0-SNAPSHOT jar already there
#   CACHIFY_REF=REF  a commit, exported to a temp dir (the work tree is edited concurrently)
#   otherwise        the work tree
# Prints which library is measured. $1 = the repository's root.
install_library() {
  local root="$1" commit src
  if [ "${SKIP_INSTALL:-}" = 1 ]; then
    echo "library: the dev.cachify:cachify:0.1.0-SNAPSHOT jar already in the local repository (SKIP_INSTALL=1)"
  elif [ -n "${CACHIFY_REF:-}" ]; then
    commit="$(git -C "$root" rev-parse --verify "$CACHIFY_REF^{commit}")"
    echo "library: commit $commit ($CACHIFY_REF)"
    src="$(mktemp -d /tmp/cachify-bench-src.XXXXXX)"
    git -C "$root" archive "$commit" | tar -x -C "$src"
    echo "== installing the library at $CACHIFY_REF (mvn -q -B -DskipTests install)"
    (cd "$src" && mvn -q -B -ntp -DskipTests install)
    rm -rf "$src"
  else
    echo "library: work tree on $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo 'no commit')," \
      "src/main digest $(cd "$root" && find src/main -type f | LC_ALL=C sort | xargs cat | sha256sum | cut -c1-12)"
    echo "== installing the library (mvn -q -B -DskipTests install)"
    (cd "$root" && mvn -q -B -ntp -DskipTests install)
  fi
}

# Starts a private redis-server on a free port (never 6379, nothing saved, loopback only) and
# waits for it to answer. Sets REDIS_PORT and REDIS_PID; the caller stops it with stop_private_redis
# (from its EXIT trap).
start_private_redis() {
  REDIS_PORT="$(free_port)"
  REDIS_LOG="$(mktemp /tmp/cachify-bench-redis.XXXXXX.log)"
  echo "== starting a private redis-server on 127.0.0.1:$REDIS_PORT ($(redis-server --version | cut -d' ' -f3))"
  redis-server --port "$REDIS_PORT" --save "" --appendonly no --bind 127.0.0.1 --daemonize no \
    >"$REDIS_LOG" 2>&1 &
  REDIS_PID=$!
  for _ in $(seq 1 100); do
    redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  cat "$REDIS_LOG" >&2
  return 1
}

stop_private_redis() {
  if [ -n "${REDIS_PID:-}" ] && kill -0 "$REDIS_PID" 2>/dev/null; then
    kill "$REDIS_PID" 2>/dev/null || true
    wait "$REDIS_PID" 2>/dev/null || true
    echo "== private redis-server (pid $REDIS_PID, port $REDIS_PORT) stopped"
  fi
  REDIS_PID=
  [ -n "${REDIS_LOG:-}" ] && rm -f "$REDIS_LOG"
  return 0
}

# The requests per second of one redis-benchmark test against the private server ($REDIS_PORT),
# from its CSV output ("test","rps",...); empty when it failed or ran past 120 s. Arguments go to
# redis-benchmark.
redis_benchmark_rps() {
  { timeout --signal=TERM --kill-after=5 120 redis-benchmark -p "$REDIS_PORT" --csv "$@" 2>/dev/null || true; } \
    | tr '\r' '\n' | awk -F'","' 'NR > 1 && NF > 1 { print $2; exit }'
}
