"""genrepo's runtime for a generated workflow: the step spec, config, runner, artifact store and checks.

It is the same in every repository genrepo generates; `.genrepo.json` records its version, and regenerating
(`genrepo update`) brings a newer one. Nothing here depends on the workflow's own libraries.
"""

from .spec import REQUIRED, Param, Repeat, Step, Workflow

RUNTIME_VERSION = "2.1"

__all__ = ["REQUIRED", "RUNTIME_VERSION", "Param", "Repeat", "Step", "Workflow", "main"]


def main(package: str, argv: list[str] | None = None) -> int:
    """`python -m PACKAGE ...`: plan, run or check the workflow of that package."""
    from .cli import main as cli_main

    return cli_main(package, argv)
