#!/usr/bin/env bash
# Start-up benchmark (benchmarks/startup/README.md). Four ways to start the same jar (built with ./mvnw -Paot package,
# so that it holds Spring AOT's generated initializers; without -Dspring.aot.enabled=true they are not used):
#   plain jar                 java -jar app.jar
#   extracted + CDS           Spring Boot's "Efficient deployments": java -Djarmode=tools -jar app.jar extract, a
#                             training run with -XX:ArchiveClassesAtExit and -Dspring.context.exit=onRefresh, then
#                             -XX:SharedArchiveFile
#   AOT                       java -Dspring.aot.enabled=true -jar app.jar
#   AOT + extracted + CDS     both (its own archive, trained with AOT on: it loads other classes)
# Each variant is started <runs> times in sandbox mode on a fresh database. Three figures per start: the seconds from
# launching the JVM until GET /actuator/health answers {"status":"UP"} (readiness included: what a load balancer
# waits for), the "Started ConsoleApplication in N seconds" figure Spring Boot logs, and the CPU seconds (user +
# system) the JVM had used when health answered UP, which other work on a shared machine changes far less than the
# elapsed time. The variants take turns (round after round), so that a change in the machine's load falls on all of
# them alike; each start is printed as it ends, the medians at the end.
#
#   run.sh <jar> [runs=5] [port=9696] [work directory of an earlier run of the same jar: reuses its archives]
set -euo pipefail
jar=$(realpath "$1"); runs=${2:-5}; port=${3:-9696}
if ! unzip -l "$jar" | grep 'ConsoleApplication__ApplicationContextInitializer.class' >/dev/null; then
  echo "$jar holds no Spring AOT initializer: build it with ./mvnw -Paot package" >&2; exit 1
fi
work=${4:-$(mktemp -d /tmp/startup-bench.XXXXXX)}
[ -d "$work/app" ] || java -Djarmode=tools -jar "$jar" extract --destination "$work/app" >/dev/null
app="$work/app/$(basename "$jar")"
export CONSOLE_ADMIN_PASSWORD=startup-benchmark-0042
# Training run: starts the application context, then exits; the JVM writes the classes it loaded to the archive.
train() {
  local archive=$1; shift
  mkdir -p "$work/training"
  (cd "$work/training" && rm -rf data && java -XX:ArchiveClassesAtExit="$archive" -Dspring.context.exit=onRefresh \
      "$@" --server.port="$port" >"$work/training.log" 2>&1) || true
  [ -s "$archive" ] || { echo "no CDS archive was written"; tail -30 "$work/training.log"; exit 1; }
}
[ -s "$work/app.jsa" ] || train "$work/app.jsa" -jar "$app"
[ -s "$work/app-aot.jsa" ] || train "$work/app-aot.jsa" -Dspring.aot.enabled=true -jar "$app"
health_up() { curl -s -m 2 "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; }
# Prints "<seconds until health UP> <seconds Spring Boot logged> <CPU seconds at UP>".
start_once() {
  local label=$1; shift
  local dir="$work/run-$RANDOM"
  mkdir -p "$dir"
  local launched; launched=$(date +%s%N)
  (cd "$dir" && exec java "$@" --server.port="$port" >"$dir/console.log" 2>&1) &
  local pid=$!
  local deadline=$((SECONDS + 600))
  until health_up; do
    kill -0 $pid 2>/dev/null && [ $SECONDS -lt $deadline ] \
      || { echo "$label did not start" >&2; tail -30 "$dir/console.log" >&2; kill $pid 2>/dev/null; exit 1; }
    sleep 0.1
  done
  local up; up=$(date +%s%N)
  # utime and stime, fields 14 and 15 of /proc/<pid>/stat, in clock ticks.
  local cpu; cpu=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$pid/stat")
  kill $pid; wait $pid 2>/dev/null || true
  echo "$(awk -v a="$launched" -v b="$up" 'BEGIN {printf "%.2f", (b - a) / 1e9}')" \
    "$(grep -o "Started ConsoleApplication in [0-9.]* seconds" "$dir/console.log" | awk '{print $4}')" "$cpu"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
labels=("plain jar" "extracted + CDS" "AOT" "AOT + extracted + CDS")
start_variant() {
  case $1 in
    0) start_once "${labels[0]}" -jar "$jar" ;;
    1) start_once "${labels[1]}" -XX:SharedArchiveFile="$work/app.jsa" -jar "$app" ;;
    2) start_once "${labels[2]}" -Dspring.aot.enabled=true -jar "$jar" ;;
    3) start_once "${labels[3]}" -XX:SharedArchiveFile="$work/app-aot.jsa" -Dspring.aot.enabled=true -jar "$app" ;;
  esac
}
results="$work/results.txt"
: >"$results"
for round in $(seq "$runs"); do
  for v in 0 1 2 3; do
    out=$(start_variant $v)
    echo "$v $out" >>"$results"
    echo "round $round, ${labels[$v]}: health UP, logged, CPU (s): $out"
  done
done
echo "== medians of $runs (health UP / logged / CPU at UP, seconds):"
for v in 0 1 2 3; do
  printf '%s: %s / %s / %s\n' "${labels[$v]}" \
    "$(awk -v v=$v '$1 == v {print $2}' "$results" | median)" \
    "$(awk -v v=$v '$1 == v {print $3}' "$results" | median)" \
    "$(awk -v v=$v '$1 == v {print $4}' "$results" | median)"
done
echo "== CDS archives: $(du -h "$work/app.jsa" | cut -f1), with AOT $(du -h "$work/app-aot.jsa" | cut -f1);" \
  "work directory: $work"
