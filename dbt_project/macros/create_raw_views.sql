{#
  on-run-start: (re)create one view `raw.<table>` per raw Iceberg table, reading the table's
  CURRENT metadata file in place with the iceberg extension's iceberg_scan (no copy per run).
  pokerlake.build resolves the metadata locations through the pyiceberg catalog and passes
  them as JSON in the env var POKERLAKE_DBT_RAW_RELATIONS (an env var read only at run time
  keeps dbt's partial parsing valid; a changing --vars forces a ~7 s full re-parse per build);
  a non-empty var `raw_relations` of the same shape overrides it. A table that does not exist
  in the lake yet becomes an empty view with the contract's columns, so a young lake still
  builds. `_dlt_load_id` is always present (null when the loader did not add it), so every raw
  view has the same shape whoever wrote the table.
  These views need the iceberg extension; publish drops them from the served copy.
#}
{% macro create_raw_views() %}
  {%- set relations = var('raw_relations', {}) -%}
  {%- if relations | length == 0 -%}
    {%- set relations = fromjson(env_var('POKERLAKE_DBT_RAW_RELATIONS', '{}')) -%}
  {%- endif -%}
  {%- if relations | length > 0 -%}
    create schema if not exists raw;
    {%- for table, spec in relations.items() %}
      {%- set names = spec['columns'] | map(attribute=0) | list %}
      {%- if spec.get('metadata_location') %}
    create or replace view raw.{{ table }} as
      select *{% if '_dlt_load_id' not in names %}, cast(null as varchar) as _dlt_load_id{% endif %}
      from iceberg_scan('{{ spec['metadata_location'] | replace("'", "''") }}');
      {%- else %}
    create or replace view raw.{{ table }} as
      select
        {%- for col in spec['columns'] %}
        cast(null as {{ col[1] }}) as {{ col[0] }},
        {%- endfor %}
        cast(null as varchar) as _dlt_load_id
      where false;
      {%- endif %}
    {%- endfor %}
  {%- endif -%}
{% endmacro %}
