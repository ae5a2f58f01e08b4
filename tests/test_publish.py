"""Publishing by copy-then-rename never disturbs readers, and cleans up after itself."""

from __future__ import annotations

import multiprocessing as mp
import queue
import threading

import duckdb
import pytest

from pokerlake.build import BuildError, build, publish
from pokerlake.marts import query_marts
from pokerlake.settings import get_settings, load_settings
from tests.dbt_lake import base_rows, loop_reader, to_tables, write_lake

pytestmark = pytest.mark.slow

PUBLISHES = 12


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    home = tmp_path_factory.mktemp("publish_home")
    with pytest.MonkeyPatch.context() as m:
        m.setenv("POKERLAKE_HOME", str(home))
        settings = load_settings()
    write_lake(settings, to_tables(base_rows()))
    build(settings)
    return settings


def test_publish_swaps_under_concurrent_readers(built):
    settings = built
    ctx = mp.get_context("spawn")
    p_ready, p_stop, p_results = ctx.Event(), ctx.Event(), ctx.Queue()
    proc = ctx.Process(target=loop_reader, args=(settings, p_ready, p_stop, p_results))
    t_ready, t_stop, t_results = threading.Event(), threading.Event(), queue.Queue()
    thread = threading.Thread(target=loop_reader, args=(settings, t_ready, t_stop, t_results))
    proc.start()
    thread.start()
    try:
        assert p_ready.wait(120) and t_ready.wait(120), "readers never got going"
        for _ in range(PUBLISHES):
            publish(settings)
    finally:
        p_stop.set()
        t_stop.set()
        thread.join(60)
        p_out = p_results.get(timeout=120)
        proc.join(60)
    t_out = t_results.get(timeout=5)
    for queries, errors, counts in (p_out, t_out):
        assert errors == []
        assert queries > 0
        assert counts == [9]
    assert not settings.marts_db.with_name("marts.duckdb.next").exists()


def test_publish_removes_stale_wal(built):
    settings = built
    wal = settings.marts_db.with_name("marts.duckdb.wal")
    wal.write_bytes(b"not a wal from this file")
    publish(settings)
    assert not wal.exists()
    assert query_marts("select count(*) as n from fct_hand_players",
                       settings=settings).column("n").to_pylist() == [9]


def test_served_file_is_a_plain_duckdb_file(built):
    """A fresh client with extension loading off reads every mart (Superset's driver will too)."""
    con = duckdb.connect(str(built.marts_db), read_only=True,
                         config={"autoinstall_known_extensions": False, "autoload_known_extensions": False})
    try:
        for (name,) in con.execute("select table_name from information_schema.tables").fetchall():
            con.execute(f'select * from "{name}"').fetchall()
        assert con.execute("select count(*) from duckdb_views() where not internal").fetchone() == (0,)
    finally:
        con.close()


def test_publish_without_build_is_a_clear_error():
    with pytest.raises(BuildError, match="run `pokerlake build` first"):
        publish(get_settings())
