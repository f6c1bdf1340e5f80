#!/usr/bin/env bash
# Issue 13: the HTML report's virtualised table at 100,000 rows, in headless Chromium.
# Audits LINES domains offline with the real CLI (a generated zone file: tenants behind 12 shared
# edges, every tenth with its own; --skip-tls, so no network and no lab), writes --html-report, then
# opens the page RUNS times as
#   chromium --headless --dump-dom 'file:///…/report.html#bench'
# The page's script times its own work with performance.now() and writes the figures into
# <output id="bench" data-…-ms="…">: parsing the embedded data, the first render (from navigation
# start, and the script's own part), a text filter, sorting by domain and by verdict, scrolling to
# the middle and opening a row's drill-down. This prints them with the DOM rows drawn.
# Builds nothing: run `mvn -B -q package -DskipTests` first.
#
#   LINES=100000 RUNS=3 scripts/bench-html-report.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LINES=${LINES:-100000}
RUNS=${RUNS:-3}
JAVA=${JAVA:-java}
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
jar="$root/cli/target/fedcheck.jar"
[ -f "$jar" ] || { echo "missing $jar; build first: (cd $root && mvn -B -q package -DskipTests)" >&2; exit 2; }
[ -n "$CHROMIUM" ] || { echo "no chromium on PATH (apt-get install chromium, or set CHROMIUM)" >&2; exit 2; }
work=$(mktemp -d /tmp/fedcheck-html-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
python3 - "$work" "$LINES" <<'PY'
import sys
work, n = sys.argv[1], int(sys.argv[2])
with open(f"{work}/hosting.zone", "w") as f:
    f.write("$ORIGIN example.\n$TTL 3600\n@ SOA ns.example. admin.example. 1 3600 600 86400 300\n"
            "@ NS ns.example.\nns A 192.0.2.53\n")
    for e in range(12):
        f.write(f"sip{e}.edge A 192.0.2.{10 + e}\n")
    for i in range(n):
        if i % 10 == 0:
            f.write(f"_sipfederationtls._tcp.t{i} SRV 0 0 5061 sip.t{i}\nsip.t{i} A 192.0.2.200\n")
        else:
            f.write(f"_sipfederationtls._tcp.t{i} SRV 0 0 5061 sip{i % 12}.edge.example.\n")
with open(f"{work}/domains.txt", "w") as f:
    for i in range(n):
        f.write(f"t{i}.example\n")
PY
echo "== $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg); $("$CHROMIUM" --version 2>/dev/null | head -1)"
"$JAVA" -Xlog:gc:file="$work/gc.log" -jar "$jar" audit --input "$work/domains.txt" --zone-file "$work/hosting.zone" \
  --zone-max-records $((LINES * 3 + 100)) --skip-tls --output "$work/out.jsonl" \
  --html-report "$work/report.html" --quiet 2>"$work/audit.log" || true
sed -n '1,2p' "$work/audit.log"
# The audit's largest heap after a collection: what the rows and the page's edge view hold.
echo "audit heap: largest after GC $(grep -oE '[0-9]+M->[0-9]+M' "$work/gc.log" | sed 's/.*->//; s/M//' | sort -n | tail -1) MB"
echo "report: $(du -h "$work/report.html" | cut -f1) for $LINES rows"
for run in $(seq 1 "$RUNS"); do
  profile=$(mktemp -d "$work/profile.XXXXXX")
  start=$(date +%s.%N)
  "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --disable-dev-shm-usage --window-size=1280,900 \
    --user-data-dir="$profile" --dump-dom "file://$work/report.html#bench" > "$work/dom.html" 2>"$work/chromium.log"
  wall=$(echo "$(date +%s.%N) - $start" | bc)
  python3 - "$work/dom.html" "$run" "$wall" <<'PY'
import re, sys
dom, run, wall = open(sys.argv[1], encoding="utf-8").read(), sys.argv[2], float(sys.argv[3])
m = re.search(r'<output id="bench"([^>]*)>', dom)
if not m:
    sys.exit("no bench output in the DOM: did the script run?")
a = dict(re.findall(r'data-([\w-]+)="([^"]*)"', m.group(1)))
rows = len(re.findall(r'<tr class="row"', dom))
total = re.search(r'<span id="row-total">(\d+)</span>', dom).group(1)
print(f"run {run}: {total} rows, {rows} drawn; first render {a['first-render-ms']} ms after navigation start"
      f" (script {a['script-ms']} ms, of which JSON.parse {a['parse-ms']} ms); filter {a['filter-ms']} ms"
      f" ({a['filter-matches']} matches), unfilter {a['unfilter-ms']} ms, sort by domain {a['sort-domain-ms']} ms,"
      f" by verdict {a['sort-verdict-ms']} ms, scroll {a['scroll-ms']} ms, drill-down {a['detail-ms']} ms;"
      f" chromium wall {wall:.1f} s")
PY
done
