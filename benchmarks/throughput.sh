#!/usr/bin/env bash
# Prints a throughput table for dfopt: the ANTLR lexer alone (the ceiling), bytes to AST, and
# bytes to AST + model, each with 1 and 2 workers as threads and as processes.
#
#   bash benchmarks/throughput.sh [DIR...]
#
# DIR defaults to ../shared/corpus/real/files (DFOPT_SHARED_DIR overrides ../shared), or the
# project's corpus/ when that is absent. Builds build-bench/ (Release) first if needed.
# Environment: MODES (default "antlr parse model"; a "+ref" suffix, e.g. model+ref, lexes
# instruction bodies with the generated lexer as ParseOptions::reference_lexer does), JOBS
# (default "1 2"), RUNS (best of, default 3), REPEAT (passes over the files per run, default 1),
# BUILD_DIR (default build-bench).
# MB = 10^6 bytes; "speedup" is MB/s over the same mode and worker kind at -j1; MB/cpu_s is bytes
# over the CPU time actually used (user + system, all workers), which stays meaningful on a busy
# machine where the wall-clock columns do not.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD_DIR:-$root/build-bench}
modes=${MODES:-antlr parse model}
jobs=${JOBS:-1 2}
runs=${RUNS:-3}
repeat=${REPEAT:-1}

dirs=("$@")
if [ ${#dirs[@]} -eq 0 ]; then
  shared=${DFOPT_SHARED_DIR:-$root/../shared}
  if [ -d "$shared/corpus/real/files" ]; then
    dirs=("$shared/corpus/real/files")
  else
    echo "throughput.sh: $shared/corpus/real/files is absent; using $root/corpus" >&2
    dirs=("$root/corpus")
  fi
fi

if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
ninja -C "$build" dfopt-throughput >/dev/null
tool=$build/benchmarks/dfopt-throughput

# Other work on the machine makes wall-clock scaling meaningless; say so rather than hide it.
cores=$(nproc)
load=$(cut -d' ' -f1 /proc/loadavg)
if awk -v l="$load" 'BEGIN { exit !(l > 0.5) }'; then
  echo "throughput.sh: warning: load average $load on $cores cores; figures will be low" >&2
fi

echo "$(date -u +%F) $(lscpu | sed -n 's/^Model name: *//p'), $cores cores; ${dirs[*]}"
printf '%-9s %-9s %3s %8s %8s %9s %8s %7s %9s %9s\n' mode workers -j files/s MB/s MB/s/wkr speedup \
  cpu_s MB/cpu_s peak_MiB
for mode in $modes; do
  ref=
  [ "$mode" = "${mode%+ref}" ] || ref=1
  for workers in threads processes; do
    base=
    for j in $jobs; do
      best=
      for _ in $(seq "$runs"); do
        row=$("$tool" --tsv --mode "${mode%+ref}" ${ref:+--reference-lexer} --workers "$workers" \
          -j "$j" --repeat "$repeat" "${dirs[@]}")
        mbs=$(cut -f8 <<<"$row")
        if [ -z "$best" ] || awk -v a="$mbs" -v b="$(cut -f8 <<<"$best")" 'BEGIN { exit !(a > b) }'; then
          best=$row
        fi
      done
      IFS=$'\t' read -r _ _ _ _ bytes _ fps mbs per cpu rss _ <<<"$best"
      [ -n "$base" ] || base=$mbs
      speedup=$(awk -v a="$mbs" -v b="$base" 'BEGIN { printf "%.2f", a / b }')
      per_cpu=$(awk -v b="$bytes" -v c="$cpu" 'BEGIN { printf "%.2f", (c > 0 ? b / 1e6 / c : 0) }')
      printf '%-9s %-9s %3s %8s %8s %9s %8s %7s %9s %9s\n' "$mode" "$workers" "$j" "$fps" "$mbs" \
        "$per" "${speedup}x" "$cpu" "$per_cpu" "$rss"
    done
  done
done
