"""Writing a published repository's URL back into the wiki, exactly where genrepo reads it, changing no other byte.

The place is found by the parsers themselves (the page's first `[[github_url::...]]` outside code, the index
section's last `**GitHub URL:**` line), so a URL in a `<pre>` example or a second URL line is never the one
rewritten; the result is parsed again and written only when genrepo would read the new URL from it.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.parse.index import IndexData, parse_index
from generator.parse.mediawiki import properties
from generator.parse.pages import parse_workflow_page
from generator.parse.text import WikiText, decode_bytes

_LINE_BREAK = re.compile(rb"\r\n|\r|\n")
_PAGE_VALUE = re.compile(rb"(\[\[\s*github_url\s*::)([^\]|]*)", re.IGNORECASE)
_INDEX_VALUE = re.compile(rb"^([ \t]*\*\*[^*]+?:?\*\*:?)(.*)$")


def _newline(data: bytes) -> bytes:
    return b"\r\n" if b"\r\n" in data else b"\n"


def _line_span(data: bytes, line: int) -> tuple[int, int, int]:
    """(start, end, end with its line break) of a 1-based line, counted as the parsers count them."""
    start, number = 0, 1
    for brk in _LINE_BREAK.finditer(data):
        if number == line:
            return start, brk.start(), brk.end()
        start, number = brk.end(), number + 1
    return start, len(data), len(data)


def _text(data: bytes, name: str) -> WikiText:
    text, _ = decode_bytes(data, name)
    return WikiText(name, text, "")


def page(path: Path, url: str) -> bool:
    """Set the workflow page's `[[github_url::URL]]` (the one genrepo reads, replacing PENDING_REPO_BUILD),
    or add a GitHub URL section. Returns False when nothing changed or genrepo would not read the result."""
    data = path.read_bytes()
    wanted = url.encode()
    read = next((p for p in properties(_text(data, path.name).text) if p.name == "github_url"), None)
    if read is not None:
        start, end, _ = _line_span(data, read.line)
        found = _PAGE_VALUE.search(data, start, end)
        if found is None:
            return False
        updated = data[: found.start(2)] + wanted + data[found.end(2) :]
    else:
        nl = _newline(data)
        tail = b"" if data.endswith(nl) else nl
        updated = data + tail + nl + b"== GitHub URL ==" + nl + nl + b"[[github_url::" + wanted + b"]]" + nl
    if updated == data or parse_workflow_page(_text(updated, path.name)).github_url != url:
        return False
    path.write_bytes(updated)
    return True


def _entry_index(data: IndexData, workflow_name: str, namespace: str) -> int | None:
    wanted = workflow_name.lower()
    for position, entry in enumerate(data.entries):
        if entry.name.lower() in (wanted, wanted.removeprefix(f"{namespace.lower()}_")):
            return position
    return None


def index(path: Path, workflow_name: str, url: str) -> bool:
    """Set the `**GitHub URL:**` line genrepo reads in a workflow's section of `_WorkflowIndex.md` (adding it
    after File or Description when the section has none). Returns False when the index has no section for
    the workflow, nothing changed, or genrepo would not read the result."""
    data = path.read_bytes()
    parsed = parse_index(_text(data, path.name))
    namespace = parsed.namespace or path.resolve().parent.name
    position = _entry_index(parsed, workflow_name, namespace) if parsed.style == "enriched" else None
    if position is None:
        return False
    entry = parsed.entries[position]
    wanted = url.encode()
    if entry.github_url_line:
        start, end, _ = _line_span(data, entry.github_url_line)
        field = _INDEX_VALUE.match(data[start:end])
        if field is None:
            return False
        updated = data[:start] + field.group(1) + b" " + wanted + data[end:]
    elif entry.page_link_line or entry.description_line:
        _, end, after = _line_span(data, max(entry.page_link_line, entry.description_line))
        line = b"**GitHub URL:** " + wanted
        if after == end:  # the last line, without a line break
            updated = data + _newline(data) + line
        else:
            updated = data[:after] + line + data[end:after] + data[after:]
    else:
        return False
    reread = parse_index(_text(updated, path.name))
    again = _entry_index(reread, workflow_name, namespace)
    if updated == data or again is None or reread.entries[again].github_url != url:
        return False
    path.write_bytes(updated)
    return True
