#!/usr/bin/env bash
# The health benchmark (benchmarks/health/README.md): 100 external key stores across 10 targets, each with 30 days
# of probe history as the console keeps it, in PostgreSQL; the dashboard (/health) and one store's health page in
# each window are loaded with wrk by a signed-in operator; prints wrk's latency distribution per page and the
# storage the probes take per store.
#
#   run.sh <jar> [port=9494] [connections=4] [seconds=20]
# Needs wrk, curl, psql (PostgreSQL at 127.0.0.1:5432, user postgres, trust auth) and Python 3.
set -euo pipefail
jar=$(realpath "$1"); port=${2:-9494}; connections=${3:-4}; seconds=${4:-20}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/health-bench.XXXXXX)
db=health_bench
psql_db() { psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
psql_db -d postgres -c "drop database if exists $db" -c "create database $db"
python3 "$here/generate-world.py" "$work/world.yml" "$work/stores.tsv"
python3 "$here/seed.py" "$work/stores.tsv" "$work/seed.sql"
password='benchmark-passphrase-0042'
(cd "$work" && CONSOLE_ADMIN_PASSWORD=$password exec java -Xmx1g -jar "$jar" --server.port="$port" \
    --spring.config.additional-location="file:$work/world.yml" \
    --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$db" --spring.datasource.username=postgres \
    --console.sandbox.throttling.enabled=false >"$work/console.log" 2>&1) &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true' EXIT
deadline=$((SECONDS + 180))
until curl -fs "http://127.0.0.1:$port/actuator/health" >/dev/null; do
  [ $SECONDS -lt $deadline ] || { echo "console did not start"; tail -50 "$work/console.log"; exit 1; }
  sleep 1
done
# The probes record every described store within a tick or two of the start.
until [ "$(psql_db -d $db -c 'select count(*) from health_store_status')" -ge 100 ]; do
  [ $SECONDS -lt $deadline ] || { echo "the probes did not record 100 stores"; tail -50 "$work/console.log"; exit 1; }
  sleep 1
done
psql_db -d $db -f "$work/seed.sql"
cookies="$work/cookies"
csrf=$(curl -fs -c "$cookies" "http://127.0.0.1:$port/login" | grep -o 'name="_csrf" value="[^"]*"' | sed 's/.*value="//;s/"$//')
curl -fs -b "$cookies" -c "$cookies" -o /dev/null --data-urlencode "username=admin" \
  --data-urlencode "password=$password" --data-urlencode "_csrf=$csrf" "http://127.0.0.1:$port/login"
session=$(awk '$6=="JSESSIONID"{print $7}' "$cookies")
store=$(awk -F'\t' '$4=="prod-eu"{print $3; exit}' "$work/stores.tsv")
measure() {
  local label=$1 path=$2
  local status
  status=$(curl -s -o "$work/page.html" -w '%{http_code}' -b "JSESSIONID=$session" "http://127.0.0.1:$port$path")
  [ "$status" = 200 ] || { echo "GET $path answered $status"; exit 1; }
  wrk -t1 -c"$connections" -d8s -H "Cookie: JSESSIONID=$session" "http://127.0.0.1:$port$path" >/dev/null
  echo "== $label: GET $path ($(wc -c <"$work/page.html") bytes), $connections connections, ${seconds}s"
  wrk -t1 -c"$connections" -d"${seconds}s" --latency -H "Cookie: JSESSIONID=$session" \
    "http://127.0.0.1:$port$path" | grep -E 'Latency|50%|75%|90%|99%|Requests/sec'
  echo "== $label, one viewer:"
  wrk -t1 -c1 -d"${seconds}s" --latency -H "Cookie: JSESSIONID=$session" \
    "http://127.0.0.1:$port$path" | grep -E '50%|99%|Requests/sec'
}
measure "dashboard, 100 stores" "/health"
for window in 1h 24h 7d 30d; do
  measure "store health page, $window" "/t/prod-eu/key-stores/$store/health?window=$window"
done
echo "== storage (PostgreSQL 15, rows and bytes including indexes)"
psql_db -d $db -c "analyze"
psql_db -d $db -F' ' -c "
  select c.relname, c.reltuples::bigint as rows, pg_total_relation_size(c.oid) as bytes,
         (pg_total_relation_size(c.oid) / greatest(c.reltuples, 1))::int as bytes_per_row
  from pg_class c where c.relkind = 'r' and c.relname like 'health_%' order by c.relname"
echo "== console log: $work/console.log"
