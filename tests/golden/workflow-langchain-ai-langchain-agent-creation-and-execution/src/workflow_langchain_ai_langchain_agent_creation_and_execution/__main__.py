"""`python -m workflow_langchain_ai_langchain_agent_creation_and_execution`: plan or run this workflow."""

import sys

from .runner import main

sys.exit(main())
