"""A GitHub-Enterprise-like server on 127.0.0.1 for tests: the REST API under /api/v3 and git smart HTTP
(through git's own `git http-backend`) under /OWNER/NAME.git, both requiring the token; with fault
injection (500s, 429 with Retry-After, a connection dropped mid-push). Tests start and stop it."""

from __future__ import annotations

import base64
import itertools
import json
import os
import re
import subprocess
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit


@dataclass
class Fault:
    method: str
    pattern: str
    kind: str  # "500" | "429" | "drop" | "500-after" (do the work, then answer 500)
    times: int = 1
    retry_after: int = 1


@dataclass
class FakeGitHub:
    root: Path
    token: str
    login: str = "genrepo-bot"
    orgs: tuple[str, ...] = ("acme",)
    scopes: str | None = "repo, workflow"
    faults: list[Fault] = field(default_factory=list)
    log: list[tuple[str, str, int]] = field(default_factory=list)
    pushes: int = 0
    chunked: int = 0  # request bodies that arrived with Transfer-Encoding: chunked
    pulls: dict[str, list[dict]] = field(default_factory=dict)
    repos: dict[str, dict] = field(default_factory=dict)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1000))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> FakeGitHub:
        (self.root / "git").mkdir(parents=True, exist_ok=True)
        (self.root / "home").mkdir(exist_ok=True)
        handler = type("Handler", (_Handler,), {"hub": self})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def host(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def api_url(self) -> str:
        return f"{self.host}/api/v3"

    def bare(self, full_name: str) -> Path:
        return self.root / "git" / f"{full_name}.git"

    def inject(self, method: str, pattern: str, kind: str, times: int = 1, retry_after: int = 1) -> None:
        self.faults.append(Fault(method, pattern, kind, times, retry_after))

    def take_fault(self, method: str, path: str) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if fault.times > 0 and fault.method == method and re.search(fault.pattern, path):
                    fault.times -= 1
                    return fault
        return None

    def git_env(self) -> dict[str, str]:
        return {
            "PATH": os.environ["PATH"],
            "HOME": str(self.root / "home"),
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": os.devnull,
        }

    # -- repositories --------------------------------------------------------------------------------

    def create(self, owner: str, name: str, body: dict, owner_type: str) -> dict:
        full = f"{owner}/{name}"
        with self._lock:
            if full in self.repos:
                raise KeyError(full)
            bare = self.bare(full)
            bare.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(bare)], check=True, env=self.git_env())
            subprocess.run(
                ["git", "-C", str(bare), "config", "http.receivepack", "true"], check=True, env=self.git_env()
            )
            self.repos[full] = {
                "id": next(self._ids),
                "owner": owner,
                "owner_type": owner_type,
                "name": name,
                "private": bool(body.get("private", False)),
                "description": body.get("description"),
                "homepage": body.get("homepage"),
                "topics": [],
            }
        return self.repo_json(full)

    def default_branch(self, full: str) -> str:
        """The branch the bare repository's HEAD names, as GitHub reports a repository's default branch."""
        head = (self.bare(full) / "HEAD").read_text().strip()
        return head.removeprefix("ref: refs/heads/") if head.startswith("ref: refs/heads/") else "main"

    def repo_json(self, full: str) -> dict:
        meta = self.repos[full]
        owner, name = full.split("/")
        return {
            "id": meta["id"],
            "node_id": f"R_{meta['id']}",
            "name": name,
            "full_name": full,
            "private": meta["private"],
            "visibility": "private" if meta["private"] else "public",
            "owner": {"login": owner, "id": 7, "type": meta["owner_type"], "url": f"{self.api_url}/users/{owner}"},
            "html_url": f"{self.host}/{full}",
            "description": meta["description"],
            "homepage": meta["homepage"],
            "fork": False,
            "url": f"{self.api_url}/repos/{full}",
            "clone_url": f"{self.host}/{full}.git",
            "git_url": f"git://127.0.0.1/{full}.git",
            "ssh_url": f"git@127.0.0.1:{full}.git",
            "default_branch": self.default_branch(full),
            "topics": meta["topics"],
            "created_at": "2026-01-01T00:00:00Z",
            "updated_at": "2026-01-01T00:00:00Z",
            "pushed_at": "2026-01-01T00:00:00Z",
            "permissions": {"admin": True, "push": True, "pull": True},
        }


