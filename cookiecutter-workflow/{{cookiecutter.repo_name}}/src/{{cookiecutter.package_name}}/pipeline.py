"""The workflow's steps in order. Each name is a module in the `steps` package."""

WORKFLOW = {{ cookiecutter._workflow.name | py }}
TITLE = {{ cookiecutter._workflow.title | line | py }}

STEPS: tuple[str, ...] = (
{%- for step in cookiecutter._workflow.steps %}
    {{ step.module | py }},
{%- endfor %}
)
{%- if cookiecutter._workflow.repeat %}

# Steps that run again as a loop: (first step, last step, config key of the loop step holding the count).
REPEAT: tuple[int, int, int, str] | None = ({{ cookiecutter._workflow.repeat.step }}, {{ cookiecutter._workflow.repeat.first }}, {{ cookiecutter._workflow.repeat.last }}, {{ cookiecutter._workflow.repeat.key | py }})
{%- else %}

REPEAT: tuple[int, int, int, str] | None = None
{%- endif %}
