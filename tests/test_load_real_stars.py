"""End to end on real PokerStars cash files: the real parser -> dlt -> Iceberg (local profile).

The lake must hold exactly what the parser produced (every value, exact decimals), every
quarantined hand, one import_files row per file; a second ingest loads nothing; a parser
version bump with `reparse` rewrites the files' hands without duplicating a row.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest
from pyiceberg.catalog import load_catalog

from ingestion.load.ingest import ingest_paths
from ingestion.load.lake_query import query_lake
from ingestion.parse import discover_files, parse_paths
from ingestion.parsers.pokerstars import PokerStarsParser
from ingestion.schema import PRIMARY_KEYS, SCHEMAS
from pokerlake.settings import get_settings

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "real"
STARS_CASH = REAL / "fpdb-3" / "regression-test-files" / "cash" / "Stars"

pytestmark = pytest.mark.slow


def _lake(name: str) -> pa.Table:
    s = get_settings()
    return load_catalog(s.catalog_name, **s.catalog_properties()).load_table(f"raw.{name}").scan().to_arrow()


def _sorted(t: pa.Table, name: str) -> pa.Table:
    t = t.select(SCHEMAS[name].names).cast(SCHEMAS[name])
    return t.sort_by([(k, "ascending") for k in PRIMARY_KEYS[name]])


def test_real_stars_files_load_exactly_and_idempotently(monkeypatch: pytest.MonkeyPatch) -> None:
    if not STARS_CASH.is_dir():
        pytest.fail(f"real data missing: {STARS_CASH}")
    files = discover_files([STARS_CASH])
    expected = parse_paths(files)

    report = ingest_paths([STARS_CASH])
    assert report.files_seen == len(files)
    assert report.hands_loaded == expected.tables["hands"].num_rows > 200
    assert report.hands_quarantined == expected.tables["quarantine"].num_rows > 0
    for name in ("hands", "hand_players", "actions", "hand_sources", "quarantine"):
        assert _sorted(_lake(name), name).equals(_sorted(expected.tables[name], name)), name
    imports = _lake("import_files")
    assert imports.num_rows == len(files)
    assert sorted(imports["sha256"].to_pylist()) == sorted(r.sha256 for r in expected.files)
    assert sum(imports["hands_loaded"].to_pylist()) == report.hands_loaded

    # Pot conservation holds in the lake, in exact decimals.
    bad = query_lake("""
        select h.site, h.hand_id from raw.hands h join raw.hand_players p using (site, hand_id)
        group by h.site, h.hand_id, h.rake, h.fees
        having sum(p.collected) - sum(p.invested) <> -(h.rake + h.fees)""")
    assert bad.num_rows == 0, bad.to_pylist()[:5]

    counts = {n: _lake(n).num_rows for n in SCHEMAS}
    again = ingest_paths([STARS_CASH])
    assert (again.hands_loaded, again.files_skipped_unchanged) == (0, len(files))
    assert {n: _lake(n).num_rows for n in SCHEMAS} == counts

    # A parser upgrade: `reparse` rewrites every hand of the Stars files, duplicating nothing.
    monkeypatch.setattr(PokerStarsParser, "version", "pokerstars/999")
    upgraded = ingest_paths([STARS_CASH], reparse=True)
    stars_files = sum(1 for r in expected.files if r.parser_version.startswith("pokerstars/"))
    assert upgraded.files_seen - upgraded.files_skipped_unchanged == stars_files
    assert upgraded.hands_replaced == counts["hands"] and upgraded.hands_loaded == 0
    assert {n: _lake(n).num_rows for n in SCHEMAS} == counts
    assert set(_lake("actions")["parser_version"].to_pylist()) == {"pokerstars/999"}
    assert set(_lake("hands")["parser_version"].to_pylist()) == {"pokerstars/999"}
