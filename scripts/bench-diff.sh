#!/usr/bin/env bash
# Issue 13: `fedcheck diff` of two 1,000,000-line audit outputs under -Xmx256m.
# Generates two synthetic jsonl audits (LINES results each, in different orders; about 1% of the
# domains change verdict, 0.5% get a renewed certificate, 0.1% are added or removed), then times
#   java -Xmx256m -jar cli/target/fedcheck.jar diff OLD NEW -o /dev/null
# Builds nothing: run `mvn -B -q package -DskipTests` first.
#
#   LINES=1000000 scripts/bench-diff.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LINES=${LINES:-1000000}
JAVA=${JAVA:-java}
jar="$root/cli/target/fedcheck.jar"
[ -f "$jar" ] || { echo "missing $jar; build first: (cd $root && mvn -B -q package -DskipTests)" >&2; exit 2; }
work=$(mktemp -d /tmp/fedcheck-diff-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
python3 - "$work" "$LINES" <<'PY'
import hashlib, json, random, sys
work, n = sys.argv[1], int(sys.argv[2])
def line(i, week):
    d = f"tenant{i}.example"
    fail = i % 100 == (7 if week == 0 else 8)      # 1% fixed, 1% newly failing
    renewed = week == 1 and i % 200 == 3
    sha = hashlib.sha256(f"{i}-{renewed}".encode()).hexdigest()
    after = "2027-06-01T00:00:00Z" if renewed else "2027-01-01T00:00:00Z"
    findings = [{"rule": "SRV_PORT_UNUSUAL", "severity": "INFO", "subject": "sip." + d,
                 "message": "The SRV record sends federation traffic to port 5062, not 5061."}]
    if fail:
        findings.insert(0, {"rule": "CERT_NAME_MISMATCH", "severity": "ERROR", "subject": "sip." + d,
                            "message": "The certificate does not name sip." + d})
    return json.dumps({"line": i + 1, "domain": d, "asciiDomain": d, "verdict": "FAIL" if fail else "PASS",
                       "findings": findings,
                       "certificates": [{"subject": "CN=sip." + d, "sans": ["sip." + d], "notAfter": after,
                                         "sha256": sha, "target": "sip." + d, "port": 5061, "chainIndex": 0}]},
                      separators=(",", ":"))
old = [i for i in range(n) if i % 1000 != 1]          # 0.1% only in the new audit
new = [i for i in range(n) if i % 1000 != 2]          # 0.1% only in the old one
random.seed(7); random.shuffle(new)                   # another order
with open(f"{work}/old.jsonl", "w") as f:
    for i in old: f.write(line(i, 0) + "\n")
with open(f"{work}/new.jsonl", "w") as f:
    for i in new: f.write(line(i, 1) + "\n")
PY
echo "== $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg); inputs: $(wc -l < "$work/old.jsonl") and $(wc -l < "$work/new.jsonl") lines, $(du -m "$work/old.jsonl" | cut -f1) MB each"
start=$(date +%s.%N)
set +e
/usr/bin/time -f 'max_rss_kb=%M user=%U sys=%S' "$JAVA" -Xmx256m -jar "$jar" diff "$work/old.jsonl" "$work/new.jsonl" \
  --tmp-dir "$work" --format json -o "$work/diff.json"
code=$?
set -e
end=$(date +%s.%N)
python3 -c "import json; s=json.load(open('$work/diff.json'))['summary']; print('summary', s)"
awk -v a="$start" -v b="$end" -v c="$code" 'BEGIN { printf "diff: exit %d in %.1f s under -Xmx256m\n", c, b - a }'
