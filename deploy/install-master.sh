#!/bin/bash
# Installs a Bosun master on this VM: etcd (one member here, or one member of a 3-member
# cluster across VMs), and systemd units for the apiserver, controller-manager and scheduler
# with their flags in /etc/bosun/*.env and data in /var/lib/bosun. Prints the command that
# joins a node. Without systemd running (containers, CI), it starts the same commands with the
# same environment files itself, tracked by pidfiles.
set -euo pipefail
BOSUN_ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$BOSUN_ROOT/deploy/lib/common.sh"

usage() {
  cat <<'EOF'
Usage: deploy/install-master.sh [options]

  --bind-address IP       address the apiserver listens on (default 127.0.0.1; another one needs --insecure)
  --insecure              allow a non-loopback bind before TLS exists: anyone who reaches it has full access
  --port N                the apiserver's port (default 6443)
  --advertise-address IP  the address nodes use to reach this master (default: --bind-address)
  --cluster-cidr CIDR     the pod network (default 10.244.0.0/16)
  --etcd-name NAME        this member's name (default: the host name)
  --etcd-initial-cluster  NAME=http://IP:2380,... for a 3-member cluster across VMs (default: this member alone)
  --etcd-servers URLS     use an existing etcd cluster instead of installing one
  --data-dir DIR          default /var/lib/bosun
  --prefix DIR            install under DIR instead of / (for tests; implies not using systemd)
  --skip-install          do not install missing packages
EOF
}

BIND=127.0.0.1 INSECURE=false PORT=6443 ADVERTISE="" CLUSTER_CIDR=10.244.0.0/16 ETCD_NAME="" ETCD_CLUSTER="" ETCD_SERVERS=""
DATA=/var/lib/bosun PREFIX="" INSTALL=1
while [ $# -gt 0 ]; do
  case "$1" in
    --bind-address) BIND=${2:?}; shift 2 ;;
    --insecure) INSECURE=true; shift ;;
    --port) PORT=${2:?}; shift 2 ;;
    --advertise-address) ADVERTISE=${2:?}; shift 2 ;;
    --cluster-cidr) CLUSTER_CIDR=${2:?}; shift 2 ;;
    --etcd-name) ETCD_NAME=${2:?}; shift 2 ;;
    --etcd-initial-cluster) ETCD_CLUSTER=${2:?}; shift 2 ;;
    --etcd-servers) ETCD_SERVERS=${2:?}; shift 2 ;;
    --data-dir) DATA=${2:?}; shift 2 ;;
    --prefix) PREFIX=${2:?}; shift 2 ;;
    --skip-install) INSTALL=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done
need_root
case "$BIND" in 127.*|::1) ;; *) [ "$INSECURE" = true ] || die "refusing to serve the API without TLS on $BIND: pass --insecure to do it anyway (anyone who reaches it has full access)";; esac
case "$PORT" in ''|*[!0-9]*) die "--port must be a number, not $PORT" ;; esac
[ -n "$ADVERTISE" ] || ADVERTISE=$BIND
[ -n "$ETCD_NAME" ] || ETCD_NAME=$(hostname | tr 'A-Z' 'a-z')
CONF_DIR=$PREFIX/etc/bosun RUN_DIR=$DATA/run LOG_DIR=$DATA/log UNIT_DIR=$PREFIX/etc/systemd/system BIN=$PREFIX/usr/local/bin
mkdir -p "$CONF_DIR" "$RUN_DIR" "$LOG_DIR" "$UNIT_DIR" "$BIN"

step "1/5 Packages and build"
[ "$INSTALL" = 1 ] && install_missing etcd:etcd-server etcdctl:etcd-client curl:curl || info "skipped (--skip-install)"
need_node20
build_bosun
printf '#!/bin/sh\nexec node %s/dist/shared/cli/bosun.js "$@"\n' "$BOSUN_ROOT" > "$BIN/bosun" && chmod +x "$BIN/bosun"
info "$BIN/bosun runs this checkout's build"

step "2/5 Configuration in $CONF_DIR"
if [ -z "$ETCD_SERVERS" ]; then
  ETCD_HOST=$BIND
  [ -n "$ETCD_CLUSTER" ] || ETCD_CLUSTER="$ETCD_NAME=http://$ETCD_HOST:2380"
  render_env "$BOSUN_ROOT/deploy/env/etcd.env" "$CONF_DIR/etcd.env" ETCD_NAME="$ETCD_NAME" DATA_DIR="$DATA" ETCD_HOST="$ETCD_HOST" \
    ETCD_CLIENT_PORT=2379 ETCD_PEER_PORT=2380 ETCD_METRICS_PORT=2381 ETCD_INITIAL_CLUSTER="$ETCD_CLUSTER"
  ETCD_SERVERS=http://$ETCD_HOST:2379
fi
render_env "$BOSUN_ROOT/deploy/env/apiserver.env" "$CONF_DIR/apiserver.env" ETCD_SERVERS="$ETCD_SERVERS" BIND_ADDRESS="$BIND" API_PORT="$PORT" INSECURE="$INSECURE" CONF_DIR="$CONF_DIR"
render_env "$BOSUN_ROOT/deploy/env/controller-manager.env" "$CONF_DIR/controller-manager.env" CONF_DIR="$CONF_DIR" CLUSTER_CIDR="$CLUSTER_CIDR"
render_env "$BOSUN_ROOT/deploy/env/scheduler.env" "$CONF_DIR/scheduler.env" CONF_DIR="$CONF_DIR"
write_kubeconfig "http://$ADVERTISE:$PORT" "$CONF_DIR/admin.kubeconfig"
if [ ! -s "$CONF_DIR/join-token" ]; then
  ( umask 077; head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$CONF_DIR/join-token" )
  info "made a join token in $CONF_DIR/join-token"
fi

step "3/5 systemd units"
components=(apiserver controller-manager scheduler)
[ -f "$CONF_DIR/etcd.env" ] && components=(etcd "${components[@]}")
for c in "${components[@]}"; do
  sed "s#/etc/bosun/#$CONF_DIR/#g" "$BOSUN_ROOT/deploy/systemd/bosun-$c.service" > "$UNIT_DIR/bosun-$c.service"
done
info "installed: ${components[*]/#/bosun-}"

step "4/5 Starting"
if [ -z "$PREFIX" ] && [ -d /run/systemd/system ]; then
  systemctl daemon-reload
  for c in "${components[@]}"; do systemctl enable --now "bosun-$c.service" >/dev/null; info "bosun-$c: $(systemctl is-active "bosun-$c.service")"; done
else
  info "systemd is not running here: starting the units' commands with their environment files"
  for c in "${components[@]}"; do
    cmd=$(sed -n 's/^ExecStart=//p' "$UNIT_DIR/bosun-$c.service")
    [ "$c" = etcd ] || cmd=${cmd/\/usr\/local\/bin\/bosun/$BIN/bosun}
    start_component "$c" "$CONF_DIR/$c.env" $cmd
    [ "$c" = etcd ] && wait_for "etcd" 60 etcdctl --endpoints="$ETCD_SERVERS" endpoint health
  done
fi
wait_for "the apiserver on http://$ADVERTISE:$PORT" 60 curl -sf "http://$ADVERTISE:$PORT/readyz"

step "5/5 Done"
cat <<EOF
The master answers on http://$ADVERTISE:$PORT (kubeconfig: $CONF_DIR/admin.kubeconfig).
Join a node host, from a checkout of Bosun there, as root:
  bash deploy/install-node.sh --server http://$ADVERTISE:$PORT --token $(cat "$CONF_DIR/join-token")
EOF
