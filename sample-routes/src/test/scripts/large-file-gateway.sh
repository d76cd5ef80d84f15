#!/usr/bin/env bash
# Pushes one large file through the sample gateway's file routes, as a user would, with the packaged jar and a small
# heap: gateway.sign.inbox -> gateway.sign.outbox/NAME.eml -> gateway.verify.inbox -> gateway.verify.outbox/NAME (named
# after its MIME part) + NAME.verdict.json. Checks that the verified content has the SHA-256 of the file that went in and that the
# verdict says signed, signature valid, trusted. Prints the time of each step, the peak RSS of the JVM and its heap.
#
#   sample-routes/src/test/scripts/large-file-gateway.sh [SIZE=1G] [HEAP=256m]
#
# SIZE as for `head -c` (K, M, G = powers of 1024). Environment:
#   LARGE_TMP     parent of the temporary working folder (default ${TMPDIR:-/tmp}); the JVM's java.io.tmpdir (the
#                 component's spool files) is inside it. A 1 GiB run needs about 5 GiB free there.
#   STEP_TIMEOUT  seconds each step (start, sign, verify, stop) may take (default 1800)
#   KEEP=1        keep the working folder (log, gc log, outputs) instead of deleting it
#   ENCRYPT_TO    e.g. bob@example.com: also encrypt (gateway.sign.recipients) and require an encrypted verdict
#   ALL_ROUTES=1  keep the mail, JMS and HTTP routes with their embedded servers running (on free ports), as a plain
#                 `java -jar` does; by default only the file gateway runs
#   JAVA_OPTS     extra JVM options
# Exit code 0 only when everything matched. The gateway is stopped (SIGTERM, then SIGKILL after STEP_TIMEOUT) and the
# working folder removed whatever happens.
set -euo pipefail

SIZE="${1:-1G}"
HEAP="${2:-256m}"
STEP_TIMEOUT="${STEP_TIMEOUT:-1800}"
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../../.." && pwd)"
JAR="$ROOT/sample-routes/target/sample-routes.jar"
NAME="large-$SIZE.bin"

