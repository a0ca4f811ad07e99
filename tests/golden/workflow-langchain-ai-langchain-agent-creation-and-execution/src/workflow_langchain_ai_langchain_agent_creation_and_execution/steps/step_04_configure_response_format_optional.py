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
    produces=("agent", "result", "weather"),
    params={
        "model": Param("str", default="gpt-4o"),
        "tools": Param("list", default=[Ellipsis]),
        "response_format": Param(
            "str",
            default="langchain.agents.structured_output.WeatherResponse",
            doc="a class, or a list of classes, by dotted name",
            loader="classes",
        ),
    },
    wiki="workflows/langchain-ai_langchain_Agent_Creation_and_Execution.md:62",
)


def run(model, tools, response_format):
    from langchain.agents import create_agent
    from pydantic import BaseModel, Field
    from .. import loaders

    class WeatherResponse(BaseModel):
        """Structured weather information."""

        location: str = Field(..., description="City name")
        temperature: float = Field(..., description="Temperature in Fahrenheit")
        conditions: str = Field(..., description="Weather conditions (e.g., 'sunny', 'rainy')")

    response_format = loaders.classes(response_format)
    agent = create_agent(model=model, tools=tools, response_format=response_format)
    result = agent.invoke({"messages": [{"role": "user", "content": "What's the weather in NYC?"}]})
    weather = result["structured_response"]
    return {"agent": agent, "result": result, "weather": weather}
