"""Step 5: Create Agent Graph.

Call `create_agent()` to construct the agent as a compiled `StateGraph`. This builds the
model node, tool node, and all edges including middleware nodes. The graph implements the
agent loop with conditional routing based on tool calls and structured output.

**Key considerations:**
- The graph is compiled with configurable checkpointer for persistence
- Interrupt points can be set before/after specific nodes
- Debug mode enables verbose logging of execution flow

Kind: manual (needs implementation)
Wiki: workflows/langchain-ai_langchain_Agent_Creation_and_Execution.md:72
"""

from __future__ import annotations

from typing import Any

NUMBER = 5
TITLE = "Create Agent Graph"
KIND = "manual"
BOUND = False
NEEDS_IMPLEMENTATION = True
API = ""
IMPORT = ""
CONSUMES: tuple[str, ...] = ()
PRODUCES: tuple[str, ...] = ()
PARAMS: dict[str, dict[str, Any]] = {
}


def run(config: dict[str, Any], artifacts: dict[str, Any]) -> dict[str, Any]:
    """Run this step with its configuration and the artifacts of earlier steps; return new artifacts."""
    raise NotImplementedError('Step 5 (Create Agent Graph) is not bound to an API yet')
