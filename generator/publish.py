"""Publishing rendered repositories to GitHub: PyGithub for the API, GitPython for git, behind small interfaces.

Nothing is ever force-pushed. A remote whose newest commit genrepo did not make is refused, or updated
through a pull request (`pr`), or overwritten in content by a commit on top of it (`force`, which reports
the commits whose content it replaced). The token travels only through environment variables: never in
arguments, URLs, `.git/config`, logs or exception text.
"""

from __future__ import annotations

import base64
import json
import os
import re
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import git

from generator import __version__
from generator.errors import PublishError, UserError
from generator.plan import RepoPlan
from generator.update import Update, plan_update, sha256

if TYPE_CHECKING:  # PyGithub is imported lazily, where a client is made
    from github.Repository import Repository

TRAILER = "Generated-by: genrepo"
MANIFEST = ".genrepo.json"
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
    merge: bool = False  # without --pr: push a clean three-way merge onto commits genrepo did not make
    force: bool = False
    write_back: bool = False
    jobs: int = 1
    shard: tuple[int, int] = (1, 1)
    author_name: str = "genrepo"
    author_email: str = "genrepo@users.noreply.github.com"
    retries: int = 3
    backoff: float = 1.0
    seconds_between_writes: float = 1.0
    branch: str = "main"  # for a new repository; an existing one is published to its default branch


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
    def create_repo(
        self, owner: str, name: str, *, description: str, homepage: str, private: bool, topics: list[str]
    ) -> RemoteRepo: ...
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
    def _remote(repo: Repository) -> RemoteRepo:
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

    def create_repo(
        self, owner: str, name: str, *, description: str, homepage: str, private: bool, topics: list[str]
    ) -> RemoteRepo:
        full = f"{owner}/{name}"
        try:
            if owner.lower() == self.login().lower():
                repo = self._gh.get_user().create_repo(
                    name, description=description, homepage=homepage, private=private, auto_init=False
                )
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

    def open_pull(self, full_name: str, *, head: str, base: str, title: str, body: str) -> str:
        repo = self._gh.get_repo(full_name)
        owner = full_name.split("/")[0]
        for pull in repo.get_pulls(state="open", head=f"{owner}:{head}"):
            return pull.html_url
        return repo.create_pull(title=title, body=body, head=head, base=base).html_url


