"""Every command-line option, declared once (flag, type, one meaning, one help text) and reused by each command
that takes it, as pip-tools declares its click options in `scripts/options.py`. The commands build frozen
options objects from them (`pin_options`, PublishOptions, GenerateOptions); the pipeline takes those whole."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional

import typer

from generator.pin import DEFAULT_RESOLVER, PinOptions


class Resolver(StrEnum):
    """What compiles requirements.txt (the same default locally and in the Action: pin.DEFAULT_RESOLVER)."""

    PIP_TOOLS = "pip-tools"
    UV = "uv"


# what to read and where to write
Index = Annotated[
    Path, typer.Argument(help="Path to the wiki's _WorkflowIndex.md (or its folder).", show_default=False)
]
Out = Annotated[Path, typer.Option("--out", "-o", help="Folder for the generated repositories.")]
Workflows = Annotated[Optional[list[str]], typer.Option("--workflow", "-w", help="Only this workflow (repeatable).")]
Mapping = Annotated[
    Optional[list[Path]],
    typer.Option("--mapping", help="A TOML file of extra names -> distributions, loaders and renames (repeatable)."),
]
ApiUrl = Annotated[
    str, typer.Option("--github-api-url", help="GitHub API base URL; GitHub Enterprise Server: https://HOST/api/v3.")
]

Set = Annotated[
    Optional[list[str]],
    typer.Option("--set", help="[WORKFLOW:]STEP.KEY=VALUE: a config value written into config.toml (repeatable)."),
]

# how to run
DryRun = Annotated[bool, typer.Option("--dry-run", help="Change nothing; show what would happen.")]
Json = Annotated[bool, typer.Option("--json", help="Print only a JSON report on stdout.")]
Force = Annotated[bool, typer.Option("--force", help="Overwrite local folders genrepo did not make, or local edits.")]
Jobs = Annotated[
    Optional[int],
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        max=32,
        help="How much runs at once: processes reading wikis and rendering, and resolutions while generating; "
        "repositories while publishing (default: the cores; 4 resolutions; 2 repositories).",
    ),
]
Diff = Annotated[bool, typer.Option("--diff", help="Also print the unified diff of every file that changes.")]
Report = Annotated[Optional[Path], typer.Option("--report", help="Also write the JSON report to this file.")]

# pinning
NoPin = Annotated[bool, typer.Option("--no-pin", help="Do not compile requirements.txt (its README says how).")]
ResolverOpt = Annotated[
    Resolver, typer.Option("--resolver", help="What compiles requirements.txt.", case_sensitive=False)
]
DEFAULT = Resolver(DEFAULT_RESOLVER)
NoHashes = Annotated[bool, typer.Option("--no-hashes", help="Pin without --generate-hashes.")]
WikiDate = Annotated[
    bool,
    typer.Option(
        "--wiki-date",
        help="Pin the releases current on the wiki's date (its pages' last_updated) instead of the newest: for a wiki "
        "that documents a release whose APIs later moved or went away.",
    ),
]
Sdist = Annotated[
    bool,
    typer.Option(
        "--allow-sdist-builds",
        help="Let the resolver build source distributions (runs their setup code); default: wheels only.",
    ),
]
CacheDir = Annotated[
    Optional[Path], typer.Option("--cache-dir", help="Resolution cache (default: the user cache dir).")
]

# publishing
Owner = Annotated[
    Optional[str], typer.Option("--owner", help="Owner for workflows citing no URL (default: the token's user).")
]
Private = Annotated[bool, typer.Option("--private/--public", help="Visibility of repositories genrepo creates.")]
TokenEnv = Annotated[
    Optional[str], typer.Option("--token-env", help="Name of the environment variable holding the token.")
]
Pr = Annotated[
    bool, typer.Option("--pr", help="Where the remote has commits genrepo did not make, open a pull request.")
]
ForcePublish = Annotated[
    bool,
    typer.Option("--force-publish", help="Replace the content of remote commits genrepo did not make (history kept)."),
]
Merge = Annotated[
    bool,
    typer.Option(
        "--merge",
        help="Where the remote has commits genrepo did not make, push the update merged with them when the merge is clean.",
    ),
]
WriteBack = Annotated[bool, typer.Option("--write-back", help="Write each repository's URL into the wiki.")]
Shard = Annotated[str, typer.Option("--shard", help="I/N: only the I-th of N slices of the wiki's workflows.")]


def pin_options(
    no_pin: bool,
    resolver: Resolver,
    no_hashes: bool,
    wiki_date: bool,
    allow_sdist_builds: bool,
    cache_dir: Path | None,
    token_env: str | None,
) -> PinOptions | None:
    """The pin options the pinning flags stand for (None with --no-pin); --token-env's variable is withheld too."""
    if no_pin:
        return None
    return PinOptions(
        resolver=str(resolver),
        hashes=not no_hashes,
        wiki_date=wiki_date,
        allow_sdist_builds=allow_sdist_builds,
        cache_dir=cache_dir,
        secret_names=(token_env,) if token_env else (),
    )
