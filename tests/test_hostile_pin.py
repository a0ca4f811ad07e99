"""Severe 1: pinning runs code a wiki names. The resolver never sees a token, builds no sdist unless asked,
dry runs do not resolve, and Ctrl-C or SIGTERM ends the resolver and everything it started."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.errors import PinError
from generator.pin import Pinner, PinOptions, cache_key, resolver_environment
from generator.pipeline import generate, publish
from generator.publish import PublishOptions, RemoteRepo
from tests.helpers import build_file_tree, build_sdist_recording_env, build_wheel, enriched_index, workflow_page
from tests.test_pin import HAS_UV

SECRETS = {
    "GITHUB_TOKEN": "ghp_hostile_github_token_value",
    "GH_TOKEN": "gho_hostile_gh_token_value",
    "WIKI_BOT_PAT": "hostile_custom_token_env_value",  # named by --token-env: dropped by name
    "AWS_SECRET_ACCESS_KEY": "hostile_aws_secret_value",
    "npm_config__authToken": "hostile_npm_token_value",
    "DATABASE_PASSWORD": "hostile_password_value",
    "MY_API_KEY": "hostile_api_key_value",
}
RESOLVERS = ["pip-tools", pytest.param("uv", marks=pytest.mark.skipif(not HAS_UV, reason="uv not installed"))]


@pytest.fixture
def secrets(monkeypatch):
    for name, value in SECRETS.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("PIP_EXTRA_INDEX_URL", "https://wikiuser:hostile_index_password@index.invalid/simple")
    return SECRETS


@pytest.fixture
def house(tmp_path) -> tuple[Path, Path]:
    """A find-links folder with one wheel and one sdist that records the environment its build sees."""
    folder = tmp_path / "links"
    build_wheel(folder, "plain", "1.0.0")
    build_wheel(folder, "demo", "1.0.0")  # the package the sample wiki's API calls name
    marker = tmp_path / "build-saw.jsonl"
    build_sdist_recording_env(folder, "recorder", "1.0.0", marker)
    return folder, marker


def offline(folder: Path, cache: Path, resolver: str, **fields) -> PinOptions:
    return PinOptions(
        resolver=resolver,
        cache_dir=cache,
        index_args=("--no-index", "--find-links", str(folder)),
        env=(("PIP_CONFIG_FILE", os.devnull), ("UV_NO_CONFIG", "1")),
        secret_names=("WIKI_BOT_PAT",),
        **fields,
    )


def test_resolver_environment_keeps_what_resolving_needs_and_no_secret():
    environ = {
        "PATH": "/usr/bin",
        "HOME": "/home/u",
        "LANG": "C.UTF-8",
        "HTTPS_PROXY": "http://proxy:3128",
        "no_proxy": "localhost",
        "PIP_INDEX_URL": "https://u:p4ss@pypi.example/simple",
        "UV_EXTRA_INDEX_URL": "https://a.example/simple https://tok@b.example/simple",
        "PIP_NO_INDEX": "1",
        "GITHUB_TOKEN": "x",
        "gh_token": "x",
        "DEPLOY_CRED": "x",
        "Some_Credential": "x",
        "ci_secret": "x",
        "PGPASSWORD": "x",
        "SSH_AUTH_SOCK": "/tmp/agent",
        "TWINE_PASSWORD": "x",
        "PRIVATE_KEY_PATH": "x",
    }
    env = resolver_environment(environ, secret_names=("DEPLOY_CRED",))
    assert env == {
        "PATH": "/usr/bin",
        "HOME": "/home/u",
        "LANG": "C.UTF-8",
        "HTTPS_PROXY": "http://proxy:3128",
        "no_proxy": "localhost",
        "PIP_INDEX_URL": "https://pypi.example/simple",
        "UV_EXTRA_INDEX_URL": "https://a.example/simple https://b.example/simple",
        "PIP_NO_INDEX": "1",
    }


@pytest.mark.parametrize("resolver", RESOLVERS)
def test_an_sdist_is_not_built_by_default(tmp_path, house, secrets, resolver):
    folder, marker = house
    with pytest.raises(PinError) as info:
        Pinner(offline(folder, tmp_path / "cache", resolver)).pin(["recorder"])
    assert "recorder" in str(info.value) and "--allow-sdist-builds" in str(info.value)
    assert not marker.exists(), "the sdist's build code ran although builds were not allowed"
    # wheels still resolve
    assert "plain==1.0.0" in Pinner(offline(folder, tmp_path / "cache", resolver)).pin(["plain"]).text


@pytest.mark.slow  # builds a source distribution
@pytest.mark.parametrize("resolver", RESOLVERS)
def test_with_the_opt_in_the_sdist_is_built_and_sees_no_token(tmp_path, house, secrets, resolver):
    folder, marker = house
    result = Pinner(offline(folder, tmp_path / "cache", resolver, allow_sdist_builds=True)).pin(["recorder", "plain"])
    assert "recorder==1.0.0" in result.text
    assert marker.is_file(), "the opt-in should let the resolver build the sdist"
    seen = marker.read_text()
    for name, value in secrets.items():
        assert value not in seen, f"{name}'s value reached the build"
    assert "hostile_index_password" not in seen
    for line in seen.splitlines():
        environ = json.loads(line)
        assert not set(environ) & set(secrets)
        assert environ.get("PATH")
        assert environ.get("PIP_EXTRA_INDEX_URL", "https://index.invalid/simple") == "https://index.invalid/simple"


def test_the_cache_key_includes_the_build_opt_in(tmp_path):
    wheels_only = PinOptions(cache_dir=tmp_path)
    builds = PinOptions(cache_dir=tmp_path, allow_sdist_builds=True)
    assert cache_key(["a"], wheels_only) != cache_key(["a"], builds)
    assert "--only-binary :all:" in wheels_only.compile_command and "only-binary" not in builds.compile_command


def _wiki(root: Path, dependency: str = "`plain`") -> Path:
    index = enriched_index(steps=1).replace("`numpy`", dependency)
    return build_file_tree(
        root, {"_WorkflowIndex.md": index, "workflows/Demo_Wiki_Sample_Flow.md": workflow_page(steps=1)}
    )


class _NoRemote:
    """A GitHub client with no repositories: a dry run plans a create."""

    def login(self) -> str:
        return "someone"

    def scopes(self):
        return ["repo", "workflow"]

    def get_repo(self, full_name: str) -> RemoteRepo | None:
        return None


def test_publish_dry_run_never_resolves(tmp_path, monkeypatch, house):
    def no_resolver(self, wanted, options=None):
        raise AssertionError(f"a dry run started a resolver for {wanted}")

    monkeypatch.setattr(Pinner, "_run_resolver", no_resolver)
    monkeypatch.setenv("GITHUB_TOKEN", "ghp_dry")
    wiki = _wiki(tmp_path / "wiki")
    run = publish(
        wiki,
        tmp_path / "out",
        PublishOptions(dry_run=True),
        pin=PinOptions(cache_dir=tmp_path / "cache"),
        client_factory=lambda token, options: _NoRemote(),
    )
    (item,) = run.generated.results
    assert item.ok and "dry run does not resolve" in item.plan.pin_note
    assert [r.action for r in run.results] == ["create"] and not (tmp_path / "out").exists()


@pytest.mark.slow  # a real resolution
def test_a_dry_run_uses_a_cached_resolution(tmp_path, house):
    folder, _ = house
    wiki = _wiki(tmp_path / "wiki")
    options = offline(folder, tmp_path / "cache", "pip-tools")
    Pinner(options).pin(["demo", "plain"])
    calls = []
    pinner = Pinner(options, runner=lambda *args: calls.append(args))
    result = generate(wiki, tmp_path / "out", pinner=pinner, resolve=False)
    (item,) = result.results
    assert calls == [] and item.plan.pinned and "plain==1.0.0" in item.plan.pinned


def cli(*args: str, env: dict[str, str], cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _cli_env(tmp_path: Path, find_links: str) -> dict[str, str]:
    """pip's settings for an offline run; the CLI calls below choose pip-tools, which reads them."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "UV_"))}
    env.update(
        PIP_NO_INDEX="1",
        PIP_FIND_LINKS=find_links,
        PIP_CONFIG_FILE=os.devnull,
        GITHUB_TOKEN=SECRETS["GITHUB_TOKEN"],
        GENREPO_CACHE_DIR=str(tmp_path / "cache"),
    )
    return env


