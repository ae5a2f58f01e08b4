#!/usr/bin/env bash
# Runs once, on the first start of the postgres container (docker-entrypoint-initdb.d):
# one database per consumer so each can be backed up, dropped or moved on its own.
#   POKERLAKE_CATALOG_DB  Iceberg SQL catalog (pyiceberg / dlt)
#   DAGSTER_PG_DB         Dagster runs, event log, schedules
#   MLFLOW_PG_DB          MLflow tracking + model registry
#   SUPERSET_PG_DB        Superset metadata
set -euo pipefail

for db in "${POKERLAKE_CATALOG_DB:?}" "${DAGSTER_PG_DB:?}" "${MLFLOW_PG_DB:?}" "${SUPERSET_PG_DB:?}"; do
  echo "creating database ${db}"
  psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER}" --dbname postgres <<-SQL
	SELECT 'CREATE DATABASE "${db}" OWNER "${POSTGRES_USER}"'
	WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '${db}')\gexec
SQL
done
