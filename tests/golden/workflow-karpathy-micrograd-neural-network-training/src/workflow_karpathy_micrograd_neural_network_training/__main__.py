"""`python -m workflow_karpathy_micrograd_neural_network_training`: plan or run this workflow."""

import sys

from .runner import main

sys.exit(main())
