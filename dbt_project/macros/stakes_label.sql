{#- A readable stakes label like `0.01/0.02 USD`, `100/200 chips`, `1/2 EUR ante 0.25`. -#}
{% macro trim_decimal(expr) -%}
  rtrim(rtrim(cast({{ expr }} as varchar), '0'), '.')
{%- endmacro %}

{% macro stakes_label(small_blind, big_blind, ante, currency) -%}
  {{ trim_decimal(small_blind) }} || '/' || {{ trim_decimal(big_blind) }} || ' ' || {{ currency }}
  || case when coalesce({{ ante }}, 0) > 0 then ' ante ' || {{ trim_decimal(ante) }} else '' end
{%- endmacro %}
