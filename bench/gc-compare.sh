#!/usr/bin/env bash
# Times Berth's garbage collector against distribution 2.8's `registry garbage-collect` on the
# same filesystem store: generates the store once (42,000 blobs, 5,010 manifests by default),
# then runs each side's dry run, without and with -m, alternating, REPEAT times, on that one
# copy (a dry run changes nothing, so both read exactly the same tree, equally cached).
# Prints wall, user and system seconds per run and each side's summary line.
#
#   bench/gc-compare.sh [WORKDIR] [REPEAT]
#
# Needs: docker-registry (Debian package; distribution 2.8), a JDK 17+, Maven (offline is fine).
# Our side runs `berth garbage-collect` from registry-app/target/berth.jar when it is built,
# else the test-scope runner dev.berth.gc.bench.CollectStore (same collector, same lines). Both
# JVMs run with C1 only and the serial collector: a short batch job, not a server.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${1:-/tmp/berth-gc-bench}
REPEAT=${2:-3}
command -v docker-registry >/dev/null || { echo "docker-registry (distribution 2.8) is not installed" >&2; exit 2; }

mvn -o -q -pl registry-gc -am test-compile -DskipTests
mvn -o -q -pl registry-gc dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK.cp" >/dev/null
# Our modules from this tree, never from ~/.m2.
CP="registry-gc/target/test-classes:registry-gc/target/classes:registry-storage/target/classes:registry-api/target/classes:$(tr ':' '\n' < "$WORK.cp" | grep -v '/dev/berth/' | paste -sd:)"
JAVA_OPTS=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto)

if [ ! -d "$WORK/store" ]; then
  java -cp "$CP" dev.berth.gc.bench.StoreGenerator "$WORK/store"
fi
printf 'version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: %s\n' "$WORK/store" > "$WORK/theirs.yml"
printf 'version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: %s\n  maintenance:\n    readonly:\n      enabled: true\n' "$WORK/store" > "$WORK/ours.yml"

if [ -f registry-app/target/berth.jar ]; then
  # The program itself (build it with ./berth or mvn -pl registry-app -am package -DskipTests).
  OURS=(java "${JAVA_OPTS[@]}" -jar registry-app/target/berth.jar garbage-collect --dry-run); OURS_CONFIG=("$WORK/ours.yml")
else
  OURS=(java "${JAVA_OPTS[@]}" -cp "$CP" dev.berth.gc.bench.CollectStore "$WORK/store" --dry-run); OURS_CONFIG=()
fi
echo "ours: ${OURS[*]} ${OURS_CONFIG[*]}"

echo "load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
for mode in "" "-m"; do
  for i in $(seq "$REPEAT"); do
    /usr/bin/time -o "$WORK/t" -f "%e %U %S" docker-registry garbage-collect --dry-run $mode "$WORK/theirs.yml" > "$WORK/theirs$mode.out" 2>/dev/null
    echo "distribution ${mode:-  } wall/user/sys: $(cat "$WORK/t")   $(grep 'blobs marked' "$WORK/theirs$mode.out")"
    /usr/bin/time -o "$WORK/t" -f "%e %U %S" "${OURS[@]}" $mode "${OURS_CONFIG[@]}" > "$WORK/ours$mode.out" 2>/dev/null
    echo "berth        ${mode:-  } wall/user/sys: $(cat "$WORK/t")   $(grep 'blobs marked' "$WORK/ours$mode.out")"
  done
done
