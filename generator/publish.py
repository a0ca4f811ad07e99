"""Publishing rendered repositories to GitHub: PyGithub for the API, GitPython for git, behind small interfaces.

Nothing is ever force-pushed. A remote whose newest commit genrepo did not make is refused, or updated
through a pull request (`pr`), or overwritten in content by a commit on top of it (`force`, which reports
the commits whose content it replaced). The token travels only through environment variables: never in
arguments, URLs, `.git/config`, logs or exception text.
"""

from __future__ import annotations

import base64
import os
import re
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

import git

from generator import __version__
from generator.errors import PublishError, UserError
from generator.plan import RepoPlan

TRAILER = "Generated-by: genrepo"
# Any host: the parser accepts only github.com and the configured GitHub Enterprise host.
_GITHUB_URL = re.compile(r"^https?://[^/]+/([^/]+)/([^/]+?)/?$")


class Secret:
    """A token that never shows itself: str() and repr() are redacted; reveal() is explicit."""

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('***')"

    __str__ = __repr__

    def redact(self, text: str) -> str:
        """text with every occurrence of the token (and its Basic-auth form) replaced."""
        if not self._value:
            return text
        basic = base64.b64encode(f"x-access-token:{self._value}".encode()).decode()
        return text.replace(self._value, "***").replace(basic, "***")


def read_token(token_env: str | None = None, environ: dict[str, str] | None = None) -> Secret:
    """The token from --token-env NAME, else GITHUB_TOKEN, else GH_TOKEN."""
    environ = dict(os.environ if environ is None else environ)
    names = [token_env] if token_env else ["GITHUB_TOKEN", "GH_TOKEN"]
    for name in names:
        if environ.get(name):
            return Secret(environ[name])
    raise UserError(f"no token: set {' or '.join(names)} in the environment (tokens are never taken as arguments)")


@dataclass(frozen=True)
class PublishOptions:
    """How to publish; shared by the CLI and the pipeline."""

    owner: str | None = None
    private: bool = True
    api_url: str = "https://api.github.com"
    token_env: str | None = None
    dry_run: bool = False
    pr: bool = False
    force: bool = False
    write_back: bool = False
    jobs: int = 1
    shard: tuple[int, int] = (1, 1)
    author_name: str = "genrepo"
    author_email: str = "genrepo@users.noreply.github.com"
    retries: int = 3
    backoff: float = 1.0
    seconds_between_writes: float = 1.0
    branch: str = "main"


@dataclass(frozen=True)
class RemoteRepo:
    full_name: str
    clone_url: str
    html_url: str
    default_branch: str = "main"


@dataclass(frozen=True)
class PublishResult:
    """What publishing did for one repository: create, update, unchanged, pr, refuse, fail (or would, in a dry run)."""

    workflow: str
    repo: str
    action: str
    url: str | None = None  # the repository's page, or the pull request's
    repo_url: str | None = None
    detail: str = ""
    commit: str | None = None
    replaced: tuple[str, ...] = ()
    diff: tuple[str, ...] = ()
    dry_run: bool = False


class GitHubClient(Protocol):
    """The few GitHub API calls publishing needs."""

    def login(self) -> str: ...
    def scopes(self) -> list[str] | None: ...
    def get_repo(self, full_name: str) -> RemoteRepo | None: ...
    def create_repo(self, owner: str, name: str, *, description: str, homepage: str, private: bool, topics: list[str]) -> RemoteRepo: ...
    def open_pull(self, full_name: str, *, head: str, base: str, title: str, body: str) -> str: ...


