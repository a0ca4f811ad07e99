"""Step 3: Configure Middleware (Optional).

Add middleware to customize agent behavior at various lifecycle points. Middleware can intercept
model calls for retry logic, add human approval workflows, enforce tool call limits, manage context
window size, and more.

**Key considerations:**
- Middleware is composable and executes in order (first = outermost)
- Use `before_model`, `after_model`, `wrap_model_call`, and `wrap_tool_call` hooks
- Middleware can extend the agent state schema with custom fields

Source: /tmp/praxium_repo_wjjl6pl8/libs/langchain_v1/langchain/agents/middleware/types.py:L330-690
"""

from ..runtime import Param, Step

STEP = Step(
    number=3,
    title="Configure Middleware (Optional)",
    kind="call",
    status="bound",
    api="create_agent(model, tools, middleware)",
    produces=("agent",),
    params={
        "model": Param("str", default="gpt-4o"),
        "tools": Param("list", default=[Ellipsis]),
    },
    wiki="workflows/langchain-ai_langchain_Agent_Creation_and_Execution.md:52",
)


def run(model, tools):
    from langchain.agents import create_agent, AgentMiddleware

    class LoggingMiddleware(AgentMiddleware):
        """Log agent execution at key points."""

        def before_model(self, state, runtime):
            """Log before model calls."""
            print(f"[Before Model] Messages: {len(state['messages'])}")
            return None

        def after_model(self, state, runtime):
            """Log after model calls."""
            last_message = state["messages"][-1]
            print(f"[After Model] Response: {last_message.content[:100]}")
            return None

    agent = create_agent(model=model, tools=tools, middleware=[LoggingMiddleware()])
    return {"agent": agent}
