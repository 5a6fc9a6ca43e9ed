#!/usr/bin/env bash
# The fleet list benchmark (benchmarks/fleet-list/README.md): starts the console jar in sandbox mode on a fresh
# database with the world of generate-world.py, signs in, loads one page with wrk and counts, from the sandbox's
# own request log, the DescribeCustomKeyStores calls each account and Region received during the load.
#
#   run.sh <jar> <port> <path> <label> [wrk connections] [seconds]
# e.g. run.sh target/custom-key-store-console-0.1.0-SNAPSHOT.jar 9393 /key-stores fleet-all 16 30
set -euo pipefail
jar=$(realpath "$1"); port=$2; path=$3; label=$4; connections=${5:-16}; seconds=${6:-30}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/fleet-bench.XXXXXX)
python3 "$here/generate-world.py" "$work/fleet-world.yml"
password='benchmark-passphrase-0042'
(cd "$work" && CONSOLE_ADMIN_PASSWORD=$password exec java -Xmx1g -jar "$jar" --server.port="$port" \
    --spring.config.additional-location="file:$work/fleet-world.yml" \
    --logging.level.com.cksconsole.sandbox.kms.SandboxKmsController=DEBUG \
    --console.sandbox.throttling.enabled=false >"$work/console.log" 2>&1) &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true' EXIT
deadline=$((SECONDS + 120))
until curl -fs "http://127.0.0.1:$port/actuator/health" >/dev/null; do
  [ $SECONDS -lt $deadline ] || { echo "console did not start"; tail -50 "$work/console.log"; exit 1; }
  sleep 1
done
jar_cookies="$work/cookies"
csrf=$(curl -fs -c "$jar_cookies" "http://127.0.0.1:$port/login" | grep -o 'name="_csrf" value="[^"]*"' | sed 's/.*value="//;s/"$//')
curl -fs -b "$jar_cookies" -c "$jar_cookies" -o /dev/null --data-urlencode "username=admin" \
  --data-urlencode "password=$password" --data-urlencode "_csrf=$csrf" "http://127.0.0.1:$port/login"
session=$(awk '$6=="JSESSIONID"{print $7}' "$jar_cookies")
status=$(curl -s -o "$work/page.html" -w '%{http_code}' -b "JSESSIONID=$session" "http://127.0.0.1:$port$path")
[ "$status" = 200 ] || { echo "GET $path answered $status"; exit 1; }
rows=$(grep -c 'cks-[0-9a-f]\{17\}</' "$work/page.html" || true)
# Warm up (JIT, first Describes, role sessions), then measure.
wrk -t"$(( connections < 2 ? 1 : 2 ))" -c"$connections" -d10s -H "Cookie: JSESSIONID=$session" "http://127.0.0.1:$port$path" >/dev/null
before=$(wc -l <"$work/console.log")
start=$(date +%s)
wrk -t"$(( connections < 2 ? 1 : 2 ))" -c"$connections" -d"${seconds}s" --latency -H "Cookie: JSESSIONID=$session" \
  "http://127.0.0.1:$port$path" | tee "$work/wrk.txt"
elapsed=$(( $(date +%s) - start ))
echo "== $label: GET $path, $connections connections, ${seconds}s, store IDs on the page: $rows"
echo "== DescribeCustomKeyStores received by the sandbox during the measured ${elapsed}s, per account/Region:"
tail -n +"$((before + 1))" "$work/console.log" | grep -o 'DescribeCustomKeyStores in [^:]*' | sort | uniq -c || true
echo "== console log: $work/console.log"
