"""The steps of {{ cookiecutter._workflow.title | line | pydoc }}, in order."""

from .runtime import {{ "Repeat, " if cookiecutter._workflow.repeat }}Workflow

WORKFLOW = Workflow(
    title={{ cookiecutter._workflow.title | line | py }},
    steps=(
{%- for step in cookiecutter._workflow.steps %}
        {{ step.module | py }},
{%- endfor %}
    ),
{%- if cookiecutter._workflow.repeat %}
{%- set r = cookiecutter._workflow.repeat %}
    repeat=Repeat(step={{ r.step }}, first={{ r.first }}, last={{ r.last }}, key={{ r.key | py }}),
{%- endif %}
)
