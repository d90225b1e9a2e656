# Shell helpers the deploy scripts share: messages, packages, env files, processes by pidfile.
# Sourced, not run. Expects BOSUN_ROOT (the checkout) to be set.

step() { printf '\n==> %s\n' "$*"; }
info() { printf '    %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

need_root() { [ "$(id -u)" = 0 ] || die "run this as root (it installs packages, starts Docker and programs iptables)"; }

APT_UPDATED=0
# install_packages PACKAGE ... — apt-get install (one apt-get update per run).
install_packages() {
  info "installing from Debian's packages: $*"
  # No services started by package scripts: Bosun starts what it needs itself.
  [ -e /usr/sbin/policy-rc.d ] || { printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; }
  [ "$APT_UPDATED" = 1 ] || { apt-get update -qq; APT_UPDATED=1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# install_missing CMD:PACKAGE ... — installs the packages whose command is missing.
install_missing() {
  local missing=() pair
  for pair in "$@"; do command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}"); done
  [ ${#missing[@]} -eq 0 ] && { info "packages: all present"; return 0; }
  install_packages $(printf '%s\n' "${missing[@]}" | sort -u)
}

need_node20() {
  command -v node >/dev/null 2>&1 || die "Node.js 20 or newer is needed (node is not on PATH)"
  local major; major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$major" -ge 20 ] || die "Node.js 20 or newer is needed (found $(node --version))"
}

# build_bosun — npm ci when node_modules is missing or older than the lock file; tsc when dist is stale.
build_bosun() {
  ( cd "$BOSUN_ROOT"
    if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
      info "npm ci"; npm ci --no-audit --no-fund --loglevel=error >/dev/null; touch node_modules
    fi
    if [ ! -f dist/shared/cli/bosun.js ] || [ -n "$(find master node shared -name '*.ts' -newer dist/shared/cli/bosun.js -print -quit)" ]; then
      info "building"; npx tsc -p tsconfig.json
    fi )
}

# render_env TEMPLATE OUT KEY=VALUE ... — copies a deploy/env template with @KEY@ replaced.
render_env() {
  local tpl=$1 out=$2; shift 2
  local text; text=$(cat "$tpl")
  local kv
  for kv in "$@"; do text=${text//@${kv%%=*}@/${kv#*=}}; done
  case "$text" in *@[A-Z_]*@*) die "render_env $tpl: unreplaced placeholder in: $(printf '%s' "$text" | grep -o '@[A-Z_]*@' | head -1)";; esac
  printf '%s\n' "$text" > "$out.tmp" && mv "$out.tmp" "$out"
}

# running NAME — true when the process of NAME's pidfile is alive.
running() { local f="$RUN_DIR/$1.pid"; [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null; }

# start_component NAME ENVFILE CMD ARGS... — runs CMD with exactly the variables of ENVFILE
# (as the systemd unit's EnvironmentFile gives them), in its own session, logging to LOG_DIR.
start_component() {
  local name=$1 envfile=$2; shift 2
  if running "$name"; then info "$name: already running (pid $(cat "$RUN_DIR/$name.pid"))"; return 0; fi
  local vars=()
  if [ -n "$envfile" ]; then mapfile -t vars < <(grep -Ev '^\s*(#|$)' "$envfile"); fi
  setsid env -i PATH="$PATH" HOME="${HOME:-/root}" "${vars[@]}" "$@" >>"$LOG_DIR/$name.log" 2>&1 </dev/null &
  echo $! > "$RUN_DIR/$name.pid"
  info "$name: started (pid $!, log $LOG_DIR/$name.log)"
}

# stop_component NAME [GRACE_SECONDS] — SIGTERM by pidfile, SIGKILL after the grace.
stop_component() {
  local name=$1 grace=${2:-15} f="$RUN_DIR/$1.pid" pid
  [ -f "$f" ] || return 0
  pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    local i
    for i in $(seq 1 $((grace * 10))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && { kill -KILL "$pid" 2>/dev/null || true; info "$name: killed (pid $pid)"; } || info "$name: stopped (pid $pid)"
  fi
  rm -f "$f"
}

# wait_for WHAT SECONDS CMD... — polls CMD every 0.5 s.
wait_for() {
  local what=$1 secs=$2; shift 2
  local i
  for i in $(seq 1 $((secs * 2))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.5; done
  die "timed out after ${secs}s waiting for $what"
}

# write_kubeconfig SERVER FILE — a kubeconfig for SERVER (no credentials until the security work), mode 0600.
write_kubeconfig() {
  ( umask 077; cat > "$2" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: bosun
  cluster:
    server: $1
users:
- name: admin
  user: {}
contexts:
- name: bosun
  context:
    cluster: bosun
    user: admin
    namespace: default
current-context: bosun
EOF
  )
}
