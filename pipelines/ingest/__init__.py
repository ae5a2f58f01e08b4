"""Ingest domain: inbox files -> parser -> dlt -> Iceberg `raw.*` (assets, inbox sensor)."""
