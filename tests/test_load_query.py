"""`query_lake` over the raw tables: names with or without `raw.`, exact decimals, consistent time travel,
read-only. Real dlt + pyiceberg + DuckDB; the parser is replaced by `FakeParser` (see load_support).
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from pyiceberg.catalog import load_catalog

from ingestion.load.ingest import ingest_paths
from ingestion.load.lake_query import LakeQueryError, lake_snapshots, query_lake
from pokerlake.settings import get_settings
from tests.load_support import FakeParser


@pytest.fixture
def fake(monkeypatch, isolated_home) -> FakeParser:
    return FakeParser(monkeypatch, isolated_home / "inbox" / "hh")


def _table(name: str):
    s = get_settings()
    return load_catalog(s.catalog_name, **s.catalog_properties()).load_table(f"raw.{name}")


def _rows(name: str):
    return _table(name).scan().to_arrow()



def test_query_lake_reads_now_and_as_of_a_past_snapshot(fake: FakeParser) -> None:
    fake.add_file("a.txt", list(range(1, 11)))
    ingest_paths([fake.folder])
    fake.add_file("b.txt", list(range(11, 16)), hero="bob")
    ingest_paths([fake.folder])

    assert query_lake("select count(*) as n from hands")["n"].to_pylist() == [15]
    assert query_lake("select count(*) as n from raw.hands")["n"].to_pylist() == [15]
    exact = query_lake("select sum(total_pot) as pot from raw.hands where hand_id = '1'")
    assert exact["pot"].to_pylist() == [Decimal("3.7035")]

    snaps = lake_snapshots()
    assert len(snaps) >= 2 and snaps[0].committed_at <= snaps[-1].committed_at
    first = [s for s in snaps if s.total_records == 10][-1]
    joined = query_lake("select count(distinct h.hand_id) as hands, count(*) as actions "
                        "from hands h join actions a using (site, hand_id)", as_of=str(first.snapshot_id))
    assert joined.to_pylist() == [{"hands": 10, "actions": 40}], "every table is read at the same moment"

    between = snaps[[s.snapshot_id for s in snaps].index(first.snapshot_id) + 1].committed_at - timedelta(
        milliseconds=1)
    assert query_lake("select count(*) as n from hands", as_of=between.isoformat())["n"].to_pylist() == [10]
    before_all = (snaps[0].committed_at - timedelta(days=1)).isoformat()
    assert query_lake("select count(*) as n from hands", as_of=before_all)["n"].to_pylist() == [0]

    with pytest.raises(LakeQueryError):
        query_lake("delete from hands")
    with pytest.raises(LakeQueryError):
        query_lake("select 1", as_of="not a time")
    with pytest.raises(LakeQueryError):
        query_lake("select 1", as_of="12345")