def _message(exc: Exception) -> str:
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
        self.run(
            "fetch",
            "--quiet",
            "--no-tags",
            url,
            f"+refs/heads/{self.options.branch}:refs/remotes/origin/{self.options.branch}",
            network=True,
        )
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

    def owned(self, author: str, email: str, body: str) -> bool:
        """genrepo made a commit when it carries the trailer as a trailer line *and* genrepo's fixed author
        identity: a person's message that quotes the trailer does not make their commit genrepo's."""
        trailer = any(line.strip().startswith(TRAILER) for line in body.splitlines())
        return trailer and (author, email) == (self.options.author_name, self.options.author_email)

    def history(self, head: str) -> tuple[list[str], str | None]:
        """The commits from head back to the newest one genrepo made ("sha author: subject"), and that one."""
        found: list[str] = []
        for line in self.run("log", "--format=%H%x00%an%x00%ae%x00%s%x00%b%x1e", head).split("\x1e"):
            if not line.strip():
                continue
            sha, author, email, subject, body = (line.strip("\n").split("\x00") + ["", "", "", ""])[:5]
            if self.owned(author, email, body):
                return found, sha
            found.append(f"{sha[:12]} {author}: {subject}")
        return found, None

    def foreign_commits(self, head: str) -> list[str]:
        """Commits from head back to the newest one genrepo made ("sha author: subject")."""
        return self.history(head)[0]

    def commit_object(self, tree: str, parents: list[str], message: str) -> str:
        """A commit by genrepo's fixed identity that no branch points to (yet)."""
        args = ["commit-tree", tree, "-m", message]
        for parent in parents:
            args += ["-p", parent]
        return self.run(*args, env=self._identity)

    def pure_base(self, head: str, limit: int = 50) -> str | None:
        """The newest commit genrepo made whose tree is exactly a rendering (every file as its .genrepo.json
        lists it): the base of a three-way update. A merge commit holds other people's work, so it is not one."""
        seen = 0
        for line in self.run("log", "--format=%H%x00%an%x00%ae%x00%b%x1e", head).split("\x1e"):
            if not line.strip():
                continue
            sha, author, email, body = (line.strip("\n").split("\x00") + ["", "", ""])[:4]
            if not self.owned(author, email, body):
                continue
            seen += 1
            if self._is_rendering(sha) or seen >= limit:
                return sha if self._is_rendering(sha) else None
        return None

    def _is_rendering(self, sha: str) -> bool:
        files = self.files_of(sha)
        try:
            outputs = json.loads(files.get(MANIFEST, b"{}")).get("outputs", {})
        except (ValueError, AttributeError):
            return False
        rest = set(files) - {MANIFEST}
        return bool(outputs) and rest == set(outputs) and all(sha256(files[p]) == d for p, d in outputs.items())

    def files_of(self, treeish: str) -> dict[str, bytes]:
        """Path -> bytes of every file in a tree (symbolic links and submodules are not files)."""
        files: dict[str, bytes] = {}
        for entry in self.run("ls-tree", "-r", "-z", treeish).split("\x00"):
            if not entry:
                continue
            meta, path = entry.split("\t", 1)
            mode, kind, sha = meta.split()
            if kind == "blob" and mode != "120000":
                files[path] = self.repo.odb.stream(bytes.fromhex(sha)).read()
        return files

    def merge_onto(self, head: str, base: str | None, new_tree: str, force: bool = False) -> tuple[str, Update]:
        """The three-way update (generator/update.py) of the remote's head: base = the newest commit genrepo made,
        ours = head (with the person's commits), theirs = the new rendering. Returns (tree, decision)."""
        theirs = self.files_of(new_tree)
        base_files = self.files_of(base) if base else {}
        with tempfile.TemporaryDirectory(prefix="genrepo-merge-") as tmp:
            tree = Path(tmp) / "tree"
            tree.mkdir()
            env = {
                "GIT_INDEX_FILE": str(Path(tmp) / "index"),
                "GIT_WORK_TREE": str(tree),
                "GIT_DIR": str(self.repo.git_dir),
            }
            self.run("-C", str(tree), "read-tree", head, env=env)
            self.run("-C", str(tree), "checkout-index", "--all", env=env)
            decided = plan_update(tree, theirs, base_files, set(base_files), force)
            for change in decided.changes:
                path = tree / change.path
                if change.data is None:
                    path.unlink(missing_ok=True)
                else:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(change.data)
            self.run("-C", str(tree), "add", "--all", ".", env=env)
            return self.run("-C", str(tree), "write-tree", env=env), decided

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


def publish_one(
    plan: RepoPlan, workdir: Path, client: GitHubClient, token: Secret, options: PublishOptions
) -> PublishResult:
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


