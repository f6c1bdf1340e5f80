#!/usr/bin/env bash
# Regenerates THIRD-PARTY.txt at the root from license-maven-plugin's list for the CLI, which depends on
# every published module. The build fails (api-guard ThirdPartyNoticesTest) while the committed file differs,
# and license-maven-plugin fails it on a licence that is not on the allow-list in the parent POM.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl cli -am generate-resources
cp cli/target/classes/META-INF/THIRD-PARTY.txt THIRD-PARTY.txt
git --no-pager diff --stat -- THIRD-PARTY.txt || true
