"""`generate()`: plan the run, simulate the table sessions (optionally in a process pool), write
hand-history files, live-session logs and the ground-truth label files.

Each unit writes its own hand file from inside the worker (the big text never crosses process
boundaries); only compact label columns come back, and they are concatenated in plan order, so
the output is byte-identical for a seed whatever `workers` is.
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from multiprocessing import get_context
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ingestion.generator.live import write_session_logs
from ingestion.generator.plan import ET, Unit, plan_units
from ingestion.generator.players import PlayerProfile, make_pool, pool_table
from ingestion.generator.table import simulate_unit

SUPPORTED_FORMATS = ("stars",)
SITE = "pokerstars"

LABEL_SCHEMA = pa.schema([
    ("site", pa.string()), ("hand_id", pa.string()), ("player", pa.string()),
    ("is_tilt", pa.bool_()), ("episode_id", pa.string()),
])


@dataclass(frozen=True)
class GenerateReport:
    """What `generate` wrote."""

    hands: int
    files: int  # hand-history files
    sessions: int  # live-session rows logged
    tilt_episodes: int
    elapsed_s: float
    out_dir: Path
    hands_dir: Path
    sessions_dir: Path
    labels_path: Path  # labels/tilt.parquet
    players_path: Path  # labels/players.parquet (styles, tilt propensity)
    session_files: int = 0


def _money_text(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def unit_filename(unit: Unit) -> str:
    """Stars-like name (`HH20260105 Wezen IV ...`) made shell-safe."""
    day = unit.start_utc.astimezone(ET)
    game = "NLHE" if unit.cfg.game == "holdem" else "PLO"
    table = unit.table.replace(" ", "_")
    return (f"HH{day:%Y%m%d}_{table}_{_money_text(unit.cfg.sb)}-{_money_text(unit.cfg.bb)}_USD_{game}"
            f"_{unit.idx:05d}.txt")


# ---- worker side -------------------------------------------------------------------------------
_POOL: list[PlayerProfile] = []
_CUM: list[float] = []


def _init_worker(players: int, seed: int) -> None:
    global _POOL, _CUM
    _POOL = make_pool(players, seed)
    _CUM = list(itertools.accumulate(p.activity for p in _POOL))


def _run_unit(args: tuple[Unit, str]) -> tuple[int, pa.RecordBatch, int]:
    unit, path = args
    res = simulate_unit(unit, _POOL, _CUM)
    with open(path, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as f:
        f.write(res.text)
    batch = pa.record_batch([
        pa.array([SITE] * len(res.hand_ids), pa.string()),
        pa.array([str(h) for h in res.hand_ids], pa.string()),
        pa.array(res.players, pa.string()),
        pa.array(res.is_tilt, pa.bool_()),
        pa.array(res.episode_ids, pa.string()),
    ], schema=LABEL_SCHEMA)
    return res.hands, batch, res.episodes


def _results(jobs: list[tuple[Unit, str]], players: int, seed: int, workers: int
             ) -> Iterator[tuple[int, pa.RecordBatch, int]]:
    if workers <= 1 or len(jobs) <= 1:
        _init_worker(players, seed)
        yield from map(_run_unit, jobs)
        return
    ctx = get_context("spawn")  # no fork: callers may hold threads (Dagster, progress bars)
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker,
                             initargs=(players, seed)) as ex:
        yield from ex.map(_run_unit, jobs, chunksize=max(1, min(16, len(jobs) // (workers * 8))))


def generate(out_dir: Path, hands: int, players: int, seed: int, fmt: str = "stars", workers: int = 1,
             progress: Callable[[int], None] | None = None) -> GenerateReport:
    """Simulate `hands` cash hands among `players` players; deterministic in (hands, players, seed).

    `progress(n)` is called with the number of hands just finished (an increment), per table file.
    """
    if fmt not in SUPPORTED_FORMATS:
        raise ValueError(f"unsupported format {fmt!r}; supported formats: {', '.join(SUPPORTED_FORMATS)}")
    if hands < 1:
        raise ValueError("hands must be at least 1")
    if players < 2:
        raise ValueError("players must be at least 2 (a table needs two)")
    t0 = time.perf_counter()
    out_dir = Path(out_dir)
    hands_dir, sessions_dir, labels_dir = out_dir / "hands", out_dir / "sessions", out_dir / "labels"
    for d in (hands_dir, sessions_dir, labels_dir):
        d.mkdir(parents=True, exist_ok=True)

    pool = make_pool(players, seed)
    units = plan_units(hands, players, seed, [p.activity for p in pool])
    jobs = [(u, os.fspath(hands_dir / unit_filename(u))) for u in units]

    batches: list[pa.RecordBatch] = []
    done = episodes = 0
    for n, batch, eps in _results(jobs, players, seed, max(1, workers)):
        batches.append(batch)
        done += n
        episodes += eps
        if progress is not None:
            progress(n)

    labels_path = labels_dir / "tilt.parquet"
    pq.write_table(pa.Table.from_batches(batches, schema=LABEL_SCHEMA), labels_path, compression="zstd")
    players_path = labels_dir / "players.parquet"
    pq.write_table(pool_table(pool), players_path)

    first_day = units[0].start_utc.astimezone(ET).date()
    last_day = units[-1].start_utc.astimezone(ET).date()
    days = max(30, (last_day - first_day + timedelta(days=1)).days)
    session_files, sessions = write_session_logs(sessions_dir, pool, seed, first_day, days)
    return GenerateReport(hands=done, files=len(units), sessions=sessions, tilt_episodes=episodes,
                          elapsed_s=time.perf_counter() - t0, out_dir=out_dir, hands_dir=hands_dir,
                          sessions_dir=sessions_dir, labels_path=labels_path, players_path=players_path,
                          session_files=len(session_files))
