#!/usr/bin/env bash
# Runs the libFuzzer targets (fuzz/) of the sanitizer build (build-sanitize/, the `sanitize`
# CMake preset: clang, ASan + UBSan), each for SECONDS (default 60), one after the other.
#
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]      e.g. bash scripts/fuzz.sh 3600 fuzz_fix
#
# TARGET is fuzz_parse, fuzz_check, fuzz_fix or fuzz_shell (default: all four). The seed corpus
# is built at run time from corpus/*.Dockerfile and tests/rules/**/*.Dockerfile; the inputs
# libFuzzer finds are kept in build-sanitize/fuzz/corpus/TARGET/ so later runs resume from them.
# A crash, leak, hang (over 10 s) or broken fix contract stops that target and leaves the input in
# build-sanitize/fuzz/artifacts/; the script then exits non-zero. docs/fuzzing.md explains how a
# finding becomes a regression test.
#
# Environment: FUZZ_SEED (libFuzzer -seed; CI=true defaults it to 1 so that a CI run is
# reproducible), FUZZ_JOBS (parallel fuzzing processes per target, default 1), FUZZ_ARGS (more
# libFuzzer flags).
set -Eeuo pipefail

log() { printf '==> %s\n' "$*"; }
die() { printf 'fuzz.sh: error: %s\n' "$*" >&2; exit 2; }

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

seconds=60
if [[ ${1:-} =~ ^[0-9]+$ ]]; then
  seconds=$1
  shift
elif [[ ${1:-} == -h || ${1:-} == --help ]]; then
  sed -n '2,16s/^# \{0,1\}//p' "$0"
  exit 0
fi
all_targets=(fuzz_parse fuzz_check fuzz_fix fuzz_shell)
targets=("$@")
((${#targets[@]})) || targets=("${all_targets[@]}")
for t in "${targets[@]}"; do
  [[ " ${all_targets[*]} " == *" $t "* ]] || die "unknown target '$t' (one of: ${all_targets[*]})"
done

build="build-sanitize"
if [[ ! -f $build/CMakeCache.txt ]]; then
  log "configuring $build (cmake --preset sanitize)"
  cmake --preset sanitize >/dev/null
fi
log "building ${targets[*]}"
ninja -C "$build" -j2 "${targets[@]}"

# Seeds: the in-repo samples and every rule fixture (copied, so libFuzzer can read a flat dir).
seeds=$build/fuzz/seeds
rm -rf "$seeds"
mkdir -p "$seeds" "$build/fuzz/artifacts"
n=0
while IFS= read -r -d '' f; do
  n=$((n + 1))
  cp "$f" "$seeds/$n.Dockerfile"
done < <(find corpus tests/rules -name '*.Dockerfile' -type f -print0 | sort -z)
log "seed corpus: $n files from corpus/ and tests/rules/"

seed=${FUZZ_SEED:-}
[[ -z $seed && ${CI:-} == true ]] && seed=1
# Findings stop a run; report them after every target has had its turn.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
failed=()
for t in "${targets[@]}"; do
  dir=$build/fuzz/corpus/$t
  mkdir -p "$dir"
  args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384
        -dict=fuzz/dockerfile.dict -print_final_stats=1
        -artifact_prefix="$build/fuzz/artifacts/$t-")
  [[ -n $seed ]] && args+=(-seed="$seed")
  if [[ ${FUZZ_JOBS:-1} -gt 1 ]]; then
    args+=(-jobs="$FUZZ_JOBS" -workers="$FUZZ_JOBS")
  fi
  # shellcheck disable=SC2206  # FUZZ_ARGS is a list of flags
  [[ -n ${FUZZ_ARGS:-} ]] && args+=($FUZZ_ARGS)
  log "$t for ${seconds}s"
  out=$build/fuzz/$t.log
  rc=0
  "$build/fuzz/$t" "${args[@]}" "$dir" "$seeds" >"$out" 2>&1 || rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out" | tail -1)
  secs=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$out" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$out" | tail -1 || true)
  units=$(find "$dir" -type f | wc -l)
  if ((rc != 0)); then
    failed+=("$t")
    printf 'fuzz.sh: %s FAILED (exit code %d); the last lines of %s:\n' "$t" "$rc" "$out" >&2
    tail -n 40 "$out" >&2
  else
    rate=0
    [[ -n $runs && -n $secs && $secs -gt 0 ]] && rate=$((runs / secs))
    log "$t: ${runs:-?} runs in ${secs:-?}s (${rate} exec/s), ${cov:-cov: ?}, corpus $units inputs"
  fi
done

if ((${#failed[@]})); then
  printf 'fuzz.sh: findings in: %s (inputs in %s/fuzz/artifacts/)\n' "${failed[*]}" "$build" >&2
  exit 1
fi
log "no findings"
