#!/usr/bin/env bash
# Checks that the README's two commands work from a clean clone on a fresh, minimal Debian 12:
# a `debootstrap --variant=minbase bookworm` chroot with sudo added and nothing else.
#
#   sudo bash scripts/verify-fresh-debian.sh [--worktree] [--ci] [--refresh]
#
#   (default)   clone the committed HEAD and run the two commands of README.md's first code
#               block, in order, as a normal user `dev` who may use sudo
#   --worktree  copy the working tree instead (tracked and untracked files, minus .gitignore'd
#               ones), to check changes before they are committed
#   --ci        run `CI=true bash .ci/run` as root with no stdin instead, as CI does
#   --refresh   rebuild the cached base system (otherwise reused from an earlier run)
#
# Needs root, the network to reach a Debian mirror and a few GB of disk. Each run starts from
# a fresh copy of the base system. The clone sits at /home/dev/work/dfopt, with ../shared
# bind-mounted read-only from the ../shared beside this repository (when there is one).
# Environment: DFOPT_VERIFY_DIR (work folder, default /tmp/dfopt-fresh-debian) and
# DEBIAN_MIRROR (default http://deb.debian.org/debian).
set -Eeuo pipefail

log() { printf '==> %s\n' "$*"; }
die() { printf 'verify-fresh-debian.sh: error: %s\n' "$*" >&2; exit 1; }

worktree=0
ci=0
refresh=0
for arg in "$@"; do
  case "$arg" in
    --worktree) worktree=1 ;;
    --ci) ci=1 ;;
    --refresh) refresh=1 ;;
    -h | --help) sed -n '2,19s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) die "unknown option '$arg' (try --help)" ;;
  esac
done

((EUID == 0)) || die "must run as root (debootstrap, chroot and mount need it)"
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=${DFOPT_VERIFY_DIR:-/tmp/dfopt-fresh-debian}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
base_tar=$work/bookworm-minbase-sudo.tar
root=$work/root
home=$root/home/dev
clone=$home/work/dfopt
logs=$work/logs

