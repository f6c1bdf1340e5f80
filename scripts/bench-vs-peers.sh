#!/usr/bin/env bash
# Times fedcheck against what an administrator would otherwise run, on the same loopback lab:
#   - DNS only: fedcheck's bulk audit (AuditHarness dns) vs a shell loop of `dig` per domain
#     (SRV, then A of the target; sampled and extrapolated), and `dnsperf` replaying the same SRV
#     and A queries as the DNS server's ceiling;
#   - with TLS: fedcheck (AuditHarness tls, one handshake per domain) vs a shell loop of
#     `dig` + `openssl s_client` per domain (sampled and extrapolated).
# Each comparison runs against the test kit's DNS server (in the LabServer process) and, when NSD
# is installed, the DNS-only ones again against NSD loaded with the same zone files.
#
# Builds nothing: run `mvn -B -q package -DskipTests` first (needs benchmarks/target/benchmarks.jar).
#
#   scripts/bench-vs-peers.sh            # defaults below
#   SAMPLE=100 TLS_DOMAINS=2000 DNS_DOMAINS=10000 CONCURRENCY=1024 DNS_RUNS=3 scripts/bench-vs-peers.sh
#
# Missing tools (dig: Debian bind9-dnsutils; dnsperf: dnsperf; openssl; nsd) skip their comparison.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/benchmarks/target/benchmarks.jar"
SAMPLE=${SAMPLE:-200}
TLS_DOMAINS=${TLS_DOMAINS:-2000}
DNS_DOMAINS=${DNS_DOMAINS:-10000}
CONCURRENCY=${CONCURRENCY:-1024}
DNS_RUNS=${DNS_RUNS:-3}
TLS_CONCURRENCY=${TLS_CONCURRENCY:-32}
RESOLVER=${RESOLVER:-dnsjava}
JAVA=${JAVA:-java}

[ -f "$jar" ] || { echo "missing $jar; build first: (cd $root && mvn -B -q package -DskipTests)" >&2; exit 2; }
have() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ]; }

