"""Pinning requirements with pip-tools (or uv) behind a small runner interface, with a resolution cache.

The cache key is the normalised requirement set, the target Python version and the resolver options, so
N workflows sharing one dependency set cost one resolution, in one run and across runs.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import PinError

CACHE_FORMAT = 1
_LOCAL_LINE = re.compile(r"^\s*(--(extra-)?index-url|--find-links|-f\s|--trusted-host|-i\s)", re.M)


def default_cache_dir() -> Path:
    """$GENREPO_CACHE_DIR, else the user cache dir ($XDG_CACHE_HOME or ~/.cache) / genrepo / pins."""
    if os.environ.get("GENREPO_CACHE_DIR"):
        return Path(os.environ["GENREPO_CACHE_DIR"]) / "pins"
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "genrepo" / "pins"


@dataclass(frozen=True)
class PinOptions:
    """How to pin. index_args are passed to the resolver (for example `--no-index --find-links DIR`)."""

    resolver: str = "pip-tools"  # pip-tools | uv
    hashes: bool = True
    python_version: str = f"{sys.version_info.major}.{sys.version_info.minor}"
    cache_dir: Path | None = None
    index_args: tuple[str, ...] = ()
    env: tuple[tuple[str, str], ...] = ()
    timeout: float = 1800.0

    @property
    def compile_command(self) -> str:
        """The command written into requirements.txt's header: how to re-pin by hand."""
        if self.resolver == "uv":
            flags = "--generate-hashes " if self.hashes else ""
            return f"uv pip compile {flags}--strip-extras requirements.in -o requirements.txt"
        flags = "--generate-hashes " if self.hashes else ""
        return f"pip-compile {flags}--allow-unsafe --strip-extras requirements.in"


@dataclass(frozen=True)
class PinResult:
    """A compiled requirements.txt and how it was obtained."""

    text: str
    key: str
    resolver: str
    cached: bool
    seconds: float = 0.0


Runner = Callable[[list[str], Path, Mapping[str, str], float], subprocess.CompletedProcess]


def subprocess_runner(args: list[str], cwd: Path, env: Mapping[str, str], timeout: float) -> subprocess.CompletedProcess:
    """Run a resolver command; the only place this module starts processes."""
    return subprocess.run(args, cwd=cwd, env=dict(env), capture_output=True, text=True, timeout=timeout, check=False)


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
        return [
            *_uv_command(), "pip", "compile", "--quiet", *hashes, *common,
            "--python-version", options.python_version,
            "--custom-compile-command", options.compile_command,
            *options.index_args, "requirements.in",
        ]
    if options.resolver != "pip-tools":
        raise PinError(f"unknown resolver {options.resolver!r}: use pip-tools or uv")
    return [
        sys.executable, "-m", "piptools", "compile", "--quiet", *hashes, "--allow-unsafe",
        "--no-emit-trusted-host", *common, *options.index_args, "requirements.in",
    ]


def _clean(text: str) -> str:
    """Drop anything machine-specific a resolver might still write (index URLs, find-links, hosts)."""
    lines = [line for line in text.splitlines() if not _LOCAL_LINE.match(line)]
    return "\n".join(lines).rstrip("\n") + "\n"


def _reason(proc: subprocess.CompletedProcess) -> str:
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

    def _header(self) -> str:
        return (
            f"# This file was compiled by genrepo with {self.options.resolver} for Python {self.options.python_version}.\n"
            f"# To re-pin, run:\n#\n#    {self.options.compile_command}\n#\n"
        )

    def pin(self, requirements: Iterable[str]) -> PinResult:
        """A requirements.txt for the set; raises PinError with the resolver's reason when it fails."""
        wanted = sorted(set(requirements))
        key = cache_key(wanted, self.options)
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            if key in self._memo:
                return self._memo[key]
            result = self._from_cache(key) or self._resolve(wanted, key)
            self._memo[key] = result
            return result

    def _from_cache(self, key: str) -> PinResult | None:
        path = self.cache_dir / f"{key}.txt"
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            return None
        return PinResult(text, key, self.options.resolver, cached=True)

    def _resolve(self, wanted: list[str], key: str) -> PinResult:
        started = time.perf_counter()
        if not wanted:
            text = self._header() + "# (no dependencies)\n"
        else:
            text = self._run_resolver(wanted)
        result = PinResult(text, key, self.options.resolver, cached=False, seconds=time.perf_counter() - started)
        self._store(key, text)
        return result

    def _run_resolver(self, wanted: list[str]) -> str:
        env = {**os.environ, "CUSTOM_COMPILE_COMMAND": self.options.compile_command, **dict(self.options.env)}
        env.pop("PIP_REQUIRE_VIRTUALENV", None)
        with tempfile.TemporaryDirectory(prefix="genrepo-pin-") as tmp:
            work = Path(tmp)
            (work / "requirements.in").write_text(requirements_in(wanted), encoding="utf-8")
            try:
                proc = self.runner(_command(self.options), work, env, self.options.timeout)
            except subprocess.TimeoutExpired:
                raise PinError(f"{self.options.resolver} did not finish within {self.options.timeout:.0f}s") from None
            except OSError as exc:
                raise PinError(f"cannot run {self.options.resolver}: {exc.strerror or exc}") from None
            self.resolutions += 1
            output = work / "requirements.txt"
            if proc.returncode != 0 or not output.is_file():
                raise PinError(f"{self.options.resolver} could not resolve {', '.join(wanted)}: {_reason(proc)}")
            text = output.read_text(encoding="utf-8").replace(tmp, ".")
        return _clean(text)

    def _store(self, key: str, text: str) -> None:
        try:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.cache_dir, prefix=".pin-")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(tmp, self.cache_dir / f"{key}.txt")
        except OSError:
            pass  # a cache that cannot be written only costs time
