{#
  numerator / denominator as decimal(18, 4), exactly rounded half away from zero, in integer
  arithmetic. DuckDB's decimal / decimal returns DOUBLE, which money must never pass through.
  Inputs are exact numerics with at most 4 decimals (money, chips, whole seconds); both are
  scaled to integers of 1/10,000. BIGINT arithmetic (fast) covers values below 1e9 (a billion
  units of the currency or chips); larger values take the HUGEINT branch (~10x slower on 6M rows,
  evaluated only for those rows).
  Null when the denominator is null or zero.
#}
{% macro exact_ratio(numerator, denominator) -%}
  {%- set n18 = "cast(" ~ numerator ~ " as decimal(18, 4))" -%}
  {%- set d18 = "cast(" ~ denominator ~ " as decimal(18, 4))" -%}
  {%- set n38 = "cast(" ~ numerator ~ " as decimal(38, 4))" -%}
  {%- set d38 = "cast(" ~ denominator ~ " as decimal(38, 4))" -%}
  case
    when {{ denominator }} is null or {{ denominator }} = 0 or {{ numerator }} is null then null
    when abs({{ numerator }}) < 1000000000 and abs({{ denominator }}) < 1000000000 then
      {{ _exact_ratio_int("cast(" ~ n18 ~ " * 10000 as bigint)", "cast(" ~ d18 ~ " * 10000 as bigint)") }}
    else
      {{ _exact_ratio_int("cast(" ~ n38 ~ " * 10000 as hugeint)", "cast(" ~ d38 ~ " * 10000 as hugeint)") }}
  end
{%- endmacro %}

{#- round_half_away(n * 10000 / d) / 10000 for integers n, d (d <> 0), as decimal(18, 4). -#}
{% macro _exact_ratio_int(n, d) -%}
  cast(
    cast(((abs({{ n }}) * 20000 + abs({{ d }})) // (2 * abs({{ d }}))) * sign({{ n }}) * sign({{ d }}) as decimal(18, 0))
    * cast(0.0001 as decimal(5, 4))
    as decimal(18, 4))
{%- endmacro %}