def _publish_one(
    plan: RepoPlan, workdir: Path, client: GitHubClient, token: Secret, options: PublishOptions
) -> PublishResult:
    name = plan.workflow.name
    try:
        owner, repo_name = target(plan, options, client.login)
        full = f"{owner}/{repo_name}"
        session = GitSession(workdir, token, options)
        new_tree = session.tree_of_worktree()
        existing = client.get_repo(full)
        if existing is None and options.dry_run:
            return PublishResult(
                name,
                full,
                "create",
                detail="would create the repository and push",
                diff=session.diff(None, new_tree),
                dry_run=True,
            )
        if (workdir / ".github" / "workflows").is_dir():
            scopes = client.scopes()
            if scopes is not None and "workflow" not in scopes:
                return PublishResult(
                    name,
                    full,
                    "fail",
                    detail=(
                        "the token lacks the 'workflow' scope, which pushing .github/workflows/* needs; "
                        "add it to the token (or use a fine-grained token with Workflows: write)"
                    ),
                )
        created = existing is None
        if existing is None:
            existing = client.create_repo(
                owner,
                repo_name,
                description=plan.workflow.overview[:300],
                homepage=_homepage(plan),
                private=options.private,
                topics=_topics(plan),
            )
        elif existing.default_branch and existing.default_branch != options.branch:
            # an existing repository is published to its default branch, never to a new unrelated one beside it
            options = replace(options, branch=existing.default_branch)
            session.options = options
        url = existing.clone_url
        head = session.remote_head(url, options.branch)
        if head is None:
            if options.dry_run:
                return PublishResult(
                    name,
                    full,
                    "create",
                    existing.html_url,
                    "would push the first commit",
                    diff=session.diff(None, new_tree),
                    dry_run=True,
                )
            sha = session.commit(new_tree, None, commit_message(plan))
            session.push(url, sha, options.branch)
            session.set_origin(url)
            return PublishResult(
                name,
                full,
                "create" if created else "update",
                url=existing.html_url,
                detail="pushed the first commit",
                commit=sha,
                diff=session.diff(None, new_tree),
            )
        session.fetch(url, head)
        old_tree = session.tree_of(head)
        foreign = session.foreign_commits(head)
        base = session.pure_base(head)
        if not options.force and (foreign and (options.pr or options.merge) or (not foreign and base != head)):
            return _publish_merge(plan, session, client, existing, full, head, base, new_tree, foreign)
        if old_tree == new_tree and not foreign:
            if not options.dry_run:
                session.set_origin(url)
                session.run("update-ref", f"refs/heads/{options.branch}", head)
                session.run("symbolic-ref", "HEAD", f"refs/heads/{options.branch}")
                session.run("read-tree", head)
            return PublishResult(
                name,
                full,
                "unchanged",
                url=existing.html_url,
                detail="the remote already holds this tree",
                commit=head,
                dry_run=options.dry_run,
            )
        diff = session.diff(old_tree, new_tree)
        if foreign and not (options.pr or options.force):
            return PublishResult(
                name,
                full,
                "refuse",
                url=existing.html_url,
                detail=(
                    f"{full} has {len(foreign)} commit(s) genrepo did not make (newest: {foreign[0]}); "
                    "nothing was pushed. Use --pr to propose the update merged with their work as a pull request, --merge to "
                    "push that merge when it is clean, or --force to replace their content with a new commit on top "
                    "(history is kept)"
                ),
                replaced=tuple(foreign),
                diff=diff,
                dry_run=options.dry_run,
            )
        if options.dry_run:
            action = "pr" if foreign and options.pr else "update"
            return PublishResult(
                name,
                full,
                action,
                url=existing.html_url,
                detail=f"would commit {len(diff)} changed file(s)",
                replaced=tuple(foreign),
                diff=diff,
                dry_run=True,
            )
        if old_tree == new_tree:
            return PublishResult(
                name, full, "unchanged", url=existing.html_url, detail="the remote already holds this tree", commit=head
            )
        if foreign and options.pr:
            branch = f"genrepo/update-{new_tree[:12]}"  # named by its tree: the same update is the same branch
            proposed = session.remote_head(url, branch)
            if proposed is None:
                proposed = session.commit(new_tree, head, commit_message(plan))
                session.push(url, proposed, branch)
                session.run("update-ref", f"refs/heads/{options.branch}", head)  # local main stays at the remote's
            pull = client.open_pull(
                full,
                head=branch,
                base=options.branch,
                title=f"Update {plan.workflow.short_name} from the wiki",
                body=commit_message(plan) + "\n" + "\n".join(diff),
            )
            return PublishResult(
                name,
                full,
                "pr",
                url=pull,
                repo_url=existing.html_url,
                detail=f"pull request from {branch}",
                commit=proposed,
                replaced=tuple(foreign),
                diff=diff,
            )
        sha = session.commit(new_tree, head, commit_message(plan))
        session.push(url, sha, options.branch)
        session.set_origin(url)
        detail = f"pushed {len(diff)} changed file(s)"
        if foreign:
            detail += f"; replaced the content of {len(foreign)} commit(s) genrepo did not make (history kept)"
        return PublishResult(
            name, full, "update", url=existing.html_url, detail=detail, commit=sha, replaced=tuple(foreign), diff=diff
        )
    except PublishError as exc:
        return PublishResult(name, plan.repo_name, "fail", detail=token.redact(str(exc)), dry_run=options.dry_run)
    except Exception as exc:  # PyGithub, network: one repository's failure never stops the others
        detail = token.redact(f"{type(exc).__name__}: {exc}")
        return PublishResult(name, plan.repo_name, "fail", detail=detail[:500], dry_run=options.dry_run)


def _wiki_changes(old: dict[str, bytes], new: dict[str, bytes]) -> list[str]:
    """The wiki files whose hash differs between two manifests (.genrepo.json), as "path (changed|added|removed)"."""

    def files(tree: dict[str, bytes]) -> dict[str, str]:
        try:
            data = json.loads(tree.get(MANIFEST, b"{}"))
            return {f["path"]: f["sha256"] for f in data.get("wiki", {}).get("files", [])}
        except (ValueError, KeyError, TypeError, AttributeError):
            return {}

    before, after = files(old), files(new)
    changes = [f"{p} ({'added' if p not in before else 'changed'})" for p in sorted(after) if before.get(p) != after[p]]
    return changes + [f"{p} (removed)" for p in sorted(set(before) - set(after))]


