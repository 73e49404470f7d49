#!/usr/bin/env bash
# s3peek test harness: start a throw-away single-node Ceph cluster (1 mon, 1 memstore OSD, no mgr)
# with TWO radosgw (beast) gateways on 127.0.0.1 - no systemd, no prompts, CI-safe.
# Adapted from the shared ceph-rgw recipe; this copy is owned by the project (test/support/rgw.ts runs it).
#
# usage: start-rgw.sh DATA_DIR
#   DATA_DIR  wiped and recreated; holds ceph.conf, keyrings, logs, pids
# env (all ports are chosen by the caller; no defaults are guessed here):
#   MON_PORT, MON_PORT_V1   monitor msgr v2 / v1 ports
#   S3_PORT                 plain S3 gateway, STS off -> AWS-like auth error codes
#                           (SignatureDoesNotMatch / InvalidAccessKeyId / AccessDenied on expiry)
#   STS_PORT                2nd gateway on the same cluster with STS on (AssumeRole, X-Amz-Security-Token).
#                           NB: with STS on, Pacific reports every auth failure as AccessDenied.
#   S3_ACCESS_KEY / S3_SECRET_KEY (default test / testsecret)
#   RGW_STS_MIN_DURATION (AssumeRole minimum DurationSeconds, default 1)
#   RGW_START_TIMEOUT (s, default 60)   MEMSTORE_BYTES (default 1 GiB)
# stdout (on success): KEY=VALUE lines (S3_ENDPOINT, S3_STS_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY,
#   S3_ROLE_ARN, CEPH_CONF, READY_MS). PIDs are recorded in DATA_DIR/pids ("name pid" lines).
# stop:  stop-rgw.sh DATA_DIR
set -euo pipefail

DATA=$(realpath -m "${1:?usage: start-rgw.sh DATA_DIR}")
: "${MON_PORT:?}" "${MON_PORT_V1:?}" "${S3_PORT:?}" "${STS_PORT:?}"
ACCESS_KEY=${S3_ACCESS_KEY:-test}
SECRET_KEY=${S3_SECRET_KEY:-testsecret}
STS_MIN=${RGW_STS_MIN_DURATION:-1}
TIMEOUT=${RGW_START_TIMEOUT:-60}
MEMSTORE_BYTES=${MEMSTORE_BYTES:-1073741824}
HERE=$(cd "$(dirname "$0")" && pwd)

for b in ceph ceph-mon ceph-osd ceph-authtool monmaptool radosgw radosgw-admin curl; do
  command -v "$b" >/dev/null || { echo "start-rgw: missing $b" >&2; exit 3; }
done
if [ -e "$DATA/pids" ]; then
  echo "start-rgw: $DATA/pids exists - run stop-rgw.sh $DATA first" >&2; exit 1
fi

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$MON_PORT" "$MON_PORT_V1" "$S3_PORT" "$STS_PORT"; do
  if port_busy "$port"; then echo "start-rgw: 127.0.0.1:$port is already in use" >&2; exit 1; fi
done

t0=$(date +%s%N)
rm -rf "$DATA"
mkdir -p "$DATA"/{mon,osd,rgw,run,log,crash}
CONF="$DATA/ceph.conf"
FSID=$(cat /proc/sys/kernel/random/uuid)
export CEPH_CONF="$CONF"
export CEPH_ARGS="--conf $CONF"
MON_ADDRS="[v2:127.0.0.1:$MON_PORT,v1:127.0.0.1:$MON_PORT_V1]"

