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

# In-process figures, timed like the Python helper times its loop (no start-up, no I/O): the
# thread's CPU time over repeated passes, with one analyzer kept (`keypoints bench`).
echo "running keypoints bench (in-process)..." >&2
taskset -c 0 "$KP" bench --data "$TEXT" --seconds 3 >"$TMP/bench"
python3 - "$TMP/bench" "$n_text" >>"$RESULTS" <<'PY'
import json, re, sys
for line in open(sys.argv[1]):
    m = re.match(r"articles/CPU-s, one core, (full digest|key points only) \((\d+) passes, ([\d.]+) s\)\s+(\d+)", line)
    if m:
        kind, passes, secs, rate = m.group(1), int(m.group(2)), float(m.group(3)), float(m.group(4))
        n = passes * int(sys.argv[2])
        tool = "keypoints, in-process" + ("" if kind == "full digest" else " --only key_points")
        print(json.dumps({"task": "text", "tool": tool, "articles": n, "wall": secs, "cpu": n / rate, "rss_mb": 0}))
PY
python3 - "$RESULTS" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
kp = {r["task"]: r for r in rows if r["tool"] == "keypoints"}
kpo = {r["task"]: r for r in rows if r["tool"] == "keypoints --only key_points"}
# The in-process rows compare with the Python helpers' in-process loops.
inproc = {r["tool"]: r for r in rows if r["tool"].startswith("keypoints, in-process")}
rate = lambda r: r["articles"] / max(r["cpu"], 1e-9)
print("| input | tool | articles | articles/CPU-s (1 core) | articles/s wall | peak RSS MB | keypoints (full digest) is | keypoints --only key_points is |")
print("|---|---|---:|---:|---:|---:|---:|---:|")
for r in rows:
    mine = r["tool"].startswith("keypoints")
    full = "-" if mine else f"{rate(kp[r['task']]) / rate(r):.0f}x faster"
    only = "-" if mine else f"{rate(kpo[r['task']]) / rate(r):.0f}x faster"
    label = {"text": "text (CNN/DM dev)", "html": "HTML (Scrapinghub)"}[r["task"]]
    rss = "%.0f" % r["rss_mb"] if r["rss_mb"] else "-"
    print(f"| {label} | {r['tool']} | {r['articles']} | {rate(r):.1f} | {r['articles'] / max(r['wall'], 1e-9):.1f} | {rss} | {full} | {only} |")
# The same ratios, in-process against in-process (both loops timed on the thread's CPU).
if inproc:
    print()
    print("| in-process, text (CNN/DM dev) | articles/CPU-s | keypoints full digest is | keypoints --only key_points is |")
    print("|---|---:|---:|---:|")
    full_ip = inproc.get("keypoints, in-process")
    only_ip = inproc.get("keypoints, in-process --only key_points")
    for r in rows:
        if r["task"] != "text" or r["tool"].startswith("keypoints"):
            continue
        f = f"{rate(full_ip) / rate(r):.0f}x faster" if full_ip else "-"
        o = f"{rate(only_ip) / rate(r):.0f}x faster" if only_ip else "-"
        print(f"| {r['tool']} | {rate(r):.1f} | {f} | {o} |")
PY
