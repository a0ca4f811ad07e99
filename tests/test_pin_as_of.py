"""--wiki-date: requirements pinned to the releases current on the wiki's date (its pages' last_updated), for a
wiki that documents a release whose APIs later moved; by default the newest. Checked against a local package
index that reports upload times (PEP 691 JSON with PEP 700's upload-time), through both resolvers."""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from generator.pin import PinOptions, as_of
from generator.pipeline import generate
from tests.helpers import build_file_tree, build_wheel, enriched_index, workflow_page
from tests.test_pin import HAS_UV

RESOLVERS = ["pip-tools", pytest.param("uv", marks=pytest.mark.skipif(not HAS_UV, reason="uv not installed"))]
UPLOADED = {
    ("plain", "1.0.0"): "2024-06-01T12:00:00Z",
    ("plain", "2.0.0"): "2026-01-10T12:00:00Z",
    ("demo", "1.0.0"): "2024-06-01T12:00:00Z",
}


def _index_handler(wheels: dict[str, Path]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_HEAD(self) -> None:  # noqa: N802 - uv asks before it downloads
            self.do_GET(head=True)

        def do_GET(self, head: bool = False) -> None:  # noqa: N802 - the http.server protocol
            parts = [p for p in self.path.split("/") if p]
            if parts[:1] == ["files"] and len(parts) == 2 and parts[1] in wheels:
                body, kind = wheels[parts[1]].read_bytes(), "application/octet-stream"
            elif parts[:1] == ["simple"] and len(parts) == 2:
                files = [
                    {
                        "filename": name,
                        "url": f"/files/{name}",
                        "hashes": {"sha256": hashlib.sha256(path.read_bytes()).hexdigest()},
                        "upload-time": UPLOADED[(name.split("-")[0], name.split("-")[1])],
                    }
                    for name, path in sorted(wheels.items())
                    if name.split("-")[0] == parts[1]
                ]
                if not files:
                    self.send_error(404)
                    return
                body = json.dumps({"meta": {"api-version": "1.1"}, "name": parts[1], "files": files}).encode()
                kind = "application/vnd.pypi.simple.v1+json"
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not head:
                self.wfile.write(body)

    return Handler


@pytest.fixture
def index_url(tmp_path) -> Iterator[str]:
    folder = tmp_path / "wheels"
    wheels = {path.name: path for path in (build_wheel(folder, name, version) for name, version in UPLOADED)}
    server = ThreadingHTTPServer(("127.0.0.1", 0), _index_handler(wheels))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/simple"
    server.shutdown()
    server.server_close()


def _wiki(root: Path, last_updated: str) -> Path:
    index = enriched_index(steps=1).replace("`numpy`", "`plain`")
    page = workflow_page(steps=1).replace("|}", f"|-\n! Last Updated\n| [[last_updated::{last_updated}]]\n|}}", 1)
    return build_file_tree(root, {"_WorkflowIndex.md": index, "workflows/Demo_Wiki_Sample_Flow.md": page})


def test_as_of_is_the_end_of_the_wiki_day_in_utc():
    assert as_of("2025-12-17 19:00 GMT") == "2025-12-18T00:00:00Z"
    assert as_of("2024-02-29") == "2024-03-01T00:00:00Z"
    assert as_of("") is None and as_of("unknown") is None and as_of("2025-13-40") is None


@pytest.mark.parametrize("resolver", RESOLVERS)
def test_with_wiki_date_requirements_are_pinned_as_of_the_wiki_date(tmp_path, index_url, resolver, monkeypatch):
    monkeypatch.delenv("PIP_FIND_LINKS", raising=False)
    wiki = _wiki(tmp_path / "wiki", "2025-12-17 19:00 GMT")
    env = (("PIP_CONFIG_FILE", os.devnull), ("UV_NO_CONFIG", "1"))
    options = PinOptions(
        resolver=resolver,
        cache_dir=tmp_path / "cache",
        hashes=False,
        env=env,
        index_args=("--index-url", index_url),
        wiki_date=True,
    )
    (item,) = generate(wiki, tmp_path / "dated", pin=options).results
    assert item.ok, item.errors
    pinned = (item.output_dir / "requirements.txt").read_text()
    assert item.ok and "plain==1.0.0" in pinned and "plain==2.0.0" not in pinned, pinned
    assert "2025-12-18T00:00:00Z" in pinned  # the re-pin command in the header keeps the date
    assert "releases up to the wiki's date (2025-12-18)" in item.plan.pin_note

    latest = PinOptions(
        resolver=resolver, cache_dir=tmp_path / "cache", hashes=False, env=env, index_args=("--index-url", index_url)
    )  # the default: the newest
    (item,) = generate(wiki, tmp_path / "latest", pin=latest).results
    assert "plain==2.0.0" in (item.output_dir / "requirements.txt").read_text()

    undated = _wiki(tmp_path / "undated", "")  # no date in the wiki: the newest releases
    (item,) = generate(undated, tmp_path / "undated-out", pin=options).results
    assert "plain==2.0.0" in (item.output_dir / "requirements.txt").read_text()
