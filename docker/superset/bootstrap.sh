#!/usr/bin/env bash
# Idempotent first start: migrate metadata, make the admin (a no-op when it exists), init roles,
# then serve. Dashboards-as-code import is added here by a later issue.
set -euo pipefail
superset db upgrade
superset fab create-admin --username "${SUPERSET_ADMIN_USER:?}" --password "${SUPERSET_ADMIN_PASSWORD:?}" \
  --firstname admin --lastname pokerlake --email "${SUPERSET_ADMIN_USER}@localhost" || true
superset init
exec gunicorn --workers 2 --timeout 120 --bind 0.0.0.0:8088 "superset.app:create_app()"
