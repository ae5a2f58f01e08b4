"""Transform domain: dbt models over the raw Iceberg tables, the served marts, the nightly build."""
