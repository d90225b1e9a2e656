#!/bin/bash
# Bosun's one test command: on a fresh Debian 12 machine as root it installs what is
# missing (etcd, Docker, iptables and the lab's tools from Debian's packages, node modules
# with npm ci), builds, and runs every test — unit, integration (real etcd) and e2e (real
# kubectl; the lab of network namespaces with their own dockerds, e2e/lab/). Each test starts
# and stops its own processes; nothing is left running.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v etcd >/dev/null 2>&1 || missing+=(etcd-server)
command -v etcdctl >/dev/null 2>&1 || missing+=(etcd-client)
# The e2e lab (e2e/lab/README.md): a dockerd per lab host, iptables and conntrack inside hosts,
# namespaces and veths, busybox for the toolbox image and pings, gcc + static libc for the pause
# image (deploy/images/build-images.sh).
# systemd for `systemd-analyze verify` of deploy/systemd; curl for the deploy scripts.
for p in docker.io iptables conntrack iproute2 busybox-static gcc libc6-dev systemd curl; do
  [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing ${missing[*]} from Debian's packages"
  # No init system here: keep package scripts from starting services (dockerd, etcd): the
  # tests start their own.
  [ -e /usr/sbin/policy-rc.d ] || { printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; }
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v kubectl >/dev/null 2>&1 || echo "warning: kubectl is not on PATH; the kubectl e2e tests will fail" >&2

echo "== npm ci"
npm ci --no-audit --no-fund --loglevel=error
echo "== build"
rm -rf dist
npx tsc -p tsconfig.json
echo "== tests"
exec node e2e/run-node-tests.mjs all
