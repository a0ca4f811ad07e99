"""The steps of Agent Creation and Execution, in order."""

from .runtime import Workflow

WORKFLOW = Workflow(
    title="Agent Creation and Execution",
    steps=(
        "step_01_initialize_chat_model",
        "step_02_define_tools",
        "step_03_configure_middleware_optional",
        "step_04_configure_response_format_optional",
        "step_05_create_agent_graph",
        "step_06_execute_agent",
    ),
)
