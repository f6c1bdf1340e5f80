#!/usr/bin/env bash
# Proves that an outsider can consume fedcheck: publishes the reactor (jars, sources, Javadoc, POMs and
# the BOM) into a throw-away repository under target/, then builds and tests examples/embedder against
# exactly those artifacts, with a local repository of its own so nothing of this machine's ~/.m2 helps.
# A missing artifact, a missing BOM entry or an unresolved ${...} in a published POM fails here.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
staging="$root/target/staging-repo"
local_repo="$root/target/embedder-local-repo"
rm -rf "$staging" "$local_repo"
mkdir -p "$staging" "$local_repo"

echo "== publishing the reactor to $staging"
mvn -B -q deploy -DskipTests \
  -DaltDeploymentRepository="staging::default::file://$staging"

for module in sdk-api sdk-core sdk-dnsjava sdk-jdk sdk-netty sdk-report sdk-flink sdk-testkit cli; do
  dir="$staging/io/fedcheck/$module"
  for kind in '.jar' '-sources.jar' '-javadoc.jar' '.pom'; do
    if ! compgen -G "$dir/*/$module-*[0-9]$kind" > /dev/null; then
      echo "example-embedder: $module has no ${kind#-} artifact in the staging repository" >&2
      exit 1
    fi
  done
  pom=$(ls "$dir"/*/"$module"-*.pom | head -1)
  grep -q '<licenses>' "$pom" || { echo "example-embedder: $pom has no <licenses>" >&2; exit 1; }
  if grep -q '<parent>' "$pom"; then echo "example-embedder: $pom is not flattened" >&2; exit 1; fi
  grep -qE '<scm[ >]' "$pom" || { echo "example-embedder: $pom has no <scm>" >&2; exit 1; }
done

compgen -G "$staging/io/fedcheck/fedcheck-bom/*/fedcheck-bom-*.pom" > /dev/null \
  || { echo "example-embedder: fedcheck-bom was not published" >&2; exit 1; }
if grep -l '\${' $(find "$staging" -name '*.pom'); then
  echo "example-embedder: the published POMs above still hold an unresolved \${...}" >&2
  exit 1
fi

settings="$root/target/embedder-settings.xml"
cat > "$settings" <<XML
<settings>
  <profiles>
    <profile>
      <id>staging</id>
      <repositories>
        <repository>
          <id>fedcheck-staging</id>
          <url>file://$staging</url>
          <releases><enabled>true</enabled></releases>
          <snapshots><enabled>true</enabled></snapshots>
        </repository>
      </repositories>
    </profile>
  </profiles>
  <activeProfiles><activeProfile>staging</activeProfile></activeProfiles>
</settings>
XML

echo "== building examples/embedder against the staged artifacts"
mvn -B -q -f examples/embedder/pom.xml -s "$settings" -Dmaven.repo.local="$local_repo" clean verify
echo "example-embedder: examples/embedder built and passed against the published artifacts"
