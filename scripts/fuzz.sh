#!/usr/bin/env bash
# Runs every Jazzer fuzz test of fedcheck in fuzzing mode, one JVM per target (Jazzer fuzzes one
# test per run), each for a fixed time.
#
#   scripts/fuzz.sh [SECONDS]        default 30 s per target
#
# Without JAZZER_FUZZ the same tests run only their seed corpora, as plain regression tests inside
# `mvn verify`. New inputs go to .cifuzz-corpus/ (git-ignored); a crash is written as a
# crash-<sha1> file under src/test/resources/.../<Class>Inputs/<method>/ by Jazzer, where the
# regression run then picks it up: commit it together with the fix.
#
# Uses the `test` phase, so the reactor is compiled first. Exit status: non-zero
# when any target found a crash.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
targets=(
  "io.fedcheck.core.fuzz.DomainNamesFuzzTest#normalize"
  "io.fedcheck.core.fuzz.DiagnosticsExplainerFuzzTest#explain"
  "io.fedcheck.core.fuzz.CertificateObservationFuzzTest#presentedCertificate"
  "io.fedcheck.core.fuzz.SipResponseFuzzTest#parse"
  "cli:io.fedcheck.cli.audit.AuditInputFuzzTest#entries"
)
status=0
for spec in "${targets[@]}"; do
  module=sdk-core
  target=$spec
  if [[ "$spec" == *:* ]]; then module=${spec%%:*}; target=${spec#*:}; fi
  echo "== fuzzing ${target} (${module}) for ${seconds} s"
  # jazzer.internal.arg.N are libFuzzer arguments (arg 0 is argv[0]); -max_total_time given here
  # comes after the @FuzzTest(maxDuration) default and wins.
  if ! JAZZER_FUZZ=1 mvn -B -o -q -pl "${module}" -am test \
      -Dtest="${target}" -Dsurefire.failIfNoSpecifiedTests=false \
      -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1="-max_total_time=${seconds}" \
      -Djazzer.internal.arg.2=-print_final_stats=1; then
    echo "!! ${target}: the fuzzer reported a failure (see the surefire report and crash-* files)"
    status=1
  fi
done
exit "${status}"
