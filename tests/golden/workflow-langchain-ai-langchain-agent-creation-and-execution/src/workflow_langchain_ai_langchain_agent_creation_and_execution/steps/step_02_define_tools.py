"""Step 2: Define Tools.

Specify the tools the agent can use to accomplish tasks. Tools can be Python functions, `BaseTool`
instances, or dictionaries for provider-specific built-in tools. Each tool should have a clear
docstring describing its purpose, as this is used by the LLM to decide when to use it.

**Key considerations:**
- Functions are automatically converted to `BaseTool` instances
- Tools with `return_direct=True` end the agent loop immediately
- Middleware can inject additional tools dynamically
"""

from ..runtime import Param, Step

STEP = Step(
    number=2,
    title="Define Tools",
    kind="call",
    status="bound",
    api="tool(args_schema)",
    produces=("tool_result",),
    params={
        "args_schema": Param(""),
    },
    wiki="workflows/langchain-ai_langchain_Agent_Creation_and_Execution.md:42",
)


def run(args_schema):
    from langchain_core.tools import tool

    tool_result = tool(args_schema)
    return {"tool_result": tool_result}
