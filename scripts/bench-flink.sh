#!/usr/bin/env bash
# Issue 12: the same lab audit through `fedcheck audit` and through the Flink job in a local
# environment (scripts/flink-local.sh), in one run, on one machine. Both get the same number of
# domains in flight (CLI --concurrency = PARALLELISM x CAPACITY). Reports wall time and domains/s
# of each, the Flink job's own net runtime (without JVM and mini-cluster start), the ratio, the
# per-task rate, and checks that both wrote one result per domain with the same verdict counts.
# Builds nothing: run `mvn -B -q package -DskipTests` first.
#
#   TLS_DOMAINS=2000 PARALLELISM=2 CAPACITY=32 scripts/bench-flink.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/benchmarks/target/benchmarks.jar"
TLS_DOMAINS=${TLS_DOMAINS:-2000}
PARALLELISM=${PARALLELISM:-2}
CAPACITY=${CAPACITY:-32}
JAVA=${JAVA:-java}
for f in "$bench" "$root/cli/target/fedcheck.jar"; do
  [ -f "$f" ] || { echo "missing $f; build first: (cd $root && mvn -B -q package -DskipTests)" >&2; exit 2; }
done

work=$(mktemp -d /tmp/fedcheck-flink-bench.XXXXXX)
lab="$work/lab"
lab_pid=""
cleanup() { [ -n "$lab_pid" ] && kill "$lab_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# shellcheck source=scripts/lab-server.sh
. "$root/scripts/lab-server.sh"
start_lab "$bench" "$work" "$lab" "$TLS_DOMAINS" 10
port=$lab_port
common=(--input "$lab/tls-domains.txt" --dns-server "127.0.0.1:$port" --trust-store "$lab/ca.pem"
        --no-public-roots --allow-private-addresses --timeout 10s)
inflight=$((PARALLELISM * CAPACITY))
echo "== machine: $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg); lab: $TLS_DOMAINS TLS domains;" \
     "in flight: $inflight (CLI --concurrency $inflight; Flink $PARALLELISM tasks x capacity $CAPACITY)"

now() { date +%s.%N; }
t0=$(now)
"$root/fedcheck" audit "${common[@]}" --format jsonl --output "$work/cli.jsonl" --concurrency "$inflight" \
    2> "$work/cli.err" || [ $? -eq 1 ]
t1=$(now)
"$root/scripts/flink-local.sh" "${common[@]}" --output "$work/flink" --parallelism "$PARALLELISM" \
    --capacity "$CAPACITY" > "$work/flink.out" 2> "$work/flink.err" || { cat "$work/flink.err" >&2; exit 1; }
t2=$(now)

python3 - "$work" "$TLS_DOMAINS" "$PARALLELISM" "$t0" "$t1" "$t2" <<'PY'
import glob, json, re, sys, collections
work, n, par, t0, t1, t2 = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), *map(float, sys.argv[4:])
def load(paths):
    rows = [json.loads(l) for p in paths for l in open(p) if l.strip()]
    return rows, collections.Counter(r["verdict"] for r in rows), len({r["line"] for r in rows})
cli, cv, cl = load([f"{work}/cli.jsonl"])
fl, fv, fline = load(glob.glob(f"{work}/flink/**/part*.jsonl", recursive=True))
net = re.search(r"done in (\d+) ms", open(f"{work}/flink.out").read())
net = int(net.group(1)) / 1000 if net else float("nan")
cli_s, flink_s = t1 - t0, t2 - t1
print(f"fedcheck audit : {len(cli)} results ({cl} lines) in {cli_s:.2f} s wall = {n / cli_s:.0f} domains/s; {dict(cv)}")
print(f"Flink local job: {len(fl)} results ({fline} lines) in {flink_s:.2f} s wall = {n / flink_s:.0f} domains/s;"
      f" net runtime {net:.2f} s = {n / net:.0f} domains/s; {dict(fv)}")
print(f"ratio Flink/CLI: {cli_s / flink_s:.2f}x wall, {cli_s / net:.2f}x on the job's net runtime")
print(f"per task: {n / net / par:.0f} domains/s (net runtime / {par} tasks)")
ok = len(cli) == len(fl) == cl == fline == n and cv == fv
print("check: N in = N out for both, same verdict counts:", "yes" if ok else "NO")
sys.exit(0 if ok else 1)
PY
