"""The parse core: discovery, routing, the process pool, merging across files, Parquet output."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from ingestion.parse import (
    FileReport,
    ParseResult,
    current_parser_version,
    discover_files,
    parse_file,
    parse_paths,
    write_parquet,
)
from ingestion.schema import PARSED_TABLES, SCHEMAS
from tests.test_parser_stars_units import SIDE_POT, UNCALLED

FPDB = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "real" / "fpdb-3" / \
    "regression-test-files"


def _tree(tmp_path: Path) -> Path:
    root = tmp_path / "inbox"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "a.txt").write_text(UNCALLED)
    (root / "sub" / "b.txt").write_text(SIDE_POT)
    (root / "sub" / "deeper" / "c.log").write_text(UNCALLED.replace("#1001", "#3001"))
    for skipped in ("x.txt.hp", "x.txt.hands", "x.gt", "README.md", "conf.yaml", "conf.yml",
                    "LICENSE", "LICENSE.txt", ".secret.txt"):
        (root / skipped).write_text("ignored")
    (root / ".hidden" / "h.txt").write_text(UNCALLED)
    (root / "notes.csv").write_text("just,some,csv\n1,2,3\n")
    return root


def test_discover_files_skips_and_recurses(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    found = discover_files([root])
    assert found == sorted(found)
    assert {p.name for p in found} == {"a.txt", "b.txt", "c.log"}
    # a single file path is taken as is; missing paths are ignored
    assert discover_files([root / "a.txt", tmp_path / "missing"]) == [(root / "a.txt").resolve()]


def test_parse_file_report(tmp_path: Path) -> None:
    path = tmp_path / "two.txt"
    path.write_text(UNCALLED + "\n\n" + SIDE_POT)
    result = parse_file(path)
    assert isinstance(result, ParseResult)
    (report,) = result.files
    assert isinstance(report, FileReport)
    assert report.site == "pokerstars" and report.parser_version == "pokerstars/1"
    assert report.hands_found == 2 and report.hands_parsed == 2 and report.hands_quarantined == 0
    assert report.bytes == path.stat().st_size and len(report.sha256) == 64
    assert report.started_at.tzinfo is not None and report.finished_at >= report.started_at
    assert set(result.tables) == set(PARSED_TABLES)
    for name, table in result.tables.items():
        assert table.schema.equals(SCHEMAS[name]), name
    src = result.tables["hand_sources"].to_pylist()
    assert {s["source_sha256"] for s in src} == {report.sha256}
    assert src[0]["observer"] == "Ann" and src[1]["observer"] is None


def test_parse_paths_pool_is_deterministic(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    one = parse_paths([root], workers=1)
    seen: list[FileReport] = []
    two = parse_paths([root], workers=2, progress=seen.append)
    assert [f.path for f in seen] == [f.path for f in two.files] == [f.path for f in one.files]
    for name in PARSED_TABLES:
        assert one.tables[name].equals(two.tables[name]), name


def test_same_hand_from_two_files_is_merged(tmp_path: Path) -> None:
    a = tmp_path / "ann.txt"
    b = tmp_path / "cid.txt"
    a.write_text(UNCALLED)
    b.write_text(UNCALLED.replace("Dealt to Ann [Ah Kh]", "Dealt to Cid [7c 2d]"))
    r = parse_paths([a, b])
    assert r.tables["hands"].num_rows == 1
    assert r.tables["hand_sources"].num_rows == 2
    assert sorted(r.tables["hand_sources"]["observer"].to_pylist()) == ["Ann", "Cid"]
    players = {p["player"]: p for p in r.tables["hand_players"].to_pylist()}
    assert len(players) == r.tables["hand_players"].num_rows == 3
    assert players["Ann"]["is_hero"] and players["Cid"]["is_hero"]
    assert players["Cid"]["hole_cards"] == "7c 2d" and players["Ann"]["hole_cards"] == "Ah Kh"
    assert r.tables["actions"].num_rows == 7


def test_write_parquet_every_table(tmp_path: Path) -> None:
    path = tmp_path / "h.txt"
    path.write_text(UNCALLED)
    written = write_parquet(parse_paths([path]), tmp_path / "out")
    assert set(written) == set(PARSED_TABLES)
    for name, p in written.items():
        assert p == tmp_path / "out" / f"{name}.parquet"
        assert pq.read_schema(p).equals(SCHEMAS[name], check_metadata=False), name
    assert pq.read_table(written["hands"]).num_rows == 1


def test_current_parser_version(tmp_path: Path) -> None:
    path = tmp_path / "h.txt"
    path.write_text(UNCALLED)
    assert current_parser_version(path) == "pokerstars/1"
    junk = tmp_path / "junk.txt"
    junk.write_text("nothing here")
    assert current_parser_version(junk) == "unknown/0"


def test_binary_files_are_not_quarantined(tmp_path: Path) -> None:
    blob = tmp_path / "labels.parquet"
    blob.write_bytes(b"PAR1\x00\x01\x02" * 50)
    r = parse_file(blob)
    assert r.files[0].site is None and r.tables["quarantine"].num_rows == 0


def test_session_logs_are_routed(tmp_path: Path) -> None:
    sessions = pytest.importorskip("ingestion.sessions")
    csv = tmp_path / "live.csv"
    header = "player,started_at,ended_at,game,stakes,currency,location,buy_in,rebuys,cash_out,expenses,notes\n"
    csv.write_text(header + "Ann,2024-03-01T18:00:00Z,2024-03-01T23:00:00Z,holdem,1/2,USD,Casino,200,0,340,10,\n")
    if not sessions.is_session_log(csv, csv.read_bytes()):
        pytest.skip("the sessions module does not recognise this sample layout")
    r = parse_paths([tmp_path])
    assert [Path(f.path).name for f in r.files] == ["live.csv"]
    assert r.files[0].site == "sessions"
    assert r.tables["sessions"].num_rows + r.tables["quarantine"].num_rows >= 1
    assert r.tables["sessions"].schema.equals(SCHEMAS["sessions"])


def test_real_folder_with_sidecars() -> None:
    """A real folder read in place: sidecars skipped, every hand file reported."""
    folder = FPDB / "cash" / "Stars" / "Flop"
    if not folder.is_dir():
        pytest.fail(f"real data not found at {folder}")
    files = discover_files([folder])
    assert files and not any(p.name.endswith((".hp", ".hands", ".gt")) for p in files)
    result = parse_paths([folder], workers=2)
    assert [Path(f.path) for f in result.files] == files
    assert all(f.hands_found >= 1 for f in result.files)
