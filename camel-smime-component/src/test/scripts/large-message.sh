#!/usr/bin/env bash
# Pushes a generated payload (default 4 GiB) through smime:sign-encrypt and smime:unwrap in a JVM with a small heap
# (default 64 MiB) and checks that the SHA-256 of what comes out equals that of what went in.
#
#   camel-smime-component/src/test/scripts/large-message.sh [SIZE] [HEAP] [PROVIDER]
#   e.g. large-message.sh 4G 64m auto
#
# SIZE takes K, M or G; PROVIDER is auto, JDK, BC or ACCP. Spool files go to java.io.tmpdir (or the folder in
# SMIME_SPOOL_DIR): a 4 GiB run needs about 20 GiB free there while it runs. Exit code 0 only when the digests match.
set -euo pipefail
SIZE="${1:-4G}"
HEAP="${2:-64m}"
PROVIDER="${3:-auto}"
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../../.." && pwd)"
MODULE="$ROOT/camel-smime-component"
cd "$ROOT"
./mvnw -B -o -q -pl camel-smime-component test-compile \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/large-message.classpath
CP="$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$MODULE/target/large-message.classpath")"
SPOOL=()
if [ -n "${SMIME_SPOOL_DIR:-}" ]; then
  SPOOL=("-Djava.io.tmpdir=$SMIME_SPOOL_DIR")
fi
exec java "-Xmx$HEAP" -XX:+ExitOnOutOfMemoryError -Dlog4j2.level=WARN ${SPOOL[@]+"${SPOOL[@]}"} -cp "$CP" \
  io.github.camelsmime.large.LargeMessageMain "$SIZE" "$PROVIDER"
