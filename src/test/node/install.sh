#!/bin/sh
# Installs the official Vert.x event-bus client (@vertx/eventbus-bridge-client.js, from
# package-lock.json) and the test script into the folder given ($1, under target/), for the
# SockJS bridge test. Run by the build (exec-maven-plugin) before the tests; fails, never skips,
# without Node.js.
set -eu
here=$(dirname "$0")
into=$1
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "The tests need Node.js (18 or later) and npm on PATH, for the SockJS bridge test with the official Vert.x client; install them (Debian: apt-get install nodejs npm) or build with -DskipTests" >&2
  exit 1
fi
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 18 ]; then
  echo "The tests need Node.js 18 or later, found $(node --version)" >&2
  exit 1
fi
mkdir -p "$into"
cp "$here/package.json" "$here/package-lock.json" "$here/bridge-client.js" "$into/"
cd "$into"
npm ci --no-audit --no-fund --prefer-offline --loglevel=error
