"""Jinja filters for the workflow template: every wiki string passes through one of these on its way out."""

from __future__ import annotations

import ast
import json
import re
import shlex

from jinja2.ext import Extension

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _clean(text) -> str:
    return _CONTROL.sub("", "" if text is None else str(text))


def py(text) -> str:
    """A Python string literal."""
    return json.dumps(_clean(text), ensure_ascii=False)


def pydoc(text) -> str:
    """Text safe inside a triple-double-quoted docstring, without trailing spaces."""
    value = _clean(text).replace("\\", "\\\\").replace('"""', '\\"\\"\\"').replace("#--genrepo", "# --genrepo")
    if value.endswith('"'):
        value = value[:-1] + '\\"'
    return "\n".join(line.rstrip() for line in value.split("\n"))


def _lists(value):
    """Tuples as lists, as TOML (the config file) gives them back."""
    if isinstance(value, (list, tuple)):
        return [_lists(v) for v in value]
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    return value


def _finite(text: str) -> str:
    """repr() writes an infinite or NaN float as `inf` / `nan`, which Python code cannot read back."""
    return re.sub(r"(?<![\w.'\"])(-?)(inf|nan)(?![\w'\"])", lambda m: f'{m.group(1)}float("{m.group(2)}")', text)


def pyval(literal) -> str:
    """A Python literal (given as source text, checked by ast) in canonical form; None when it is not one."""
    if literal is None:
        return "None"
    try:
        value = _lists(ast.literal_eval(str(literal)))
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return "None"
    text = _text(value)
    return _finite(text) if _has_nonfinite(value) else text


def _text(value) -> str:
    """repr(), with a set's items sorted: its own order changes from one process to the next (string hashes are
    salted), and the same wiki must give the same bytes."""
    if isinstance(value, set):
        return "{" + ", ".join(sorted(_text(v) for v in value)) + "}" if value else "set()"
    if isinstance(value, list):
        return "[" + ", ".join(_text(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_text(k)}: {_text(v)}" for k, v in value.items()) + "}"
    return repr(value)


def _has_nonfinite(value) -> bool:
    if isinstance(value, float):
        return value != value or value in (float("inf"), float("-inf"))
    if isinstance(value, (list, tuple)):
        return any(_has_nonfinite(v) for v in value)
    if isinstance(value, dict):
        return any(_has_nonfinite(v) for v in value.values())
    return False


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return _tomlstring(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{tomlkey(k)} = {_toml(v)}" for k, v in value.items()) + " }"
    raise TypeError(type(value).__name__)


def toml(literal) -> str:
    """A TOML value for a Python literal given as source text; empty when TOML cannot hold it."""
    try:
        return _toml(ast.literal_eval(str(literal)))
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return ""


def _tomlstring(text: str) -> str:
    """A TOML basic string: JSON's escapes, and DEL escaped too (TOML does not allow it raw)."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007F")


def tomlstr(text) -> str:
    """A TOML basic string."""
    return _tomlstring(_clean(text))


def setarg(key, literal) -> str:
    """`--set`'s argument for a key and its default (Python literal text), quoted for a POSIX shell: a text bare
    when the command line reads it back as that text (`1.path=data/x.csv`), anything else as the literal
    (`'1.mean=[0.485, 0.456, 0.406]'`); VALUE for no default."""
    value = "VALUE"
    if literal is not None:
        try:
            read = _lists(ast.literal_eval(str(literal)))
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            read = None
        plain = isinstance(read, str) and read.strip() == read and read != ""
        if plain and _reads_as_text(read):
            value = read
        elif isinstance(read, (list, dict)) and "None" not in repr(read) and not _has_nonfinite(read):
            value = json.dumps(read, ensure_ascii=False)  # ["a", "b"]: no quotes to escape for the shell
        else:
            value = _clean(pyval(literal)) if read is not None else "VALUE"
    return shlex.quote(line(f"{key}={value}"))


def _reads_as_text(text: str) -> bool:
    """Whether the generated command line reads text back as that text, not as a literal or TOML value."""
    try:
        ast.literal_eval(text)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return text not in ("true", "false") and not text.startswith(("[", "{"))
    return False


def tomlkey(name) -> str:
    """A TOML key: bare when TOML allows it (ASCII letters, digits, - and _), quoted otherwise (`"größe"`)."""
    name = str(name)
    return name if re.fullmatch(r"[A-Za-z0-9_-]+", name) else _tomlstring(name)


def line(text) -> str:
    """Text on one line (for comments and table cells)."""
    return " ".join(_clean(text).split())


def cell(text) -> str:
    """Text for a Markdown table cell."""
    return line(text).replace("|", "\\|") or " "


def comment(text) -> str:
    """Multi-line text as `# `-prefixed comment lines."""
    return "\n".join(("# " + part).rstrip() for part in _clean(text).split("\n"))


def keyed(items, key: str) -> dict:
    """A list of records as a dict by one of their fields: [{"module": "m", "a": 1}] -> {"m": {"a": 1}}."""
    return {item[key]: {k: v for k, v in item.items() if k != key} for item in items}


def jsonpretty(value) -> str:
    """Data as stable JSON: sorted keys, indent 2 (test data of the generated repository)."""
    return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)


class GenrepoFilters(Extension):
    """Registers the filters above."""

    def __init__(self, environment):
        super().__init__(environment)
        environment.filters.update(
            py=py,
            pydoc=pydoc,
            pyval=pyval,
            toml=toml,
            tomlstr=tomlstr,
            line=line,
            cell=cell,
            comment=comment,
            jsonpretty=jsonpretty,
            keyed=keyed,
            tomlkey=tomlkey,
            setarg=setarg,
        )
