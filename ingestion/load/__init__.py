"""Loading parsed tables into the Iceberg lake (namespace `raw`) and reading it back.

- `source.py`: the dlt source `pokerlake_raw(...)` (one resource per raw table) and `make_pipeline(settings)`.
- `plan.py` / `combine.py`: the merge on primary keys the loader performs before dlt appends.
- `lake.py`: pyiceberg access (catalog, key reads, per-hand deletes, rollback of interrupted loads).
- `ingest.py`: `ingest_paths(...)` for `pokerlake ingest`.
- `lake_query.py`: `query_lake(sql, as_of=...)` and `lake_snapshots()` for `pokerlake query --lake`.

Nothing is imported here, so importing one module does not pull in dlt or DuckDB.
"""
