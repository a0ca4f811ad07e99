"""Pinning requirements with pip-tools (or uv) behind a small runner interface, with a resolution cache.

The cache key is the normalised requirement set, the target Python version and the resolver options, so
N workflows sharing one dependency set cost one resolution, in one run and across runs.

A resolver reads metadata of distributions named by wiki text, so it is treated as running a stranger's
code: it gets an environment without tokens or anything named like a secret, it considers wheels only
(building an sdist runs its build code) unless `allow_sdist_builds` is set, and it runs in its own process
group so an interruption ends it and everything it started.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from generator.atomic import write_atomic
from generator.deps import requirement_name
from generator.errors import PinError

CACHE_FORMAT = 1
TOKEN_VARIABLES = ("GITHUB_TOKEN", "GH_TOKEN")
# Names of variables that hold, or grant, credentials: never passed to a resolver.
_SECRET_NAME = re.compile(r"token|secret|passw|pwd|key|credential|auth|cookie|session|private", re.IGNORECASE)
_INDEX_SETTING = re.compile(r"^(PIP|UV)_\w*(INDEX|FIND_LINKS|URL)\w*$", re.IGNORECASE)
SDIST_RISK = (
    "building source distributions runs their setup code (setup.py, build backends) on this machine with "
    "network access; wiki text chooses which distributions are built"
)
_LOCAL_LINE = re.compile(r"^\s*(--(extra-)?index-url|--find-links|-f\s|--trusted-host|-i\s)", re.M)


_HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}")
_WHEELS_ONLY = re.compile(r"--only-binary[ =](?::all:|:none:)|--prefer-binary")  # a line pip-compile writes
_COMMENT = re.compile(r"(^|\s+)#.*$")  # pip's
_PLAIN = re.compile(r"[A-Za-z0-9._+=<>!~;'\"(), -]+")  # a pin with its marker: no URL, path, variable or wildcard


def _pip_lines(text: str) -> list[str]:
    """The logical lines pip reads in a requirements file: a line ending in a backslash joined to the next (a
    comment line ends it), comments cut, as pip's req_file.preprocess does."""
    joined: list[str] = []
    parts: list[str] = []
    for line in text.split("\n"):
        comment = _COMMENT.match(line) is not None
        if comment or not line.endswith("\\"):
            parts.append(" " + line if comment else line)
            joined.append("".join(parts))
            parts = []
        else:
            parts.append(line.strip("\\"))
    if parts:
        joined.append("".join(parts))
    return [_COMMENT.sub("", line).strip() for line in joined]


def _exact_pin(requirement: str) -> str | None:
    """The distribution name when requirement is `name==version` (a valid version, an optional marker), else None."""
    from packaging.requirements import InvalidRequirement, Requirement
    from packaging.utils import canonicalize_name
    from packaging.version import InvalidVersion, Version

    if not _PLAIN.fullmatch(requirement):
        return None
    try:
        parsed = Requirement(requirement)
        (spec,) = parsed.specifier
        Version(spec.version)
    except (InvalidRequirement, InvalidVersion, ValueError):
        return None
    if parsed.url or parsed.extras or spec.operator != "==":
        return None
    return canonicalize_name(parsed.name)


def pins_only(text: str, wanted: Iterable[str] = ()) -> bool:
    """Whether a requirements.txt holds nothing but what the resolvers write: exact pins (`name==version`, a valid
    version, an optional marker) with their sha256 hashes, comments, and pip-compile's wheels-only line; read as
    pip reads it (continued lines joined, comments cut, a line's options after its requirement). So no other
    option (an index URL, find-links, --no-binary, -r, -c, -e), no URL, path or archive, no variable. wanted:
    requirements the set asked for; each one without a marker must be pinned."""
    from packaging.requirements import InvalidRequirement, Requirement
    from packaging.utils import canonicalize_name

    pinned: set[str] = set()
    for line in _pip_lines(text):
        if not line or _WHEELS_ONLY.fullmatch(line):
            continue
        tokens = line.split(" ")  # pip's break_args_options: the requirement ends at the first `-` token
        cut = next((n for n, token in enumerate(tokens) if token.startswith("-")), len(tokens))
        name = _exact_pin(" ".join(tokens[:cut]).strip())
        if name is None or not all(_HASH.fullmatch(token) for token in tokens[cut:] if token):
            return False
        pinned.add(name)
    for requirement in wanted:
        try:
            asked = Requirement(requirement)
        except InvalidRequirement:
            continue
        if asked.marker is None and canonicalize_name(asked.name) not in pinned:
            return False
    return True


