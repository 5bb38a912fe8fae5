#!/usr/bin/env bash
# keypoints against the Python tools, on one core, on the shared data:
#   plain text (CNN/DM dev, 122 articles): keypoints vs sumy LexRank (3 sentences) and
#   newspaper4k's nlp() summary;
#   HTML (Scrapinghub benchmark, 181 pages): keypoints (extraction + digest) vs trafilatura
#   extraction + sumy LexRank.
# Prints one Markdown table: articles per CPU-second (every process pinned to core 0 with taskset),
# wall-clock articles/s, peak RSS, and keypoints' speed-up.
#
#   bench/vs_python.sh            # REPEAT=10 passes over each set for keypoints, 1 for Python
#
# keypoints runs twice on each set: the full digest, and `--only key_points` (structure,
# sentences and key points: the same job as the Python summarizers). Its figures include process
# start-up, reading the input and writing JSON; the Python helper times its own loop only.
#
# Creates a virtualenv (BENCH_VENV, default target/bench-venv) with sumy, newspaper4k,
# trafilatura and numpy from PyPI. Not part of the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${KEYPOINTS_SHARED:-../shared}
VENV=${BENCH_VENV:-target/bench-venv}
REPEAT=${REPEAT:-10}
PY_REPEAT=${PY_REPEAT:-1}
TEXT=$SHARED/data/summaries/cnndm-dev.jsonl
HTML=$SHARED/data/extraction/scrapinghub/html
for f in "$TEXT" "$HTML"; do
  [ -e "$f" ] || { echo "missing $f (set KEYPOINTS_SHARED)" >&2; exit 1; }
done
command -v taskset >/dev/null || { echo "needs taskset (util-linux)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
# Always a current pip: the venv may have been made by bench/html_vs_trafilatura.sh with the
# interpreter's old pip, which fails on lxml's extras when adding these packages.
"$VENV/bin/pip" install --quiet --disable-pip-version-check -U pip
"$VENV/bin/pip" install --quiet --disable-pip-version-check sumy newspaper4k trafilatura numpy
cargo build --release --quiet -p keypoints-cli
KP=target/release/keypoints
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
RESULTS=$TMP/results.jsonl

# measure TASK TOOL ARTICLES CMD...: runs CMD on core 0 under /usr/bin/time, appends a JSON line.
measure() {
  local task=$1 tool=$2 n=$3
  shift 3
  /usr/bin/time -f "%e %U %S %M" -o "$TMP/time" taskset -c 0 "$@" >"$TMP/out" 2>"$TMP/err" || {
    echo "failed: $*" >&2; cat "$TMP/err" >&2; exit 1; }
  read -r wall user sys rss <"$TMP/time"
  python3 - "$task" "$tool" "$n" "$wall" "$user" "$sys" "$rss" "$TMP/out" >>"$RESULTS" <<'PY'
import json, sys
task, tool, n, wall, user, sys_, rss, out = sys.argv[1:]
n = int(n); wall = float(wall); cpu = float(user) + float(sys_)
rec = {"task": task, "tool": tool, "articles": n, "wall": wall, "cpu": cpu, "rss_mb": int(rss) / 1024}
# The Python helper times its own loop (imports and setup excluded): use its figures.
for line in open(out):
    line = line.strip()
    if line.startswith("{") and '"articles_per_cpu_s"' in line:
        py = json.loads(line)
        rec.update(articles=py["articles"], wall=py["seconds"], cpu=py["cpu_seconds"],
                   nonempty=py["nonempty"])
print(json.dumps(rec))
PY
}

PYRUN=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 "$VENV/bin/python" bench/py_baselines.py)
n_text=$(grep -c . "$TEXT")
n_html=$(ls "$HTML"/*.html.gz | wc -l)
text_inputs=(); html_inputs=()
for _ in $(seq "$REPEAT"); do text_inputs+=("$TEXT"); html_inputs+=("$HTML"); done

echo "running keypoints (text)..." >&2
measure text keypoints $((n_text * REPEAT)) "$KP" batch -q --jobs 1 "${text_inputs[@]}" -o /dev/null
measure text "keypoints --only key_points" $((n_text * REPEAT)) "$KP" batch -q --jobs 1 --only key_points "${text_inputs[@]}" -o /dev/null
echo "running sumy LexRank (text)..." >&2
measure text "sumy LexRank" 0 "${PYRUN[@]}" sumy "$TEXT" --repeat "$PY_REPEAT"
echo "running newspaper4k nlp() (text)..." >&2
measure text "newspaper4k nlp()" 0 "${PYRUN[@]}" newspaper "$TEXT" --repeat "$PY_REPEAT"
echo "running keypoints (html)..." >&2
measure html keypoints $((n_html * REPEAT)) "$KP" batch -q --jobs 1 "${html_inputs[@]}" -o /dev/null
measure html "keypoints --only key_points" $((n_html * REPEAT)) "$KP" batch -q --jobs 1 --only key_points "${html_inputs[@]}" -o /dev/null
echo "running trafilatura + sumy (html)..." >&2
measure html "trafilatura + sumy LexRank" 0 "${PYRUN[@]}" trafilatura-sumy "$HTML" --train "$TEXT" --repeat "$PY_REPEAT"

python3 - "$RESULTS" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
kp = {r["task"]: r for r in rows if r["tool"] == "keypoints"}
kpo = {r["task"]: r for r in rows if r["tool"] == "keypoints --only key_points"}
rate = lambda r: r["articles"] / max(r["cpu"], 1e-9)
print("| input | tool | articles | articles/CPU-s (1 core) | articles/s wall | peak RSS MB | keypoints (full digest) is | keypoints --only key_points is |")
print("|---|---|---:|---:|---:|---:|---:|---:|")
for r in rows:
    mine = r["tool"].startswith("keypoints")
    full = "-" if mine else f"{rate(kp[r['task']]) / rate(r):.0f}x faster"
    only = "-" if mine else f"{rate(kpo[r['task']]) / rate(r):.0f}x faster"
    label = {"text": "text (CNN/DM dev)", "html": "HTML (Scrapinghub)"}[r["task"]]
    print(f"| {label} | {r['tool']} | {r['articles']} | {rate(r):.1f} | {r['articles'] / max(r['wall'], 1e-9):.1f} | {r['rss_mb']:.0f} | {full} | {only} |")
PY
