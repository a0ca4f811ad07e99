"""Reading wiki files as clean text: BOM, CRLF, control characters and mojibake repaired, lines kept."""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.errors import ParseError

# Limits far above real wikis (the largest page of ../shared/corpus is 42 KB, its largest code block 5 KB,
# its longest table cell under 1 KB) that bound what one file or one field can cost.
MAX_FILE_BYTES = 1024 * 1024
MAX_FIELD_CHARS = 64 * 1024

# Runs of characters that a UTF-8 text decoded as Mac Roman turns into ("‚úÖ" for "✅", "‚¨ú" for "⬜").
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]{2,}")
# control characters, and invisible ones (zero-width spaces and joiners, a BOM inside the text) that would cut a name
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200d\u2060\ufeff]")
_NO_BREAK_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " "})  # read as spaces (keys, code)


@lru_cache(maxsize=1)
def _ftfy() -> tuple[Any, Any]:
    """ftfy and its configuration, imported on the first line that is not ASCII (50 ms: an ASCII wiki never pays)."""
    import ftfy

    config = ftfy.TextFixerConfig(
        uncurl_quotes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        normalization=None,
        explain=False,
    )
    return ftfy.fix_text, config


@dataclass(frozen=True)
class WikiText:
    """A wiki file's text with its path relative to the wiki root and the lines that were repaired."""

    path: str
    text: str
    sha256: str
    repaired_lines: tuple[int, ...] = ()

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


def _undo_mac_roman(run: str) -> str:
    """Decode, left to right, every stretch of `run` that is UTF-8 shown as Mac Roman."""
    out: list[str] = []
    i = 0
    while i < len(run):
        for width in (4, 3, 2):
            chunk = run[i : i + width]
            if len(chunk) < width:
                continue
            try:
                decoded = chunk.encode("mac_roman").decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                continue
            if len(decoded) == 1 and ord(decoded) > 0x7F:
                out.append(decoded)
                i += width
                break
        else:
            out.append(run[i])
            i += 1
    return "".join(out)


def repair_line(line: str) -> str:
    """Repair mojibake in one line; a line with nothing to repair comes back unchanged."""
    if line.isascii():
        return line
    fixed = _NON_ASCII_RUN.sub(lambda m: _undo_mac_roman(m.group(0)), line)
    fix_text, config = _ftfy()
    return str(fix_text(fixed, config=config))


def decode_bytes(data: bytes, display_path: str) -> tuple[str, tuple[int, ...]]:
    """Decode wiki bytes to text with normalised newlines; returns the text and the repaired line numbers."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.strip():
        raise ParseError(display_path, 1, "file is empty")
    if b"\x00" in data[:8192]:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ParseError(display_path, line, "file is binary (contains NUL bytes), not a wiki page")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        text = data.decode("cp1252", errors="replace")
        if text.count("\ufffd") > max(8, len(text) // 50):
            raise ParseError(display_path, line, "file is not UTF-8 text") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    control = _CONTROL.search(text) is not None
    if not control and text.isascii():  # most pages: nothing to remove, nothing to repair
        return text, ()
    repaired: list[int] = []
    lines = text.split("\n")
    for number, original in enumerate(lines, start=1):
        if not control and original.isascii():
            continue
        clean = _CONTROL.sub("", original).translate(_NO_BREAK_SPACES)
        fixed = repair_line(clean)
        if fixed != original:
            lines[number - 1] = fixed
            if fixed != clean:
                repaired.append(number)
    return "\n".join(lines), tuple(repaired)


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def _read_regular(path: Path, display: str) -> bytes:
    """The bytes of a regular file of at most MAX_FILE_BYTES. Opened without blocking and checked on the
    open descriptor: a FIFO would hang and a device would never end, whatever a stat() said before."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise ParseError(display, 1, f"cannot read file: {exc.strerror or exc}") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise ParseError(
                display, 1, f"{_kind(mode)}, not a regular file: wiki pages are read from regular files only"
            )
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_FILE_BYTES:
            chunk = os.read(fd, min(1 << 20, MAX_FILE_BYTES + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise ParseError(display, 1, f"cannot read file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if size > MAX_FILE_BYTES:
        raise ParseError(display, 1, f"file is larger than {MAX_FILE_BYTES} bytes, the limit for one wiki file")
    return b"".join(chunks)


def file_state(path: Path) -> str | None:
    """What reading path finds, as text to compare between runs: the sha256 of a readable regular file, else
    why it cannot be read; None when nothing is there. Never blocks (a FIFO is refused, as when reading)."""
    if not os.path.lexists(path):
        return None
    try:
        return hashlib.sha256(_read_regular(path, "")).hexdigest()
    except ParseError as exc:
        return f"unreadable: {exc.message}"


def read_wiki_file(path: Path, root: Path) -> WikiText:
    """Read one wiki file (regular files only); errors name the file relative to the wiki root."""
    try:
        display = path.relative_to(root).as_posix()
    except ValueError:
        display = str(path)
    data = _read_regular(path, display)
    text, repaired = decode_bytes(data, display)
    return WikiText(display, text, hashlib.sha256(data).hexdigest(), repaired)