def default_cache_dir() -> Path:
    """$GENREPO_CACHE_DIR, else the user cache dir ($XDG_CACHE_HOME or ~/.cache) / genrepo / pins."""
    if os.environ.get("GENREPO_CACHE_DIR"):
        return Path(os.environ["GENREPO_CACHE_DIR"]) / "pins"
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "genrepo" / "pins"


# uv by default, locally and in the Action: it resolved a torch-stack workflow in 6 s where pip-compile took
# ~10 min, and one default means local and CI runs write the same requirements.txt instead of rewriting
# each other's pins (tests/test_action.py checks the three places agree).
DEFAULT_RESOLVER = "uv"


@dataclass(frozen=True)
class PinOptions:
    """How to pin. index_args are passed to the resolver (for example `--no-index --find-links DIR`)."""

    resolver: str = DEFAULT_RESOLVER  # uv | pip-tools
    hashes: bool = True
    python_version: str = f"{sys.version_info.major}.{sys.version_info.minor}"
    cache_dir: Path | None = None
    index_args: tuple[str, ...] = ()
    env: tuple[tuple[str, str], ...] = ()
    timeout: float = 1800.0
    allow_sdist_builds: bool = False  # off: wheels only, so no distribution's code runs while resolving
    secret_names: tuple[str, ...] = ()  # more variables to keep from the resolver (e.g. --token-env's)
    # True (--wiki-date): releases current on the wiki's date, for a wiki that documents a release whose APIs later
    # moved. Off by default: wikis are often written from a development head whose APIs only later releases have.
    wiki_date: bool = False
    exclude_newer: str | None = None  # set per resolution from the wiki's date: an ISO 8601 UTC time

    def _pip_args(self) -> list[str]:
        return [
            *([] if self.allow_sdist_builds else ["--only-binary :all:"]),
            *([f"--uploaded-prior-to={self.exclude_newer}"] if self.exclude_newer else []),
        ]

    @property
    def compile_command(self) -> str:
        """The command written into requirements.txt's header: how to re-pin by hand."""
        flags = "--generate-hashes " if self.hashes else ""
        if self.resolver == "uv":
            wheels = "" if self.allow_sdist_builds else " --only-binary :all:"
            newer = f" --exclude-newer {self.exclude_newer}" if self.exclude_newer else ""
            return f"uv pip compile {flags}--strip-extras requirements.in -o requirements.txt{wheels}{newer}"
        pip_args = self._pip_args()
        wheels = f' --pip-args "{" ".join(pip_args)}"' if pip_args else ""
        return f"pip-compile {flags}--allow-unsafe --strip-extras requirements.in{wheels}"


def as_of(last_updated: str) -> str | None:
    """The resolver's cut-off for a wiki page's `last_updated` (`2025-12-17 19:00 GMT`): the end of that day, UTC,
    so releases of the day the wiki was written count. None when the text holds no date."""
    found = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", last_updated or "")
    if not found:
        return None
    try:
        day = datetime.date(*(int(part) for part in found.groups()))
    except ValueError:
        return None
    return f"{day + datetime.timedelta(days=1)}T00:00:00Z"


@dataclass(frozen=True)
class PinResult:
    """A compiled requirements.txt and how it was obtained."""

    text: str
    key: str
    resolver: str
    cached: bool
    seconds: float = 0.0


Runner = Callable[[list[str], Path, Mapping[str, str], float], subprocess.CompletedProcess[str]]

_running: set[subprocess.Popen[str]] = set()
_running_guard = threading.Lock()
_stopping = threading.Event()


