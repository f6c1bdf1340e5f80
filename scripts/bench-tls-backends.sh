#!/usr/bin/env bash
# Issue 11: the two TLS backends side by side on one lab, in one run, plus a native peer.
#   - fedcheck's bulk audit (AuditHarness tls: DNS, handshake and SIP probe per domain) with
#     --tls-backend jsse and netty, each cold (a fresh JVM, no warm-up: the first TLS_DOMAINS
#     domains) and warm (after one untimed pass over the lab);
#   - a Python asyncio + ssl (OpenSSL) loop doing only the TLS handshake to the same endpoints
#     (addresses and ports read from the lab's zone file), at the same concurrency.
# Reports domains/s and client CPU per domain (user+sys of the client process / domains) for each.
# Builds nothing: run `mvn -B -q package -DskipTests` first.
#
#   TLS_DOMAINS=2000 CONCURRENCY=64 scripts/bench-tls-backends.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/benchmarks/target/benchmarks.jar"
TLS_DOMAINS=${TLS_DOMAINS:-2000}
CONCURRENCY=${CONCURRENCY:-64}
JAVA=${JAVA:-java}
[ -f "$jar" ] || { echo "missing $jar; build first: (cd $root && mvn -B -q package -DskipTests)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "python3 is needed for the native peer" >&2; exit 2; }

work=$(mktemp -d /tmp/fedcheck-tls-backends.XXXXXX)
lab="$work/lab"
lab_pid=""
cleanup() { [ -n "$lab_pid" ] && kill "$lab_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# shellcheck source=scripts/lab-server.sh
. "$root/scripts/lab-server.sh"
start_lab "$jar" "$work" "$lab" "$TLS_DOMAINS" 10
echo "== machine: $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg); lab: $TLS_DOMAINS TLS domains, concurrency $CONCURRENCY"

# user+sys CPU seconds of a command (a child process), then its own output.
cpu_of() {
  local out="$work/cpu.out"
  /usr/bin/time -f '%U %S' -o "$work/time" "$@" > "$out" 2> "$work/stderr" || { cat "$work/stderr" >&2; return 1; }
  cat "$out"
  awk '{ printf "cpu=%.2fs\n", $1 + $2 }' "$work/time"
}

harness() { # backend warmup
  cpu_of "$JAVA" -cp "$jar" io.fedcheck.benchmarks.audit.AuditHarness tls --lab "$lab" \
    --concurrency "$CONCURRENCY" --runs 1 --warmup "$2" --tls-backend "$1"
}

for backend in jsse netty; do
  echo "-- fedcheck $backend, cold (fresh JVM, no warm-up)"; harness "$backend" 0
  echo "-- fedcheck $backend, warm (after one pass over the lab)"; harness "$backend" "$TLS_DOMAINS"
done

echo "-- python3 asyncio + ssl handshake loop"
cpu_of python3 - "$lab/tls.bench.zone" "$CONCURRENCY" <<'PY'
import asyncio, re, ssl, sys, time
zone, concurrency = sys.argv[1], int(sys.argv[2])
srv, addr = {}, {}
for line in open(zone):
    f = line.split()
    if "SRV" in f:
        i = f.index("SRV"); srv[f[i + 4].rstrip(".")] = int(f[i + 3])
    elif "A" in f[:4]:
        addr[f[0].rstrip(".")] = f[-1]
targets = [(h, addr[h] if h in addr else addr[h + ".tls.bench"], p) for h, p in srv.items()
           if h in addr or h + ".tls.bench" in addr]
ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
ctx.minimum_version = ssl.TLSVersion.TLSv1_2
async def one(sem, h, a, p, ok):
    async with sem:
        try:
            r, w = await asyncio.wait_for(asyncio.open_connection(a, p, ssl=ctx, server_hostname=h), 10)
            if w.get_extra_info("ssl_object").getpeercert(binary_form=True): ok.append(1)
            w.close()
        except Exception:
            pass
async def main():
    sem, ok = asyncio.Semaphore(concurrency), []
    t = time.monotonic()
    await asyncio.gather(*(one(sem, h, a, p, ok) for h, a, p in targets))
    d = time.monotonic() - t
    print(f"python handshakes={len(ok)}/{len(targets)} elapsed={d:.2f}s rate={len(ok)/d:.0f}/s")
asyncio.run(main())
PY
