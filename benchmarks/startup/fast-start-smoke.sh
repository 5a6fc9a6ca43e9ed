#!/usr/bin/env bash
# Smoke check of the fast start (docs/production.md "A faster start"), for CI after `./mvnw -Paot package`: the
# Spring AOT jar, extracted, with a CDS archive from a training run, as production would start it.
#   1. `java -Djarmode=tools -jar <jar> extract` lays the jar out; a training run (-XX:ArchiveClassesAtExit,
#      -Dspring.context.exit=onRefresh, -Dspring.aot.enabled=true) starts the context, exits by itself and writes the
#      CDS archive;
#   2. started from the extracted jar with that archive (-Xshare:on: the JVM refuses to start if it cannot use it)
#      and -Dspring.aot.enabled=true on a fresh database, it says "Starting AOT-processed", GET /actuator/health
#      answers UP, the administrator signs in and the key store list shows the sandbox's seeded store (the sandbox
#      beans came from the generated code);
#   3. started in a mode it was not built for (console.kms.mode=aws on a sandbox build), it stops with the
#      AotBuildSettings message before any bean is made (no database file appears).
# Exits non-zero on the first failure. About a minute on a quiet 2-core machine (two starts and the training run),
# plus the build's process-aot. No timing is asserted: benchmarks/startup/run.sh measures.
#
#   fast-start-smoke.sh <jar built with -Paot (default aot.kms-mode=sandbox)> [port=9697]
set -euo pipefail
jar=$(realpath "$1"); port=${2:-9697}
work=$(mktemp -d /tmp/fast-start-smoke.XXXXXX)
pid=
cleanup() { [ -z "$pid" ] || kill "$pid" 2>/dev/null || true; }
trap cleanup EXIT
fail() { echo "fast-start-smoke: $*" >&2; [ ! -f "$work/console.log" ] || tail -40 "$work/console.log" >&2; exit 1; }
password=fast-start-smoke-0042
base="http://127.0.0.1:$port"

# 1. Extracted, and a CDS archive from a training run of the AOT start.
java -Djarmode=tools -jar "$jar" extract --destination "$work/app" >"$work/extract.log" 2>&1 \
  || { cat "$work/extract.log" >&2; fail "java -Djarmode=tools extract failed"; }
app="$work/app/$(basename "$jar")"
[ -f "$app" ] && [ -d "$work/app/lib" ] || fail "extract did not lay out $(basename "$jar") and lib/"
archive="$work/app/console.jsa"
mkdir -p "$work/training"
set +e
(cd "$work/training" && CONSOLE_ADMIN_PASSWORD=$password timeout 300 java -XX:ArchiveClassesAtExit="$archive" \
    -Dspring.aot.enabled=true -Dspring.context.exit=onRefresh -jar "$app" --server.port="$port" \
    >"$work/training.log" 2>&1)
code=$?
set -e
[ "$code" -ne 124 ] || { tail -40 "$work/training.log" >&2; fail "the training run did not exit by itself"; }
[ -s "$archive" ] || { tail -40 "$work/training.log" >&2; fail "the training run wrote no CDS archive"; }
echo "fast-start-smoke: extracted; the training run exited by itself and wrote a $(du -h "$archive" | cut -f1) CDS archive"

# 2. The AOT start from the extracted jar with the archive, in the mode the jar was built for.
(cd "$work" && CONSOLE_ADMIN_PASSWORD=$password exec java -Xshare:on -XX:SharedArchiveFile="$archive" \
    -Dspring.aot.enabled=true -jar "$app" --server.port="$port" >"$work/console.log" 2>&1) &
pid=$!
deadline=$((SECONDS + 300))
until curl -s -m 2 "$base/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
  kill -0 "$pid" 2>/dev/null || fail "the AOT start with the CDS archive ended before /actuator/health answered UP"
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
echo "fast-start-smoke: extracted + CDS archive + AOT start UP, signed in, key store list shows the sandbox's stores"

# 3. The same jar in a mode it was not built for: stops at once, before the database is opened.
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
echo "fast-start-smoke: aws mode on the sandbox build stopped before any bean was made, saying why"
rm -rf "$work"