class PyGithubClient:
    """GitHubClient on PyGithub, with retries on 5xx, 429 and secondary rate limits (honouring Retry-After)."""

    def __init__(self, token: Secret, options: PublishOptions) -> None:
        import github

        retry = github.GithubRetry(
            total=options.retries,
            backoff_factor=options.backoff,
            status_forcelist=[429, *range(500, 600)],
            secondary_rate_wait=max(options.backoff, 1.0) * 60,
        )
        self._github = github
        self._gh = github.Github(
            auth=github.Auth.Token(token.reveal()),
            base_url=options.api_url.rstrip("/"),
            retry=retry,
            seconds_between_requests=0 if options.seconds_between_writes == 0 else 0.25,
            seconds_between_writes=options.seconds_between_writes,
            timeout=60,
        )
        self._login: str | None = None

    @staticmethod
    def _remote(repo) -> RemoteRepo:
        return RemoteRepo(repo.full_name, repo.clone_url, repo.html_url, repo.default_branch or "main")

    def login(self) -> str:
        if self._login is None:
            self._login = self._gh.get_user().login
        return self._login

    def scopes(self) -> list[str] | None:
        self.login()
        return self._gh.oauth_scopes

    def get_repo(self, full_name: str) -> RemoteRepo | None:
        try:
            return self._remote(self._gh.get_repo(full_name))
        except self._github.UnknownObjectException:
            return None

    def create_repo(self, owner, name, *, description, homepage, private, topics) -> RemoteRepo:
        full = f"{owner}/{name}"
        try:
            if owner.lower() == self.login().lower():
                repo = self._gh.get_user().create_repo(name, description=description, homepage=homepage, private=private, auto_init=False)
            else:
                repo = self._gh.get_organization(owner).create_repo(
                    name, description=description, homepage=homepage, private=private, auto_init=False
                )
        except self._github.GithubException as exc:
            # a retried POST can meet the repository its first attempt made: look before failing
            existing = self.get_repo(full)
            if existing is None:
                raise PublishError(f"cannot create {full}: {exc.status} {_message(exc)}") from None
            return existing
        if topics:
            repo.replace_topics(topics)
        return self._remote(repo)

    def open_pull(self, full_name, *, head, base, title, body) -> str:
        repo = self._gh.get_repo(full_name)
        owner = full_name.split("/")[0]
        for pull in repo.get_pulls(state="open", head=f"{owner}:{head}"):
            return pull.html_url
        return repo.create_pull(title=title, body=body, head=head, base=base).html_url


def _message(exc) -> str:
    data = getattr(exc, "data", None)
    if isinstance(data, dict) and data.get("message"):
        return str(data["message"])
    return type(exc).__name__


def target(plan: RepoPlan, options: PublishOptions, login: Callable[[], str]) -> tuple[str, str]:
    """(owner, name) of the repository a plan publishes to: the cited URL, else --owner or the token's user."""
    if plan.remote_url:
        m = _GITHUB_URL.match(plan.remote_url)
        if m:
            return m.group(1), m.group(2)
    return options.owner or login(), plan.repo_name