@pytest.mark.slow  # a real resolution
def test_cli_builds_only_with_the_flag_and_warns(tmp_path, house):
    folder, marker = house
    wiki = _wiki(tmp_path / "wiki", "`recorder`")
    env = _cli_env(tmp_path, str(folder))
    proc = cli(
        "from-index", str(wiki), "--out", str(tmp_path / "out"), "--resolver", "pip-tools", env=env, cwd=tmp_path
    )
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 1 and "Traceback" not in out + err
    assert "--allow-sdist-builds" in err and not marker.exists()
    proc = cli(
        "from-index",
        str(wiki),
        "--out",
        str(tmp_path / "out"),
        "--resolver",
        "pip-tools",
        "--allow-sdist-builds",
        env=env,
        cwd=tmp_path,
    )
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, out + err
    assert "warning: --allow-sdist-builds: building source distributions runs their setup code" in err
    assert marker.is_file() and SECRETS["GITHUB_TOKEN"] not in marker.read_text()
    assert "recorder==1.0.0" in (tmp_path / "out" / "workflow-demo-wiki-sample-flow" / "requirements.txt").read_text()


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow  # a whole genrepo process and a resolver, then a signal
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_during_pinning_ends_the_resolver_and_says_so(tmp_path, sig):
    silent = socket.socket()  # accepts connections into its backlog and never answers: the resolver waits
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)
    try:
        env = _cli_env(tmp_path, f"http://127.0.0.1:{silent.getsockname()[1]}/")
        env.update(PIP_TIMEOUT="120", PIP_RETRIES="0")
        proc = cli(
            "from-index",
            str(_wiki(tmp_path / "wiki")),
            "--out",
            str(tmp_path / "out"),
            "--resolver",
            "pip-tools",
            env=env,
            cwd=tmp_path,
        )
        deadline = time.monotonic() + 60
        resolvers: list[int] = []
        while not resolvers and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.2)
            resolvers = _children(proc.pid)
        assert resolvers, "no resolver process started"
        time.sleep(1.0)
        proc.send_signal(sig)
        out, err = proc.communicate(timeout=30)
    finally:
        silent.close()
    assert proc.returncode == 130, out + err
    assert "Traceback" not in out + err
    assert "interrupted while pinning; ended 1 resolver process group(s)" in err
    assert not any(_alive(pid) for pid in resolvers)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
