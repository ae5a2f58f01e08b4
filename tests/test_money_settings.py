"""Exact money helpers and the one settings switch."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ingestion.money import MoneyError, decimal_array, decimal_to_units, to_units, units_to_decimal
from pokerlake.settings import SettingsError, get_settings, load_settings


@pytest.mark.parametrize(("text", "sep", "units"), [
    ("0.02", ".", 200), ("$1,234.56", ".", 12_345_600), ("€0,05", ",", 500), ("1.234,5", ",", 12_345_000),
    ("£5", ".", 50_000), ("-3.0001", ".", -30_001), ("10.50000", ".", 105_000), ("2\u00a0500", ".", 25_000_000),
])
def test_to_units(text: str, sep: str, units: int) -> None:
    assert to_units(text, sep) == units


@pytest.mark.parametrize("text", ["", "abc", "1.00005", "$"])
def test_to_units_rejects(text: str) -> None:
    with pytest.raises(MoneyError):
        to_units(text)


def test_decimal_array_is_exact() -> None:
    values = [1, -1, 0, None, 999_999_999_999_999_99, 12_345]
    arr = decimal_array(values)
    assert str(arr.type) == "decimal128(18, 4)"
    assert arr.to_pylist() == [None if v is None else units_to_decimal(v) for v in values]
    assert arr.to_pylist()[1] == Decimal("-0.0001")
    assert decimal_to_units(Decimal("12.3456")) == 123_456
    with pytest.raises(MoneyError):
        decimal_to_units("0.00001")


def test_local_profile_keeps_everything_under_home(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("POKERLAKE_HOME", str(tmp_path))
    monkeypatch.delenv("POKERLAKE_PROFILE", raising=False)
    s = load_settings()
    assert s.profile == "local"
    assert s.catalog_uri == f"sqlite:///{tmp_path}/catalog.db"
    assert s.warehouse_uri == (tmp_path / "lake").as_uri()
    for path in (s.inbox_dir, s.build_db, s.marts_db, s.dagster_home, s.dlt_dir):
        assert tmp_path in path.parents
    assert s.catalog_properties()["type"] == "sql"


def test_prod_profile_requires_its_variables(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("POKERLAKE_PROFILE", "prod")
    monkeypatch.setenv("POKERLAKE_HOME", str(tmp_path))
    for var in ("POKERLAKE_S3_BUCKET", "POKERLAKE_S3_ACCESS_KEY", "POKERLAKE_S3_SECRET_KEY", "POKERLAKE_CATALOG_URI"):
        monkeypatch.delenv(var, raising=False)
    with pytest.raises(SettingsError, match="POKERLAKE_S3_BUCKET"):
        load_settings()
    monkeypatch.setenv("POKERLAKE_S3_BUCKET", "lake")
    monkeypatch.setenv("POKERLAKE_S3_ACCESS_KEY", "k")
    monkeypatch.setenv("POKERLAKE_S3_SECRET_KEY", "s")
    monkeypatch.setenv("POKERLAKE_S3_ENDPOINT", "http://127.0.0.1:9000")
    monkeypatch.setenv("POKERLAKE_CATALOG_URI", "postgresql+psycopg2://postgres@127.0.0.1/pokerlake")
    s = load_settings()
    assert s.warehouse_uri == "s3://lake/lake"
    props = s.catalog_properties()
    assert props["s3.endpoint"] == "http://127.0.0.1:9000"
    assert props["uri"].startswith("postgresql")


def test_unknown_profile_is_a_clear_error(monkeypatch) -> None:
    monkeypatch.setenv("POKERLAKE_PROFILE", "staging")
    with pytest.raises(SettingsError, match="POKERLAKE_PROFILE"):
        load_settings()
    get_settings.cache_clear()
