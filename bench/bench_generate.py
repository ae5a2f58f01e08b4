"""Benchmark `pokerlake generate`: hands per second for a given size and worker count.

Why: parse and load benchmarks need millions of generated hands, so generation speed is a
budget of its own. Usage:

    .venv/bin/python bench/bench_generate.py --hands 200000 --players 500 --workers 2 [--out DIR]

Prints hands, files, tilt episodes, output bytes, wall seconds and hands/s, plus CPU seconds
(this process and its workers) and hands per CPU-second, which stays meaningful when other work
shares the machine. Without --out, writes to a temporary directory that is removed afterwards.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from ingestion.generator import generate


def _cpu_s() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hands", type=int, default=100_000)
    ap.add_argument("--players", type=int, default=500)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-gen-") as tmp:
        out = args.out or Path(tmp) / "out"
        t0 = time.perf_counter()
        cpu0 = _cpu_s()
        rep = generate(out, hands=args.hands, players=args.players, seed=args.seed, workers=args.workers)
        elapsed = time.perf_counter() - t0
        cpu = _cpu_s() - cpu0
        size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"hands={rep.hands} files={rep.files} tilt_episodes={rep.tilt_episodes} "
          f"sessions={rep.sessions} bytes={size} workers={args.workers}")
    print(f"elapsed_s={elapsed:.2f} hands_per_s={rep.hands / elapsed:,.0f} "
          f"cpu_s={cpu:.2f} hands_per_cpu_s={rep.hands / cpu:,.0f}")


if __name__ == "__main__":
    main()
