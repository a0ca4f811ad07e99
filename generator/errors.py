"""One exception root for genrepo; only the CLI turns these into messages and exit codes."""

from __future__ import annotations

from pathlib import Path


class GenrepoError(Exception):
    """Root of every error genrepo raises on purpose."""


class UserError(GenrepoError):
    """Bad usage: a missing file, a target that would be overwritten, a bad option."""


class ParseError(GenrepoError):
    """A wiki file that cannot be read as the format it should have."""

    def __init__(self, file: Path | str, line: int, message: str) -> None:
        self.file = str(file)
        self.line = line
        self.message = message
        super().__init__(f"{self.file}:{line}: {message}")

    def __reduce__(self) -> tuple[type, tuple[str, int, str]]:  # raised again in the parent when a worker read it
        return type(self), (self.file, self.line, self.message)


class RenderError(GenrepoError):
    """The template could not be rendered into a repository."""


class PinError(GenrepoError):
    """Requirements could not be resolved; missing: those the resolver found no distribution of at all."""

    def __init__(self, message: str, missing: tuple[str, ...] = ()) -> None:
        self.missing = missing
        super().__init__(message)

    def __reduce__(self) -> tuple[type, tuple[str, tuple[str, ...]]]:
        return type(self), (str(self), self.missing)


class PublishError(GenrepoError):
    """A repository could not be published."""


class Interrupted(GenrepoError):
    """Ctrl-C or SIGTERM arrived; what genrepo had started was ended (the message says what)."""
