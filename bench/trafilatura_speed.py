#!/usr/bin/env python3
"""Times trafilatura's extract() on the benchmark pages, one process, one core.

Prints one tab-separated line: name, pages, wall seconds, CPU seconds (best of N passes).
Used by bench/html_vs_trafilatura.sh.
"""
import gzip
import json
import sys
import time
from pathlib import Path

import trafilatura


def main():
    folder = Path(sys.argv[1])
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    ids = sorted(json.loads((folder / "ground-truth.json").read_text(encoding="utf-8")))
    pages = [gzip.decompress((folder / "html" / f"{i}.html.gz").read_bytes()) for i in ids]
    best_wall = best_cpu = float("inf")
    for _ in range(max(1, repeat)):
        w0, c0 = time.perf_counter(), time.process_time()
        for html in pages:
            trafilatura.extract(html)
        best_wall = min(best_wall, time.perf_counter() - w0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    print(f"trafilatura {trafilatura.__version__} (Python)\t{len(pages)}\t{best_wall:.3f}\t{best_cpu:.3f}")


if __name__ == "__main__":
    main()
