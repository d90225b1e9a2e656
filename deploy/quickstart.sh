#!/bin/bash
# Bosun quickstart: a master and a node on this host, on a local single-member etcd (the
# embedded default). Installs what is missing, builds, starts Docker (if it is not running),
# etcd, `bosun master`, and the node agents (`bosun network`, `bosun kubelet`, `bosun proxy`)
# with the same environment files the systemd units use; writes a kubeconfig, waits for the
# node, deploys deploy/examples/hello and shows it answering. Safe to run again.
#   bash deploy/quickstart.sh            bring it up (or check it is up)
#   bash deploy/quickstart.sh --down     stop everything it started
#   bash deploy/quickstart.sh --purge    stop, and remove its data, containers and rules
set -euo pipefail
BOSUN_ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$BOSUN_ROOT/deploy/lib/common.sh"

usage() {
  cat <<'EOF'
Usage: deploy/quickstart.sh [--down | --purge] [options]

  --etcd-servers URLS   use this etcd cluster instead of starting the local one
  --data-dir DIR        where etcd, pods, logs and pidfiles live (default /var/lib/bosun)
  --node-ip IP          this host's address for the node (default: the source address of the default route)
  --node-name NAME      the node's name (default: the host name, lower case)
  --port N              the apiserver's port on 127.0.0.1 (default 6443)
  --docker-host URL     Docker Engine socket (default unix:///var/run/docker.sock); started if nothing answers
  --skip-install        do not install missing packages
  --no-example          do not deploy the hello example
  --down                stop everything the quickstart started
  --purge               --down, then remove its data, pod containers, pod network and rules
EOF
}

ACTION=up DATA=/var/lib/bosun ETCD_SERVERS="" NODE_IP="" NODE_NAME="" API_PORT=6443
DOCKER_HOST_URL=unix:///var/run/docker.sock INSTALL=1 EXAMPLE=1
while [ $# -gt 0 ]; do
  case "$1" in
    --down) ACTION=down; shift ;;
    --purge) ACTION=purge; shift ;;
    --etcd-servers) ETCD_SERVERS=${2:?--etcd-servers needs URLs}; shift 2 ;;
    --data-dir) DATA=${2:?--data-dir needs a folder}; shift 2 ;;
    --node-ip) NODE_IP=${2:?--node-ip needs an address}; shift 2 ;;
    --node-name) NODE_NAME=${2:?--node-name needs a name}; shift 2 ;;
    --port) API_PORT=${2:?--port needs a number}; shift 2 ;;
    --docker-host) DOCKER_HOST_URL=${2:?--docker-host needs a URL}; shift 2 ;;
    --skip-install) INSTALL=0; shift ;;
    --no-example) EXAMPLE=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done
