#!/bin/sh
# Long fuzzing runs of the component's @FuzzTest targets (Jazzer), one target at a time.
#
#   camel-smime-component/fuzz.sh [SECONDS_PER_TARGET] [Class#method ...]
#
# SECONDS_PER_TARGET defaults to 300; without targets, all of them run. The working corpus of each target lives in
# FUZZ_DIR (default: $TMPDIR/camel-smime-fuzz), outside the repository, and is seeded with the interop corpus
# (SMIME_CORPUS_DIR, default ../shared/interop/corpus) when it is there. An input that fails a target is written by
# Jazzer into src/test/resources/.../<Class>Inputs/<method>/: commit it with the fix, and every later test run
# replays it. Exit status: 1 when a target found something.
set -u
cd "$(dirname "$0")/.."
seconds=${1:-300}
[ $# -gt 0 ] && shift
targets=${*:-"mime.MultipartSignedSplitterFuzzTest#split mime.MimeReaderFuzzTest#entity mime.MimeReaderFuzzTest#message
  verify.CmsLayerFuzzTest#signedData verify.CmsLayerFuzzTest#envelopedData verify.CmsLayerFuzzTest#compressedData
  unwrap.UnwrapFuzzTest#unwrap"}
scratch=${FUZZ_DIR:-${TMPDIR:-/tmp}/camel-smime-fuzz}
corpus=${SMIME_CORPUS_DIR:-../shared/interop/corpus}
corpus=$(cd "$corpus" 2>/dev/null && pwd || echo "")

mkdir -p "$scratch/seeds"
if [ -n "$corpus" ]; then
  # the messages of the corpus, as they are (keys, certificates and notes are no seeds)
  find "$corpus" -type f -size -256k ! -name '*.p12' ! -name '*.key' ! -name '*.pri' ! -name '*.pem' ! -name '*.crt' \
    ! -name '*.cer' ! -name '*.crl' ! -name '*.md' ! -name '*.tsv' | while read -r f; do
    cp "$f" "$scratch/seeds/$(printf '%s' "${f#"$corpus"/}" | tr '/' '_')"
  done
fi

./mvnw -B -o -q -pl camel-smime-component test-compile || exit 2
found=0
for target in $targets; do
  name=$(printf '%s' "$target" | tr '#' '.')
  mkdir -p "$scratch/corpus/$name"
  echo "== $target: ${seconds}s, corpus $scratch/corpus/$name"
  # jazzer.internal.arg.*: the libFuzzer command line (the first directory is where new inputs go, the others only
  # seed); the dash options come last and override what @FuzzTest sets. Coverage is collected in the component and
  # in the parsers it calls (Bouncy Castle, Jakarta Mail).
  # JUnit's per-input @Timeout would also count the agent's start-up; libFuzzer's -timeout below finds hangs
  jvm="-Xmx1200m -Djazzer.hooks=true -Djunit.jupiter.execution.timeout.mode=disabled"
  jvm="$jvm -Djazzer.instrument=io.github.camelsmime.**,org.bouncycastle.**,jakarta.mail.**,org.eclipse.angus.**"
  jvm="$jvm -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=$scratch/corpus/$name"
  jvm="$jvm -Djazzer.internal.arg.2=$scratch/seeds -Djazzer.internal.arg.3=-max_total_time=$seconds"
  jvm="$jvm -Djazzer.internal.arg.4=-timeout=10 -Djazzer.internal.arg.5=-print_final_stats=1"
  JAZZER_FUZZ=1 ./mvnw -B -o -pl camel-smime-component surefire:test -Dtest="io.github.camelsmime.$target" \
    -Dsurefire.failIfNoSpecifiedTests=false ${corpus:+-Dsmime.corpus.dir="$corpus"} -DargLine="$jvm" \
    > "$scratch/$name.log" 2>&1
  status=$?
  grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::new_units_added|== Java Exception|INFO: Seed)' \
    "$scratch/$name.log" | head -8
  if [ $status -ne 0 ]; then
    found=1
    echo "!! $target failed: see $scratch/$name.log"
    grep -E 'FuzzTestFinding|Exception:|Error:' "$scratch/$name.log" | head -5
  fi
done
git status --short camel-smime-component/src/test/resources
exit $found
