#!/usr/bin/env bash
# The static assets benchmark (benchmarks/static-assets/README.md): starts the console jar in sandbox mode on a
# fresh database, signs in, and loads with wrk, in one run and with the same connections, the signed-in key store
# list and the stylesheet under the content-hashed URL the list links (as a browser asks for it: with the session
# cookie, which the static chain ignores). Prints requests per second and the latency distribution of each, and
# the ratio of the two throughputs.
#
#   run.sh <jar> [port=9595] [connections=16] [seconds=20]
# Needs wrk and curl.
set -euo pipefail
jar=$(realpath "$1"); port=${2:-9595}; connections=${3:-16}; seconds=${4:-20}
work=$(mktemp -d /tmp/static-bench.XXXXXX)
password='benchmark-passphrase-0042'
(cd "$work" && CONSOLE_ADMIN_PASSWORD=$password exec java -Xmx1g -jar "$jar" --server.port="$port" \
    --console.sandbox.throttling.enabled=false >"$work/console.log" 2>&1) &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true' EXIT
deadline=$((SECONDS + 120))
until curl -fs "http://127.0.0.1:$port/actuator/health" >/dev/null; do
  [ $SECONDS -lt $deadline ] || { echo "console did not start"; tail -50 "$work/console.log"; exit 1; }
  sleep 1
done
cookies="$work/cookies"
csrf=$(curl -fs -c "$cookies" "http://127.0.0.1:$port/login" | grep -o 'name="_csrf" value="[^"]*"' | sed 's/.*value="//;s/"$//')
curl -fs -b "$cookies" -c "$cookies" -o /dev/null --data-urlencode "username=admin" \
  --data-urlencode "password=$password" --data-urlencode "_csrf=$csrf" "http://127.0.0.1:$port/login"
session=$(awk '$6=="JSESSIONID"{print $7}' "$cookies")
list=/key-stores
status=$(curl -s -o "$work/list.html" -w '%{http_code}' -b "JSESSIONID=$session" "http://127.0.0.1:$port$list")
[ "$status" = 200 ] || { echo "GET $list answered $status"; exit 1; }
css=$(grep -o '/css/console-[0-9a-f]\{32\}\.css' "$work/list.html" | head -1)
[ -n "$css" ] || { echo "the list links no content-hashed stylesheet"; exit 1; }
curl -fsI "http://127.0.0.1:$port$css" | grep -i '^cache-control'
threads=$(( connections < 2 ? 1 : 2 ))
measure() {
  local label=$1 path=$2
  wrk -t"$threads" -c"$connections" -d8s -H "Cookie: JSESSIONID=$session" "http://127.0.0.1:$port$path" >/dev/null
  echo "== $label: GET $path, $connections connections, ${seconds}s"
  wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -H "Cookie: JSESSIONID=$session" \
    "http://127.0.0.1:$port$path" | tee "$work/$label.txt" | grep -E 'Latency|50%|90%|99%|Requests/sec'
}
measure list "$list"
measure stylesheet "$css"
rps() { grep 'Requests/sec' "$work/$1.txt" | awk '{print $2}'; }
echo "== stylesheet / list throughput: $(python3 -c "print(round($(rps stylesheet) / $(rps list), 1))")x"
echo "== console log: $work/console.log"