def _end_group(proc: subprocess.Popen[str]) -> None:
    """Terminate a resolver's process group (it and every process it started), then kill what is left."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sig)
        except (ProcessLookupError, PermissionError):
            return
        try:
            proc.wait(timeout=5)
            return
        except subprocess.TimeoutExpired:
            continue


def end_resolvers() -> int:
    """End every resolver still running (on Ctrl-C or SIGTERM) and start no new one until
    allow_resolvers(); returns how many were ended."""
    _stopping.set()
    with _running_guard:
        procs = list(_running)
    for proc in procs:
        _end_group(proc)
    return len(procs)


def allow_resolvers() -> None:
    """Undo end_resolvers(): resolvers may start again."""
    _stopping.clear()


def subprocess_runner(
    args: list[str], cwd: Path, env: Mapping[str, str], timeout: float
) -> subprocess.CompletedProcess[str]:
    """Run a resolver command in its own process group; the only place this module starts processes."""
    if _stopping.is_set():
        raise OSError("genrepo is stopping")
    proc = subprocess.Popen(
        args, cwd=cwd, env=dict(env), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    with _running_guard:
        _running.add(proc)
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except BaseException:  # timeout, KeyboardInterrupt: nothing the resolver started outlives it
        _end_group(proc)
        raise
    finally:
        with _running_guard:
            _running.discard(proc)
    return subprocess.CompletedProcess(args, proc.returncode, stdout, stderr)


def _without_credentials(value: str) -> str:
    """Index URLs (space-separated) with any `user:password@` removed."""
    urls = []
    for url in value.split():
        parts = urlsplit(url)
        if parts.netloc and "@" in parts.netloc:
            url = urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))
        urls.append(url)
    return " ".join(urls)


def resolver_environment(environ: Mapping[str, str], secret_names: Iterable[str] = ()) -> dict[str, str]:
    """The environment a resolver may see: no token variables, nothing named like a secret, and index
    settings without credentials; PATH, HOME, proxies, locale and the rest of PIP_*/UV_* stay."""
    dropped = {name.upper() for name in (*TOKEN_VARIABLES, *secret_names) if name}
    clean: dict[str, str] = {}
    for name, value in environ.items():
        if name.upper() in dropped or _SECRET_NAME.search(name):
            continue
        clean[name] = _without_credentials(value) if _INDEX_SETTING.match(name) else value
    return clean


def requirements_in(requirements: Iterable[str]) -> str:
    """The requirements.in text for a set: sorted, unique, one per line."""
    return "".join(f"{r}\n" for r in sorted(set(requirements)))


def cache_key(requirements: Iterable[str], options: PinOptions) -> str:
    """Stable key for a resolution: requirement set, Python version, resolver options."""
    payload = {
        "format": CACHE_FORMAT,
        "requirements": sorted(set(requirements)),
        "python": options.python_version,
        "resolver": options.resolver,
        "hashes": options.hashes,
        "index": list(options.index_args),
        "sdist_builds": options.allow_sdist_builds,
        "exclude_newer": options.exclude_newer,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:32]


def _uv_command() -> list[str]:
    """The uv binary: beside this Python (the uv wheel installs it there), or on PATH."""
    beside = Path(sys.executable).parent / "uv"
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("uv")
    if found:
        return [found]
    raise PinError("--resolver uv needs uv: pip install uv (or genrepo[uv])")


def _command(options: PinOptions) -> list[str]:
    common = ["--no-emit-index-url", "--no-emit-find-links", "--strip-extras", "-o", "requirements.txt"]
    hashes = ["--generate-hashes"] if options.hashes else []
    if options.resolver == "uv":
        wheels = [] if options.allow_sdist_builds else ["--only-binary", ":all:"]
        newer = ["--exclude-newer", options.exclude_newer] if options.exclude_newer else []
        return [
            *_uv_command(),
            "pip",
            "compile",
            "--quiet",
            *hashes,
            *common,
            *wheels,
            *newer,
            "--python-version",
            options.python_version,
            "--custom-compile-command",
            options.compile_command,
            *options.index_args,
            "requirements.in",
        ]
    if options.resolver != "pip-tools":
        raise PinError(f"unknown resolver {options.resolver!r}: use pip-tools or uv")
    pip_args = options._pip_args()
    wheels = ["--pip-args", " ".join(pip_args)] if pip_args else []
    return [
        sys.executable,
        "-m",
        "piptools",
        "compile",
        "--quiet",
        *hashes,
        "--allow-unsafe",
        "--no-emit-trusted-host",
        *common,
        *wheels,
        *options.index_args,
        "requirements.in",
    ]


def _clean(text: str) -> str:
    """Drop anything machine-specific a resolver might still write (index URLs, find-links, hosts)."""
    lines = [line for line in text.splitlines() if not _LOCAL_LINE.match(line)]
    return "\n".join(lines).rstrip("\n") + "\n"


# uv's words for a name no index or find-links folder has any distribution of (not one without a usable wheel)
_NOT_FOUND = re.compile(r"\b([A-Za-z0-9][\w.-]*) was not found in the (?:package registry|provided package locations)")


def _not_found(output: str, wanted: Iterable[str]) -> tuple[str, ...]:
    """The requirements of wanted that the resolver's output says no distribution exists for."""
    from packaging.utils import canonicalize_name

    named = {canonicalize_name(m.group(1)) for m in _NOT_FOUND.finditer(output)}
    return tuple(w for w in wanted if canonicalize_name(requirement_name(w)) in named)


def _reason(proc: subprocess.CompletedProcess[str]) -> str:
    output = (proc.stderr or proc.stdout or "").strip().splitlines()
    interesting = [line for line in output if line.strip() and not line.startswith("WARNING: Location")]
    return " | ".join(interesting[-6:]) or f"exit status {proc.returncode}"