work=$(mktemp -d /tmp/fedcheck-peers.XXXXXX)
lab="$work/lab"
lab_pid=""
nsd_started=""
cleanup() {
  [ -n "$lab_pid" ] && kill "$lab_pid" 2>/dev/null || true
  [ -n "$nsd_started" ] && [ -s "$work/nsd/nsd.pid" ] && kill "$(cat "$work/nsd/nsd.pid")" 2>/dev/null || true
  exec 3>&- 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

now() { date +%s.%N; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3g", a / b; else print "n/a" }'; }
load() { cut -d' ' -f1 /proc/loadavg; }
field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" | tail -1; }

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(load)"

# --- the lab, in its own process; its stdin is a FIFO so that it stays up until we close it.
# shellcheck source=scripts/lab-server.sh
. "$root/scripts/lab-server.sh"
start_lab "$jar" "$work" "$lab" "$TLS_DOMAINS" "$DNS_DOMAINS"
port=$lab_port
echo "== lab: $DNS_DOMAINS DNS-only + $TLS_DOMAINS TLS domains, test-kit DNS on 127.0.0.1:$port ($lab)"

# Sampled domains spread over the whole list (every k-th), so that every kind is represented.
sample() { awk -v n="$(wc -l < "$1")" -v s="$SAMPLE" 'BEGIN { k = int(n / s); if (k < 1) k = 1 } (NR - 1) % k == 0 && c < s { print; c++ }' "$1"; }

dig_loop() { # $1 server port, $2 domain list; prints seconds for the sample
  local p=$1 list=$2 t0 t1 target
  t0=$(now)
  while read -r d; do
    target=$(dig +short +time=2 +tries=1 -p "$p" @127.0.0.1 "_sipfederationtls._tcp.$d" SRV | awk 'NR == 1 { print $4 }')
    [ -n "$target" ] && dig +short +time=2 +tries=1 -p "$p" @127.0.0.1 "$target" A > /dev/null
  done < <(sample "$list")
  t1=$(now)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
}

dns_compare() { # $1 label, $2 port
  local label=$1 p=$2 out fed dps dnsperf_qps q
  echo "-- DNS only against $label (load $(load))"
  out=$("$JAVA" -cp "$jar" io.fedcheck.benchmarks.audit.AuditHarness dns --server "127.0.0.1:$p" \
      --domains "$DNS_DOMAINS" --concurrency "$CONCURRENCY" --resolver "$RESOLVER" --runs "$DNS_RUNS" 2>/dev/null | grep '^mode=')
  echo "$out" | sed 's/^/   fedcheck: /'
  # 10,000 domains take about a second: the best of a few runs is the figure least hurt by JIT
  # warm-up and by other load on a shared machine; every run is printed above.
  fed=$(echo "$out" | sed -n 's/.*domains_per_s=\([0-9]*\).*/\1/p' | sort -n | tail -1)
  echo "   fedcheck best of $DNS_RUNS: $fed domains/s"
  if have dig; then
    s=$(dig_loop "$p" "$lab/dns-domains.txt")
    dps=$(awk -v s="$s" -v n="$SAMPLE" 'BEGIN { printf "%.2f", n / s }')
    echo "   dig loop: $SAMPLE domains in $s s = $dps domains/s (extrapolated: $(awk -v d="$dps" -v n="$DNS_DOMAINS" 'BEGIN { printf "%.0f", n / d }') s for $DNS_DOMAINS)"
    echo "   RATIO fedcheck / dig loop ($label): $(ratio "$fed" "$dps")x"
  else
    echo "   dig missing (apt-get install bind9-dnsutils): dig loop skipped"
  fi
  if have dnsperf; then
    q=$(wc -l < "$lab/dnsperf-queries.txt")
    dnsperf_qps=$(dnsperf -s 127.0.0.1 -p "$p" -d "$lab/dnsperf-queries.txt" -n 3 -q 500 -t 2 2>&1 \
        | sed -n 's/.*Queries per second: *\([0-9.]*\).*/\1/p')
    ceiling=$(awk -v qps="$dnsperf_qps" -v q="$q" -v n="$DNS_DOMAINS" 'BEGIN { printf "%.0f", qps / (q / n) }')
    echo "   dnsperf: $dnsperf_qps queries/s over the same $q SRV+A queries ($(awk -v q="$q" -v n="$DNS_DOMAINS" 'BEGIN { printf "%.2f", q / n }') per domain) = ceiling $ceiling domains/s"
    echo "   RATIO fedcheck / dnsperf ceiling ($label): $(ratio "$fed" "$ceiling")"
  else
    echo "   dnsperf missing (apt-get install dnsperf): server ceiling skipped"
  fi
}

dns_compare "test-kit server (LabServer)" "$port"

# --- the same zones served by NSD, a real authoritative server.
if have nsd; then
  nsd_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  mkdir -p "$work/nsd"
  # Our own config rather than scripts/nsd-lab.sh: response rate limiting must be off (NSD's
  # default, 200 answers/s per bucket, would throttle the NXDOMAIN answers of a bulk audit), and two
  # server processes use both cores as BIND's two threads would.
  nsd_bin=$(command -v nsd || echo /usr/sbin/nsd)
  {
    echo "server:"
    echo "  ip-address: 127.0.0.1"; echo "  port: $nsd_port"; echo "  do-ip6: no"
    echo "  username: \"\""; echo "  chroot: \"\""; echo "  zonesdir: \"$work/nsd\""
    echo "  database: \"\""; echo "  zonelistfile: \"$work/nsd/zone.list\""
    echo "  xfrdfile: \"$work/nsd/xfrd.state\""; echo "  xfrdir: \"$work/nsd\""
    echo "  pidfile: \"$work/nsd/nsd.pid\""; echo "  logfile: \"$work/nsd/nsd.log\""
    echo "  server-count: 2"; echo "  verbosity: 1"; echo "  rrl-ratelimit: 0"; echo "  rrl-whitelist-ratelimit: 0"
    echo "remote-control:"; echo "  control-enable: no"
    for z in dns.bench elsewhere.bench tls.bench; do
      echo "zone:"; echo "  name: \"$z\""; echo "  zonefile: \"$lab/$z.zone\""
    done
  } > "$work/nsd/nsd.conf"
  "$nsd_bin" -c "$work/nsd/nsd.conf" 2> "$work/nsd/start.err" || true
  for _ in $(seq 1 100); do
    [ -s "$work/nsd/nsd.pid" ] && (exec 4<>"/dev/tcp/127.0.0.1/$nsd_port") 2>/dev/null && break
    sleep 0.1
  done
  if [ -s "$work/nsd/nsd.pid" ]; then
    nsd_started=1
    dns_compare "NSD" "$nsd_port"
  else
    echo "-- NSD did not start: NSD comparison skipped"
  fi
else
  echo "-- nsd missing (apt-get install nsd): NSD comparison skipped"
fi

# --- with TLS: one handshake per domain.
echo "-- with TLS, $TLS_DOMAINS domains (load $(load))"
out=$("$JAVA" -cp "$jar" io.fedcheck.benchmarks.audit.AuditHarness tls --lab "$lab" --concurrency "$TLS_CONCURRENCY" \
    --resolver "$RESOLVER" --runs 1 2>/dev/null | grep '^mode=')
echo "   fedcheck: $out"
fed=$(echo "$out" | field domains_per_s)
echo stats >&3
sleep 1
echo "   lab endpoints: $(grep '^STATS' "$work/lab.out" | tail -1)"
if have dig && have openssl; then
  t0=$(now)
  while read -r d; do
    srv=$(dig +short +time=2 +tries=1 -p "$port" @127.0.0.1 "_sipfederationtls._tcp.$d" SRV | head -1)
    tport=$(echo "$srv" | awk '{ print $3 }'); target=$(echo "$srv" | awk '{ print $4 }' | sed 's/\.$//')
    addr=$(dig +short +time=2 +tries=1 -p "$port" @127.0.0.1 "$target" A | head -1)
    timeout 10 openssl s_client -connect "$addr:$tport" -servername "$target" -verify_hostname "$target" \
        -CAfile "$lab/ca.pem" < /dev/null > /dev/null 2>&1 || true
  done < <(sample "$lab/tls-domains.txt")
  t1=$(now)
  s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
  dps=$(awk -v s="$s" -v n="$SAMPLE" 'BEGIN { printf "%.1f", n / s }')
  echo "   dig + openssl s_client loop: $SAMPLE domains in $s s = $dps domains/s"
  echo "   RATIO fedcheck / dig+openssl loop (TLS): $(ratio "$fed" "$dps")x"
else
  echo "   dig or openssl missing: shell-loop comparison skipped"
fi
echo "== done (load $(load))"
