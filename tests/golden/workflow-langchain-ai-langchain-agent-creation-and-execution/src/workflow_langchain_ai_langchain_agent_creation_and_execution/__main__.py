"""`python -m workflow_langchain_ai_langchain_agent_creation_and_execution`: plan, run or check this workflow."""

import sys

from .runtime import main

sys.exit(main(__package__))