@dataclass
class GitSession:
    """git commands in one working tree, with auth and identity only in the environment."""

    workdir: Path
    token: Secret
    options: PublishOptions
    repo: git.Repo = field(init=False)

    def __post_init__(self) -> None:
        base = {"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_TERMINAL_PROMPT": "0"}
        self._plain = base
        basic = base64.b64encode(f"x-access-token:{self.token.reveal()}".encode()).decode()
        self._auth = {
            **base,
            "GIT_CONFIG_COUNT": "1",
            "GIT_CONFIG_KEY_0": "http.extraHeader",
            "GIT_CONFIG_VALUE_0": f"Authorization: Basic {basic}",
        }
        self._identity = {
            "GIT_AUTHOR_NAME": self.options.author_name,
            "GIT_AUTHOR_EMAIL": self.options.author_email,
            "GIT_COMMITTER_NAME": self.options.author_name,
            "GIT_COMMITTER_EMAIL": self.options.author_email,
        }
        if (self.workdir / ".git").exists():
            self.repo = git.Repo(self.workdir)
        else:
            self.repo = git.Repo.init(self.workdir, initial_branch=self.options.branch)

    def run(self, *args: str, network: bool = False, env: dict[str, str] | None = None) -> str:
        environment = {**(self._auth if network else self._plain), **(env or {})}
        try:
            return self.repo.git.execute(["git", *args], env=environment, stdout_as_string=True).strip()
        except git.GitCommandError as exc:
            detail = self.token.redact(str(exc.stderr or exc).strip())
            raise PublishError(f"git {args[0]} failed: {detail}") from None

    def remote_head(self, url: str, branch: str) -> str | None:
        out = self.run("ls-remote", url, f"refs/heads/{branch}", network=True)
        return out.split()[0] if out else None

    def fetch(self, url: str, sha: str) -> None:
        self.run("fetch", "--quiet", "--no-tags", url, f"+refs/heads/{self.options.branch}:refs/remotes/origin/{self.options.branch}", network=True)
        if self.run("rev-parse", f"refs/remotes/origin/{self.options.branch}") != sha:
            raise PublishError("the remote branch moved while fetching; run again")

    def tree_of_worktree(self) -> str:
        """The tree of the working folder as it is (respecting .gitignore), built in a scratch index."""
        with tempfile.TemporaryDirectory(prefix="genrepo-index-") as tmp:
            env = {"GIT_INDEX_FILE": str(Path(tmp) / "index")}
            self.run("add", "--all", ".", env=env)
            return self.run("write-tree", env=env)

    def tree_of(self, commit: str) -> str:
        return self.run("rev-parse", f"{commit}^{{tree}}")

    def commit(self, tree: str, parent: str | None, message: str) -> str:
        args = ["commit-tree", tree, "-m", message]
        if parent:
            args += ["-p", parent]
        sha = self.run(*args, env=self._identity)
        self.run("update-ref", f"refs/heads/{self.options.branch}", sha)
        self.run("symbolic-ref", "HEAD", f"refs/heads/{self.options.branch}")
        self.run("read-tree", sha)
        return sha

    def message_of(self, sha: str) -> str:
        return self.run("log", "-1", "--format=%B", sha)

    def foreign_commits(self, head: str) -> list[str]:
        """Commits from head back to the newest one genrepo made ("sha author: subject")."""
        found: list[str] = []
        for line in self.run("log", "--format=%H%x00%an%x00%s%x00%b%x1e", head).split("\x1e"):
            if not line.strip():
                continue
            sha, author, subject, body = (line.strip("\n").split("\x00") + ["", "", ""])[:4]
            if TRAILER in body or TRAILER in subject:
                break
            found.append(f"{sha[:12]} {author}: {subject}")
        return found

    def diff(self, old_tree: str | None, new_tree: str) -> tuple[str, ...]:
        if old_tree is None:
            out = self.run("ls-tree", "-r", "--name-only", new_tree)
            return tuple(f"A\t{path}" for path in out.splitlines())
        out = self.run("diff", "--name-status", "--no-renames", old_tree, new_tree)
        return tuple(out.splitlines())

    def push(self, url: str, sha: str, branch: str) -> None:
        """Push without force; retried with backoff, as a dropped connection leaves the remote unchanged."""
        for attempt in range(self.options.retries + 1):
            try:
                self.run("push", "--quiet", url, f"{sha}:refs/heads/{branch}", network=True)
                return
            except PublishError as exc:
                if "rejected" in str(exc) or "non-fast-forward" in str(exc) or attempt == self.options.retries:
                    raise
                time.sleep(self.options.backoff * (2**attempt))

    def set_origin(self, url: str) -> None:
        """Record the remote for people working in this folder: the plain URL, never credentials."""
        names = [r.name for r in self.repo.remotes]
        if "origin" in names:
            self.run("remote", "set-url", "origin", url)
        else:
            self.run("remote", "add", "origin", url)


def commit_message(plan: RepoPlan) -> str:
    wiki = Path(plan.wiki.root).name
    index_hash = next((f.sha256[:12] for f in plan.wiki.files if f.path == plan.wiki.index_path), "")
    return (
        f"Generate {plan.workflow.short_name} from the wiki {wiki}\n\n"
        f"Workflow {plan.workflow.name}, {plan.wiki.index_path} (sha256 {index_hash}).\n\n"
        f"{TRAILER} {__version__}\n"
    )


def _homepage(plan: RepoPlan) -> str:
    for source in plan.workflow.sources:
        if source.kind.lower() == "doc":
            return source.url
    return ""


def _topics(plan: RepoPlan) -> list[str]:
    topics = []
    for domain in plan.workflow.domains:
        topic = re.sub(r"[^a-z0-9-]+", "-", domain.lower()).strip("-")[:50]
        if topic and topic not in topics:
            topics.append(topic)
    return topics[:20]


def publish_one(plan: RepoPlan, workdir: Path, client: GitHubClient, token: Secret, options: PublishOptions) -> PublishResult:
    """Publish one rendered repository; raises nothing but returns a fail result on errors."""
    result = _publish_one(plan, workdir, client, token, options)
    if result.action in ("fail",) or result.repo_url:
        return result
    existing = None
    try:
        existing = client.get_repo(result.repo)
    except Exception:  # noqa: BLE001 - only for the URL of the report
        existing = None
    return replace(result, repo_url=existing.html_url if existing else None)