class _Handler(BaseHTTPRequestHandler):
    hub: FakeGitHub
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    # -- plumbing ------------------------------------------------------------------------------------

    def _body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            self.hub.chunked += 1
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _send(self, status: int, payload: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _json(self, status: int, data, extra: dict[str, str] | None = None) -> None:
        headers = {"Content-Type": "application/json; charset=utf-8", "X-GitHub-Api-Version-Selected": "2022-11-28"}
        if self.hub.scopes is not None:
            headers["X-OAuth-Scopes"] = self.hub.scopes
        headers.update(extra or {})
        self._send(status, json.dumps(data).encode(), headers)

    def _token(self) -> str | None:
        auth = self.headers.get("Authorization", "")
        if auth.lower().startswith(("token ", "bearer ")):
            return auth.split(" ", 1)[1].strip()
        if auth.lower().startswith("basic "):
            try:
                return base64.b64decode(auth.split(" ", 1)[1]).decode().split(":", 1)[1]
            except (ValueError, IndexError):
                return None
        return None

    def _handle(self, method: str) -> None:
        url = urlsplit(self.path)
        body = self._body()
        fault = self.hub.take_fault(method, url.path)
        if fault and fault.kind == "drop":
            self.hub.log.append((method, url.path, 0))
            self.close_connection = True
            self.connection.shutdown(2)
            return
        if fault and fault.kind == "500":
            self.hub.log.append((method, url.path, 500))
            return self._json(500, {"message": "Server Error"})
        if fault and fault.kind == "429":
            self.hub.log.append((method, url.path, 429))
            return self._json(429, {"message": "API rate limit exceeded"}, {"Retry-After": str(fault.retry_after)})
        if self._token() != self.hub.token:
            self.hub.log.append((method, url.path, 401))
            if url.path.startswith("/api/"):
                return self._json(
                    401, {"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest"}
                )
            return self._send(401, b"Authentication required\n", {"WWW-Authenticate": 'Basic realm="fake"'})
        if url.path.startswith("/api/v3/"):
            status = self._api(method, url.path[len("/api/v3") :], url.query, body, fault)
        else:
            status = self._git(method, url.path, url.query, body)
        self.hub.log.append((method, url.path, status))

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_PUT(self) -> None:
        self._handle("PUT")

    def do_PATCH(self) -> None:
        self._handle("PATCH")

    # -- REST API -------------------------------------------------------------------------------------

    def _api(self, method: str, path: str, query: str, body: bytes, fault: Fault | None) -> int:
        hub = self.hub
        data = json.loads(body or b"{}")
        not_found = {"message": "Not Found", "documentation_url": "https://docs.github.com/rest", "status": "404"}
        if method == "GET" and path == "/user":
            self._json(200, {"login": hub.login, "id": 1, "type": "User", "url": f"{hub.api_url}/users/{hub.login}"})
            return 200
        m = re.fullmatch(r"/orgs/([^/]+)", path)
        if method == "GET" and m:
            if m.group(1) not in hub.orgs:
                self._json(404, not_found)
                return 404
            self._json(
                200, {"login": m.group(1), "id": 9, "type": "Organization", "url": f"{hub.api_url}/orgs/{m.group(1)}"}
            )
            return 200
        m = re.fullmatch(r"/orgs/([^/]+)/repos|/user/repos", path)
        if method == "POST" and m:
            owner = m.group(1) or hub.login
            if m.group(1) and owner not in hub.orgs:
                self._json(404, not_found)
                return 404
            try:
                created = hub.create(owner, data["name"], data, "Organization" if m.group(1) else "User")
            except KeyError:
                error = {
                    "resource": "Repository",
                    "code": "custom",
                    "field": "name",
                    "message": "name already exists on this account",
                }
                self._json(422, {"message": "Repository creation failed.", "errors": [error]})
                return 422
            if fault and fault.kind == "500-after":
                self._json(500, {"message": "Server Error"})
                return 500
            self._json(201, created)
            return 201
        m = re.fullmatch(r"/repos/([^/]+)/([^/]+)(/.*)?", path)
        if not m or f"{m.group(1)}/{m.group(2)}" not in hub.repos:
            self._json(404, not_found)
            return 404
        full, rest = f"{m.group(1)}/{m.group(2)}", m.group(3) or ""
        if method == "GET" and rest == "":
            self._json(200, hub.repo_json(full))
            return 200
        if method == "PUT" and rest == "/topics":
            hub.repos[full]["topics"] = list(data.get("names", []))
            self._json(200, {"names": hub.repos[full]["topics"]})
            return 200
        if rest == "/pulls" and method == "GET":
            wanted = parse_qs(query).get("head", [None])[0]
            pulls = [p for p in hub.pulls.get(full, []) if wanted in (None, f"{m.group(1)}:{p['head']['ref']}")]
            self._json(200, pulls)
            return 200
        if rest == "/pulls" and method == "POST":
            number = len(hub.pulls.get(full, [])) + 1
            pull = {
                "id": next(hub._ids),
                "number": number,
                "state": "open",
                "title": data.get("title"),
                "body": data.get("body"),
                "html_url": f"{hub.host}/{full}/pull/{number}",
                "url": f"{hub.api_url}/repos/{full}/pulls/{number}",
                "head": {"ref": data.get("head"), "label": f"{m.group(1)}:{data.get('head')}"},
                "base": {"ref": data.get("base"), "label": f"{m.group(1)}:{data.get('base')}"},
            }
            hub.pulls.setdefault(full, []).append(pull)
            self._json(201, pull)
            return 201
        self._json(404, not_found)
        return 404

    # -- git smart HTTP --------------------------------------------------------------------------------

    def _git(self, method: str, path: str, query: str, body: bytes) -> int:
        m = re.fullmatch(r"/([^/]+/[^/]+)\.git(/.*)", path)
        if not m or m.group(1) not in self.hub.repos:
            self._send(404, b"Repository not found\n")
            return 404
        env = {
            **self.hub.git_env(),
            "GIT_PROJECT_ROOT": str(self.hub.root / "git"),
            "GIT_HTTP_EXPORT_ALL": "1",
            "PATH_INFO": f"/{m.group(1)}.git{m.group(2)}",
            "QUERY_STRING": query,
            "REQUEST_METHOD": method,
            "CONTENT_TYPE": self.headers.get("Content-Type", ""),
            "CONTENT_LENGTH": str(len(body)),
            "REMOTE_USER": "token-user",
            "REMOTE_ADDR": "127.0.0.1",
        }
        if self.headers.get("Content-Encoding"):
            env["HTTP_CONTENT_ENCODING"] = self.headers["Content-Encoding"]
        if self.headers.get("Git-Protocol"):
            env["GIT_PROTOCOL"] = self.headers["Git-Protocol"]
        proc = subprocess.run(["git", "http-backend"], input=body, env=env, capture_output=True, timeout=120)
        raw_headers, _, payload = proc.stdout.partition(b"\r\n\r\n")
        if not _:
            raw_headers, _, payload = proc.stdout.partition(b"\n\n")
        status, headers = 200, {}
        for line in raw_headers.decode("latin-1").splitlines():
            key, _, value = line.partition(":")
            if key.lower() == "status":
                status = int(value.strip().split()[0])
            elif key:
                headers[key.strip()] = value.strip()
        if m.group(2) == "/git-receive-pack" and status == 200:
            self.hub.pushes += 1
        self._send(status, payload, headers)
        return status
