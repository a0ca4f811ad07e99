"""Writing a published repository's URL back into the wiki, changing no other byte."""

from __future__ import annotations

import re
from pathlib import Path

_PAGE_URL = re.compile(rb"\[\[github_url::[^\]|]*\]\]")
_INDEX_URL = re.compile(rb"^(\s*\*\*GitHub URL:\*\*)[^\r\n]*", re.M)
_INDEX_FIELD = re.compile(rb"^\s*\*\*(File|Description):\*\*[^\r\n]*(\r?\n)", re.M)


def _newline(data: bytes) -> bytes:
    return b"\r\n" if b"\r\n" in data else b"\n"


def page(path: Path, url: str) -> bool:
    """Set `[[github_url::URL]]` on a workflow page (replacing PENDING_REPO_BUILD or adding the section)."""
    data = path.read_bytes()
    wanted = f"[[github_url::{url}]]".encode()
    if _PAGE_URL.search(data):
        updated = _PAGE_URL.sub(lambda m: wanted, data, count=1)
    else:
        nl = _newline(data)
        tail = b"" if data.endswith(nl) else nl
        updated = data + tail + nl + b"== GitHub URL ==" + nl + nl + wanted + nl
    if updated == data:
        return False
    path.write_bytes(updated)
    return True


def index(path: Path, workflow_name: str, url: str) -> bool:
    """Set the `**GitHub URL:**` line of a workflow's section in `_WorkflowIndex.md` (adding it after File or
    Description when the section has none). Returns False when the index has no section for the workflow."""
    data = path.read_bytes()
    heading = re.search(rb"^##\s*Workflow:\s*" + re.escape(workflow_name.encode()) + rb"\s*$", data, re.M)
    if heading is None:
        return False
    end = re.search(rb"^##\s", data[heading.end() :], re.M)
    stop = heading.end() + (end.start() if end else len(data) - heading.end())
    section = data[heading.end() : stop]
    line = _INDEX_URL.search(section)
    if line:
        updated_section = section[: line.start()] + line.group(1) + b" " + url.encode() + section[line.end() :]
    else:
        fields = list(_INDEX_FIELD.finditer(section))
        if not fields:
            return False
        last = fields[-1]
        updated_section = section[: last.end()] + b"**GitHub URL:** " + url.encode() + last.group(2) + section[last.end() :]
    updated = data[: heading.end()] + updated_section + data[stop:]
    if updated == data:
        return False
    path.write_bytes(updated)
    return True
