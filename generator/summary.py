"""What needs attention, as a GitHub Actions job summary: a Markdown table per workflow and annotations that point
at the wiki lines behind each step that is not bound. Made from the JSON report of from-index or publish."""

# No `from __future__ import annotations`: this module's `annotations()` would shadow it (and 3.11 needs neither).
import json
from pathlib import Path
from typing import Any


def load(report: Path, error_file: Path | None = None) -> dict[str, Any]:
    """The JSON report, or {"error": ...} when it is missing or unreadable (genrepo stopped before writing it):
    the error text comes from error_file (what genrepo printed on stderr)."""
    try:
        data = json.loads(report.read_text(encoding="utf-8"))
        if isinstance(data, dict):
            return data
        problem = f"{report} does not hold a JSON object"
    except FileNotFoundError:
        problem = f"genrepo wrote no report ({report})"
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        problem = f"cannot read the report {report}: {exc}"
    detail = ""
    if error_file is not None:
        try:
            detail = error_file.read_text(encoding="utf-8", errors="replace").strip()
        except OSError:
            pass
    return {"error": detail or problem}


def _cell(text: object) -> str:
    return " ".join(str(text).split()).replace("|", "\\|") or " "


def _workflows(report: dict[str, Any]) -> list[dict[str, Any]]:
    return list((report.get("generated") or report).get("workflows", []))


def _published(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {p["workflow"]: p for p in report.get("published", [])}


def markdown(report: dict[str, Any], title: str = "genrepo") -> str:
    """The job summary: per workflow its outcome, steps bound / to implement / manual, the config keys to set,
    the repository, and what to do next; errors in full."""
    workflows = _workflows(report)
    published = _published(report)
    lines = [f"## {title}", ""]
    if not workflows:
        lines.append("No workflow was generated.")
        if report.get("error"):  # a fence longer than any run of tildes in the text keeps it verbatim
            fence = "~" * max(3, 1 + max((len(r) for r in str(report["error"]).split() if set(r) == {"~"}), default=0))
            lines += ["", "### Error", "", fence, str(report["error"]), fence]
        return "\n".join(lines) + "\n"
    lines += [
        "| Workflow | Outcome | Bound | To implement | Manual | Config keys to set | Repository |",
        "|---|---|---|---|---|---|---|",
    ]
    for wf in workflows:
        counts = wf.get("counts", {})
        outcome = wf.get("action", "")
        if wf.get("action") != "fail" and not wf.get("executable", True):
            outcome += ", **not executable** (no step is bound)"
        pub = published.get(wf["name"]) or published.get(wf.get("short_name", ""))
        where = (
            pub.get("repo_url") or pub.get("url") or pub.get("repo")
            if pub
            else (wf.get("url") or wf.get("repo_name", ""))
        )
        if pub:
            done = pub["action"] in ("unchanged", "refuse", "fail")
            outcome += f"; GitHub: {'would ' if pub.get('dry_run') and not done else ''}{pub['action']}"
        keys = ", ".join(f"`{k}`" for k in wf.get("required_keys", [])) or "-"
        link = f"[{_cell(wf['repo_name'])}]({where})" if str(where).startswith("http") else _cell(where)
        lines.append(
            f"| {_cell(wf['name'])} | {_cell(outcome)} | {counts.get('bound', 0)} | {counts.get('stub', 0)} | "
            f"{counts.get('manual', 0)} | {keys} | {link} |"
        )
    problems = [(wf["name"], e) for wf in workflows for e in wf.get("errors", [])]
    problems += [
        (p["workflow"], p["detail"]) for p in report.get("published", []) if p.get("action") in ("fail", "refuse")
    ]
    if problems:
        lines += ["", "### Errors", ""]
        lines += [f"- **{_cell(name)}**: {_cell(text)}" for name, text in problems]
    todo = [(wf["name"], s) for wf in workflows for s in wf.get("steps", []) if s.get("status") == "stub"]
    if todo:
        lines += ["", "### Steps that need implementation", ""]
        lines += [
            f"- {_cell(name)}, step {s['number']} {_cell(s['name'])}: `{s['file']}` (wiki `{s['wiki']}`)"
            for name, s in todo
        ]
    manual = [(wf["name"], s) for wf in workflows for s in wf.get("steps", []) if s.get("status") == "manual"]
    if manual:
        lines += ["", "### Manual steps (a person does them)", ""]
        lines += [f"- {_cell(name)}, step {s['number']} {_cell(s['name'])} (wiki `{s['wiki']}`)" for name, s in manual]
    nexts = [(wf["name"], wf["next"]) for wf in workflows if wf.get("next")]
    if nexts:
        lines += ["", "### Next", ""]
        for name, steps in nexts:
            lines.append(f"- **{_cell(name)}**: " + "; then ".join(f"`{_cell(step)}`" for step in steps))
    else:
        lines += [
            "",
            "Next: set the config keys above, implement the listed steps, then `python -m <package> run` "
            "(or `python -m <package> guide`) in each repository.",
        ]
    return "\n".join(lines) + "\n"


def _escape(text: str) -> str:
    """GitHub's workflow-command escaping for a message (% , CR, LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _where(message: str) -> str:
    """The `path:line` a message starts with (how genrepo's diagnostics name their place), else ''."""
    head = message.split(": ", 1)[0]
    path, _, line = head.rpartition(":")
    return head if path and line.isdigit() and " " not in path else ""


def _property(text: str) -> str:
    return _escape(text).replace(":", "%3A").replace(",", "%2C")


def annotations(report: dict[str, Any], wiki_dir: str = "") -> list[str]:
    """`::warning file=...,line=...::` for each step not bound and each warning, `::error` for errors, at the wiki
    line they come from (paths relative to wiki_dir, the wiki folder in the checkout)."""
    prefix = wiki_dir.rstrip("/") + "/" if wiki_dir else ""
    found: list[str] = []

    def emit(level: str, where: str, message: str) -> None:
        path, _, line = where.rpartition(":")
        if path and line.isdigit():
            found.append(f"::{level} file={_property(prefix + path)},line={line}::{_escape(message)}")
        else:
            found.append(f"::{level}::{_escape(message)}")

    if report.get("error") and not _workflows(report):
        found.append(f"::error::{_escape(str(report['error']))}")
    for diagnostic in (report.get("generated") or report).get("diagnostics", []):
        where = f"{diagnostic.get('file', '')}:{diagnostic.get('line', '')}"
        emit("error" if diagnostic.get("severity") == "error" else "warning", where, diagnostic.get("message", ""))
    for wf in _workflows(report):
        if wf.get("action") == "fail" and "diagnostics" not in wf:  # an older report: errors as text
            for error in wf.get("errors", []):
                emit("error", _where(error), f"{wf['name']}: {error}")
        for step in wf.get("steps", []):
            if step.get("status") == "stub":
                emit(
                    "warning",
                    step.get("wiki", ""),
                    f"{wf['name']}: step {step['number']} ({step['name']}) needs implementation",
                )
            elif step.get("status") == "manual":
                emit(
                    "warning",
                    step.get("wiki", ""),
                    f"{wf['name']}: step {step['number']} ({step['name']}) is manual: "
                    "nothing runs for it, a person does it",
                )
        for diagnostic in wf.get("diagnostics", []):
            where = f"{diagnostic.get('file', '')}:{diagnostic.get('line', '')}"
            emit("error" if diagnostic.get("severity") == "error" else "warning", where, diagnostic.get("message", ""))
    return found
