"""`pokerlake ingest`: parse new hand-history and session files and load them into Iceberg `raw`.

Why a thin module: the work lives in the dlt source (`source.py`, shared with Dagster) and the
plan (`plan.py`); this runs the source through the pipeline once for explicit paths and turns
the plan into the report the CLI prints. Idempotent: a second ingest of the same files parses
nothing and loads nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingestion.load.plan import FileOutcome
from ingestion.load.source import last_plan, make_pipeline, pokerlake_raw
from pokerlake.settings import Settings, get_settings


@dataclass
class IngestReport:
    """What one ingest did (hands_loaded counts hands the lake did not hold before)."""

    files_seen: int = 0
    files_skipped_unchanged: int = 0
    hands_found: int = 0
    hands_loaded: int = 0
    hands_already_present: int = 0
    hands_quarantined: int = 0
    hands_replaced: int = 0
    hands_updated: int = 0
    sessions_loaded: int = 0
    rows_loaded: dict[str, int] = field(default_factory=dict)
    files: list[FileOutcome] = field(default_factory=list)
    load_id: str | None = None


def ingest_paths(paths: Iterable[str | Path], *, reparse: bool = False, workers: int = 1,
                 settings: Settings | None = None, progress: Callable[..., Any] | None = None) -> IngestReport:
    """Parse and load `paths` (files or folders) into the lake; see the module docstring.

    `reparse=True` re-reads files recorded with another parser version and rewrites their hands.
    `progress()` is called once per file (parsed or skipped).
    """
    settings = settings or get_settings()
    source = pokerlake_raw([Path(p) for p in paths], reparse=reparse, workers=workers, settings=settings,
                           progress=progress)
    pipeline = make_pipeline(settings)
    info = pipeline.run(source)
    plan = last_plan(source)
    if plan is None:  # dlt finished a pending package and extracted nothing: nothing planned
        return IngestReport()
    return IngestReport(
        files_seen=plan.files_seen, files_skipped_unchanged=plan.files_skipped_unchanged,
        hands_found=plan.hands_found, hands_loaded=plan.hands_loaded,
        hands_already_present=plan.hands_already_present, hands_quarantined=plan.hands_quarantined,
        hands_replaced=plan.hands_replaced, hands_updated=plan.hands_updated,
        sessions_loaded=plan.sessions_loaded, rows_loaded=dict(plan.rows), files=list(plan.files),
        load_id=(info.loads_ids[-1] if info.loads_ids else None),
    )
