"""Parse speed on one core: hands per second of PokerStars text, end to end (bytes -> Arrow).

    .venv/bin/python bench/bench_parse.py [--hands 50000] [--players 60] [--seed 1] [--repeat 3]

Input: hands from `ingestion.generator.generate` (synthetic Stars text) written to a temporary
folder; if the generator is not available, the real Stars hold'em/omaha files under
../shared/data/real are repeated into a file instead. The script prints which input it used.
Timing covers `parse_file` (read, decode, split, parse, derive, build Arrow) for every hand
file, sequentially in this process; generation time is excluded. Best of `--repeat` runs, as
wall time and as this process's CPU time (the CPU figure is the one to trust on a shared,
busy machine).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from ingestion.parse import parse_file  # noqa: E402

REAL_FLOP = [REPO.parent / "shared" / "data" / "real" / "fpdb-3" / "regression-test-files" / kind / "Stars" / "Flop"
             for kind in ("cash", "tour")]


def _generated(out: Path, hands: int, players: int, seed: int) -> tuple[list[Path], str]:
    from ingestion.generator import generate

    report = generate(out, hands=hands, players=players, seed=seed, fmt="stars")
    files = sorted(Path(report.hands_dir).rglob("*.txt"))
    return files, f"generated Stars text: {report.hands} hands, {len(files)} files (seed {seed})"


def _real_repeated(out: Path, hands: int) -> tuple[list[Path], str]:
    chunks = []
    for folder in REAL_FLOP:
        for p in sorted(folder.glob("*.txt")):
            text = p.read_bytes().decode("utf-8-sig", errors="replace").replace("\ufeff", "")
            chunks.append(text.strip() + "\n\n\n")
    blob = "".join(chunks)
    per_copy = blob.count("\n\n\n")
    copies = max(1, hands // max(per_copy, 1))
    target = out / "real_stars_repeated.txt"
    target.write_text(blob * copies, encoding="utf-8")
    return [target], f"real Stars flop files repeated {copies}x (generator not available)"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--hands", type=int, default=50_000)
    ap.add_argument("--players", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_parse_") as tmp:
        out = Path(tmp)
        try:
            files, used = _generated(out, args.hands, args.players, args.seed)
        except ImportError:
            files, used = _real_repeated(out, args.hands)
        size = sum(f.stat().st_size for f in files)
        print(f"input: {used}; {size / 1e6:.1f} MB")
        best = best_cpu = float("inf")
        parsed = quarantined = 0
        for _ in range(max(1, args.repeat)):
            parsed = quarantined = 0
            t0, c0 = time.perf_counter(), time.process_time()
            for f in files:
                report = parse_file(f).files[0]
                parsed += report.hands_parsed
                quarantined += report.hands_quarantined
            best = min(best, time.perf_counter() - t0)
            best_cpu = min(best_cpu, time.process_time() - c0)
        print(f"parsed {parsed} hands ({quarantined} quarantined); best of {args.repeat}: "
              f"{best:.2f} s wall, {best_cpu:.2f} s CPU, one process")
        print(f"{parsed / best:,.0f} hands/s/core (wall); {parsed / best_cpu:,.0f} hands/s/core (CPU time); "
              f"{size / 1e6 / best:.1f} MB/s")


if __name__ == "__main__":
    main()
