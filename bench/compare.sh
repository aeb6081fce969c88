#!/usr/bin/env bash
# Berth (filesystem storage, -Xmx64m) against distribution 2.8 (Debian's docker-registry) on
# this machine: the same load against each, then the ratios.
#   bench/compare.sh [--blobs N] [--size S] [--clients C] [--manifest-gets M] [--warmup W] [--rounds R]
#                    [--fresh-memory S] [--big-size S]
# --warmup (5) passes warm each registry unmeasured (LoadGenerator's warmUp says why); then
# --rounds (5) measured rounds each, the median reported: with rounds this short (3 s for Berth)
# one slow round in three moved the median by a tenth.
# --big-size also pushes and pulls one blob of that size to Berth alone (e.g. 10G).
# --fresh-memory (6G; 0 for none): touched and freed before each round, so that every round's
# page-cache writes get pages in the state a server's own page cache recycles (LoadGenerator
# says why: on this VM, writes into memory the host took back cost 3-4x as much CPU).
# Both run the same config.yml (filesystem storage, access log off). Berth runs as users run it,
# `berth.jar serve` (Jetty); BERTH_SERVER=embedded runs a RegistryServer on the JDK's server
# instead, as an application embedding Berth has it. BERTH_JAVA picks the JVM that runs Berth.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
BLOBS=32 SIZE=16M CLIENTS=32 GETS=20000 WARMUP=5 ROUNDS=5 FRESH=6G BIG=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --blobs) BLOBS="$2";; --size) SIZE="$2";; --clients) CLIENTS="$2";;
    --manifest-gets) GETS="$2";; --warmup) WARMUP="$2";; --rounds) ROUNDS="$2";; --fresh-memory) FRESH="$2";; --big-size) BIG="$2";;
    *) echo "unknown option $1" >&2; exit 2;;
  esac
  shift 2
done
command -v docker-registry >/dev/null || { echo "needs docker-registry (apt-get install docker-registry)" >&2; exit 1; }
CP="$(bash "$HERE/classpath.sh")"
WORK="$(mktemp -d)"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_up() { for _ in $(seq 1 100); do curl -fsS -o /dev/null "$1/v2/" 2>/dev/null && return 0; sleep 0.1; done; echo "$1 did not start" >&2; exit 1; }
BERTH_SERVER="${BERTH_SERVER:-program}"
echo "Berth: $("${BERTH_JAVA:-java}" -version 2>&1 | head -1), $BERTH_SERVER, -Xmx64m; $(docker-registry --version)"
# config <name> <port>: a config.yml for storage under $WORK/<name>, listening on <port>
config() {
  mkdir -p "$WORK/$1"
  cat > "$WORK/$1.yml" <<YAML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $WORK/$1
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$2
  secret: load
YAML
  echo "$WORK/$1.yml"
}

BERTH_PORT="$(free_port)"
if [[ "$BERTH_SERVER" == embedded ]]; then
  mkdir -p "$WORK/berth"
  "${BERTH_JAVA:-java}" -Xmx64m -cp "$CP" dev.berth.server.load.LoadServer "$WORK/berth" "$BERTH_PORT" > "$WORK/berth.log" 2>&1 &
else
  "$HERE/../berth" --version > /dev/null   # builds berth.jar when missing or stale
  "${BERTH_JAVA:-java}" -Xmx64m -jar "$HERE/../registry-app/target/berth.jar" serve "$(config berth "$BERTH_PORT")" \
    > "$WORK/berth.log" 2>&1 &
fi
BERTH_PID=$!
PIDS+=($BERTH_PID)
wait_up "http://127.0.0.1:$BERTH_PORT"

DIST_PORT="$(free_port)"
docker-registry serve "$(config distribution "$DIST_PORT")" > "$WORK/distribution.log" 2>&1 &
DIST_PID=$!
PIDS+=($DIST_PID)
wait_up "http://127.0.0.1:$DIST_PORT"

# One load program for both: their rounds take turns (berth first, then distribution first, ...),
# so that both meet the same page cache, writeback and compiled client code.
java -Xmx512m -cp "$CP" dev.berth.server.load.LoadGenerator "http://127.0.0.1:$BERTH_PORT" "http://127.0.0.1:$DIST_PORT" \
  --label berth,distribution --server-pid "$BERTH_PID,$DIST_PID" --blobs "$BLOBS" --size "$SIZE" --clients "$CLIENTS" \
  --manifest-gets "$GETS" --warmup "$WARMUP" --rounds "$ROUNDS" --fresh-memory "$FRESH" | tee "$WORK/results.txt"

echo
# Wall-clock ratios, and the same per CPU-second of the server (robust when others load the machine).
awk '
  function rate(line) { split(line, a, ": "); split(a[2], b, " "); return b[1] }
  function work(line) { n = split(line, a, ", "); split(a[n], b, " "); return b[1] }
  / sha256 / { sha[$1] = $(NF - 3); next }
  /push/     { k = $1 " push" }
  /pull/     { k = $1 " pull" }
  /manifest/ { k = $1 " manifest" }
  { v[k] = rate($0); w[k] = work($0) }
  match($0, /client CPU [0-9.]+/) { c[k] = substr($0, RSTART + 11, RLENGTH - 11) }
  match($0, /\([0-9.]+ s\)/) { t[k] = substr($0, RSTART + 1, RLENGTH - 4) }
  END {
    printf "ratios berth/distribution, wall clock:     push %.2fx (target 2.5x), pull %.2fx (target 1.2x), manifest GET %.2fx (target 2x)\n",
      v["berth push"] / v["distribution push"], v["berth pull"] / v["distribution pull"],
      v["berth manifest"] / v["distribution manifest"]
    printf "ratios berth/distribution, per server CPU: push %.2fx, pull %.2fx, manifest GET %.2fx\n",
      w["berth push"] / w["distribution push"], w["berth pull"] / w["distribution pull"],
      w["berth manifest"] / w["distribution manifest"]
    # Client and server share the cores of this machine: in the time 2.5x distribution allows, the
    # server gets what the client leaves of them. Compare with the SHA-256 rate per CPU-second,
    # which every registry pays on every pushed byte before any I/O.
    budget = cores * t["distribution push"] / 2.5 - c["berth push"]
    printf "push at 2.5x leaves the server %.2f s of CPU here (client %.2f s on %d cores): %.0f MB per CPU-second needed\n",
      budget, c["berth push"], cores, (budget > 0 ? v["berth push"] * t["berth push"] / budget : 1e9)
    printf "(SHA-256 alone runs at %s MB per CPU-second on this machine)\n", sha["berth"]
  }' cores="$(nproc)" "$WORK/results.txt"

if [[ -n "$BIG" ]]; then
  echo
  echo "one $BIG blob through Berth at -Xmx64m:"
  java -Xmx512m -cp "$CP" dev.berth.server.load.LoadGenerator "http://127.0.0.1:$BERTH_PORT" --label berth-big \
    --blobs 1 --size "$BIG" --clients 1 --manifest-gets 0 --warmup 0 --rounds 1 --server-pid "$BERTH_PID"
  grep -i "OutOfMemory" "$WORK/berth.log" && { echo "Berth ran out of memory" >&2; exit 1; }
  kill -0 "${PIDS[0]}" && echo "Berth still up after the big blob (heap capped at 64 MiB)"
fi
