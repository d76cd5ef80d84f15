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
CONDITIONS=
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

if [ "$REPORT_ONLY" = 0 ]; then
  MODE="${MODE:-full}"
  # one PKI per run: the first fork generates it, the others load it (see BenchPki)
  export CAMELSMIME_BENCH_PKI="$ROOT/benchmarks/target/bench-pki/run-$(date +%Y%m%d-%H%M%S)-$$"
  trap 'rm -rf "$CAMELSMIME_BENCH_PKI"' EXIT
  echo ">> JMH ($MODE: ${JMH_OPTS[*]}); log in $RESULTS/latest.log.tmp"
  start=$(date +%s)
  LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || true)"
  "$JAVA" -cp "$CP" org.openjdk.jmh.Main "${JMH_OPTS[@]}" -foe false \
      -rf json -rff "$RESULTS/latest.json" "${EXTRA[@]}" 2>&1 | tee "$RESULTS/latest.log.tmp"
  echo ">> JMH took $(( $(date +%s) - start )) s"
  CONDITIONS="before ${LOAD_BEFORE:-?}, after $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo ?); JMH took $(( $(date +%s) - start )) s"
fi

echo ">> report"
"$JAVA" -Djava.awt.headless=true -cp "$CP" io.github.camelsmime.bench.Report \
    "$RESULTS/latest.json" "$RESULTS/latest.md" "$RESULTS/latest.png" \
    --mode "$MODE" --jmh-args "$( [ "$REPORT_ONLY" = 0 ] && echo "${JMH_OPTS[*]} ${EXTRA[*]:-}" )" --analysis benchmarks/analysis.md --readme benchmarks/README.md \
    --conditions "${CONDITIONS:-}"
