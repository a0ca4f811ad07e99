"""Step 4: Configure Response Format (Optional).

Optionally configure structured output to ensure the agent returns responses conforming to a
Pydantic schema. The framework supports three strategies: ToolStrategy (tool call for output),
ProviderStrategy (native structured output), and AutoStrategy (automatic selection based on model
capabilities).

**Key considerations:**
- ToolStrategy works with any model that supports tool calling
- ProviderStrategy requires model support (e.g., OpenAI JSON mode)
- Error handling can be configured for retry on validation failures

Source: /tmp/praxium_repo_wjjl6pl8/libs/langchain_v1/langchain/agents/structured_output.py:L1-443
"""

from ..runtime import Param, Step

STEP = Step(
    number=4,
    title="Configure Response Format (Optional)",
    kind="call",
    status="bound",
    api="create_agent(model, tools, response_format)",
    produces=("agent", "result", "data"),
    params={
        "model": Param("str", default="gpt-4o"),
        "tools": Param("list", default=[Ellipsis]),
        "schema": Param(
            "str",
            default="langchain.agents.structured_output.CriticalData",
            doc="a class, or a list of classes, by dotted name",
            loader="classes",
        ),
        "handle_errors": Param("bool", default=False),
    },
    wiki="workflows/langchain-ai_langchain_Agent_Creation_and_Execution.md:62",
)


def run(model, tools, schema, handle_errors):
    from langchain.agents import create_agent
    from langchain.agents.structured_output import ToolStrategy, StructuredOutputValidationError
    from pydantic import BaseModel
    from .. import loaders

    class CriticalData(BaseModel):
        """Data that must be valid."""

        value: int

    schema = loaders.classes(schema)
    agent = create_agent(
        model=model, tools=tools, response_format=ToolStrategy(schema=schema, handle_errors=handle_errors)
    )
    try:
        result = agent.invoke({"messages": [{"role": "user", "content": "Generate data"}]})
        data = result["structured_response"]
    except StructuredOutputValidationError as e:
        print(f"Validation failed: {e}")
        print(f"AI message: {e.ai_message.content}")
    return {"agent": agent, "result": result, "data": data}
