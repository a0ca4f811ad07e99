"""Step 5: Create Agent Graph.

Call `create_agent()` to construct the agent as a compiled `StateGraph`. This builds the
model node, tool node, and all edges including middleware nodes. The graph implements the
agent loop with conditional routing based on tool calls and structured output.

**Key considerations:**
- The graph is compiled with configurable checkpointer for persistence
- Interrupt points can be set before/after specific nodes
- Debug mode enables verbose logging of execution flow

Kind: call (bound to a real call)
API call: create_agent(model, tools, system_prompt, middleware, response_format, state_schema, context_schema, checkpointer, store, interrupt_before, interrupt_after, debug, name, cache)
Source: /tmp/praxium_repo_wjjl6pl8/libs/langchain_v1/langchain/agents/factory.py:L541-1483
Wiki: workflows/langchain-ai_langchain_Agent_Creation_and_Execution.md:72
"""

from __future__ import annotations

from typing import Any

NUMBER = 5
TITLE = "Create Agent Graph"
KIND = "call"
BOUND = True
NEEDS_IMPLEMENTATION = False
API = "create_agent(model, tools, system_prompt, middleware, response_format, state_schema, context_schema, checkpointer, store, interrupt_before, interrupt_after, debug, name, cache)"
IMPORT = "from langchain.agents import create_agent; from langchain_core.tools import tool"
IMPORT_ORIGIN = "example"
# For the generated tests: modules run() imports, the name the API call goes through, tuple-unpack width.
IMPORTS: tuple[str, ...] = ("langchain.agents", "langchain_core.tools")
TARGET = "create_agent"
UNPACK = 2
CONSUMES: tuple[str, ...] = ()
PRODUCES: tuple[str, ...] = ("agent", "result")
PARAMS: dict[str, dict[str, Any]] = {
    "model": {"type": "str", "default": 'openai:gpt-4o', "required": False},
    "system_prompt": {"type": "str", "default": 'You are a helpful assistant with access to web search and a calculator.', "required": False},
}


def run(config: dict[str, Any], artifacts: dict[str, Any]) -> dict[str, Any]:
    """Run this step with its configuration and the artifacts of earlier steps; return new artifacts."""
    from langchain.agents import create_agent
    from langchain_core.tools import tool
    @tool
    def search_web(query: str) -> str:
        """Search the web for information."""
        return f'Results for: {query}'
    @tool
    def calculate(expression: str) -> str:
        """Evaluate a mathematical expression."""
        return str(eval(expression))

    model = config['model']
    system_prompt = config['system_prompt']
    agent = create_agent(model=model, tools=[search_web, calculate], system_prompt=system_prompt)
    result = agent.invoke({'messages': [{'role': 'user', 'content': 'What is 23 * 47?'}]})
    return {'agent': agent, 'result': result}
