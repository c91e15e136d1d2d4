#!/usr/bin/env bash
# Prints the throughput of `dfopt audit` over a tree, next to `dfopt check` over the same tree:
# files per second of wall time and per CPU-second (user + system, every worker process), and
# peak memory.
#
#   bash benchmarks/audit_throughput.sh [DIR]
#
# DIR defaults to ../shared/corpus/real/files (DFOPT_SHARED_DIR overrides ../shared), or the
# project's corpus/ when that is absent. Builds build-bench/ (Release) first if needed.
# Environment: JOBS (default "2 1"), RUNS (best of, default 3), BUILD_DIR (default build-bench),
# DFOPT (a dfopt binary to use instead of building one).
# Files per CPU-second stays meaningful on a busy machine, where wall time does not: with W
# workers on W idle cores the wall-time rate is about W times the per-CPU-second rate, minus the
# serial part (discovery, configuration, writing outputs).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD_DIR:-$root/build-bench}
jobs=${JOBS:-2 1}
runs=${RUNS:-3}

dir=${1:-}
if [ -z "$dir" ]; then
  shared=${DFOPT_SHARED_DIR:-$root/../shared}
  if [ -d "$shared/corpus/real/files" ]; then
    dir=$shared/corpus/real/files
  else
    echo "audit_throughput.sh: $shared/corpus/real/files is absent; using $root/corpus" >&2
    dir=$root/corpus
  fi
fi

tool=${DFOPT:-}
if [ -z "$tool" ]; then
  if [ ! -f "$build/build.ninja" ]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  fi
  ninja -C "$build" dfopt >/dev/null
  tool=$build/dfopt
fi
if [ ! -x /usr/bin/time ]; then
  echo "audit_throughput.sh: /usr/bin/time is missing (Debian package time)" >&2
  exit 2
fi

cores=$(nproc)
load=$(cut -d' ' -f1 /proc/loadavg)
if awk -v l="$load" 'BEGIN { exit !(l > 0.5) }'; then
  echo "audit_throughput.sh: warning: load average $load on $cores cores; wall-time figures" \
    "will be low (per CPU-second ones hold)" >&2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The number of files the audit checks, from its summary ("N files in R repositories, ...").
files=$("$tool" audit --no-progress -j1 "$dir" 2>/dev/null |
  sed -n 's/^\([0-9][0-9]*\) files in .*/\1/p' | tail -1)
if [ -z "$files" ]; then
  echo "audit_throughput.sh: could not read the file count from the audit summary" >&2
  exit 2
fi

echo "$(date -u +%F) $(lscpu | sed -n 's/^Model name: *//p'), $cores cores, load $load; $dir" \
  "($files files)"
printf '%-22s %6s %8s %8s %11s %9s\n' command wall_s files/s cpu_s files/cpu_s peak_MiB

# Runs a command RUNS times and prints its best (by wall time) row.
measure() {
  local label=$1
  shift
  local best_wall= best_cpu= best_rss=
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" "$@" >/dev/null 2>&1 || true
    # /usr/bin/time puts "Command exited with non-zero status N" first (check exits 1 on findings).
    read -r wall user sys rss < <(tail -n 1 "$tmp/time")
    if [ -z "$best_wall" ] || awk -v a="$wall" -v b="$best_wall" 'BEGIN { exit !(a < b) }'; then
      best_wall=$wall
      best_cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
      best_rss=$rss
    fi
  done
  awk -v l="$label" -v w="$best_wall" -v c="$best_cpu" -v r="$best_rss" -v f="$files" 'BEGIN {
    printf "%-22s %6.2f %8.0f %8.2f %11.0f %9.0f\n", l, w, (w > 0 ? f / w : 0), c,
      (c > 0 ? f / c : 0), r / 1024 }'
}

for j in $jobs; do
  measure "dfopt audit -j$j" "$tool" audit --no-progress -j"$j" "$dir"
  measure "dfopt check -j$j" "$tool" check -j"$j" --format json --output "$tmp/check.json" "$dir"
done
