#!/usr/bin/env bash
# Compares `dfopt check` with its npm peers, dockerfilelint and dockerfile-utils, on the same
# files: each tool runs in ONE process over all of them, and the table gives seconds, files/s and
# how many times slower than dfopt -j2 and -j1 each tool is.
#
#   bash benchmarks/compare_peers.sh [DIR]
#
# DIR defaults to ../shared/corpus/real/files (DFOPT_SHARED_DIR overrides ../shared), or the
# project's corpus/ when that is absent. dfopt discovers the Dockerfiles below DIR itself; the
# peers get the identical list (`dfopt check --show-files`), linted by benchmarks/peer_driver.js,
# which loads each library once. Runs `npm ci` when node_modules lacks the peers (package.json
# pins them) and builds dfopt into BUILD_DIR if needed; it installs nothing else.
# Environment: RUNS (best of, default 3), BUILD_DIR (default build-peers), DFOPT (a dfopt binary
# to use instead of building one), HYPERFINE=0 (time with bash even when hyperfine is installed).
# "seconds" is the wall clock of the whole process (start-up, discovery, reading, linting,
# reporting to /dev/null), the best of RUNS runs; "vs-jN" is seconds / dfopt -jN's seconds, i.e.
# how many times longer than dfopt -jN the tool takes.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD_DIR:-$root/build-peers}
runs=${RUNS:-3}

dir=${1:-}
if [ -z "$dir" ]; then
  shared=${DFOPT_SHARED_DIR:-$root/../shared}
  if [ -d "$shared/corpus/real/files" ]; then
    dir=$shared/corpus/real/files
  else
    echo "compare_peers.sh: $shared/corpus/real/files is absent; using $root/corpus" >&2
    dir=$root/corpus
  fi
fi
dir=$(cd "$dir" && pwd)

# The peers, from package.json / package-lock.json.
if ! (cd "$root" && node -e "require.resolve('dockerfilelint'); require.resolve('dockerfile-utils')") \
  2>/dev/null; then
  echo "compare_peers.sh: installing the npm peers (npm ci)" >&2
  (cd "$root" && npm ci --no-audit --no-fund >&2)
fi

# dfopt, Release.
dfopt=${DFOPT:-}
if [ -z "$dfopt" ]; then
  if [ ! -f "$build/build.ninja" ]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  fi
  ninja -C "$build" dfopt >/dev/null
  dfopt=$build/dfopt
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The one file list every tool works on.
"$dfopt" check --show-files "$dir" >"$tmp/files"
files=$(grep -c . "$tmp/files" || true)
if [ "$files" -eq 0 ]; then
  echo "compare_peers.sh: no Dockerfiles under $dir" >&2
  exit 2
fi
bytes=$(tr '\n' '\0' <"$tmp/files" | xargs -0 cat | wc -c)

driver=$root/benchmarks/peer_driver.js
names=("dfopt -j2" "dfopt -j1" "dockerfilelint" "dockerfile-utils")
commands=(
  "$dfopt check -j 2 --no-color --fail-level none $dir"
  "$dfopt check -j 1 --no-color --fail-level none $dir"
  "node $driver dockerfilelint $tmp/files"
  "node $driver dockerfile-utils $tmp/files"
)

# One untimed pass per tool: it warms the page cache and gives the finding counts.
findings=()
notes=()
"$dfopt" check -j 2 --no-color --fail-level none --format json "$dir" >"$tmp/dfopt.json"
findings+=("$(node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(r.files.reduce((n, f) => n + f.diagnostics.length, 0));' "$tmp/dfopt.json" \
  2>/dev/null || echo '?')")
findings+=("${findings[0]}")
notes+=("" "")
for tool in dockerfilelint dockerfile-utils; do
  IFS=$'\t' read -r _ n _ found failed _ < <(node "$driver" "$tool" "$tmp/files")
  if [ "$n" != "$files" ]; then
    echo "compare_peers.sh: $tool linted $n files, expected $files" >&2
    exit 2
  fi
  findings+=("$found")
  notes+=("$([ "$failed" -eq 0 ] || echo "threw on $failed files")")
done

# Other work on the machine inflates every figure; print the load with them.
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

seconds=()
if [ "${HYPERFINE:-1}" != 0 ] && command -v hyperfine >/dev/null; then
  timer="hyperfine (min of $runs runs, 1 warm-up)"
  hyperfine -N --style none --warmup 1 --runs "$runs" --export-json "$tmp/times.json" \
    "${commands[@]}" >/dev/null
  mapfile -t seconds < <(node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    for (const x of r.results) console.log(x.min.toFixed(3));' "$tmp/times.json")
else
  timer="bash (best of $runs runs)"
  for command in "${commands[@]}"; do
    best=
    for _ in $(seq "$runs"); do
      start=$(date +%s%N)
      # Word splitting is wanted: the commands hold no quoted arguments.
      # shellcheck disable=SC2086
      $command >/dev/null
      end=$(date +%s%N)
      t=$(((end - start) / 1000))
      if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
    done
    seconds+=("$(awk -v us="$best" 'BEGIN { printf "%.3f", us / 1e6 }')")
  done
fi

load_after=$(cut -d' ' -f1-3 /proc/loadavg)

echo "$(date -u '+%F %H:%M') UTC; $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores"
echo "$dir: $files files, $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB; timed with $timer"
echo "load average (1/5/15 min): $load_before before, $load_after after"
# shellcheck disable=SC2016 # JavaScript template literals, not shell expansions
versions=$(cd "$root" && node -p '["dockerfilelint", "dockerfile-utils"]
  .map((p) => `${p} ${require(`${p}/package.json`).version}`).join(", ")')
echo "$versions, node $(node --version)"
printf '%-17s %6s %9s %9s %9s %9s %9s  %s\n' tool files seconds files/s vs-j2 vs-j1 findings \
  note
for i in "${!names[@]}"; do
  awk -v name="${names[$i]}" -v n="$files" -v s="${seconds[$i]}" -v j2="${seconds[0]}" \
    -v j1="${seconds[1]}" -v found="${findings[$i]}" -v note="${notes[$i]}" 'BEGIN {
      printf "%-17s %6d %9.3f %9.0f %8.2fx %8.2fx %9s  %s\n", name, n, s, n / s, s / j2, s / j1,
        found, note
    }'
done