cat >"$CONF" <<CONF
[global]
fsid = $FSID
mon host = $MON_ADDRS
public addr = 127.0.0.1
cluster addr = 127.0.0.1
ms bind ipv6 = false
auth cluster required = cephx
auth service required = cephx
auth client required = cephx
keyring = $DATA/keyring.\$name
run dir = $DATA/run
admin socket = $DATA/run/\$name.asok
log file = $DATA/log/\$name.log
log to stderr = false
err to stderr = true
crash dir = $DATA/crash
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0
mon allow pool size one = true
mon allow pool delete = true
mon max pg per osd = 1000
mon warn on pool no redundancy = false
mon warn on insecure global id reclaim allowed = false
mon data avail crit = 1
mon data avail warn = 2
# 1 s paxos batching makes every pool creation ~2 s; this cuts start from 13 s to ~2-5 s
paxos propose interval = 0.05
paxos min wait = 0.01

[mon]
mon data = $DATA/mon
mon cluster log file = $DATA/log/cluster.log

[osd]
osd data = $DATA/osd
osd objectstore = memstore
memstore device bytes = $MEMSTORE_BYTES
osd op num shards = 2
osd op num threads per shard = 1

[client.rgw.s3]
rgw frontends = beast endpoint=127.0.0.1:$S3_PORT
rgw data = $DATA/rgw
rgw thread pool size = 32
rgw enable usage log = false
rgw s3 auth use sts = false

[client.rgw.sts]
rgw frontends = beast endpoint=127.0.0.1:$STS_PORT
rgw data = $DATA/rgw
rgw thread pool size = 32
rgw enable usage log = false
rgw s3 auth use sts = true
rgw sts key = $(head -c 64 /dev/urandom | md5sum | head -c 16)
rgw sts min session duration = $STS_MIN
CONF