def _merge_body(plan: RepoPlan, wiki: list[str], decided: Update, foreign: list[str]) -> str:
    lines = [
        f"genrepo regenerated {plan.workflow.short_name} from the wiki and merged it with the work on this "
        "repository: files nobody edited take the new version, edited files keep their edits.",
        "",
    ]
    lines += [
        "What changed in the wiki:",
        *(f"- {w}" for w in wiki or ["(no wiki file changed: genrepo itself changed)"]),
        "",
    ]
    if decided.merged:
        lines += ["Merged (your edits and the wiki's changes):", *(f"- {p}" for p in decided.merged), ""]
    if decided.conflicts:
        lines += [
            "Conflicts (both changed the same lines; resolve the markers before merging):",
            *(f"- {p}" for p in decided.conflicts),
            "",
        ]
    if decided.kept:
        lines += ["Kept as edited:", *(f"- {p}" for p in decided.kept), ""]
    lines += [*(f"- {n}" for n in decided.notes)]
    if foreign:
        lines += ["", "On top of:", *(f"- {c}" for c in foreign[:20])]
    return "\n".join(lines).rstrip() + "\n"


def _publish_merge(
    plan: RepoPlan,
    session: GitSession,
    client: GitHubClient,
    existing: RemoteRepo,
    full: str,
    head: str,
    base: str | None,
    new_tree: str,
    foreign: list[str],
) -> PublishResult:
    """The remote holds work genrepo did not make: propose (pr) or push (merge) the three-way merge of the new
    rendering onto it. The merge commit's parents are the remote's head and genrepo's own rendering (on its last
    rendering), so the next update finds its base in history again."""
    options = session.options
    name = plan.workflow.short_name
    merged_tree, decided = session.merge_onto(head, base, new_tree)
    old_tree = session.tree_of(head)
    if merged_tree == old_tree:
        return PublishResult(
            plan.workflow.name,
            full,
            "unchanged",
            url=existing.html_url,
            commit=head,
            dry_run=options.dry_run,
            detail="the remote already holds this update, merged with the work on it",
        )
    diff = session.diff(old_tree, merged_tree)
    wiki = _wiki_changes(session.files_of(base) if base else {}, session.files_of(new_tree))
    body = _merge_body(plan, wiki, decided, foreign)
    conflicts = f"; conflicts in {', '.join(decided.conflicts)}" if decided.conflicts else ""
    propose = bool(foreign) and options.pr
    if not propose and decided.conflicts:
        return PublishResult(
            plan.workflow.name,
            full,
            "refuse",
            url=existing.html_url,
            diff=diff,
            dry_run=options.dry_run,
            replaced=tuple(foreign),
            detail=(
                f"merging the update with the work on {full} conflicts in {', '.join(decided.conflicts)}; "
                "nothing was pushed. Use --pr to propose it with conflict markers to resolve"
            ),
        )
    if options.dry_run:
        return PublishResult(
            plan.workflow.name,
            full,
            "pr" if propose else "update",
            url=existing.html_url,
            diff=diff,
            replaced=tuple(foreign),
            dry_run=True,
            detail=f"would {'propose' if propose else 'push'} a merge of {len(diff)} changed file(s){conflicts}",
        )
    message = commit_message(plan)
    rendering = session.commit_object(new_tree, [base] if base else [], message)
    summary = message.replace(f"\n\n{TRAILER}", f"\n\n{body}\n{TRAILER}", 1)
    merge = session.commit_object(
        merged_tree, [head, rendering], f"Merge the wiki update into {name}\n\n" + summary.split("\n", 2)[2]
    )
    if propose:
        branch = f"genrepo/update-{merged_tree[:12]}"  # named by its tree: the same update is the same branch
        sha = session.remote_head(existing.clone_url, branch)
        if sha is None:
            sha = merge
            session.push(existing.clone_url, sha, branch)
        session.run("update-ref", f"refs/heads/{options.branch}", head)  # the local branch stays at the remote's
        pull = client.open_pull(full, head=branch, base=options.branch, title=f"Update {name} from the wiki", body=body)
        return PublishResult(
            plan.workflow.name,
            full,
            "pr",
            url=pull,
            repo_url=existing.html_url,
            commit=sha,
            detail=f"pull request from {branch}: merged with their work{conflicts}",
            replaced=tuple(foreign),
            diff=diff,
        )
    session.push(existing.clone_url, merge, options.branch)
    session.run("update-ref", f"refs/heads/{options.branch}", merge)
    session.set_origin(existing.clone_url)
    return PublishResult(
        plan.workflow.name,
        full,
        "update",
        url=existing.html_url,
        commit=merge,
        replaced=tuple(foreign),
        diff=diff,
        detail=f"pushed the update merged with the work on {full} ({len(diff)} changed file(s))",
    )
