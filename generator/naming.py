"""Names derived from wiki text: repository names, package names, slugs. Pure and deterministic."""

from __future__ import annotations

import keyword
import re
import unicodedata
from urllib.parse import urlsplit

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s@]*@")
GITHUB_ORIGINS = ("https://github.com",)


def ascii_fold(text: str) -> str:
    """Text with accents removed and non-ASCII characters dropped."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def slug(text: str, sep: str = "_", fallback: str = "step", max_len: int = 48) -> str:
    """Lower-case ASCII words joined by sep; never empty, never a path."""
    words = _NON_ALNUM.sub(" ", ascii_fold(text).lower()).split()
    value = sep.join(words)[:max_len].strip(sep)
    return value or fallback


def derived_repo_name(namespace: str, short_name: str) -> str:
    """Kapso's rule for a workflow without a cited URL: `workflow-<namespace>-<name>`, lower case, hyphens."""
    return f"workflow-{slug(namespace, '-', 'wiki', 60)}-{slug(short_name, '-', 'workflow', 80)}"


def repo_name_from_url(url: str) -> str:
    """The last path segment of a GitHub repository URL, without `.git`."""
    return url.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git")


def github_origins(api_url: str | None = None) -> tuple[str, ...]:
    """Where repository URLs may point: github.com, and the web origin of a GitHub Enterprise API URL
    (`https://HOST/api/v3` -> `https://HOST`)."""
    origins = list(GITHUB_ORIGINS)
    parts = urlsplit(api_url or "")
    if parts.scheme in ("http", "https") and parts.hostname and parts.hostname.lower() != "api.github.com":
        port = f":{parts.port}" if parts.port else ""
        origins.append(f"{parts.scheme}://{parts.hostname.lower()}{port}")
    return tuple(dict.fromkeys(origins))


def redact_url(text: str) -> str:
    """text with the `user:password@` of any URL in it replaced by `***@`."""
    return _USERINFO.sub(r"\1***@", text)


def package_name(repo_name: str) -> str:
    """A valid, non-keyword Python identifier for a repository name."""
    name = slug(repo_name, "_", "workflow", 80)
    if name[0].isdigit() or keyword.iskeyword(name):
        name = f"wf_{name}"
    return name


def identifier(text: str, fallback: str = "value") -> str:
    """A valid Python identifier from arbitrary text (for artifact and parameter names)."""
    name = slug(text, "_", fallback, 60)
    if name[0].isdigit():
        name = f"{fallback}_{name}"
    if keyword.iskeyword(name):
        name = f"{name}_"
    return name
