{#- Every (columns) of the model exists as (to_columns) in `to` (composite foreign keys). -#}
{% test composite_relationships(model, columns, to, to_columns=none) %}
{%- set to_cols = to_columns or columns -%}
select {% for c in columns %}child.{{ c }}{% if not loop.last %}, {% endif %}{% endfor %}
from {{ model }} as child
anti join {{ to }} as parent
  on {% for c in columns %}child.{{ c }} = parent.{{ to_cols[loop.index0] }}{% if not loop.last %} and {% endif %}{% endfor %}
{% endtest %}
