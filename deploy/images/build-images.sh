#!/bin/bash
# build-images.sh — Bosun's two images, built offline from this machine's own binaries:
#   bosun/pause:1    a tiny static C binary: PID 1 of a pod sandbox (waits for SIGTERM/SIGINT,
#                    reaps zombies); FROM scratch, under 1 MB
#   bosun/toolbox:1  Debian's busybox-static (sh, httpd, nc, wget, nslookup, ...); FROM scratch
#
# It writes the build contexts (no daemon needed for that), builds them on the dockerd behind
# --docker-host and, with --save FILE, writes an image tarball that other dockerds `docker load`.
# Idempotent: the images carry the hash of their build context as a label, so a daemon that
# already has the current images builds nothing, a daemon that lacks them loads FILE when FILE
# holds the current images, and FILE is rewritten only when the images changed.
# It never starts a daemon and never pulls anything.
#
# Needs gcc with a static C library (Debian: gcc libc6-dev) and Debian's busybox-static.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: build-images.sh [--docker-host unix:///path/docker.sock] [--save FILE] [--workdir DIR] [--contexts-only]

  --docker-host URL  the dockerd to build on (default: $DOCKER_HOST, else unix:///var/run/docker.sock)
  --save FILE        also write both images to FILE (a `docker save` tarball for `docker load`)
  --workdir DIR      where the build contexts go (default: ${XDG_CACHE_HOME:-$HOME/.cache}/bosun-images)
  --contexts-only    only write the build contexts; talk to no daemon
EOF
}

DOCKER_HOST_URL=${DOCKER_HOST:-unix:///var/run/docker.sock}
SAVE=""
WORK=${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/bosun-images
CONTEXTS_ONLY=0
while [ $# -gt 0 ]; do
  case "$1" in
    --docker-host) DOCKER_HOST_URL=${2:?--docker-host needs a value}; shift 2 ;;
    --docker-host=*) DOCKER_HOST_URL=${1#*=}; shift ;;
    --save) SAVE=${2:?--save needs a file}; shift 2 ;;
    --save=*) SAVE=${1#*=}; shift ;;
    --workdir) WORK=${2:?--workdir needs a folder}; shift 2 ;;
    --workdir=*) WORK=${1#*=}; shift ;;
    --contexts-only) CONTEXTS_ONLY=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "build-images.sh: unknown argument $1" >&2; usage >&2; exit 2 ;;
  esac
done

PAUSE_IMAGE=bosun/pause:1
TOOLBOX_IMAGE=bosun/toolbox:1
LABEL=org.bosun.context
BUSYBOX=/bin/busybox

# --- what this machine must have ----------------------------------------------------------
missing=()
command -v gcc >/dev/null 2>&1 || missing+=("gcc (apt-get install gcc)")
if command -v gcc >/dev/null 2>&1; then
  libc_a=$(gcc -print-file-name=libc.a)
  [ "${libc_a#/}" != "$libc_a" ] && [ -f "$libc_a" ] || missing+=("a static C library (apt-get install libc6-dev)")
fi
if [ ! -x "$BUSYBOX" ] || ! "$BUSYBOX" --list >/dev/null 2>&1; then
  missing+=("busybox-static (apt-get install busybox-static)")
elif command -v dpkg-query >/dev/null 2>&1 && [ "$(dpkg-query -W -f='${Status}' busybox-static 2>/dev/null)" != "install ok installed" ]; then
  missing+=("busybox-static: $BUSYBOX is not Debian's static busybox (apt-get install busybox-static)")
fi
if [ "$CONTEXTS_ONLY" = 0 ]; then
  if [ -x /usr/bin/docker ]; then DOCKER=/usr/bin/docker     # Debian's client matches Debian's daemon
  elif command -v docker >/dev/null 2>&1; then DOCKER=$(command -v docker)
  else missing+=("a docker client (apt-get install docker.io)"); fi
fi
for tool in sha256sum tar flock; do command -v $tool >/dev/null 2>&1 || missing+=("$tool (apt-get install coreutils tar util-linux)"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "build-images.sh: missing on this machine:" >&2
  for m in "${missing[@]}"; do echo "  - $m" >&2; done
  exit 1
fi

mkdir -p "$WORK"
exec 9>"$WORK/.lock"
flock 9                                            # one build at a time per workdir

# --- build contexts -----------------------------------------------------------------------
write_if_changed() { # write_if_changed FILE: stdin -> FILE, leaving FILE (and its mtime) alone when equal
  local tmp; tmp=$(mktemp "$WORK/.write.XXXXXX")
  cat > "$tmp"
  chmod 644 "$tmp"
  if [ -f "$1" ] && cmp -s "$tmp" "$1"; then rm -f "$tmp"; else mv -f "$tmp" "$1"; fi
}

P=$WORK/pause
mkdir -p "$P"
write_if_changed "$P/pause.c" <<'C'
/* PID 1 of a pod sandbox: sleeps until SIGTERM/SIGINT, reaps zombies. */
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
static void on_term(int sig) { (void)sig; _exit(0); }
static void on_chld(int sig) { (void)sig; while (waitpid(-1, NULL, WNOHANG) > 0) {} }
int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "-v") == 0) { write(1, "bosun-pause 1\n", 14); return 0; }
  if (getpid() != 1) write(2, "warning: pause should be PID 1\n", 31);
  struct sigaction sa; memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_term;
  if (sigaction(SIGINT, &sa, NULL) < 0 || sigaction(SIGTERM, &sa, NULL) < 0) return 1;
  sa.sa_handler = on_chld; sa.sa_flags = SA_NOCLDSTOP;
  if (sigaction(SIGCHLD, &sa, NULL) < 0) return 2;
  for (;;) pause();
}
C
if [ ! -x "$P/pause" ] || [ "$P/pause.c" -nt "$P/pause" ]; then
  gcc -Os -static -s -o "$P/pause.tmp" "$P/pause.c"
  mv -f "$P/pause.tmp" "$P/pause"
