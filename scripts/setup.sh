#!/usr/bin/env bash
# Sets up dfopt on Debian 12 (bookworm): installs the missing build dependencies with apt-get,
# configures and builds with CMake + Ninja (Release, build/), then runs dfopt on a sample.
#
#   sudo bash scripts/setup.sh             install what is missing, build, run the sample
#   bash scripts/setup.sh --no-install     build only if every dependency is already there
#   bash scripts/setup.sh --no-run         skip the sample run (scripts/test.sh uses this)
#
# Safe to run again: installed packages are skipped, and the build is incremental. Run through
# sudo by a normal user, it installs as root and then builds as that user, so build/ stays theirs.
set -Eeuo pipefail

# The command that shows dfopt working, run on SAMPLE after the build.
MAIN_CMD="build/dfopt check"
SAMPLE="corpus/go-multistage.Dockerfile"

# Debian packages, installed when missing. Java, Node.js and npm are checked by command instead
# (below), since other packages may provide them.
PACKAGES=(
  g++ cmake ninja-build pkg-config git ca-certificates
  # libantlr4-runtime-dev's CMake targets link -luuid without depending on uuid-dev.
  antlr4 libantlr4-runtime-dev uuid-dev
  # libsqlite3-dev: `dfopt audit --db` keeps its run history in SQLite.
  libfmt-dev libcli11-dev nlohmann-json3-dev librange-v3-dev libsqlite3-dev libyaml-cpp-dev
  libgtest-dev libgmock-dev googletest libbenchmark-dev
)
# Installed too, but not needed to build: `dfopt check --shellcheck` runs ShellCheck, and the
# tests that need it skip (and say so) when it is absent.
OPTIONAL_PACKAGES=(shellcheck)

log() { printf '==> %s\n' "$*"; }
die() { printf 'setup.sh: error: %s\n' "$*" >&2; exit 1; }
on_error() {
  local rc=$?
  printf 'setup.sh: error: "%s" failed with exit code %d (line %d)\n' "$BASH_COMMAND" "$rc" "$1" >&2
  exit "$rc"
}
trap 'on_error $LINENO' ERR

install=1
run_sample=1
for arg in "$@"; do
  case "$arg" in
    --no-install) install=0 ;;
    --no-run) run_sample=0 ;;
    -h | --help) sed -n '2,10s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) die "unknown option '$arg' (try --help)" ;;
  esac
done

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

installed() {
  local status
  status=$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) || return 1
  [[ $status == *" ok installed" ]]
}

missing_packages() {
  local pkg
  for pkg in "${PACKAGES[@]}"; do
    installed "$pkg" || printf '%s\n' "$pkg"
  done
  command -v java >/dev/null || printf '%s\n' default-jre-headless
  command -v node >/dev/null || printf '%s\n' nodejs
  command -v npm >/dev/null || printf '%s\n' npm
}

install_missing() {
  if ! command -v apt-get >/dev/null || ! command -v dpkg-query >/dev/null; then
    die "apt-get not found: this script supports Debian 12; install the equivalents of: ${PACKAGES[*]} default-jre-headless nodejs npm"
  fi
  if [[ -r /etc/os-release ]] && ! grep -qx 'VERSION_ID="12"' /etc/os-release; then
    log "warning: this is not Debian 12; package names may differ"
  fi

  local missing pkg
  mapfile -t missing < <(missing_packages)
  for pkg in "${OPTIONAL_PACKAGES[@]}"; do
    installed "$pkg" || missing+=("$pkg")
  done
  if ((${#missing[@]} == 0)); then
    log "all build dependencies are installed"
    return
  fi

  local sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null || die "must run as root to install: ${missing[*]} (sudo not found)"
    sudo=(sudo)
  fi
  log "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q || die "apt-get update failed: check the network and /etc/apt/sources.list*"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    -o Dpkg::Use-Pty=0 "${missing[@]}" || die "apt-get install failed for: ${missing[*]}"
}

check_installed() {
  local missing
  mapfile -t missing < <(missing_packages)
  ((${#missing[@]} == 0)) ||
    die "missing build dependencies: ${missing[*]}; run 'sudo bash scripts/setup.sh' first"
}

build() {
  # Configure only when build/ has no Ninja build yet; after that Ninja re-runs CMake itself
  # whenever a CMakeLists.txt or a globbed source list changes.
  if [[ ! -f build/build.ninja ]]; then
    log "configuring (cmake --preset release)"
    cmake --preset release
  fi
  log "building (cmake --build --preset release)"
  cmake --build --preset release
}

step() {
  local start=$SECONDS
  "$@"
  log "$1: done in $((SECONDS - start)) s"
}

if ((install)); then
  step install_missing
  # Under sudo, build as the calling user so that build/ is theirs, when they can write here.
  if ((EUID == 0)) && [[ -n ${SUDO_USER:-} && $SUDO_USER != root ]] &&
    sudo -u "$SUDO_USER" test -w "$repo"; then
    log "building as $SUDO_USER"
    args=(--no-install)
    ((run_sample)) || args+=(--no-run)
    exec sudo -u "$SUDO_USER" -H -- bash "$repo/scripts/setup.sh" "${args[@]}"
  fi
else
  check_installed
fi

step build

if ((run_sample)); then
  log "running: $MAIN_CMD $SAMPLE"
  rc=0
  $MAIN_CMD "$SAMPLE" || rc=$?
  # 0: nothing found, 1: findings reported (the sample has some on purpose); 2 is a failure.
  ((rc <= 1)) || die "'$MAIN_CMD $SAMPLE' exited with $rc"
  log "dfopt is built and working: $repo/build/dfopt"
fi
