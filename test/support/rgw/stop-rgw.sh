#!/usr/bin/env bash
# s3peek test harness: stop what start-rgw.sh started, by the PIDs it recorded in DATA_DIR/pids.
# usage: stop-rgw.sh DATA_DIR [--keep]
#   default: SIGKILL everything at once (instant; the data is thrown away)
#            and delete DATA_DIR.
#   --keep:  graceful ordered SIGTERM (gateways, then OSD, then mon; ~5 s)
#            and keep DATA_DIR (logs). Killing the mon first would make
#            radosgw hang for its 120 s shutdown alarm, hence the order.
set -u
DATA=$(realpath -m "${1:?usage: stop-rgw.sh DATA_DIR [--keep]}")
KEEP=${2:-}
PIDS="$DATA/pids"
if [ ! -f "$PIDS" ]; then
  echo "stop-rgw: no $PIDS (nothing to stop)" >&2
  [ "$KEEP" = --keep ] || rm -rf "$DATA"
  exit 0
fi
# only signal PIDs that still run a ceph binary (guards against PID reuse)
alive() { kill -0 "$1" 2>/dev/null && grep -qE '^(ceph-mon|ceph-osd|radosgw)' "/proc/$1/comm" 2>/dev/null; }
pids_of() { awk -v re="^($1)\$" '$1 ~ re { print $2 }' "$PIDS"; }
term_wait() { # term_wait PID... : SIGTERM, wait up to 10 s, then SIGKILL
  local p left=""
  for p in "$@"; do alive "$p" && kill -TERM "$p"; done
  for _ in $(seq 1 100); do
    left=""; for p in "$@"; do alive "$p" && left="$left $p"; done
    [ -z "$left" ] && return 0
    sleep 0.1
  done
  for p in $left; do alive "$p" && kill -KILL "$p"; done
}
if [ "$KEEP" = --keep ]; then
  term_wait $(pids_of 'rgw|rgwsts')
  term_wait $(pids_of osd)
  term_wait $(pids_of mon)
else
  for p in $(pids_of '.*'); do alive "$p" && kill -KILL "$p"; done
  for p in $(pids_of '.*'); do   # wait until they are really gone (ports free)
    for _ in $(seq 1 50); do alive "$p" || break; sleep 0.1; done
  done
fi
rm -f "$PIDS"
[ "$KEEP" = --keep ] || rm -rf "$DATA"
echo "stop-rgw: stopped" >&2
