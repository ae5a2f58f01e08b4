"""Superset settings for the compose stack; every value comes from the environment.

Metadata lives on the stack's PostgreSQL; the marts are read from the served
`marts.duckdb` on the shared data volume (mounted read-only). Dashboards themselves are
imported as code by a later issue's bootstrap.
"""

import os

SECRET_KEY = os.environ["SUPERSET_SECRET_KEY"]
SQLALCHEMY_DATABASE_URI = os.environ["SUPERSET_DATABASE_URI"]
FEATURE_FLAGS = {"EMBEDDED_SUPERSET": True}
# Charts read a file that is replaced after every build: keep the cache short.
DATA_CACHE_CONFIG = {"CACHE_TYPE": "SimpleCache", "CACHE_DEFAULT_TIMEOUT": 60}
WTF_CSRF_ENABLED = True