def _publish_one(plan: RepoPlan, workdir: Path, client: GitHubClient, token: Secret, options: PublishOptions) -> PublishResult:
    name = plan.workflow.name
    try:
        owner, repo_name = target(plan, options, client.login)
        full = f"{owner}/{repo_name}"
        session = GitSession(workdir, token, options)
        new_tree = session.tree_of_worktree()
        existing = client.get_repo(full)
        if existing is None and options.dry_run:
            return PublishResult(name, full, "create", detail="would create the repository and push",
                                 diff=session.diff(None, new_tree), dry_run=True)
        if (workdir / ".github" / "workflows").is_dir():
            scopes = client.scopes()
            if scopes is not None and "workflow" not in scopes:
                return PublishResult(name, full, "fail", detail=(
                    "the token lacks the 'workflow' scope, which pushing .github/workflows/* needs; "
                    "add it to the token (or use a fine-grained token with Workflows: write)"))
        created = existing is None
        if existing is None:
            existing = client.create_repo(owner, repo_name, description=plan.workflow.overview[:300], homepage=_homepage(plan),
                                          private=options.private, topics=_topics(plan))
        url = existing.clone_url
        head = session.remote_head(url, options.branch)
        if head is None:
            if options.dry_run:
                return PublishResult(name, full, "create", existing.html_url, "would push the first commit",
                                     diff=session.diff(None, new_tree), dry_run=True)
            sha = session.commit(new_tree, None, commit_message(plan))
            session.push(url, sha, options.branch)
            session.set_origin(url)
            return PublishResult(name, full, "create" if created else "update", url=existing.html_url,
                                 detail="pushed the first commit", commit=sha, diff=session.diff(None, new_tree))
        session.fetch(url, head)
        old_tree = session.tree_of(head)
        foreign = session.foreign_commits(head)
        if old_tree == new_tree and not foreign:
            if not options.dry_run:
                session.set_origin(url)
                session.run("update-ref", f"refs/heads/{options.branch}", head)
                session.run("symbolic-ref", "HEAD", f"refs/heads/{options.branch}")
                session.run("read-tree", head)
            return PublishResult(name, full, "unchanged", url=existing.html_url, detail="the remote already holds this tree",
                                 commit=head, dry_run=options.dry_run)
        diff = session.diff(old_tree, new_tree)
        if foreign and not (options.pr or options.force):
            return PublishResult(name, full, "refuse", url=existing.html_url, detail=(
                f"{full} has {len(foreign)} commit(s) genrepo did not make (newest: {foreign[0]}); "
                "nothing was pushed. Use --pr to propose the update as a pull request, or --force to replace "
                "their content with a new commit on top (history is kept)"), replaced=tuple(foreign), diff=diff,
                dry_run=options.dry_run)
        if options.dry_run:
            action = "pr" if foreign and options.pr else "update"
            return PublishResult(name, full, action, url=existing.html_url, detail=f"would commit {len(diff)} changed file(s)",
                                 replaced=tuple(foreign), diff=diff, dry_run=True)
        if old_tree == new_tree:
            return PublishResult(name, full, "unchanged", url=existing.html_url, detail="the remote already holds this tree", commit=head)
        if foreign and options.pr:
            branch = f"genrepo/update-{new_tree[:12]}"  # named by its tree: the same update is the same branch
            sha = session.remote_head(url, branch)
            if sha is None:
                sha = session.commit(new_tree, head, commit_message(plan))
                session.push(url, sha, branch)
                session.run("update-ref", f"refs/heads/{options.branch}", head)  # local main stays at the remote's
            pull = client.open_pull(full, head=branch, base=options.branch, title=f"Update {plan.workflow.short_name} from the wiki",
                                    body=commit_message(plan) + "\n" + "\n".join(diff))
            return PublishResult(name, full, "pr", url=pull, repo_url=existing.html_url, detail=f"pull request from {branch}",
                                 commit=sha, replaced=tuple(foreign), diff=diff)
        sha = session.commit(new_tree, head, commit_message(plan))
        session.push(url, sha, options.branch)
        session.set_origin(url)
        detail = f"pushed {len(diff)} changed file(s)"
        if foreign:
            detail += f"; replaced the content of {len(foreign)} commit(s) genrepo did not make (history kept)"
        return PublishResult(name, full, "update", url=existing.html_url, detail=detail, commit=sha, replaced=tuple(foreign), diff=diff)
    except PublishError as exc:
        return PublishResult(name, plan.repo_name, "fail", detail=token.redact(str(exc)), dry_run=options.dry_run)
    except Exception as exc:  # PyGithub, network: one repository's failure never stops the others
        detail = token.redact(f"{type(exc).__name__}: {exc}")
        return PublishResult(name, plan.repo_name, "fail", detail=detail[:500], dry_run=options.dry_run)