say() { printf '%(%H:%M:%S)T %s\n' -1 "$*"; }
fail() { say "FAIL: $*"; exit 1; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

if [ ! -f "$JAR" ]; then
  say "building $JAR"
  (cd "$ROOT" && ./mvnw -B -q -o -pl sample-routes -am package -DskipTests)
fi

WORK="$(mktemp -d "${LARGE_TMP:-${TMPDIR:-/tmp}}/large-file-gateway.XXXXXX")"
APP="$WORK/app"
SPOOL="$WORK/tmp"
LOG="$WORK/gateway.log"
GCLOG="$WORK/gc.log"
SIGN_IN="$APP/in/sign"; SIGN_OUT="$APP/out/signed"; SIGN_FAILED="$APP/out/sign-failed"
VERIFY_IN="$APP/in/verify"; VERIFY_OUT="$APP/out/verified"; VERIFY_REJECTED="$APP/out/rejected"
mkdir -p "$APP" "$SPOOL" "$SIGN_IN" "$VERIFY_IN"

PID=""
DU_PID=""
cleanup() {
  local rc=$?
  if [ -n "$DU_PID" ]; then kill "$DU_PID" 2>/dev/null || true; wait "$DU_PID" 2>/dev/null || true; fi
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
    kill -TERM "$PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$PID" 2>/dev/null || break; sleep 1; done
    kill -KILL "$PID" 2>/dev/null || true
    wait "$PID" 2>/dev/null || true
  fi
  if [ "$rc" -ne 0 ] && [ -f "$LOG" ]; then
    echo "---- last lines of the gateway log ($LOG) ----"
    tail -n 40 "$LOG" || true
  fi
  if [ "${KEEP:-0}" = 1 ]; then
    echo "kept $WORK"
  else
    rm -rf "$WORK"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

alive() { [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; }

# wait_for DESCRIPTION TEST-COMMAND...: polls every 0.5 s until the command succeeds; fails when the gateway died,
# when a rejection shows up, or after STEP_TIMEOUT seconds
wait_for() {
  local what="$1"; shift
  local deadline=$(( $(date +%s) + STEP_TIMEOUT ))
  until "$@"; do
    alive || fail "the gateway exited while waiting for $what"
    for reason in "$SIGN_FAILED/$NAME.reason.txt" "$VERIFY_REJECTED/$NAME.eml.reason.txt"; do
      if [ -f "$reason" ]; then cat "$reason"; fail "rejected while waiting for $what"; fi
    done
    [ "$(date +%s)" -lt "$deadline" ] || fail "timeout after ${STEP_TIMEOUT}s waiting for $what"
    sleep 0.5
  done
}

# peak disk use of the working folder (input, outputs, spool files) and of the spool folder alone, sampled every
# second
( peak=0; spool_peak=0
  while true; do
    used=$(du -sb "$WORK" 2>/dev/null | cut -f1 || echo 0)
    spool=$(du -sb "$SPOOL" 2>/dev/null | cut -f1 || echo 0)
    [ "${used:-0}" -gt "$peak" ] && peak=$used && echo "$peak" > "$WORK/.du-peak"
    [ "${spool:-0}" -gt "$spool_peak" ] && spool_peak=$spool && echo "$spool_peak" > "$WORK/.du-spool-peak"
    sleep 1
  done ) &
DU_PID=$!

say "working folder $WORK ($(df -h --output=avail "$WORK" | tail -1 | tr -d ' ') free)"

# ---- 1. the input: SIZE pseudo-random bytes, written under a dot name (never taken by the gateway) ----
t0=$(now)
# (openssl ends on SIGPIPE when head has enough: not an error)
SHA_IN=$( (openssl enc -aes-128-ctr -pass pass:camel-smime-large-file -nosalt -pbkdf2 </dev/zero 2>/dev/null || true) \
  | head -c "$SIZE" | tee "$SIGN_IN/.$NAME.part" | sha256sum | cut -d' ' -f1)
t_gen=$(secs "$t0" "$(now)")
BYTES=$(stat -c %s "$SIGN_IN/.$NAME.part")
say "generated $NAME: $BYTES bytes, sha256 $SHA_IN (${t_gen}s)"

# ---- 2. the gateway: file routes only, free ports for whatever else might listen ----
HTTP_PORT=$(free_port); SMTP_PORT=$(free_port); IMAP_PORT=$(free_port); JMS_PORT=$(free_port)
JVM=(-Xmx"$HEAP" -XX:+ExitOnOutOfMemoryError "-Xlog:gc:file=$GCLOG" "-Djava.io.tmpdir=$SPOOL")
# shellcheck disable=SC2206
[ -n "${JAVA_OPTS:-}" ] && JVM+=($JAVA_OPTS)
PROPS=(
  -Dhttp.port="$HTTP_PORT" -Dmail.smtp.port="$SMTP_PORT" -Dmail.imap.port="$IMAP_PORT" -Djms.embedded.port="$JMS_PORT"
  -Ddemo.enabled=false
  -Dgateway.sign.inbox="$SIGN_IN" -Dgateway.sign.outbox="$SIGN_OUT" -Dgateway.sign.failed="$SIGN_FAILED"
  -Dgateway.verify.inbox="$VERIFY_IN" -Dgateway.verify.outbox="$VERIFY_OUT"
  -Dgateway.verify.rejected="$VERIFY_REJECTED"
)
if [ "${ALL_ROUTES:-0}" != 1 ]; then
  PROPS+=(-Dmail.enabled=false -Djms.enabled=false -Dhttp.enabled=false)
fi
if [ -n "${ENCRYPT_TO:-}" ]; then
  PROPS+=(-Dgateway.sign.recipients="$ENCRYPT_TO")
fi
say "starting java ${JVM[*]} -jar $(basename "$JAR") (in $APP)"
t0=$(now)
(cd "$APP" && exec java "${JVM[@]}" "${PROPS[@]}" -jar "$JAR" >"$LOG" 2>&1) &
PID=$!
wait_for "the gateway to start" grep -q "smime-gateway.* started in" "$LOG"
t_start=$(secs "$t0" "$(now)")
say "gateway started, pid $PID (${t_start}s)"

# ---- 3. sign: rename the dot file into place ----
t0=$(now)
mv "$SIGN_IN/.$NAME.part" "$SIGN_IN/$NAME"
wait_for "$SIGN_OUT/$NAME.eml" test -f "$SIGN_OUT/$NAME.eml"
t_sign=$(secs "$t0" "$(now)")
wait_for "the sign inbox to be emptied" test ! -e "$SIGN_IN/$NAME"
t_sign_done=$(secs "$t0" "$(now)")
say "signed: $SIGN_OUT/$NAME.eml, $(stat -c %s "$SIGN_OUT/$NAME.eml") bytes (${t_sign}s; inbox emptied after ${t_sign_done}s)"

# ---- 4. verify: move the message into the verify inbox, under a dot name first ----
t0=$(now)
mv "$SIGN_OUT/$NAME.eml" "$VERIFY_IN/.$NAME.eml.part"
mv "$VERIFY_IN/.$NAME.eml.part" "$VERIFY_IN/$NAME.eml"
wait_for "$VERIFY_OUT/$NAME" test -f "$VERIFY_OUT/$NAME"
t_verify=$(secs "$t0" "$(now)")
wait_for "the verify inbox to be emptied" test ! -e "$VERIFY_IN/$NAME.eml"
t_verify_done=$(secs "$t0" "$(now)")
say "verified: $VERIFY_OUT/$NAME, $(stat -c %s "$VERIFY_OUT/$NAME") bytes (${t_verify}s; inbox emptied after ${t_verify_done}s)"

# ---- 5. memory, then stop ----
HWM=$(awk '/^VmHWM/ { print $2, $3 }' "/proc/$PID/status")
HEAP_INFO=$(jcmd "$PID" GC.heap_info 2>/dev/null | awk 'NR > 1' | head -n 3 | sed 's/^ */    /' || true)
t0=$(now)
kill -TERM "$PID"
deadline=$(( $(date +%s) + STEP_TIMEOUT ))
while alive; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "the gateway did not stop within ${STEP_TIMEOUT}s of SIGTERM"
  sleep 0.5
done
set +e; wait "$PID"; JAVA_RC=$?; set -e
PID=""
t_stop=$(secs "$t0" "$(now)")
kill "$DU_PID" 2>/dev/null || true; wait "$DU_PID" 2>/dev/null || true; DU_PID=""
DISK_PEAK=$(cat "$WORK/.du-peak" 2>/dev/null || echo 0)
SPOOL_PEAK=$(cat "$WORK/.du-spool-peak" 2>/dev/null || echo 0)
# the largest heap occupancy the GC saw (before a collection), from -Xlog:gc lines such as "... 150M->30M(256M) ..."
GC_PEAK=$(grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' "$GCLOG" | sed 's/M->.*//' | sort -n | tail -1 || true)
GC_COUNT=$(grep -cE 'Pause' "$GCLOG" || true)

# ---- 6. checks ----
SHA_OUT=$(sha256sum "$VERIFY_OUT/$NAME" | cut -d' ' -f1)
VERDICT="$VERIFY_OUT/$NAME.verdict.json"
[ -f "$VERDICT" ] || fail "no $VERDICT"
ok=1
if command -v jq >/dev/null; then
  jq -e --arg enc "${ENCRYPT_TO:+true}" '.signed == true and .signatureValid == true and .trusted == true
      and (.failures | length) == 0 and ($enc == "" or .encrypted == true)' "$VERDICT" >/dev/null || ok=0
else
  for key in signed signatureValid trusted ${ENCRYPT_TO:+encrypted}; do
    grep -qE "\"$key\": *true" "$VERDICT" || ok=0
  done
fi
leftover=$(find "$SPOOL" -type f | wc -l)

echo
echo "== large file through the file gateway: $SIZE ($BYTES bytes), java -Xmx$HEAP," \
  "$([ "${ALL_ROUTES:-0}" = 1 ] && echo "all routes" || echo "file routes only")," \
  "$([ -n "${ENCRYPT_TO:-}" ] && echo "signed + encrypted to $ENCRYPT_TO" || echo "signed") =="
printf '  %-28s %s\n' \
  "generate input" "${t_gen}s" \
  "gateway start" "${t_start}s" \
  "sign (inbox -> NAME.eml)" "${t_sign}s (inbox emptied after ${t_sign_done}s)" \
  "verify (-> NAME + verdict)" "${t_verify}s (inbox emptied after ${t_verify_done}s)" \
  "stop (SIGTERM)" "${t_stop}s, exit code $JAVA_RC" \
  "peak RSS (VmHWM)" "$HWM" \
  "heap" "-Xmx$HEAP; largest occupancy seen by the GC ${GC_PEAK:-?} MiB over $GC_COUNT collections" \
  "peak disk use" "$(( DISK_PEAK / 1024 / 1024 )) MiB in all (input, outputs, spool)," \
  "" "$(( SPOOL_PEAK / 1024 / 1024 )) MiB of it spool files in java.io.tmpdir" \
  "spool files left at exit" "$leftover" \
  "sha256 in" "$SHA_IN" \
  "sha256 out" "$SHA_OUT"
echo "  heap at the end (jcmd GC.heap_info):"
echo "${HEAP_INFO:-    (not available)}"
echo "  verdict: $(jq -c '{signed, signatureValid, trusted, encrypted, layers, contentEncryptionAlgorithm}' "$VERDICT" 2>/dev/null || tr -d '\n' < "$VERDICT")"

[ "$SHA_IN" = "$SHA_OUT" ] || fail "the verified content differs from the input"
[ "$ok" = 1 ] || fail "the verdict is not signed/valid/trusted: $(cat "$VERDICT")"
grep -q "OutOfMemoryError" "$LOG" && fail "OutOfMemoryError in the gateway log"
say "OK: $SIZE ${ENCRYPT_TO:+encrypted, }signed and verified with -Xmx$HEAP, content identical, verdict signed and trusted"
