"""Step 6: Execute Agent.

Invoke or stream the agent with input messages. The agent maintains state across turns, executes
tools as needed, and returns the final response. Execution can be synchronous (`invoke`, `stream`)
or asynchronous (`ainvoke`, `astream`).

**What happens:**
- Input messages are added to state
- Model is called with system prompt and available tools
- Tool calls are executed in parallel
- Loop continues until no tool calls or structured output is produced
- Final state includes all messages and optional structured response
"""

from ..runtime import Param, Step

STEP = Step(
    number=6,
    title="Execute Agent",
    kind="call",
    status="bound",
    api="create_agent(model, tools, system_prompt)",
    produces=("agent", "result"),
    params={
        "model": Param("str", default="gpt-4o"),
        "tools": Param("list", default=[Ellipsis]),
        "system_prompt": Param("str", default="You are a helpful assistant."),
    },
    wiki="workflows/langchain-ai_langchain_Agent_Creation_and_Execution.md:82",
)


def run(model, tools, system_prompt):
    from langchain.agents import create_agent

    agent = create_agent(model=model, tools=tools, system_prompt=system_prompt)
    result = agent.invoke({"messages": [{"role": "user", "content": "Hello!"}]})
    return {"agent": agent, "result": result}
