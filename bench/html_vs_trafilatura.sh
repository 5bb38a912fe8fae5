#!/usr/bin/env bash
# Speed of keypoints' HTML extraction (and extraction plus full analysis) against trafilatura on
# the same pages, in the same run, one core each. A benchmark, not a test.
#
#   bench/html_vs_trafilatura.sh [BENCHMARK_DIR] [PASSES]
#
# Makes a virtualenv under target/bench-venv with trafilatura from PyPI on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${KEYPOINTS_SHARED:-$(pwd)/../shared}"
dir="${1:-$shared/data/extraction/scrapinghub}"
passes="${2:-3}"
[ -f "$dir/ground-truth.json" ] || { echo "benchmark not found in $dir" >&2; exit 2; }

cargo build --quiet --release -p keypoints-cli
venv=target/bench-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/python" -c "import trafilatura" 2>/dev/null || "$venv/bin/pip" install --quiet trafilatura lxml_html_clean

ours=$(./target/release/keypoints bench-html "$dir" --repeat "$passes" --tsv)
theirs=$("$venv/bin/python" bench/trafilatura_speed.py "$dir" "$passes")

# Columns: name, pages, wall seconds, CPU seconds. Speed is pages per CPU second (one core), so
# that other load on the machine does not skew the comparison.
printf '%s\n%s\n' "$ours" "$theirs" | awk -F'\t' '
  { name[NR]=$1; pages[NR]=$2; wall[NR]=$3; cpu[NR]=$4 }
  END {
    t = NR  # trafilatura is the last line
    print "| extractor (1 core) | pages | wall s | CPU s | pages/s (CPU) | vs trafilatura |"
    print "|---|---|---|---|---|---|"
    for (i = 1; i <= NR; i++) {
      ratio = (cpu[i] > 0) ? cpu[t] / cpu[i] : 0
      printf "| %s | %d | %.3f | %.3f | %.0f | %.1fx |\n", name[i], pages[i], wall[i], cpu[i], pages[i] / cpu[i], ratio
    }
  }'
