"""`python -m {{ cookiecutter.package_name }}`: plan or run this workflow."""

import sys

from .runner import main

sys.exit(main())
