#!/bin/bash
# Installs a Bosun node on this host: Docker Engine and iptables from Debian's packages, the
# images (built offline), `bosun join` (token -> the node's kubeconfig), and systemd units for
# the network agent, kubelet and proxy with their flags in /etc/bosun/*.env. Without systemd
# running (containers, CI), it starts the units' commands with their environment files itself.
set -euo pipefail
BOSUN_ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$BOSUN_ROOT/deploy/lib/common.sh"

usage() {
  cat <<'EOF'
Usage: deploy/install-node.sh --server URL --token TOKEN [options]

  --server URL       the master's apiserver, as install-master.sh printed it
  --token TOKEN      the join token install-master.sh printed
  --node-ip IP       this host's address in the cluster (default: the source address toward the server)
  --node-name NAME   default: the host name, lower case
  --mode MODE        how pods reach other nodes: host-gw (nodes on one link) or vxlan (default host-gw)
  --docker-host URL  Docker Engine socket (default unix:///var/run/docker.sock)
  --data-dir DIR     default /var/lib/bosun
  --prefix DIR       install under DIR instead of / (for tests; implies not using systemd)
  --skip-install     do not install missing packages
EOF
}

SERVER="" TOKEN="" NODE_IP="" NODE_NAME="" MODE=host-gw DOCKER_HOST_URL=unix:///var/run/docker.sock DATA=/var/lib/bosun PREFIX="" INSTALL=1
while [ $# -gt 0 ]; do
  case "$1" in
    --server) SERVER=${2:?}; shift 2 ;;
    --token) TOKEN=${2:?}; shift 2 ;;
    --node-ip) NODE_IP=${2:?}; shift 2 ;;
    --node-name) NODE_NAME=${2:?}; shift 2 ;;
    --mode) MODE=${2:?}; shift 2 ;;
    --docker-host) DOCKER_HOST_URL=${2:?}; shift 2 ;;
    --data-dir) DATA=${2:?}; shift 2 ;;
    --prefix) PREFIX=${2:?}; shift 2 ;;
    --skip-install) INSTALL=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done
need_root
[ -n "$SERVER" ] || die "--server is required: the URL install-master.sh printed"
[ -n "$TOKEN" ] || die "--token is required: the join token install-master.sh printed"
case "$MODE" in host-gw|vxlan) ;; *) die "--mode must be host-gw or vxlan, not $MODE" ;; esac
[ -n "$NODE_NAME" ] || NODE_NAME=$(hostname | tr 'A-Z' 'a-z')
if [ -z "$NODE_IP" ]; then
  host=${SERVER#*://}; host=${host%%[:/]*}
  NODE_IP=$(ip -4 route get "$host" 2>/dev/null | grep -oE 'src [0-9.]+' | cut -d' ' -f2 || true)
  [ -n "$NODE_IP" ] || die "could not tell this host's address toward $host: pass --node-ip"
fi
CONF_DIR=$PREFIX/etc/bosun RUN_DIR=$DATA/run LOG_DIR=$DATA/log UNIT_DIR=$PREFIX/etc/systemd/system BIN=$PREFIX/usr/local/bin
mkdir -p "$CONF_DIR/manifests" "$RUN_DIR" "$LOG_DIR" "$UNIT_DIR" "$BIN"
USE_SYSTEMD=0; [ -z "$PREFIX" ] && [ -d /run/systemd/system ] && USE_SYSTEMD=1

step "1/5 Packages and build"
if [ "$INSTALL" = 1 ]; then
  install_missing dockerd:docker.io docker:docker.io iptables:iptables conntrack:conntrack ip:iproute2 busybox:busybox-static gcc:gcc curl:curl
  [ -e /usr/lib/x86_64-linux-gnu/libc.a ] || install_packages libc6-dev
else
  info "skipped (--skip-install)"
fi
need_node20
build_bosun
printf '#!/bin/sh\nexec node %s/dist/shared/cli/bosun.js "$@"\n' "$BOSUN_ROOT" > "$BIN/bosun" && chmod +x "$BIN/bosun"

step "2/5 Docker Engine and images"
if ! docker -H "$DOCKER_HOST_URL" version >/dev/null 2>&1; then
  [ "$USE_SYSTEMD" = 1 ] || die "Docker Engine does not answer on $DOCKER_HOST_URL (start dockerd first)"
  systemctl enable --now docker >/dev/null
  wait_for "Docker Engine" 60 docker -H "$DOCKER_HOST_URL" version
fi
bash "$BOSUN_ROOT/deploy/images/build-images.sh" --docker-host "$DOCKER_HOST_URL" | sed 's/^/    /'

step "3/5 Joining $SERVER as $NODE_NAME ($NODE_IP)"
"$BIN/bosun" join --server "$SERVER" --token "$TOKEN" --node-name "$NODE_NAME" --kubeconfig-out "$CONF_DIR/node.kubeconfig" | sed 's/^/    /'

step "4/5 Configuration and systemd units"
for c in network kubelet proxy; do
  render_env "$BOSUN_ROOT/deploy/env/$c.env" "$CONF_DIR/$c.env" CONF_DIR="$CONF_DIR" DATA_DIR="$DATA" NODE_NAME="$NODE_NAME" NODE_IP="$NODE_IP" DOCKER_HOST="$DOCKER_HOST_URL"
  sed "s#/etc/bosun/#$CONF_DIR/#g" "$BOSUN_ROOT/deploy/systemd/bosun-$c.service" > "$UNIT_DIR/bosun-$c.service"
done
sed -i "s/^BOSUN_MODE=.*/BOSUN_MODE=$MODE/" "$CONF_DIR/network.env"
info "installed bosun-network, bosun-kubelet, bosun-proxy"

step "5/5 Starting"
if [ "$USE_SYSTEMD" = 1 ]; then
  systemctl daemon-reload
  for c in network kubelet proxy; do systemctl enable --now "bosun-$c.service" >/dev/null; info "bosun-$c: $(systemctl is-active "bosun-$c.service")"; done
else
  info "systemd is not running here: starting the units' commands with their environment files"
  for c in network kubelet proxy; do
    cmd=$(sed -n 's/^ExecStart=//p' "$UNIT_DIR/bosun-$c.service")
    start_component "$c" "$CONF_DIR/$c.env" ${cmd/\/usr\/local\/bin\/bosun/$BIN/bosun}
  done
fi
info "node $NODE_NAME joins as soon as its kubelet has registered (bosunctl get nodes)"