case "$DATA" in /*) ;; *) die "--data-dir must be an absolute path, not $DATA" ;; esac
case "$API_PORT" in ''|*[!0-9]*) die "--port must be a number, not $API_PORT" ;; esac
CONF_DIR=$DATA/etc RUN_DIR=$DATA/run LOG_DIR=$DATA/log
BOSUN="node $BOSUN_ROOT/dist/shared/cli/bosun.js"
BOSUNCTL="node $BOSUN_ROOT/dist/shared/cli/bosunctl.js"
SERVER=http://127.0.0.1:$API_PORT
need_root

stop_all() {
  step "Stopping Bosun"
  local c
  for c in proxy kubelet network master etcd; do stop_component "$c"; done
  running dockerd && { stop_component dockerd 30; } || true
}

purge_all() {
  stop_all
  step "Removing Bosun's containers, pod network, routes, rules and data"
  local dk="docker -H $DOCKER_HOST_URL"
  if $dk version >/dev/null 2>&1; then
    local ids; ids=$($dk ps -aq --filter label=io.bosun.pod.uid || true)
    [ -n "$ids" ] && $dk rm -f $ids >/dev/null && info "removed $(echo "$ids" | wc -l) pod containers"
    $dk network rm bosun >/dev/null 2>&1 && info "removed the pod network" || true
  fi
  [ -f "$CONF_DIR/network.env" ] && env -i PATH="$PATH" $(grep -Ev '^\s*(#|$)' "$CONF_DIR/network.env") $BOSUN network --cleanup >/dev/null 2>&1 && info "removed routes and devices of bosun network" || true
  remove_proxy_rules
  { findmnt -rn -o TARGET | grep -F -- "$DATA/" || true; } | sort -r | while read -r m; do umount -l "$m"; done
  rm -rf "$DATA"
  info "removed $DATA"
}

# The proxy's chains (BOSUN-*) and the jumps to them, in nat and filter, on both backends.
remove_proxy_rules() {
  local ipt t
  for ipt in iptables-nft iptables-legacy; do
    command -v "$ipt" >/dev/null 2>&1 || continue
    for t in nat filter; do
      { "$ipt-save" -t "$t" 2>/dev/null | grep -E '^-A [A-Z]+ .*-j BOSUN-' | grep -Ev '^-A BOSUN-' | sed 's/^-A /-D /' || true; } | while read -r rule; do
        eval "$ipt -t $t $rule" 2>/dev/null || true
      done
      local chains; chains=$("$ipt-save" -t "$t" 2>/dev/null | grep -oE '^:BOSUN-[A-Z0-9-]+' | tr -d : || true)
      for chain in $chains; do "$ipt" -t "$t" -F "$chain" 2>/dev/null || true; done
      for chain in $chains; do "$ipt" -t "$t" -X "$chain" 2>/dev/null || true; done
    done
  done
}

case "$ACTION" in
  down) stop_all; exit 0 ;;
  purge) purge_all; exit 0 ;;
esac

mkdir -p "$CONF_DIR/manifests" "$RUN_DIR" "$LOG_DIR"

step "1/8 Packages"
if [ "$INSTALL" = 1 ]; then
  install_missing dockerd:docker.io docker:docker.io etcd:etcd-server etcdctl:etcd-client iptables:iptables conntrack:conntrack \
    ip:iproute2 busybox:busybox-static gcc:gcc curl:curl
  [ -e /usr/lib/x86_64-linux-gnu/libc.a ] || install_packages libc6-dev      # the pause image is a static binary
else
  info "skipped (--skip-install)"
fi
need_node20

step "2/8 Build"
build_bosun
info "bosun $($BOSUN --help >/dev/null 2>&1 && echo ready)"

step "3/8 Docker Engine ($DOCKER_HOST_URL)"
if docker -H "$DOCKER_HOST_URL" version >/dev/null 2>&1; then
  info "answering"
elif [ "$DOCKER_HOST_URL" = unix:///var/run/docker.sock ] && [ -d /run/systemd/system ]; then
  systemctl start docker && info "started with systemctl"
else
  sock=${DOCKER_HOST_URL#unix://}
  start_component dockerd "" dockerd -H "$DOCKER_HOST_URL" --pidfile "$RUN_DIR/dockerd.daemon.pid" \
    --data-root "$DATA/docker" --exec-root "$DATA/docker-exec" --userland-proxy=false
  wait_for "Docker Engine on $sock" 60 docker -H "$DOCKER_HOST_URL" version
fi

step "4/8 Images (bosun/pause:1, bosun/toolbox:1, built offline)"
bash "$BOSUN_ROOT/deploy/images/build-images.sh" --docker-host "$DOCKER_HOST_URL" | sed 's/^/    /'

step "5/8 etcd"
if [ -n "$ETCD_SERVERS" ]; then
  info "using $ETCD_SERVERS"
else
  ETCD_SERVERS=http://127.0.0.1:2379
  render_env "$BOSUN_ROOT/deploy/env/etcd.env" "$CONF_DIR/etcd.env" ETCD_NAME=default DATA_DIR="$DATA" ETCD_HOST=127.0.0.1 \
    ETCD_CLIENT_PORT=2379 ETCD_PEER_PORT=2380 ETCD_METRICS_PORT=2381 ETCD_INITIAL_CLUSTER=default=http://127.0.0.1:2380
  start_component etcd "$CONF_DIR/etcd.env" etcd
  wait_for "etcd on 127.0.0.1:2379" 60 etcdctl --endpoints=127.0.0.1:2379 endpoint health
fi

step "6/8 Master (apiserver, controller-manager, scheduler) on $SERVER"
render_env "$BOSUN_ROOT/deploy/env/master.env" "$CONF_DIR/master.env" ETCD_SERVERS="$ETCD_SERVERS" BIND_ADDRESS=127.0.0.1 API_PORT="$API_PORT" INSECURE=false
start_component master "$CONF_DIR/master.env" $BOSUN master
wait_for "the apiserver on $SERVER" 60 curl -sf "$SERVER/readyz"
write_kubeconfig "$SERVER" "$CONF_DIR/node.kubeconfig"
KUBECONFIG_OUT=${HOME:-/root}/.kube/config
if [ -e "$KUBECONFIG_OUT" ] && ! cmp -s "$KUBECONFIG_OUT" "$CONF_DIR/node.kubeconfig"; then
  cp "$CONF_DIR/node.kubeconfig" "$DATA/kubeconfig"
  info "$KUBECONFIG_OUT exists and is not Bosun's: use KUBECONFIG=$DATA/kubeconfig"
  KUBECONFIG_OUT=$DATA/kubeconfig
else
  mkdir -p "$(dirname "$KUBECONFIG_OUT")"
  cp "$CONF_DIR/node.kubeconfig" "$KUBECONFIG_OUT"
  info "kubeconfig written to $KUBECONFIG_OUT"
fi
export KUBECONFIG=$KUBECONFIG_OUT
ctl() { $BOSUNCTL --kubeconfig "$KUBECONFIG_OUT" "$@"; }

step "7/8 Node agents (network, kubelet, proxy)"
if [ -z "$NODE_IP" ]; then
  NODE_IP=$(ip -4 route get 192.0.2.1 2>/dev/null | grep -oE 'src [0-9.]+' | cut -d' ' -f2 || true)
  [ -n "$NODE_IP" ] || NODE_IP=$(ip -4 -o addr show scope global | grep -Ev ' (bosun|docker|br-)' | awk '{print $4}' | cut -d/ -f1 | head -1)
  [ -n "$NODE_IP" ] || die "could not tell this host's address: pass --node-ip"
fi
[ -n "$NODE_NAME" ] || NODE_NAME=$(hostname | tr 'A-Z' 'a-z')
for c in network kubelet proxy; do
  render_env "$BOSUN_ROOT/deploy/env/$c.env" "$CONF_DIR/$c.env" CONF_DIR="$CONF_DIR" DATA_DIR="$DATA" NODE_NAME="$NODE_NAME" NODE_IP="$NODE_IP" DOCKER_HOST="$DOCKER_HOST_URL"
done
start_component network "$CONF_DIR/network.env" $BOSUN network
start_component kubelet "$CONF_DIR/kubelet.env" $BOSUN kubelet
start_component proxy "$CONF_DIR/proxy.env" $BOSUN proxy
node_ready() { ctl get node "$NODE_NAME" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null | grep -qx True; }
wait_for "node $NODE_NAME to be Ready" 120 node_ready
info "node $NODE_NAME ($NODE_IP) is Ready"

step "8/8 Example: deploy/examples/hello"
if [ "$EXAMPLE" = 1 ]; then
  ctl apply -f "$BOSUN_ROOT/deploy/examples/hello/hello.yaml" | sed 's/^/    /'
  wait_for "the hello Deployment" 120 ctl rollout status deployment/hello --timeout=5s
  PORT=$(ctl get service hello -o jsonpath='{.spec.ports[0].nodePort}')
  answer() { curl -sf --max-time 2 "http://$NODE_IP:$PORT/" | grep -q 'Hello from Bosun'; }
  if ! (wait_for "hello to answer on http://$NODE_IP:$PORT/" 60 answer); then
    info "the proxy's last words:"; tail -n 5 "$LOG_DIR/proxy.log" | sed 's/^/      /'
    ctl get pods,endpointslices -o wide | sed 's/^/      /'
    die "hello does not answer on http://$NODE_IP:$PORT/"
  fi
  info "http://$NODE_IP:$PORT/ says: $(curl -sf --max-time 2 "http://$NODE_IP:$PORT/" | head -1)"
else
  info "skipped (--no-example)"
fi

cat <<EOF

Bosun is up: a master and node $NODE_NAME on this host (data in $DATA, logs in $LOG_DIR).
Try:
  export KUBECONFIG=$KUBECONFIG_OUT
  alias bosunctl='$BOSUNCTL'              # Bosun's kubectl; the real kubectl works too
  bosunctl get nodes,pods -o wide
  bosunctl scale deployment hello --replicas=4
  bosunctl rollout restart deployment/hello && bosunctl rollout status deployment/hello
Stop it with: bash deploy/quickstart.sh --down   (--purge also removes its data)
EOF
