"""`python -m workflow_karpathy_micrograd_neural_network_training`: plan, run or check this workflow."""

import sys

from .runtime import main

sys.exit(main(__package__))
