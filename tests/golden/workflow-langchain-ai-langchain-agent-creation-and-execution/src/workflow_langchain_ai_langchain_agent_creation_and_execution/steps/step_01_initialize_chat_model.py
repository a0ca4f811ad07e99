"""Step 1: Initialize Chat Model.

Configure the language model that will power the agent. The model can be specified as a
string identifier (e.g., `"openai:gpt-4"`) or as a direct `BaseChatModel` instance. The
factory supports 20+ providers with automatic provider inference from model names.

**Key considerations:**
- Model string format: `{provider}:{model_name}` or just `{model_name}` for auto-inference
- Provider packages must be installed (e.g., `langchain-openai`)
- Model settings like temperature and max_tokens can be passed as kwargs

Kind: manual (needs implementation)
Wiki: workflows/langchain-ai_langchain_Agent_Creation_and_Execution.md:32
"""

from __future__ import annotations

from typing import Any

NUMBER = 1
TITLE = "Initialize Chat Model"
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
    raise NotImplementedError('Step 1 (Initialize Chat Model) is not bound to an API yet')
