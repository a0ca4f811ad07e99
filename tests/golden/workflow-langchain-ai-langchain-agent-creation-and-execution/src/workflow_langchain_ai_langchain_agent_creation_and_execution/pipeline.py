"""The workflow's steps in order. Each name is a module in the `steps` package."""

WORKFLOW = "langchain-ai_langchain_Agent_Creation_and_Execution"
TITLE = "Agent Creation and Execution"

STEPS: tuple[str, ...] = (
    "step_01_initialize_chat_model",
    "step_02_define_tools",
    "step_03_configure_middleware_optional",
    "step_04_configure_response_format_optional",
    "step_05_create_agent_graph",
    "step_06_execute_agent",
)

REPEAT: tuple[int, int, int, str] | None = None
