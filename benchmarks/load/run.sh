#!/usr/bin/env bash
# The load benchmark (benchmarks/load/README.md): signed-in wrk load on the key store list, a key store's detail
# page and a static file (the content-hashed stylesheet the list links), one after the other, with the same session
# cookie for every request, against
#   one: one console instance in sandbox mode (H2 by default; DB=postgres: a fresh PostgreSQL database), or
#   two: two instances in sandbox mode on one fresh PostgreSQL database behind HAProxy (round robin, no stickiness,
#        health checks on /actuator/health), signed in through HAProxy. Needs sessions shared by the instances:
#        the script checks that the cookie holds on both and stops if it does not.
# Also the list with a filter no store matches (every step but rendering its rows).
# Prints, per page, requests per second and wrk's p50/p90/p99 as a Markdown table row.
#
#   run.sh <jar> <one|two> [base-port=9600] [connections=16] [seconds=20]
#
# Environment: DB=h2|postgres (mode one; two always uses PostgreSQL), PG_URL (libpq URL of a server where the
# script may create and drop a database; default postgresql://postgres@127.0.0.1:5432/postgres), LOAD_DB (its name;
# default console_load_<pid>), JAVA_OPTS (default -Xmx1g), WARM (warm-up seconds per page, default 8),
# DETAIL (the detail page; default the sandbox's seeded store /t/default/key-stores/cks-2d9c6a1f8e4b7035c).
# Ports used: base-port (instance 1 or HAProxy), +1 and +2 (instances of mode two), +3 (HAProxy statistics).
# Needs java, wrk, curl, openssl, python3; for PostgreSQL psql; for mode two haproxy (Debian packages).
set -euo pipefail
jar=$(realpath "$1"); mode=$2; base=${3:-9600}; connections=${4:-16}; seconds=${5:-20}
case "$mode" in one | two) ;; *) echo "mode must be one or two" >&2; exit 2 ;; esac
db=${DB:-h2}; [ "$mode" = two ] && db=postgres
pg_url=${PG_URL:-postgresql://postgres@127.0.0.1:5432/postgres}
load_db=${LOAD_DB:-console_load_$$}
java_opts=${JAVA_OPTS:--Xmx1g}
warm=${WARM:-8}
detail=${DETAIL:-/t/default/key-stores/cks-2d9c6a1f8e4b7035c}
password='benchmark-passphrase-0042'
work=$(mktemp -d /tmp/load-bench.XXXXXX)
pids=()
db_created=false
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if $db_created; then psql -q "$pg_url" -c "DROP DATABASE IF EXISTS $load_db" >/dev/null || true; fi
}
trap cleanup EXIT

jdbc_url=
if [ "$db" = postgres ]; then
  psql -q "$pg_url" -c "CREATE DATABASE $load_db" >/dev/null
  db_created=true
  # The JDBC URL of the same server and user.
  jdbc_url=$(python3 - "$pg_url" "$load_db" <<'EOF'
import sys, urllib.parse
u = urllib.parse.urlparse(sys.argv[1])
query = urllib.parse.urlencode({k: v for k, v in [("user", u.username), ("password", u.password)] if v})
print(f"jdbc:postgresql://{u.hostname}:{u.port or 5432}/{sys.argv[2]}" + (f"?{query}" if query else ""))
EOF
)
fi

# Instances of one console share its keys, as in production (docs/production.md): the audit chain, fingerprint
# and checkpoint keys and the monitoring credentials' key-encryption key, all generated for this run.
export CONSOLE_ADMIN_PASSWORD=$password
export CONSOLE_AUDIT_CHAIN_KEY=$(openssl rand -base64 32)
export CONSOLE_AUDIT_FINGERPRINT_KEY=$(openssl rand -base64 32)
export CONSOLE_AUDIT_CHECKPOINT_SIGNING_KEY=$(openssl genpkey -algorithm ed25519 -outform DER | base64 -w0)
export CONSOLE_HEALTH_CREDENTIALS_KEY_ENCRYPTION_KEY=$(openssl rand -base64 32)

start_instance() { # <name> <port>
  local dir="$work/$1" port=$2
  mkdir -p "$dir"
  local args=(--server.port="$port" --console.sandbox.throttling.enabled=false)
  [ -n "$jdbc_url" ] && args+=(--spring.datasource.url="$jdbc_url")
  # shellcheck disable=SC2086
  (cd "$dir" && exec java $java_opts -jar "$jar" "${args[@]}" >"$dir/console.log" 2>&1) &
  pids+=($!)
  local deadline=$((SECONDS + 180))
  until curl -fs "http://127.0.0.1:$port/actuator/health" >/dev/null; do
    [ $SECONDS -lt $deadline ] || { echo "instance $1 did not start"; tail -50 "$dir/console.log"; exit 1; }
    sleep 1
  done
}

if [ "$mode" = one ]; then
  start_instance console "$base"
  url="http://127.0.0.1:$base"
  described="one instance, sandbox mode, $db"
else
  # One after the other: the first creates the schema and the sandbox's seeded world.
  start_instance console-a $((base + 1))
  start_instance console-b $((base + 2))
  cat >"$work/haproxy.cfg" <<EOF
global
    maxconn 2048
defaults
    mode http
    timeout connect 5s
    timeout client 60s
    timeout server 60s
