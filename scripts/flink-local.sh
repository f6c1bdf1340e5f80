#!/usr/bin/env bash
# Runs the Flink audit job (io.fedcheck.flink.FederationAuditJob) in a local Flink environment in
# this JVM: the same arguments as `flink run` on a cluster, no cluster needed. Flink itself comes
# from the local Maven repository (the classpath the build wrote), the job from its job jar.
#
#   mvn -B -q package -DskipTests
#   scripts/flink-local.sh --input domains.txt --output /tmp/fedcheck-flink-out
#
# Log level: FEDCHECK_FLINK_LOG=info|debug (default: warn, and error for Flink's own start-up chatter).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="$root/sdk-flink/target"
cp_file="$target/local-classpath.txt"
job=$(ls "$target"/sdk-flink-*-job.jar 2>/dev/null | head -1 || true)
if [ ! -f "$cp_file" ] || [ -z "$job" ]; then
  echo "flink-local: the job is not built; run first: (cd $root && mvn -B -q package -DskipTests)" >&2
  exit 2
fi
exec "${JAVA:-java}" ${FEDCHECK_FLINK_JAVA_OPTS:-} \
  -Dorg.slf4j.simpleLogger.defaultLogLevel="${FEDCHECK_FLINK_LOG:-warn}" \
  -Dorg.slf4j.simpleLogger.log.org.apache.flink="${FEDCHECK_FLINK_LOG:-error}" \
  -cp "$job:$(cat "$cp_file")" io.fedcheck.flink.FederationAuditJob "$@"
