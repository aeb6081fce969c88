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
# Our side is the program as users run it, `./berth garbage-collect` (the launcher builds
# registry-app/target/berth.jar when sources changed and runs batch commands with C1 only, the
# serial collector and a class-data archive of the jar). Each side first runs once per mode
# unmeasured, so both find the tree in the page cache and the launcher has its archive; then
# the runs alternate, and the medians of wall and CPU (user+sys) time close the output. For
# the collector's phase times: java -cp <test classpath> dev.berth.gc.bench.CollectStore
# WORKDIR/store --dry-run --timings.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${1:-/tmp/berth-gc-bench}
REPEAT=${2:-3}
command -v docker-registry >/dev/null || { echo "docker-registry (distribution 2.8) is not installed" >&2; exit 2; }

mvn -o -q -pl registry-gc -am test-compile -DskipTests
mvn -o -q -pl registry-gc dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK.cp" >/dev/null
# Our modules from this tree, never from ~/.m2.
CP="registry-gc/target/test-classes:registry-gc/target/classes:registry-storage/target/classes:registry-api/target/classes:$(tr ':' '\n' < "$WORK.cp" | grep -v '/dev/berth/' | paste -sd:)"

if [ ! -d "$WORK/store" ]; then
  java -cp "$CP" dev.berth.gc.bench.StoreGenerator "$WORK/store"
fi
printf 'version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: %s\n' "$WORK/store" > "$WORK/theirs.yml"
printf 'version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: %s\n  maintenance:\n    readonly:\n      enabled: true\n' "$WORK/store" > "$WORK/ours.yml"

./berth --version >/dev/null
OURS=(./berth garbage-collect --dry-run)
echo "ours: ${OURS[*]} $WORK/ours.yml"

echo "load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
: > "$WORK/times"
# run SIDE MODE: one timed dry run; appends "side mode wall user sys" to $WORK/times
run() {
  local side=$1 mode=$2 cmd
  if [ "$side" = distribution ]; then
    cmd=(docker-registry garbage-collect --dry-run $mode "$WORK/theirs.yml")
  else
    cmd=("${OURS[@]}" $mode "$WORK/ours.yml")
  fi
  /usr/bin/time -o "$WORK/t" -f "%e %U %S" "${cmd[@]}" > "$WORK/$side$mode.out" 2>/dev/null
  echo "$side ${mode:--} $(cat "$WORK/t")" >> "$WORK/times"
  printf '%-12s %-2s wall/user/sys: %s   %s\n' "$side" "$mode" "$(cat "$WORK/t")" "$(grep 'blobs marked' "$WORK/$side$mode.out")"
}
for mode in "" "-m"; do
  docker-registry garbage-collect --dry-run $mode "$WORK/theirs.yml" >/dev/null 2>&1
  "${OURS[@]}" $mode "$WORK/ours.yml" >/dev/null 2>&1
  for i in $(seq "$REPEAT"); do
    run distribution "$mode"
    run berth "$mode"
  done
done

echo
echo "medians of $REPEAT runs (load now: $(cut -d' ' -f1-3 /proc/loadavg)):"
for mode in - -m; do
  for side in distribution berth; do
    wall=$(awk -v s=$side -v m=$mode '$1 == s && $2 == m {print $3}' "$WORK/times" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    cpu=$(awk -v s=$side -v m=$mode '$1 == s && $2 == m {print $4 + $5}' "$WORK/times" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    echo "$side $mode $wall $cpu"
  done
done | awk '{w[$1]=$3; c[$1]=$4} $1 == "berth" {printf "%-2s distribution %.2f s (CPU %.2f s)  berth %.2f s (CPU %.2f s)  berth/distribution: wall %.2f, CPU %.2f\n", $2, w["distribution"], c["distribution"], $3, $4, $3 / w["distribution"], $4 / c["distribution"]}'
