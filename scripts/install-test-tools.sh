#!/usr/bin/env bash
# Installs the outside programs that some tests use (Debian packages). Tests that need one of these
# skip with a message where it is absent; CI runs this first so that they always run there.
#   nsd      - a DNS server that is not ours, for the CLI interop test (scripts/nsd-lab.sh)
#   openssl  - parses the CSR that `fedcheck plan` writes
#   chromium - renders the `fedcheck audit --html-report` page
set -euo pipefail
need=()
command -v nsd >/dev/null 2>&1 || need+=(nsd)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if [ ${#need[@]} -eq 0 ]; then
  echo "test tools present: nsd openssl chromium"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "missing ${need[*]}: run as root (or install them) to enable the tests that use them" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}"
