#!/usr/bin/env bash
# Starts or stops Debian's NSD as an authoritative DNS server on a loopback port, serving the zone
# files given; used by the CLI interop test to prove fedcheck works against a DNS server that is
# not ours.
#
#   scripts/nsd-lab.sh start DIR PORT ZONE=FILE [ZONE=FILE...]   # prints nothing, exits when NSD answers
#   scripts/nsd-lab.sh stop DIR
#
# DIR is a scratch directory of the caller's (config, pid file, logs). Needs `nsd` on the PATH or
# in /usr/sbin; exits 3 when it is absent so that callers can skip.
set -euo pipefail

nsd_bin=$(command -v nsd || true)
[ -n "$nsd_bin" ] || { [ -x /usr/sbin/nsd ] && nsd_bin=/usr/sbin/nsd; }
checkconf=$(command -v nsd-checkconf || echo /usr/sbin/nsd-checkconf)

usage() { echo "usage: $0 start DIR PORT ZONE=FILE... | stop DIR" >&2; exit 2; }

case "${1:-}" in
  start)
    [ $# -ge 4 ] || usage
    [ -n "$nsd_bin" ] || { echo "nsd is not installed (apt-get install nsd)" >&2; exit 3; }
    dir=$(cd "$2" && pwd); port=$3; shift 3
    conf="$dir/nsd.conf"
    {
      echo "server:"
      echo "  ip-address: 127.0.0.1"
      echo "  port: $port"
      echo "  do-ip6: no"
      echo "  username: \"\""
      echo "  chroot: \"\""
      echo "  zonesdir: \"$dir\""
      echo "  database: \"\""
      echo "  zonelistfile: \"$dir/zone.list\""
      echo "  xfrdfile: \"$dir/xfrd.state\""
      echo "  xfrdir: \"$dir\""
      echo "  pidfile: \"$dir/nsd.pid\""
      echo "  logfile: \"$dir/nsd.log\""
      echo "  server-count: 1"
      echo "  verbosity: 1"
      echo "remote-control:"
      echo "  control-enable: no"
      for spec in "$@"; do
        zone=${spec%%=*}; file=${spec#*=}
        echo "zone:"
        echo "  name: \"$zone\""
        echo "  zonefile: \"$(cd "$(dirname "$file")" && pwd)/$(basename "$file")\""
      done
    } > "$conf"
    "$checkconf" "$conf"
    "$nsd_bin" -c "$conf"
    # Wait until the pid file exists and the port answers over TCP (NSD forks into the background).
    for _ in $(seq 1 100); do
      if [ -s "$dir/nsd.pid" ] && (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        exit 0
      fi
      sleep 0.1
    done
    echo "nsd did not start; log:" >&2; cat "$dir/nsd.log" >&2 || true
    exit 1
    ;;
  stop)
    [ $# -eq 2 ] || usage
    pidfile="$2/nsd.pid"
    if [ -s "$pidfile" ]; then
      pid=$(cat "$pidfile")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || exit 0; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    ;;
  *) usage ;;
esac
