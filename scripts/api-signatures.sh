#!/usr/bin/env bash
# Rewrites api/sdk-api.txt and api/sdk-testkit-contract.txt from the code, after an intended API change.
# Commit the changed files with the change (and a CHANGELOG.md line); the build fails while they differ.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl api-guard -am test -Dtest=ApiGuardTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfedcheck.api.update=true
git --no-pager diff --stat -- api/ || true
