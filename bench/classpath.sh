#!/usr/bin/env bash
# Prints the classpath of registry-server's test classes (the load tools live there), building
# them first when missing or older than their sources. Sourced by load.sh and compare.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CP_FILE="$ROOT/registry-server/target/load-classpath.txt"
CLASS="$ROOT/registry-server/target/test-classes/dev/berth/server/load/LoadGenerator.class"
if [[ ! -f "$CLASS" || ! -f "$CP_FILE" \
      || -n "$(find "$ROOT/registry-server/src/test/java/dev/berth/server/load" -newer "$CLASS" -print -quit)" ]]; then
  # One reactor run, so registry-server's test-jar dependencies (the s3 driver's) resolve to
  # the modules' own test classes; registry-server comes last and writes the file last.
  (cd "$ROOT" && mvn -o -q -pl registry-server -am test-compile dependency:build-classpath \
       -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >&2)
fi
MODULES=""
for m in registry-api registry-storage registry-auth registry-gc registry-server; do
  MODULES="$MODULES:$ROOT/$m/target/classes"
done
echo "$ROOT/registry-server/target/test-classes${MODULES}:$(cat "$CP_FILE")"
