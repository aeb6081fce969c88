#!/usr/bin/env bash
# Load against a running registry: pushes and pulls N blobs of size S with C clients, then GETs
# a manifest M times, printing MB/s and req/s.
#   bench/load.sh http://127.0.0.1:5000 --blobs 64 --size 16M --clients 32 --manifest-gets 20000
set -euo pipefail
CP="$(bash "$(dirname "$0")/classpath.sh")"
exec java -Xmx512m -cp "$CP" dev.berth.server.load.LoadGenerator "$@"
