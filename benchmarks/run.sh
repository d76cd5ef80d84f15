#!/usr/bin/env bash
# Runs the camel-smime benchmarks (JMH) and writes benchmarks/results/latest.{json,md,png}; see benchmarks/README.md.
#
#   benchmarks/run.sh --quick            quick run, under 5 minutes on 2 cores
#   benchmarks/run.sh                    full run (about 25 minutes on 2 cores)
#   benchmarks/run.sh --load             the JMS load test only -> benchmarks/results/load-latest.md
#   benchmarks/run.sh --quick -- CamelSmimeBenchmark -p size=4k    extra JMH arguments after --
#
# Options: --no-build (use what benchmarks/target has), --report-only (redo latest.md/png from latest.json).
set -euo pipefail

usage() {
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
}

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
MODE=
LOAD=0
BUILD=1
REPORT_ONLY=0
EXTRA=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) MODE=quick ;;
    --full) MODE=full ;;
    --load) LOAD=1 ;;
    --no-build) BUILD=0 ;;
    --report-only) REPORT_ONLY=1; BUILD=0 ;;
    -h|--help) usage; exit 0 ;;
    --) shift; EXTRA=("$@"); break ;;
    *) echo "run.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

cd "$ROOT"
RESULTS=benchmarks/results
CP="benchmarks/target/camel-smime-benchmarks.jar:benchmarks/target/lib/*"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
mkdir -p "$RESULTS"

if [ "$BUILD" = 1 ]; then
  echo ">> building (./mvnw -Pbenchmarks -pl benchmarks -am package)"
  ./mvnw -B -q -Pbenchmarks -pl benchmarks -am package -DskipTests
fi
if [ ! -f benchmarks/target/camel-smime-benchmarks.jar ]; then
  echo "run.sh: benchmarks/target/camel-smime-benchmarks.jar is missing; run without --no-build" >&2
  exit 1
fi

if [ "$LOAD" = 1 ]; then
  echo ">> JMS load test"
  exec "$JAVA" -Xmx2g -cp "$CP" io.github.camelsmime.bench.JmsLoadTest --out "$RESULTS/load-latest.md" "${EXTRA[@]}"
fi

case "${MODE:-full}" in
  # 47 benchmark/parameter combinations, one JVM fork each
  quick) JMH_OPTS=(-f 1 -wi 1 -w 1s -i 2 -r 1s) ;;
  full)  JMH_OPTS=(-f 1 -wi 3 -w 2s -i 5 -r 3s) ;;
esac
# One 1-second warm-up leaves DecryptionFailureBenchmark far from steady state (it needs about 8 s), so the quick run
# skips it unless it is asked for by name.
if [ "${MODE:-full}" = quick ] && [ ${#EXTRA[@]} -eq 0 ]; then
  JMH_OPTS+=(-e DecryptionFailureBenchmark)
fi

if [ "$REPORT_ONLY" = 0 ]; then
  MODE="${MODE:-full}"
  # one PKI per run: the first fork generates it, the others load it (see BenchPki)
  export CAMELSMIME_BENCH_PKI="$ROOT/benchmarks/target/bench-pki/run-$(date +%Y%m%d-%H%M%S)-$$"
  trap 'rm -rf "$CAMELSMIME_BENCH_PKI"' EXIT
  echo ">> JMH ($MODE: ${JMH_OPTS[*]}); log in $RESULTS/latest.log.tmp"
  start=$(date +%s)
  LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || true)"
  # JMH allows one run per machine (/tmp/jmh.lock); wait (at most 15 minutes) for another one to finish rather than
  # measure two at once on the same cores.
  for attempt in $(seq 1 45); do
    set +e
    "$JAVA" -cp "$CP" org.openjdk.jmh.Main "${JMH_OPTS[@]}" -foe false \
        -rf json -rff "$RESULTS/latest.json" "${EXTRA[@]}" 2>&1 | tee "$RESULTS/latest.log.tmp"
    rc=${PIPESTATUS[0]}
    set -e
    if ! grep -q "Unable to acquire the JMH lock" "$RESULTS/latest.log.tmp"; then
      [ "$rc" = 0 ] || { echo "run.sh: JMH failed (exit $rc); see $RESULTS/latest.log.tmp" >&2; exit "$rc"; }
      break
    fi
    [ "$attempt" = 45 ] && { echo "run.sh: another JMH run held the lock for 15 minutes; giving up" >&2; exit 1; }
    echo ">> another JMH run is in progress on this machine; retrying in 20 s"
    sleep 20
    start=$(date +%s)
    LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || true)"
  done
  echo ">> JMH took $(( $(date +%s) - start )) s"
  CONDITIONS="before ${LOAD_BEFORE:-?}, after $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo ?); JMH took $(( $(date +%s) - start )) s"
  # what the report says about this run, also when it is redone later with --report-only
  {
    echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "mode=$MODE"
    echo "jmhArgs=${JMH_OPTS[*]} ${EXTRA[*]:-}"
    echo "conditions=$CONDITIONS"
  } > "$RESULTS/latest.meta"
fi

echo ">> report"
"$JAVA" -Djava.awt.headless=true -cp "$CP" io.github.camelsmime.bench.Report \
    "$RESULTS/latest.json" "$RESULTS/latest.md" "$RESULTS/latest.png" \
    --meta "$RESULTS/latest.meta" --analysis benchmarks/analysis.md --readme README.md
