"""Step 6: Execute Agent.

Invoke or stream the agent with input messages. The agent maintains state across turns,
executes tools as needed, and returns the final response. Execution can be synchronous
(`invoke`, `stream`) or asynchronous (`ainvoke`, `astream`).

**What happens:**
- Input messages are added to state
- Model is called with system prompt and available tools
- Tool calls are executed in parallel
- Loop continues until no tool calls or structured output is produced
- Final state includes all messages and optional structured response

Kind: manual (needs implementation)
Wiki: workflows/langchain-ai_langchain_Agent_Creation_and_Execution.md:82
"""

from __future__ import annotations

from typing import Any

NUMBER = 6
TITLE = "Execute Agent"
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
    raise NotImplementedError('Step 6 (Execute Agent) is not bound to an API yet')
