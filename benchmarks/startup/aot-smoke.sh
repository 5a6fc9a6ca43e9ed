#!/usr/bin/env bash
# Smoke check of the Spring AOT jar (docs/production.md "A faster start"), for CI after `./mvnw -Paot package`:
#   1. started with -Dspring.aot.enabled=true on a fresh database, it says "Starting AOT-processed", GET
#      /actuator/health answers UP, the administrator signs in and the key store list shows the sandbox's seeded
#      store (the sandbox beans came from the generated code);
#   2. started in a mode it was not built for (console.kms.mode=aws on a sandbox build), it stops with the
#      AotBuildSettings message before any bean is made (no database file appears).
# Exits non-zero on the first failure. About 20 s on a quiet 2-core machine, plus the build's process-aot.
#
#   aot-smoke.sh <jar built with -Paot (default aot.kms-mode=sandbox)> [port=9697]
set -euo pipefail
jar=$(realpath "$1"); port=${2:-9697}
work=$(mktemp -d /tmp/aot-smoke.XXXXXX)
pid=
cleanup() { [ -z "$pid" ] || kill "$pid" 2>/dev/null || true; }
trap cleanup EXIT
fail() { echo "aot-smoke: $*" >&2; [ ! -f "$work/console.log" ] || tail -40 "$work/console.log" >&2; exit 1; }
password=aot-smoke-admin-0042
base="http://127.0.0.1:$port"

# 1. The AOT start in the mode the jar was built for.
(cd "$work" && CONSOLE_ADMIN_PASSWORD=$password exec java -Dspring.aot.enabled=true -jar "$jar" \
    --server.port="$port" >"$work/console.log" 2>&1) &
pid=$!
deadline=$((SECONDS + 300))
until curl -s -m 2 "$base/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
  kill -0 "$pid" 2>/dev/null || fail "the AOT start ended before /actuator/health answered UP"
  [ $SECONDS -lt $deadline ] || fail "no UP from /actuator/health within 300 s"
  sleep 0.2
done
grep -q "Starting AOT-processed ConsoleApplication" "$work/console.log" \
  || fail "the jar did not start from its AOT-generated code (built without -Paot?)"
cookies="$work/cookies"
csrf=$(curl -fs -c "$cookies" "$base/login" | grep -o 'name="_csrf" value="[^"]*"' | sed 's/.*value="//;s/"$//')
[ -n "$csrf" ] || fail "the sign-in page has no CSRF token"
curl -fs -b "$cookies" -c "$cookies" -o /dev/null --data-urlencode "username=admin" \
  --data-urlencode "password=$password" --data-urlencode "_csrf=$csrf" "$base/login" || fail "sign-in failed"
status=$(curl -s -o "$work/list.html" -w '%{http_code}' -b "$cookies" "$base/t/default/key-stores")
[ "$status" = 200 ] || fail "the signed-in key store list answered $status"
grep -q "finance-hsm-primary" "$work/list.html" || fail "the key store list does not show the sandbox's seeded store"
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
echo "aot-smoke: AOT start UP, signed in, key store list shows the sandbox's stores"

# 2. The same jar in a mode it was not built for: stops at once, before the database is opened.
mkdir -p "$work/other-mode"
set +e
(cd "$work/other-mode" && CONSOLE_ADMIN_PASSWORD=$password timeout 120 java -Dspring.aot.enabled=true -jar "$jar" \
    --server.port="$port" --console.kms.mode=aws >"$work/other-mode.log" 2>&1)
code=$?
set -e
[ "$code" -ne 0 ] && [ "$code" -ne 124 ] || { tail -40 "$work/other-mode.log" >&2; fail "aws mode on a sandbox build did not stop (exit $code)"; }
grep -q "console.kms.mode is aws here but was sandbox when the jar was built" "$work/other-mode.log" \
  || { tail -40 "$work/other-mode.log" >&2; fail "aws mode on a sandbox build stopped without saying why"; }
[ ! -e "$work/other-mode/data" ] || fail "aws mode on a sandbox build opened the database before stopping"
echo "aot-smoke: aws mode on the sandbox build stopped before any bean was made, saying why"
rm -rf "$work"
