"""Step 1: Initialize Chat Model.

Configure the language model that will power the agent. The model can be specified as a
string identifier (e.g., `"openai:gpt-4"`) or as a direct `BaseChatModel` instance. The
factory supports 20+ providers with automatic provider inference from model names.

**Key considerations:**
- Model string format: `{provider}:{model_name}` or just `{model_name}` for auto-inference
- Provider packages must be installed (e.g., `langchain-openai`)
- Model settings like temperature and max_tokens can be passed as kwargs

Kind: call (bound to a real call)
API call: init_chat_model(model, model_provider, configurable_fields, config_prefix)
Source: /tmp/praxium_repo_wjjl6pl8/libs/langchain_v1/langchain/chat_models/base.py:L59-330
Wiki: workflows/langchain-ai_langchain_Agent_Creation_and_Execution.md:32
"""

from __future__ import annotations

from typing import Any

NUMBER = 1
TITLE = "Initialize Chat Model"
KIND = "call"
BOUND = True
NEEDS_IMPLEMENTATION = False
API = "init_chat_model(model, model_provider, configurable_fields, config_prefix)"
IMPORT = "from langchain.chat_models import init_chat_model"
IMPORT_ORIGIN = "example"
# For the generated tests: modules run() imports, the name the API call goes through, tuple-unpack width.
IMPORTS: tuple[str, ...] = ("langchain.chat_models",)
TARGET = "init_chat_model"
UNPACK = 2
CONSUMES: tuple[str, ...] = ()
PRODUCES: tuple[str, ...] = ("configurable_model", "response1", "response2")
PARAMS: dict[str, dict[str, Any]] = {
    "model": {"type": "str", "default": 'gpt-4o', "required": False},
    "configurable_fields": {"type": "tuple", "default": ['model', 'model_provider', 'temperature'], "required": False},
    "temperature": {"type": "int", "default": 0, "required": False},
}


def run(config: dict[str, Any], artifacts: dict[str, Any]) -> dict[str, Any]:
    """Run this step with its configuration and the artifacts of earlier steps; return new artifacts."""
    from langchain.chat_models import init_chat_model

    model = config['model']
    configurable_fields = config['configurable_fields']
    temperature = config['temperature']
    configurable_model = init_chat_model(model, configurable_fields=configurable_fields, temperature=temperature)
    response1 = configurable_model.invoke('Hello!')
    response2 = configurable_model.invoke('Hello!', config={'configurable': {'model': 'claude-sonnet-4-5-20250929', 'temperature': 0.8}})
    return {'configurable_model': configurable_model, 'response1': response1, 'response2': response2}
