{#- Use custom schema names as given (staging, intermediate) instead of dbt's `<target>_<custom>`;
    models without one (the marts) land in the target schema `main`. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
  {%- if custom_schema_name is none -%}{{ target.schema }}{%- else -%}{{ custom_schema_name | trim }}{%- endif -%}
{%- endmacro %}