frontend console
    bind 127.0.0.1:$base
    default_backend consoles
backend consoles
    # Each request to the next instance, whatever instance served the client before: no stickiness.
    balance roundrobin
    option httpchk
    http-check send meth GET uri /actuator/health ver HTTP/1.1 hdr Host localhost
    http-check expect status 200
    server a 127.0.0.1:$((base + 1)) check inter 2s
    server b 127.0.0.1:$((base + 2)) check inter 2s
listen stats
    bind 127.0.0.1:$((base + 3))
    stats enable
    stats uri /stats
EOF
  haproxy -f "$work/haproxy.cfg" -db >"$work/haproxy.log" 2>&1 &
  pids+=($!)
  deadline=$((SECONDS + 30))
  until [ "$(curl -fs "http://127.0.0.1:$((base + 3))/stats;csv" | awk -F, '$1=="consoles" && $18=="UP"' | wc -l)" = 2 ]; do
    [ $SECONDS -lt $deadline ] || { echo "HAProxy does not see both instances up"; cat "$work/haproxy.log"; exit 1; }
    sleep 1
  done
  url="http://127.0.0.1:$base"
  described="two instances, sandbox mode, one PostgreSQL database, HAProxy round robin"
fi

# Signed in as a browser does (through HAProxy in mode two).
cookies="$work/cookies"
csrf=$(curl -fs -c "$cookies" "$url/login" | grep -o 'name="_csrf" value="[^"]*"' | sed 's/.*value="//;s/"$//')
not_shared="the session is not shared by the instances (mode two needs sessions in the database)"
signed_in=$(curl -s -b "$cookies" -c "$cookies" -o /dev/null -w '%{http_code} %{redirect_url}' \
  --data-urlencode "username=admin" --data-urlencode "password=$password" --data-urlencode "_csrf=$csrf" "$url/login")
case "$signed_in" in
  302*login*|303*login*|4*) echo "sign-in refused ($signed_in)$([ "$mode" = two ] && echo ": $not_shared")"; exit 3 ;;
esac
session=$(awk '$6=="JSESSIONID" || $6=="SESSION" {print $6 "=" $7}' "$cookies" | tail -1)
[ -n "$session" ] || { echo "no session cookie after sign-in"; exit 1; }

# Every page answers 200 with this cookie, several times in a row: in mode two, on both instances.
list=/key-stores
for i in 1 2 3 4; do
  status=$(curl -s -o "$work/list.html" -w '%{http_code}' -H "Cookie: $session" "$url$list")
  if [ "$status" != 200 ]; then
    echo "GET $list answered $status on request $i$([ "$mode" = two ] && echo " through HAProxy: $not_shared")"
    exit 3
  fi
done
css=$(grep -o '/css/console-[0-9a-f]\{32\}\.css' "$work/list.html" | head -1)
[ -n "$css" ] || { echo "the list links no content-hashed stylesheet"; exit 1; }
for path in "$detail" "$css"; do
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $session" "$url$path")
  [ "$status" = 200 ] || { echo "GET $path answered $status"; exit 1; }
done

threads=$(( connections < 2 ? 1 : 2 ))
echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(java -version 2>&1 | head -1), $described"
echo "# wrk -t$threads -c$connections -d${seconds}s --timeout 10s --latency (after ${warm}s of warm-up), Cookie: ${session%%=*}=..."
echo "| Page | Requests/s | p50 | p90 | p99 | Non-2xx or errors | Load average before |"
echo "|---|---|---|---|---|---|---|"
measure() { # <label> <path>
  local label=$1 path=$2 load
  wrk -t"$threads" -c"$connections" -d"${warm}s" -H "Cookie: $session" "$url$path" >/dev/null
  load=$(cut -d' ' -f1 /proc/loadavg)
  # A 10 s timeout (wrk's default is 2 s) so that a slow answer counts with its latency instead of as an error.
  wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 10s --latency -H "Cookie: $session" "$url$path" \
    >"$work/$label.txt"
  python3 - "$work/$label.txt" "$label" "$path" "$load" <<'EOF'
import re, sys
text = open(sys.argv[1]).read()
def pct(p):
    m = re.search(rf"^\s+{p}%\s+(\S+)", text, re.M)
    return m.group(1) if m else "?"
rps = re.search(r"Requests/sec:\s+(\S+)", text).group(1)
bad = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", text))
bad += sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", text))
print(f"| {sys.argv[2]} `{sys.argv[3]}` | {float(rps):,.0f} | {pct(50)} | {pct(90)} | {pct(99)} | {bad} | {sys.argv[4]} |")
EOF
}
measure list "$list"
# The same route with a filter no store matches: every step of the list but its rows (session, rights, snapshots,
# the layout, filters and target summary), a lower bound of what cheaper row rendering could reach.
measure list-no-rows "$list?name=no-store-has-this-name"
measure detail "$detail"
measure static "$css"
if [ "$mode" = two ]; then
  # How HAProxy spread the requests (its statistics: requests per server).
  curl -fs "http://127.0.0.1:$((base + 3))/stats;csv" | awk -F, '$1=="consoles" && ($2=="a" || $2=="b") {print "# instance " $2 ": chosen " $31 " times, " $41 " 2xx responses"}'
fi
echo "# logs: $work"