fi
printf 'FROM scratch\nCOPY pause /pause\nENTRYPOINT ["/pause"]\n' | write_if_changed "$P/Dockerfile"

T=$WORK/toolbox
R=$T/rootfs
mkdir -p "$T"
if [ ! -f "$R/bin/busybox" ] || ! cmp -s "$BUSYBOX" "$R/bin/busybox"; then
  rm -rf "$R.tmp"
  mkdir -p "$R.tmp/bin" "$R.tmp/etc" "$R.tmp/tmp" "$R.tmp/www" "$R.tmp/root" "$R.tmp/proc" "$R.tmp/sys" "$R.tmp/dev"
  cp "$BUSYBOX" "$R.tmp/bin/busybox"
  for a in $("$R.tmp/bin/busybox" --list); do [ "$a" = busybox ] || ln -s busybox "$R.tmp/bin/$a"; done
  chmod 1777 "$R.tmp/tmp"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' > "$R.tmp/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' > "$R.tmp/etc/group"
  echo '<h1>bosun toolbox</h1>' > "$R.tmp/www/index.html"
  rm -rf "$R"
  mv "$R.tmp" "$R"
fi
printf 'FROM scratch\nCOPY rootfs/ /\nENV PATH=/bin\nCMD ["/bin/sh"]\n' | write_if_changed "$T/Dockerfile"

# The identity of a context: its files, names, modes and link targets (not mtimes or owners).
context_hash() {
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --exclude='*.tmp' -C "$1" -cf - . | sha256sum | cut -c1-16
}
PAUSE_HASH=$(context_hash "$P")
TOOLBOX_HASH=$(context_hash "$T")
WANT="$PAUSE_IMAGE=$PAUSE_HASH $TOOLBOX_IMAGE=$TOOLBOX_HASH"
if [ "$CONTEXTS_ONLY" = 1 ]; then
  echo "contexts: $P $T ($WANT)"
  exit 0
fi

# --- build (or load) on the given dockerd ---------------------------------------------------
DK() { DOCKER_HOST="$DOCKER_HOST_URL" "$DOCKER" "$@"; }
DK version >/dev/null 2>&1 || { echo "build-images.sh: no dockerd answers on $DOCKER_HOST_URL" >&2; exit 1; }
label_of() { DK image inspect -f "{{index .Config.Labels \"$LABEL\"}}" "$1" 2>/dev/null || true; }
current() { [ "$(label_of $PAUSE_IMAGE)" = "$PAUSE_HASH" ] && [ "$(label_of $TOOLBOX_IMAGE)" = "$TOOLBOX_HASH" ]; }
saved_current() { [ -n "$SAVE" ] && [ -f "$SAVE" ] && [ -f "$SAVE.id" ] && [ "$(cat "$SAVE.id")" = "$WANT" ]; }

if current; then
  echo "images are current on $DOCKER_HOST_URL"
elif saved_current; then
  DK load -q -i "$SAVE" >/dev/null
  echo "loaded $SAVE into $DOCKER_HOST_URL"
fi
if ! current; then
  DK build -q --label "$LABEL=$PAUSE_HASH" -t $PAUSE_IMAGE "$P" >/dev/null
  DK build -q --label "$LABEL=$TOOLBOX_HASH" -t $TOOLBOX_IMAGE "$T" >/dev/null
  current || { echo "build-images.sh: the images were built but do not carry the expected labels" >&2; exit 1; }
  echo "built $PAUSE_IMAGE and $TOOLBOX_IMAGE on $DOCKER_HOST_URL"
fi

# --- save -----------------------------------------------------------------------------------
if [ -n "$SAVE" ] && ! saved_current; then
  mkdir -p "$(dirname "$SAVE")"
  rm -f "$SAVE.id"
  DK save -o "$SAVE.tmp" $PAUSE_IMAGE $TOOLBOX_IMAGE
  mv -f "$SAVE.tmp" "$SAVE"
  echo "$WANT" > "$SAVE.id"
  echo "saved $SAVE"
fi