case "$work" in "$repo" | "$repo"/*) die "DFOPT_VERIFY_DIR must be outside the repository" ;; esac

if ! command -v debootstrap >/dev/null; then
  log "installing debootstrap"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap
fi

unmount_all() {
  local m
  # Deepest first; tolerate mounts that are already gone.
  for m in "$home/work/shared" "$root/proc"; do
    if mountpoint -q "$m" 2>/dev/null; then umount "$m"; fi
  done
}

# Never delete through a mount point (../shared is bind-mounted inside the root).
remove_root() {
  unmount_all
  if grep -q " $root/" /proc/self/mounts; then
    die "something is still mounted below $root; unmount it first"
  fi
  rm -rf "$root"
}
trap unmount_all EXIT

mkdir -p "$work" "$logs"

# 1. The base system: minbase + sudo, with the same suites a Debian 12 installer sets up.
if ((refresh)) || [[ ! -f $base_tar ]]; then
  log "debootstrap --variant=minbase bookworm ($mirror)"
  remove_root
  start=$SECONDS
  debootstrap --variant=minbase bookworm "$root" "$mirror" >"$logs/debootstrap.log" 2>&1 ||
    die "debootstrap failed; see $logs/debootstrap.log"
  security=${mirror%/debian}/debian-security
  cat >"$root/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb $security bookworm-security main
EOF
  cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
  mount -t proc proc "$root/proc"
  chroot "$root" apt-get update -q >>"$logs/debootstrap.log" 2>&1
  chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends sudo \
    >>"$logs/debootstrap.log" 2>&1 || die "installing sudo failed; see $logs/debootstrap.log"
  chroot "$root" apt-get clean
  rm -rf "$root"/var/lib/apt/lists/*
  umount "$root/proc"
  tar -C "$root" -cf "$base_tar" .
  log "base system ready in $((SECONDS - start)) s"
fi

# 2. A fresh root from the cached base, with a sudoer `dev`.
remove_root
mkdir -p "$root"
tar -C "$root" -xf "$base_tar"
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
# The chroot shares the host's network, so it trusts the same locally added CAs (those of a
# TLS-inspecting proxy, say); ca-certificates picks them up when setup.sh installs it.
mkdir -p "$root/usr/local/share/ca-certificates"
cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/" 2>/dev/null || true
if [[ -x $root/usr/sbin/update-ca-certificates ]]; then chroot "$root" update-ca-certificates >/dev/null; fi
# An installed system resolves its own host name (sudo warns otherwise).
printf '127.0.1.1\t%s\n' "$(hostname)" >>"$root/etc/hosts"
chroot "$root" useradd --create-home --shell /bin/bash dev
echo 'dev ALL=(ALL) NOPASSWD: ALL' >"$root/etc/sudoers.d/dev"
chmod 0440 "$root/etc/sudoers.d/dev"

# 3. The repository: a clean clone of HEAD, or the working tree.
mkdir -p "$home/work"
if ((worktree)); then
  log "copying the working tree"
  mkdir -p "$clone"
  (cd "$repo" && git ls-files -z --cached --others --exclude-standard |
    while IFS= read -r -d '' f; do [[ -e $f ]] && printf '%s\0' "$f"; done |
    tar --null -T - -cf -) | tar -C "$clone" -xf -
else
  git -C "$repo" rev-parse --verify -q HEAD >/dev/null ||
    die "the repository has no commit yet; use --worktree to check the working tree"
  log "cloning $(git -C "$repo" rev-parse --short HEAD)"
  git clone -q --no-local "$repo" "$clone"
  rm -rf "$clone/.git/hooks"
fi
chroot "$root" chown -R dev:dev /home/dev/work

mount -t proc proc "$root/proc"
if [[ -d $repo/../shared ]]; then
  mkdir -p "$home/work/shared"
  mount --bind "$repo/../shared" "$home/work/shared"
  mount -o remount,bind,ro "$home/work/shared"
else
  log "warning: no ../shared beside the repository; tests that need it will skip"
fi

# 4. The commands, timed; output goes to the terminal and to $logs.
run_timed() {
  local name=$1 user=$2 cmd=$3 rc=0 start=$SECONDS
  log "[$name] as $user: $cmd"
  chroot "$root" /usr/sbin/runuser -u "$user" -- env -i HOME="$([[ $user == root ]] && echo /root || echo /home/dev)" \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 TERM=dumb \
    ${CI_VALUE:+CI=$CI_VALUE} bash -c "cd /home/dev/work/dfopt && $cmd" </dev/null 2>&1 |
    tee "$logs/$name.log" || rc=$?
  local took=$((SECONDS - start))
  printf '%s\t%s\t%d s\texit %d\n' "$name" "$cmd" "$took" "$rc" >>"$logs/summary.tsv"
  log "[$name] exit $rc after $took s (log: $logs/$name.log)"
  return "$rc"
}

: >"$logs/summary.tsv"
status=0
if ((ci)); then
  CI_VALUE=true run_timed ci root 'bash .ci/run' || status=$?
else
  # The two commands of the README's first code block, exactly as written there.
  mapfile -t commands < <(awk '/^```/ {n++; next} n == 1' "$clone/README.md")
  ((${#commands[@]} == 2)) || die "README.md's first code block must hold exactly two commands, found ${#commands[@]}"
  run_timed readme-1 dev "${commands[0]}" || status=$?
  ((status)) || run_timed readme-2 dev "${commands[1]}" || status=$?
fi

echo
log "summary (fresh Debian 12 minbase + sudo):"
column -t -s $'\t' "$logs/summary.tsv" 2>/dev/null || cat "$logs/summary.tsv"
if ((status == 0)); then log "PASS"; else log "FAIL (exit $status)"; fi
exit "$status"
