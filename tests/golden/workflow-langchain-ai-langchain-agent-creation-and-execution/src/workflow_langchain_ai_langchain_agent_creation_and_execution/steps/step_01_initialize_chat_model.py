"""Step 1: Initialize Chat Model.

Configure the language model that will power the agent. The model can be specified as a string
identifier (e.g., `"openai:gpt-4"`) or as a direct `BaseChatModel` instance. The factory supports
20+ providers with automatic provider inference from model names.

**Key considerations:**
- Model string format: `{provider}:{model_name}` or just `{model_name}` for auto-inference
- Provider packages must be installed (e.g., `langchain-openai`)
- Model settings like temperature and max_tokens can be passed as kwargs

Source: /tmp/praxium_repo_wjjl6pl8/libs/langchain_v1/langchain/chat_models/base.py:L59-330
"""

from ..runtime import Param, Step

STEP = Step(
    number=1,
    title="Initialize Chat Model",
    kind="call",
    status="bound",
    api="init_chat_model(model, model_provider, configurable_fields, config_prefix) -> BaseChatModel | _ConfigurableModel",
    produces=("configurable_model", "response1", "response2"),
    params={
        "model": Param(
            "str | None", default="gpt-4o", doc='Model identifier (e.g., "openai:gpt-4", "claude-sonnet-4")'
        ),
        "configurable_fields": Param(
            'tuple | Literal["any"] | list[str] | None',
            default=["model", "model_provider", "temperature"],
            doc="Which parameters are runtime-configurable",
        ),
        "temperature": Param("int", default=0),
        "model_provider": Param("str | None", default=None, doc='Explicit provider name (e.g., "openai", "anthropic")'),
        "config_prefix": Param("str | None", default=None, doc="Prefix for configuration keys"),
        "extra_kwargs": Param("dict", default={}, doc="more keyword arguments for init_chat_model, passed as written"),
        "config": Param("dict", default={"configurable": {"model": "claude-sonnet-4-5-20250929", "temperature": 0.8}}),
    },
    wiki="workflows/langchain-ai_langchain_Agent_Creation_and_Execution.md:32",
)


def run(model, configurable_fields, temperature, model_provider, config_prefix, extra_kwargs, config):
    from langchain.chat_models import init_chat_model
    from ..runtime.calls import given

    configurable_model = init_chat_model(
        model,
        configurable_fields=configurable_fields,
        temperature=temperature,
        **extra_kwargs,
        **given(model_provider=model_provider, config_prefix=config_prefix),
    )
    response1 = configurable_model.invoke("Hello!")
    response2 = configurable_model.invoke("Hello!", config=config)
    return {"configurable_model": configurable_model, "response1": response1, "response2": response2}
