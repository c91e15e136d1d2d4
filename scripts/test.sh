#!/usr/bin/env bash
# Builds dfopt if needed (Release, build/) and runs every test suite. Exits non-zero if any
# suite fails.
#
#   bash scripts/test.sh
#
# It never installs packages on a developer machine: run 'sudo bash scripts/setup.sh' once first.
# Under CI (CI=true, as root or with password-less sudo), it installs missing Debian packages
# itself, because CI starts from a fresh clone, possibly on a machine that never ran setup.sh.
set -Eeuo pipefail

log() { printf '==> %s\n' "$*"; }
on_error() {
  local rc=$?
  printf 'test.sh: error: "%s" failed with exit code %d (line %d)\n' "$BASH_COMMAND" "$rc" "$1" >&2
  exit "$rc"
}
trap 'on_error $LINENO' ERR

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

if [[ ${CI:-} == true ]] && { ((EUID == 0)) || sudo -n true 2>/dev/null; }; then
  bash scripts/setup.sh --no-run
  # Test-only packages: chromium renders the `dfopt audit --html` page headless; zsh, fish and
  # groff-base check the generated completions and manual page; dpkg-dev (dpkg-shlibdeps) lets
  # the test build the .deb with CPack; neovim drives `dfopt lsp` from its built-in LSP client.
  # Each test skips, and says so, without its tool.
  test_packages=(chromium zsh fish groff-base dpkg-dev neovim)
  missing_test_packages=()
  for p in "${test_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
      missing_test_packages+=("$p")
  done
  if ((${#missing_test_packages[@]})); then
    sudo_cmd=()
    ((EUID == 0)) || sudo_cmd=(sudo -n)
    "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
      --no-install-recommends -o Dpkg::Use-Pty=0 "${missing_test_packages[@]}" ||
      log "warning: could not install ${missing_test_packages[*]}; the tests that need them will be skipped"
  fi
  # clang and its runtimes (libFuzzer, ASan, UBSan) for the sanitizer build and the fuzzers.
  sanitizer_packages=(clang libclang-rt-dev)
  for p in "${sanitizer_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' && continue
    sudo_cmd=()
    ((EUID == 0)) || sudo_cmd=(sudo -n)
    "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
      --no-install-recommends -o Dpkg::Use-Pty=0 "${sanitizer_packages[@]}"
    break
  done
else
  bash scripts/setup.sh --no-install --no-run
fi

# Node.js tools used by some tests (package-lock.json), installed into node_modules/ when the
# lock file is newer than the last install. The tests that need them skip, and say so, when they
# are absent, so a failed install is a warning rather than a failed run.
if [[ -f package-lock.json ]] && command -v npm >/dev/null &&
  [[ ! node_modules/.package-lock.json -nt package-lock.json ]]; then
  log "installing Node.js test tools (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error ||
    log "warning: npm ci failed; tests that need Node.js tools will be skipped"
fi

# ShellCheck (Debian's shellcheck package, installed by setup.sh) is optional: without it the
# ShellCheck tests skip, so say so once here.
command -v shellcheck >/dev/null ||
  log "warning: shellcheck is not installed; the ShellCheck tests will be skipped"

failed=()

log "running ctest"
# --no-tests=error: a build that registers no test is a failure, not a silent pass.
ctest --test-dir build --output-on-failure -j2 --no-tests=error || failed+=(ctest)

# The sanitizer build (clang, ASan + UBSan; build-sanitize/, a full second build the first
# time): the whole suite again, a LeakSanitizer run over the real-world corpus, then a short run
# of each fuzz target. Always under CI; elsewhere with SANITIZE=1 (docs/fuzzing.md).
if [[ ${CI:-} == true || ${SANITIZE:-} == 1 ]]; then
  bash scripts/sanitize.sh || failed+=(sanitize)
  log "fuzzing each target for ${FUZZ_SECONDS:-20}s"
  bash scripts/fuzz.sh "${FUZZ_SECONDS:-20}" || failed+=(fuzz)
else
  log "skipping the sanitizer build and the fuzzers (CI=true or SANITIZE=1 runs them)"
fi

# Further harnesses (Node.js-based, for example) run here, each adding its name to 'failed'.

if ((${#failed[@]})); then
  printf 'test.sh: FAILED: %s\n' "${failed[*]}" >&2
  exit 1
fi
log "all test suites passed"
