"""`python -m {{ cookiecutter.package_name }}`: plan, run or check this workflow."""

import sys

from .runtime import main

sys.exit(main(__package__))
