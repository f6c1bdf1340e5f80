# Sourced by the benchmark scripts: starts the benchmarks' LabServer in its own process and waits
# until it is ready. Its stdin is a FIFO held open on fd 3, so the lab stays up until the script
# exits (closing fd 3 or killing $lab_pid stops it).
#
#   start_lab JAR WORK LAB_DIR TLS_DOMAINS DNS_DOMAINS   # sets lab_pid and lab_port
start_lab() {
  local jar="$1" work="$2" dir="$3" tls="$4" dns="$5"
  mkfifo "$work/lab.in"
  "${JAVA:-java}" -cp "$jar" io.fedcheck.benchmarks.audit.LabServer --dir "$dir" \
      --tls-domains "$tls" --dns-domains "$dns" < "$work/lab.in" > "$work/lab.out" 2> "$work/lab.err" &
  lab_pid=$!
  exec 3> "$work/lab.in"
  for _ in $(seq 1 600); do
    grep -q '^READY' "$work/lab.out" 2>/dev/null && break
    kill -0 "$lab_pid" 2>/dev/null || { echo "LabServer died:" >&2; cat "$work/lab.err" >&2; exit 1; }
    sleep 0.5
  done
  grep -q '^READY' "$work/lab.out" || { echo "LabServer did not start" >&2; exit 1; }
  lab_port=$(sed -n 's/.*dnsPort=\([0-9]*\).*/\1/p' "$work/lab.out" | tail -1)
}
