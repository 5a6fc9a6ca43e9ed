#!/usr/bin/env bash
# Start-up benchmark (benchmarks/startup/README.md): the plain jar against the extracted jar with a CDS archive
# made by a training run (Spring Boot's "Efficient deployments": java -Djarmode=tools -jar app.jar extract, then
# -XX:ArchiveClassesAtExit with -Dspring.context.exit=onRefresh, then -XX:SharedArchiveFile). Each variant is
# started <runs> times in sandbox mode on a fresh database; prints the "Started ConsoleApplication in N seconds"
# figure Spring Boot logs, per run, and the median.
#
#   run.sh <jar> [runs=5] [port=9696]
set -euo pipefail
jar=$(realpath "$1"); runs=${2:-5}; port=${3:-9696}
work=$(mktemp -d /tmp/startup-bench.XXXXXX)
java -Djarmode=tools -jar "$jar" extract --destination "$work/app" >/dev/null
app="$work/app/$(basename "$jar")"
# Training run: starts the application context, then exits; the JVM writes the classes it loaded to the archive.
(cd "$work" && CONSOLE_ADMIN_PASSWORD=startup-benchmark-0042 java -XX:ArchiveClassesAtExit="$work/app.jsa" \
    -Dspring.context.exit=onRefresh -jar "$app" --server.port="$port" >"$work/training.log" 2>&1) || true
[ -s "$work/app.jsa" ] || { echo "no CDS archive was written"; tail -30 "$work/training.log"; exit 1; }
start_once() {
  local label=$1; shift
  local dir="$work/run-$label-$RANDOM"
  mkdir -p "$dir"
  (cd "$dir" && CONSOLE_ADMIN_PASSWORD=startup-benchmark-0042 exec java "$@" --server.port="$port" >"$dir/console.log" 2>&1) &
  local pid=$!
  local deadline=$((SECONDS + 120))
  until grep -q "Started ConsoleApplication in" "$dir/console.log" 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || { echo "$label did not start"; tail -30 "$dir/console.log"; kill $pid; exit 1; }
    sleep 0.2
  done
  grep -o "Started ConsoleApplication in [0-9.]* seconds" "$dir/console.log" | awk '{print $4}'
  kill $pid; wait $pid 2>/dev/null || true
}
measure() {
  local label=$1; shift
  local times=()
  for _ in $(seq "$runs"); do times+=("$(start_once "$label" "$@")"); done
  printf '%s: %s; median %s s\n' "$label" "${times[*]}" \
    "$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
}
measure "plain jar" -jar "$jar"
measure "extracted + CDS" -XX:SharedArchiveFile="$work/app.jsa" -jar "$app"
echo "== CDS archive: $(du -h "$work/app.jsa" | cut -f1); work directory: $work"
