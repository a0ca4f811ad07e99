"""Step 5: Create Agent Graph.

Call `create_agent()` to construct the agent as a compiled `StateGraph`. This builds the model node,
tool node, and all edges including middleware nodes. The graph implements the agent loop with
conditional routing based on tool calls and structured output.

**Key considerations:**
- The graph is compiled with configurable checkpointer for persistence
- Interrupt points can be set before/after specific nodes
- Debug mode enables verbose logging of execution flow

Source: /tmp/praxium_repo_wjjl6pl8/libs/langchain_v1/langchain/agents/factory.py:L541-1483
"""

from ..runtime import Param, Step

STEP = Step(
    number=5,
    title="Create Agent Graph",
    kind="call",
    status="bound",
    api="create_agent(model, tools, system_prompt, middleware, response_format, state_schema, context_schema, checkpointer, store, interrupt_before, interrupt_after, debug, name, cache)",
    produces=("agent", "result"),
    params={
        "model": Param("str | BaseChatModel", default="openai:gpt-4o", doc="Model identifier or instance"),
        "system_prompt": Param(
            "str | SystemMessage | None",
            default="You are a helpful assistant with access to web search and a calculator.",
            doc="System instruction for model",
        ),
        "middleware": Param(
            "Sequence[AgentMiddleware[StateT_co, ContextT]]", default=None, doc="Middleware for behavior customization"
        ),
        "response_format": Param(
            "ResponseFormat[ResponseT] | type[ResponseT] | None", default=None, doc="Structured output configuration"
        ),
        "state_schema": Param("type[AgentState[ResponseT]] | None", default=None, doc="Custom state schema"),
        "context_schema": Param("type[ContextT] | None", default=None, doc="Runtime context schema"),
        "checkpointer": Param("Checkpointer | None", default=None, doc="Persistence for conversation memory"),
        "store": Param("BaseStore | None", default=None, doc="Cross-thread data storage"),
        "interrupt_before": Param("list[str] | None", default=None, doc="Nodes to pause before executing"),
        "interrupt_after": Param("list[str] | None", default=None, doc="Nodes to pause after executing"),
        "debug": Param("bool", default=False, doc="Enable verbose execution logging"),
        "name": Param("str | None", default=None, doc="Agent name (used in subgraphs)"),
        "cache": Param("BaseCache | None", default=None, doc="Caching for graph execution"),
    },
    wiki="workflows/langchain-ai_langchain_Agent_Creation_and_Execution.md:72",
)


def run(
    model,
    system_prompt,
    middleware,
    response_format,
    state_schema,
    context_schema,
    checkpointer,
    store,
    interrupt_before,
    interrupt_after,
    debug,
    name,
    cache,
):
    from langchain.agents import create_agent
    from langchain_core.tools import tool
    from ..runtime.calls import argument, given

    @tool
    def search_web(query: str) -> str:
        """Search the web for information."""
        return f"Results for: {query}"

    @tool
    def calculate(expression: str) -> str:
        """Evaluate a mathematical expression."""
        return str(eval(expression))

    cache = argument(create_agent, "cache", cache)
    store = argument(create_agent, "store", store)
    checkpointer = argument(create_agent, "checkpointer", checkpointer)
    agent = create_agent(
        model=model,
        tools=[search_web, calculate],
        system_prompt=system_prompt,
        debug=debug,
        **given(
            middleware=middleware,
            response_format=response_format,
            state_schema=state_schema,
            context_schema=context_schema,
            checkpointer=checkpointer,
            store=store,
            interrupt_before=interrupt_before,
            interrupt_after=interrupt_after,
            name=name,
            cache=cache,
        ),
    )
    result = agent.invoke({"messages": [{"role": "user", "content": "What is 23 * 47?"}]})
    return {"agent": agent, "result": result}