: >"$DATA/pids"
on_exit() {  # on any failure: stop whatever was started, keep DATA_DIR for the logs
  local rc=$?
  if [ "$rc" != 0 ]; then
    echo "start-rgw: failed (rc=$rc); logs in $DATA/log" >&2
    "$HERE/stop-rgw.sh" "$DATA" --keep
  fi
}
trap on_exit EXIT
die() {
  echo "start-rgw: $*" >&2
  tail -n 20 "$DATA"/log/*.out "$DATA"/log/*.log >&2 2>/dev/null || true
  exit 1
}
deadline=$(( $(date +%s) + TIMEOUT ))
wait_for() { # wait_for DESCRIPTION COMMAND...
  local what=$1; shift
  local name pid
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || die "timeout waiting for $what"
    while read -r name pid; do
      kill -0 "$pid" 2>/dev/null || die "$name (pid $pid) died while waiting for $what"
    done <"$DATA/pids"
    sleep 0.05
  done
}

# --- keyrings + monitor -----------------------------------------------------
ceph-authtool --create-keyring "$DATA/keyring.mon.a" --gen-key -n mon. --cap mon 'allow *' >/dev/null
ceph-authtool --create-keyring "$DATA/keyring.client.admin" --gen-key -n client.admin \
  --cap mon 'allow *' --cap osd 'allow *' --cap mgr 'allow *' >/dev/null
ceph-authtool "$DATA/keyring.mon.a" --import-keyring "$DATA/keyring.client.admin" >/dev/null
# the gateways' keys go into the mon's initial auth database (saves two `ceph auth` round trips later)
for gw in s3 sts; do
  ceph-authtool --create-keyring "$DATA/keyring.client.rgw.$gw" --gen-key -n "client.rgw.$gw" \
    --cap mon 'allow rw' --cap osd 'allow rwx' >/dev/null
  ceph-authtool "$DATA/keyring.mon.a" --import-keyring "$DATA/keyring.client.rgw.$gw" >/dev/null
done
monmaptool --create --fsid "$FSID" --addv a "$MON_ADDRS" "$DATA/monmap" >/dev/null
ceph-mon --mkfs -i a --monmap "$DATA/monmap" --keyring "$DATA/keyring.mon.a" \
  >>"$DATA/log/mon.a.out" 2>&1 || die "mon mkfs failed"
ceph-mon -f -i a >>"$DATA/log/mon.a.out" 2>&1 &
echo "mon $!" >>"$DATA/pids"
wait_for "mon" timeout 10 ceph --connect-timeout 5 mon stat

# --- OSD (memstore: data lives in RAM, nothing persists) --------------------
OSD_UUID=$(cat /proc/sys/kernel/random/uuid)
OSD_KEY=$(ceph-authtool --gen-print-key)
OSD_ID=$(echo "{\"cephx_secret\": \"$OSD_KEY\"}" | ceph osd new "$OSD_UUID" -i -)
[ "$OSD_ID" = 0 ] || die "unexpected osd id '$OSD_ID'"
ceph-authtool --create-keyring "$DATA/keyring.osd.0" --name osd.0 --add-key "$OSD_KEY" >/dev/null
ceph-osd -i 0 --mkfs --osd-uuid "$OSD_UUID" >>"$DATA/log/osd.0.out" 2>&1 || die "osd mkfs failed"
ceph-osd -f -i 0 >>"$DATA/log/osd.0.out" 2>&1 &
echo "osd $!" >>"$DATA/pids"
osd_up() { ceph osd dump --format json | grep -q '"up":1'; }
wait_for "osd up" osd_up

# --- radosgw ----------------------------------------------------------------
radosgw -f -n client.rgw.s3 >>"$DATA/log/rgw.s3.out" 2>&1 &
echo "rgw $!" >>"$DATA/pids"
wait_for "S3 on 127.0.0.1:$S3_PORT" curl -fsS -o /dev/null "http://127.0.0.1:$S3_PORT/"
# started after the first one has created the zone/pools
radosgw -f -n client.rgw.sts >>"$DATA/log/rgw.sts.out" 2>&1 &
echo "rgwsts $!" >>"$DATA/pids"

radosgw-admin user create --uid=test --display-name="Test User" \
  --access-key="$ACCESS_KEY" --secret-key="$SECRET_KEY" >/dev/null || die "user create failed"
# the caps and the role are independent of each other: set them up in parallel (while the STS gateway starts)
radosgw-admin caps add --uid=test --caps="roles=*;user-policy=*" >/dev/null &
caps_pid=$!
# role arn:aws:iam:::role/S3Access, assumable by user test, full S3 access
{ radosgw-admin role create --role-name=S3Access --path=/ \
    --assume-role-policy-doc='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam:::user/test"]},"Action":["sts:AssumeRole"]}]}' >/dev/null &&
  radosgw-admin role-policy put --role-name=S3Access --policy-name=S3All \
    --policy-doc='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*"],"Resource":"arn:aws:s3:::*"}]}' >/dev/null; } &
role_pid=$!
wait "$caps_pid" || die "caps add failed"
wait "$role_pid" || die "role create / role-policy put failed"

wait_for "STS gateway on 127.0.0.1:$STS_PORT" curl -fsS -o /dev/null "http://127.0.0.1:$STS_PORT/"
# GetSessionToken needs an IAM user policy (no radosgw-admin command for it in 16.2)
curl -fsS -o /dev/null --aws-sigv4 "aws:amz:us-east-1:iam" --user "$ACCESS_KEY:$SECRET_KEY" \
  --data-urlencode Action=PutUserPolicy --data-urlencode UserName=test \
  --data-urlencode PolicyName=AllowGetSessionToken \
  --data-urlencode 'PolicyDocument={"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["sts:GetSessionToken"],"Resource":"*"}]}' \
  "http://127.0.0.1:$STS_PORT/" || die "PutUserPolicy failed"

READY_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
echo "start-rgw: ready in ${READY_MS} ms" >&2
echo "S3_ENDPOINT=http://127.0.0.1:$S3_PORT"
echo "S3_STS_ENDPOINT=http://127.0.0.1:$STS_PORT"
echo "S3_ACCESS_KEY=$ACCESS_KEY"
echo "S3_SECRET_KEY=$SECRET_KEY"
echo "S3_ROLE_ARN=arn:aws:iam:::role/S3Access"
echo "CEPH_CONF=$CONF"
echo "READY_MS=$READY_MS"
