"""Defects: URLs in the wiki. Credentials in a URL are never echoed, `github.com/x/.git` is not a repository,
write-back edits the URL genrepo reads (never an example in code), and a URL on the configured GitHub
Enterprise host is accepted on the next read, so the next publish updates the same repository."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from generator import writeback
from generator.cli import app
from generator.naming import github_origins, redact_url, repo_name_from_url
from generator.pipeline import publish, validate
from tests.helpers import build_file_tree, enriched_index, workflow_page
from tests.test_publish import FULL, hub, options, wiki  # noqa: F401 - fixtures

NAME = "Demo_Wiki_Sample_Flow"
PAGE = f"workflows/{NAME}.md"


def sample(root: Path, index_url: str = "PENDING", page_extra: str = "", index_extra: str = "") -> Path:
    index = enriched_index(NAME, 1).replace("**GitHub URL:** PENDING", f"**GitHub URL:** {index_url}") + index_extra
    return build_file_tree(root, {"_WorkflowIndex.md": index, PAGE: workflow_page(steps=1, extra=page_extra)})


def test_a_url_with_credentials_is_never_echoed(tmp_path):
    secret = "ghp_hostileTokenInAUrl0123456789"
    source = sample(
        tmp_path / "wiki",
        f"https://bot:{secret}@github.com/acme/tool",
        page_extra=f"\n== GitHub URL ==\n[[github_url::https://{secret}@github.com/acme/tool]]\n",
    )
    result = CliRunner().invoke(app, ["validate", str(source)], catch_exceptions=False)
    assert result.exit_code == 0 and "Traceback" not in result.output
    assert secret not in result.output
    assert "_WorkflowIndex.md:7: GitHub URL 'https://***@github.com/acme/tool' is not a repository URL" in result.output
    assert f"{PAGE}:33: github_url 'https://***@github.com/acme/tool' is not a repository URL" in result.output
    assert redact_url("see http://u:p@h/x and ftp://a@b") == "see http://***@h/x and ftp://***@b"


def test_dot_git_alone_is_not_a_repository(tmp_path):
    source = sample(tmp_path / "wiki", "https://github.com/x/.git")
    (item,) = validate(source).results
    assert item.plan.repo_name == "workflow-demo-wiki-sample-flow" and item.plan.remote_url is None
    assert any("'https://github.com/x/.git' is not a repository URL" in str(w) for w in item.plan.workflow.warnings)
    assert repo_name_from_url("https://github.com/a/b.git/") == "b"


def test_write_back_edits_the_page_url_genrepo_reads_never_an_example(tmp_path):
    example = "<pre>\n[[github_url::https://github.com/example/in-a-pre]]\n</pre>\n"
    real = "== GitHub URL ==\n[[github_url::PENDING_REPO_BUILD|the repository]]\n"
    source = sample(tmp_path / "wiki", page_extra=example + real + "[[github_url::https://github.com/second/one]]\n")
    page = source / PAGE
    before = page.read_bytes()
    assert writeback.page(page, "https://github.com/acme/tool")
    assert page.read_bytes() == before.replace(b"PENDING_REPO_BUILD|", b"https://github.com/acme/tool|")
    assert validate(source).results[0].plan.remote_url == "https://github.com/acme/tool"
    assert not writeback.page(page, "https://github.com/acme/tool")  # already there: nothing to do


def test_write_back_edits_the_index_line_genrepo_reads(tmp_path):
    fenced = "\n```\n**GitHub URL:** https://github.com/in/a-fence\n```\n"
    source = sample(tmp_path / "wiki", "https://github.com/old/first")
    index_path = source / "_WorkflowIndex.md"
    text = index_path.read_text()
    # a second URL line in the same paragraph: the parser reads the last one; a fenced one it never reads
    text = text.replace(
        "**GitHub URL:** https://github.com/old/first",
        "**GitHub URL:** https://github.com/old/first\n**GitHub URL:** PENDING",
    )
    index_path.write_text(text.replace("# Workflow Index: Demo_Wiki\n", "# Workflow Index: Demo_Wiki\n" + fenced))
    before = index_path.read_bytes()
    assert writeback.index(index_path, NAME, "https://github.com/acme/tool")
    assert index_path.read_bytes() == before.replace(
        b"**GitHub URL:** PENDING", b"**GitHub URL:** https://github.com/acme/tool"
    )
    assert validate(source).results[0].plan.remote_url == "https://github.com/acme/tool"


def test_write_back_adds_a_missing_index_line_after_the_fields(tmp_path):
    source = sample(tmp_path / "wiki")
    index_path = source / "_WorkflowIndex.md"
    index_path.write_bytes(index_path.read_bytes().replace(b"**GitHub URL:** PENDING\n", b"").replace(b"\n", b"\r\n"))
    before = index_path.read_bytes()
    assert writeback.index(index_path, NAME, "https://github.com/acme/tool")
    assert index_path.read_bytes() == before.replace(
        b"**Description:** A demo.\r\n", b"**Description:** A demo.\r\n**GitHub URL:** https://github.com/acme/tool\r\n"
    )


def test_an_enterprise_url_written_back_is_read_back_and_published_to_again(tmp_path, hub, wiki):  # noqa: F811
    first = publish(wiki, tmp_path / "out", options(hub, write_back=True))
    url = f"{hub.host}/{FULL}"
    assert [r.action for r in first.results] == ["create"] and first.results[0].repo_url == url
    assert len(first.written_back) == 2
    assert github_origins(hub.api_url) == ("https://github.com", hub.host)
    (read_back,) = validate(wiki, origins=github_origins(hub.api_url)).results
    assert read_back.plan.remote_url == url and not read_back.plan.workflow.warnings
    # another owner on the command line: the cited URL still decides where the repository is
    again = publish(wiki, tmp_path / "out", options(hub, owner="genrepo-samples"))
    assert [(r.action, r.repo) for r in again.results] == [("update", FULL)]  # the wiki now cites the URL
    assert set(hub.repos) == {FULL}