@dataclass
class Pinner:
    """Resolves requirement sets, once per distinct set, using the cache when it can."""

    options: PinOptions = field(default_factory=PinOptions)
    runner: Runner = subprocess_runner
    resolutions: int = 0
    _memo: dict[str, PinResult] = field(default_factory=dict)
    _locks: dict[str, threading.Lock] = field(default_factory=dict)
    _guard: threading.Lock = field(default_factory=threading.Lock)

    @property
    def cache_dir(self) -> Path:
        return self.options.cache_dir or default_cache_dir()

    def _header(self, options: PinOptions) -> str:
        return (
            f"# This file was compiled by genrepo with {options.resolver} for Python {options.python_version}.\n"
            f"# To re-pin, run:\n#\n#    {options.compile_command}\n#\n"
        )

    def options_for(self, last_updated: str = "") -> PinOptions:
        """The options of one resolution: with wiki_date, releases up to the wiki's date."""
        cut = as_of(last_updated) if self.options.wiki_date else None
        return replace(self.options, exclude_newer=cut) if cut != self.options.exclude_newer else self.options

    def cached(self, requirements: Iterable[str], last_updated: str = "") -> PinResult | None:
        """The set's requirements.txt when this run or the cache already has it; never runs a resolver."""
        wanted = sorted(set(requirements))
        key = cache_key(wanted, self.options_for(last_updated))
        return self._memo.get(key) or self._from_cache(key, wanted)

    def pin(self, requirements: Iterable[str], last_updated: str = "") -> PinResult:
        """A requirements.txt for the set (as of the wiki's last_updated date with --wiki-date); raises PinError
        with the resolver's reason when it fails."""
        options = self.options_for(last_updated)
        wanted = sorted(set(requirements))
        key = cache_key(wanted, options)
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            if key in self._memo:
                return self._memo[key]
            result = self._from_cache(key, wanted) or self._resolve(wanted, key, options)
            self._memo[key] = result
            return result

    def _from_cache(self, key: str, wanted: Iterable[str]) -> PinResult | None:
        """The cached resolution, when it reads as one of the set: a cache shared between machines (the Action's)
        is input like any other, and a file holding an index URL, a link, an option or a loose version, or leaving
        out a requirement of the set, is resolved again instead."""
        path = self.cache_dir / f"{key}.txt"
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        if not pins_only(text, wanted):
            return None
        return PinResult(text, key, self.options.resolver, cached=True)

    def _resolve(self, wanted: list[str], key: str, options: PinOptions) -> PinResult:
        started = time.perf_counter()
        if not wanted:
            text = self._header(options) + "# (no dependencies)\n"
        else:
            text = self._run_resolver(wanted, options)
        result = PinResult(text, key, self.options.resolver, cached=False, seconds=time.perf_counter() - started)
        self._store(key, text)
        return result

    def _run_resolver(self, wanted: list[str], options: PinOptions | None = None) -> str:
        options = options or self.options
        env = resolver_environment(
            {**os.environ, **dict(options.env), "CUSTOM_COMPILE_COMMAND": options.compile_command},
            options.secret_names,
        )
        env.pop("PIP_REQUIRE_VIRTUALENV", None)
        with tempfile.TemporaryDirectory(prefix="genrepo-pin-") as tmp:
            work = Path(tmp)
            (work / "requirements.in").write_text(requirements_in(wanted), encoding="utf-8")
            try:
                proc = self.runner(_command(options), work, env, options.timeout)
            except subprocess.TimeoutExpired:
                raise PinError(f"{options.resolver} did not finish within {options.timeout:.0f}s") from None
            except OSError as exc:
                raise PinError(f"cannot run {options.resolver}: {exc.strerror or exc}") from None
            self.resolutions += 1
            output = work / "requirements.txt"
            if proc.returncode != 0 or not output.is_file():
                hint = (
                    ""
                    if options.allow_sdist_builds
                    else (
                        " (only wheels are considered; for a distribution without one, --allow-sdist-builds lets the "
                        "resolver build it, which runs its code)"
                    )
                )
                raise PinError(
                    f"{options.resolver} could not resolve {', '.join(wanted)}: {_reason(proc)}{hint}",
                    _not_found(proc.stderr or proc.stdout or "", wanted),
                )
            text = output.read_text(encoding="utf-8").replace(tmp, ".")
        return _clean(text)

    def _store(self, key: str, text: str) -> None:
        try:
            write_atomic(self.cache_dir / f"{key}.txt", text.encode("utf-8"))
        except OSError:
            pass  # a cache that cannot be written only costs time
