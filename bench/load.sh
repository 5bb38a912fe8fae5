#!/usr/bin/env bash
# Load benchmark of the service (not a test): POST /v1/analyze with a ~4 KB article at 64
# concurrent connections for 30 s, with wrk, against a release build on 127.0.0.1.
#
#   bench/load.sh                 # defaults: 64 connections, 30 s
#   CONNECTIONS=16 DURATION=10s bench/load.sh
#
# Needs wrk (apt-get install wrk; .ci/setup.d/20-chromium.sh installs it) and the shared data
# (../shared or $KEYPOINTS_SHARED) for the article. Prints requests/s, p50/p99 latency and errors
# as a Markdown table row, and exits non-zero when any request failed.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SHARED=${KEYPOINTS_SHARED:-$ROOT/../shared}
CONNECTIONS=${CONNECTIONS:-64}
DURATION=${DURATION:-30s}
THREADS=${THREADS:-2}
PORT=${PORT:-18931}

command -v wrk >/dev/null || { echo "bench/load.sh: wrk not found (apt-get install wrk)" >&2; exit 2; }
DATA="$SHARED/data/summaries/cnndm-dev.jsonl"
[ -f "$DATA" ] || { echo "bench/load.sh: $DATA not found" >&2; exit 2; }

WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# The article: the one of the English dev set whose size is closest to 4 KB.
python3 - "$DATA" "$WORK/article.txt" <<'PY'
import json, sys
best = None
for line in open(sys.argv[1], encoding="utf-8"):
    text = json.loads(line)["text"]
    size = len(text.encode("utf-8"))
    if best is None or abs(size - 4096) < abs(best[0] - 4096):
        best = (size, text)
open(sys.argv[2], "w", encoding="utf-8").write(best[1])
PY
BYTES=$(wc -c < "$WORK/article.txt")

cat > "$WORK/post.lua" <<'LUA'
local f = assert(io.open(os.getenv("KP_BODY"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "text/plain; charset=utf-8"

-- errors.status counts answers of 400 and above.
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format("KP_RESULT %d %.1f %.2f %.2f %.2f %d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, errors))
end
LUA

echo "== building the release binary" >&2
cargo build --release -p keypoints-cli >&2
BIN="$ROOT/target/release/keypoints"

"$BIN" serve --addr "127.0.0.1:$PORT" --db "$WORK/load.db" 2>"$WORK/server.log" &
SERVER_PID=$!
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null || { cat "$WORK/server.log" >&2; exit 1; }
# One request first, to check the answer.
curl -sf -H 'content-type: text/plain' --data-binary @"$WORK/article.txt" \
  "http://127.0.0.1:$PORT/v1/analyze" >/dev/null

echo "== wrk: $CONNECTIONS connections, $DURATION, $THREADS threads, $BYTES-byte article" >&2
KP_BODY="$WORK/article.txt" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency \
  -s "$WORK/post.lua" "http://127.0.0.1:$PORT/v1/analyze" | tee "$WORK/wrk.txt" >&2

read -r _ REQS RPS P50 P99 MAX ERRS < <(grep '^KP_RESULT' "$WORK/wrk.txt")
echo
echo "| endpoint | article | connections | duration | requests | requests/s | p50 ms | p99 ms | max ms | errors |"
echo "|---|---|---|---|---|---|---|---|---|---|"
echo "| POST /v1/analyze | $BYTES B | $CONNECTIONS | $DURATION | $REQS | $RPS | $P50 | $P99 | $MAX | $ERRS |"
[ "$ERRS" -eq 0 ]
