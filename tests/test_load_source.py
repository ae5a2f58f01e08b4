"""The dlt source as Dagster uses it: built with no arguments, reading the inbox when it runs.

Also pins down what dlt itself does on our tables: it adds no columns (`_dlt_load_id`,
`_dlt_id` are off for Arrow input), and its own Iceberg `merge` (selectable with
write_disposition="merge") is idempotent on the primary key.
"""

from __future__ import annotations

import dlt
from pyiceberg.catalog import load_catalog

from ingestion.load.source import TABLE_NAMES, last_plan, make_pipeline, pokerlake_raw
from ingestion.schema import PRIMARY_KEYS, SCHEMAS
from pokerlake.settings import get_settings
from tests.load_support import FakeParser


def _count(name: str) -> int:
    s = get_settings()
    return load_catalog(s.catalog_name, **s.catalog_properties()).load_table(f"raw.{name}").scan().to_arrow().num_rows


def test_source_declares_one_keyed_iceberg_resource_per_table(monkeypatch, isolated_home) -> None:
    fake = FakeParser(monkeypatch, isolated_home / "inbox")
    fake.add_file("a.txt", [1, 2])
    source = pokerlake_raw()
    assert source.name == "pokerlake_raw"
    assert list(source.resources) == list(TABLE_NAMES)
    for name, resource in source.resources.items():
        hints = resource.compute_table_schema()
        assert hints["name"] == name
        assert [c for c, col in hints["columns"].items() if col.get("primary_key")] == list(PRIMARY_KEYS[name])
        assert hints["table_format"] == "iceberg"
    assert fake.parsed == [], "building the source must not parse anything"


def test_no_argument_source_loads_new_inbox_files_on_each_run(monkeypatch, isolated_home) -> None:
    settings = get_settings()
    fake = FakeParser(monkeypatch, settings.inbox_dir / "player1")
    fake.add_file("a.txt", [1, 2, 3])
    source = pokerlake_raw()  # as Dagster builds it: at definition time, no arguments
    pipeline = make_pipeline(settings)

    pipeline.run(source)
    assert _count("hands") == 3 and last_plan(source).hands_loaded == 3

    fake.add_file("b.txt", [3, 4, 5], hero="bob")
    pipeline.run(source)  # the same source object: it plans again for the new load
    plan = last_plan(source)
    assert (plan.hands_loaded, plan.hands_already_present, plan.files_skipped_unchanged) == (2, 1, 1)
    assert _count("hands") == 5 and _count("hand_sources") == 6 and _count("import_files") == 2

    pipeline.run(source)
    assert last_plan(source).hands_loaded == 0 and _count("hands") == 5
    columns = load_catalog(settings.catalog_name, **settings.catalog_properties()).load_table("raw.hands").schema()
    assert [f.name for f in columns.fields] == SCHEMAS["hands"].names, "dlt adds no _dlt_* columns"


def test_dlt_merge_on_iceberg_is_idempotent(monkeypatch, isolated_home) -> None:
    settings = get_settings()
    fake = FakeParser(monkeypatch, isolated_home / "hh")
    fake.add_file("a.txt", [1, 2, 3, 4])
    pipeline = make_pipeline(settings)
    pipeline.run(pokerlake_raw([fake.folder], write_disposition="merge"))
    assert _count("hands") == 4 and _count("hand_players") == 12

    # Hand dlt the very same rows again, bypassing the loader's own key check: dlt's upsert
    # must match them on the primary key and add nothing.
    rows = fake.results[str(fake.folder / "a.txt")].tables
    for name in ("hands", "hand_players"):
        again = dlt.resource([rows[name]], name=name, primary_key=list(PRIMARY_KEYS[name]),
                             write_disposition="merge", table_format="iceberg")
        pipeline.run(again)
    assert _count("hands") == 4 and _count("hand_players") == 12
