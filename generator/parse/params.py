"""Key Parameters and External Dependencies cells of a step table, read into structured values."""

from __future__ import annotations

import ast
import re
from dataclasses import replace

from generator.apitext import literal_value
from generator.model import Param
from generator.parse.markdown import breaks_as, code_spans, plain

_IDENT = re.compile(r"^\*{0,2}[^\W\d]\w*$")  # a Python identifier (`größe` is one), with a * or ** prefix
_SPEC_NAME = re.compile(r"\*{0,2}[^\W\d]\w*+")
_SPEC_DEFAULT = re.compile(r"(?<=\S)(\s*)=.")  # `= default` after a type: its `=`, the spaces before it
# A default written in prose is short; longer text is not searched for one (each try is an ast.parse).
MAX_DEFAULT_IN_TEXT = 200
_DEFAULT_IN_TEXT = re.compile(r"\bdefault(?:s| value)?\s*(?:[:=]|is|of|to)?\s*", re.IGNORECASE)
_NONE_WORDS = {"none", "n/a", "na", "-", "—", "", "none required", "(none)"}
_SAYS_NONE = re.compile(r"(?:none|n/a)\b(?!\s+of\b)", re.IGNORECASE)  # not "None of the GPU builds is needed"


def says_none(text: str) -> bool:
    """Whether a cell or a list item says there is nothing: "None", "N/A", "None (Rust engine bundled in
    `polars-runtime-32`)", "None required."."""
    words = plain(text).strip()
    return words.lower() in _NONE_WORDS or bool(_SAYS_NONE.match(words))


def split_top_level(text: str, sep: str = ",") -> list[str]:
    """Split on sep outside brackets and quotes."""
    parts, depth, quote, current = [], 0, "", []
    for ch in text:
        if quote:
            current.append(ch)
            if ch == quote:
                quote = ""
            continue
        if ch in "\"'":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(0, depth - 1)
        elif ch == sep and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        current.append(ch)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def _literal_or_none(text: str) -> str | None:
    """text when it is a Python literal expression (checked with ast, never evaluated), else None."""
    text = text.strip().rstrip(".")
    try:
        node = ast.parse(text, mode="eval").body
        ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None
    return text


def default_in_text(text: str) -> str | None:
    """The longest literal following "default:" in a description, cut at a bracket, comma or semicolon.

    Only the first MAX_DEFAULT_IN_TEXT characters are tried, so a long description costs a bounded number
    of bounded parses."""
    found = _DEFAULT_IN_TEXT.search(text)
    if not found:
        return None
    rest = text[found.end() : found.end() + MAX_DEFAULT_IN_TEXT + 1]
    # (cut before a remark in brackets too: `defaults to "target" (the other columns are features)`)
    cuts = {i for i, ch in enumerate(rest[:MAX_DEFAULT_IN_TEXT]) if ch in "(),;"}
    if len(rest) <= MAX_DEFAULT_IN_TEXT:
        cuts.add(len(rest))
    for cut in sorted(cuts, reverse=True):
        piece = rest[:cut].strip()
        if cut < len(rest) and rest[cut] == "(" and piece.endswith(","):
            continue  # "(0, 0, 0), (1, 1, 1) is common": a tuple and a remark, not a tuple of one tuple
        literal = _literal_or_none(piece.strip("`"))
        if literal is not None:
            return literal
    return None


def _split_spec(spec: str) -> tuple[str, str | None, str | None] | None:
    """`name: type = default` as (name, type, default text); None when it does not read as one.

    String operations with the results of `^(NAME)\\s*(?::\\s*(.+?))?\\s*(?:=\\s*(.+))?$`, which backtracks
    quadratically on runs of spaces: the type is the shortest text after `:` before a `= default` or the
    end; the default is what follows the `=`."""
    name = _SPEC_NAME.match(spec)
    if name is None:
        return None
    body = spec[name.end() :].lstrip()
    type_ = None
    if body.startswith(":") and len(body) > 1:
        after = body[1:]
        text = after.lstrip() or after[-1]
        equals = _SPEC_DEFAULT.search(text, 1)
        end = max(1, equals.start()) if equals else len(text.rstrip()) or 1
        type_, body = text[:end], text[end:].lstrip()
    if not body:
        return name.group(0), type_, None
    if body.startswith("=") and len(body) > 1:
        return name.group(0), type_, body[1:].lstrip() or body[-1]
    return None


_OTHER_SUBJECT = re.compile(r"[.;]\s+`[A-Za-z_]\w*`")  # a sentence opening with another name in code


def parse_spec(spec: str, description: str = "") -> Param | None:
    """One `name: type = default` spec; None when it does not name a parameter."""
    spec = spec.strip().strip(",")
    parts = _split_spec(spec)
    if parts is None or not _IDENT.match(parts[0]):
        return None
    name, type_, default = parts[0], (parts[1] or "").strip() or None, parts[2]
    unread = default.strip() if default is not None and not _parses(default) else None
    if default is not None:
        default = _literal_or_none(default) or None
    if default is None and description:
        default = default_in_text(description)
    here = value_here(description, type_)
    if here is not None:
        default = here
    return Param(
        name=name.lstrip("*"), type=type_, default=default, description=description.strip(), unread_default=unread
    )


# "(default 3; 5 here)", "default 0.3, 0.05 here": the value this workflow uses, beside the library's default
_HERE = re.compile(
    r"(?:^|[;,(]|\band\b|\bbut\b)\s*(`[^`]+`|\"[^\"`]*\"|'[^'`]*'|[-+]?\d[\d_]*(?:\.\d+)?(?:e-?\d+)?|True|False)"
    r"\s+here\b",
    re.I,
)


# "(scikit-learn default 0.25; this workflow uses 0.2)", "(default for this workflow 2.0)", "(256, 256) in this
# workflow": the same, said of the workflow; the value runs to the bracket, comma or semicolon that ends it
_THIS_WORKFLOW = re.compile(
    r"\b(?:(?:this|the) (?:workflow|report|pipeline|step|analysis|tutorial) uses|(?:default )?(?:for|in) this "
    r"workflow:?)\s*([^;,()]+|\([^()]*\))",
    re.I,
)
# "(64 in this workflow; must be a multiple of M)", "(256, 256) in this workflow": the value first, then that this
# workflow uses it
_IN_THIS_WORKFLOW = re.compile(
    r"(?:^|[;,(])\s*(`[^`]+`|\"[^\"`]*\"|'[^'`]*'|[-+]?\d[\d_]*(?:\.\d+)?(?:e-?\d+)?|True|False|\([^()]*\))"
    r"\s+(?:in|for) this (?:workflow|pipeline|tutorial|report|analysis)\b",
    re.I,
)
# "defaults to 1, set 32", "default None; use 0.1": the library's default, then the value to set (not a value
# for a case: "use 2 for small corpora", "use 10-20 for small budgets")
_SET_INSTEAD = re.compile(
    r"\bdefaults?(?: to| is)?\s+[^;,()]+[;,]\s*(?:but\s+)?(?:set|use)\s+(?:it\s+)?(?:to\s+)?"
    r"(`[^`]+`|\"[^\"`]*\"|'[^'`]*'|[-+]?\d[\d_]*(?:\.\d+)?(?:e-?\d+)?|True|False)"
    r"(?=\s*(?:[);,]|\.(?!\d)|$|here\b|instead\b))",  # not advice for a case: "set False for a cased model"
    re.I,
)


def value_here(description: str, type_: str | None = None) -> str | None:
    """The value a description says the workflow uses "here" ("number of folds (default 3; 5 here)" gives 5; "this
    workflow uses 0.2", "the report uses "sum"", "defaults to 1, set 32"), as a literal of the declared type; None
    when it says none."""
    text = description[: MAX_DEFAULT_IN_TEXT * 5]
    for found in (
        _HERE.search(text),
        _THIS_WORKFLOW.search(text),
        _IN_THIS_WORKFLOW.search(text),
        _SET_INSTEAD.search(text),
    ):
        literal = _literal_or_none(found.group(1).strip().strip("`")) if found else None
        if literal is not None and fits_type(literal, type_):
            return literal
    return None


def _parses(text: str) -> bool:
    """Whether text is a Python expression at all (`torch.float16` is; `[1, 2` is not). Parsed, never run."""
    try:
        ast.parse(text.strip().rstrip("."), mode="eval")
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False
    return True


_BRACKETED = re.compile(r"^\(([^()]{1,200})\)")


def _typed_in_brackets(spec: str, tail: str) -> tuple[str, str]:
    """`name` (type, default X) written after a bare name, as `name: type = X`; (spec, rest of the tail)."""
    found = _BRACKETED.match(tail)
    if found is None or not _IDENT.match(spec.strip()):
        return spec, tail
    type_, default = "", None
    for part in split_top_level(found.group(1)):
        word = part.lower()
        if word.startswith("default"):
            default = default_in_text(part)
        elif default is None and _is_value(part.strip("` ")):  # `test_size` (0.2): the value, not a type
            default = part.strip("` ")
        elif not word.startswith(("optional", "required")) and not type_:
            type_ = part.strip("` ")
    if type_ and not _parses(type_):  # `x` (important for memory): prose, not a type
        return spec, tail
    spec = spec.strip() + (f": {type_}" if type_ else "") + (f" = {default}" if default is not None else "")
    return spec, tail[found.end() :]


def _is_value(text: str) -> bool:
    """Whether text is a value written as a literal (`0.2`, `"bar"`, `True`), never a type (`int`, `list[str]`)."""
    try:  # parsed, never run
        value = ast.literal_eval(text.strip().rstrip("."))
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False
    return not isinstance(value, (tuple, list))


def parse_key_parameters(cell: str) -> tuple[Param, ...]:
    """Parameters from a Key Parameters cell: code-span specs with trailing descriptions, or plain specs (one per
    `<br>` line, as a comma would part them)."""
    cell = breaks_as(cell, ", ")
    if says_none(cell):
        return ()
    params: list[Param] = []
    spans = _parameter_spans(cell)
    joined: set[str] = set()  # names written beside the next one with nothing of their own: "`source`, `target` - ..."
    if spans:
        for index, match in enumerate(spans):
            end = spans[index + 1].start() if index + 1 < len(spans) else len(cell)
            tail = cell[match.end() : end].strip()
            spec, tail = _typed_in_brackets(match.group(1), tail)
            tail = _SEPARATOR.sub("", tail, count=1)  # one separator: `nbest_size: int` - -1 keeps its sign
            description = plain(tail.rstrip(",;•·- "))
            # "... e.g. `{"sharey": False}`. `errorbar` (via `**kwargs`) controls the band, default ("ci", 95)": a
            # sentence about another name says that name's default, not this parameter's
            other = _OTHER_SUBJECT.search(tail)
            param = parse_spec(spec, plain(tail[: other.start()]) if other else description)
            if param is not None and other:
                param = replace(param, description=description)
            if (
                param is not None
                and param.default is None
                and (value := _value_given(tail.rstrip(",;•·- "), param.type))
            ):
                # "`unigram`" alone says the value, no more: what else documents the parameter may (a contract)
                alone = plain(tail).strip(" ,;").strip("\"'") == literal_value_text(value)
                param = replace(param, default=value, description="" if alone else param.description)
            if param is not None:
                params.append(param)
                # `a` / `b` - shared; `a`, `b` - shared too, when neither is typed (`a: str`, `b: float` - about b)
                bare = (
                    ":" not in match.group(1) and ":" not in spans[index + 1].group(1)
                    if index + 1 < len(spans)
                    else False
                )
                if re.fullmatch(r"\s*(?:[/&]|and)\s*", tail) or (bare and re.fullmatch(r"\s*,?\s*", tail)):
                    joined.add(param.name)
        for index in range(len(params) - 2, -1, -1):  # the description they share, from the last one back
            shared = params[index + 1].description
            if params[index].name in joined and not re.fullmatch(r"\(.*\)", shared):  # not "(optional)"
                params[index] = replace(params[index], description=shared)
    else:
        text = plain(cell)
        parts = split_top_level(text)
        if len(parts) == 1 and ";" in text:  # `a: int - the a; b: str - the b`
            parts = split_top_level(text, ";")
        for part in parts:
            spec, _, description = part.partition(" - ")
            param = parse_spec(spec, description)
            if param is not None:
                params.append(param)
    unique: dict[str, Param] = {}
    for param in params:
        unique.setdefault(param.name, param)
    return tuple(_symbolic_defaults_dropped(list(unique.values())))


def _symbolic_defaults_dropped(params: list[Param]) -> list[Param]:
    """A default that names another parameter of the cell ("`offset: str` - window offset (default `-period`)",
    "`period` - window length (default = `every`)") is the library's rule, not a value: left unset, so the library
    applies it (as text, `"-period"` reached polars as a duration string it refuses)."""
    named = {p.name for p in params}
    kept = []
    for param in params:
        value = literal_value(param.default)
        if isinstance(value, str) and value.lstrip("-+") in named - {param.name}:
            param = replace(param, default=None)
        kept.append(param)
    return kept


_SEPARATOR = re.compile(r"^\s*(?:[-–—:•·]\s+|[:•·]|[-–—](?=\s*`))\s*")
# a value at the start of a description, followed by no more of an expression (not `.pth`/`.pth.tar` file)
_GIVEN = re.compile(
    r"(?:e\.g\.|eg\.|for example|such as)?\s*(`[^`]+`|\"[^\"`]*\"|'[^'`]*'|[-+]?\d[\d_]*(?:\.\d+)?(?:e-?\d+)?\b)"
    r"(?=\s*(?:$|[(;]|\.(?!\w)))",  # alone: not a choice among others ("`split` or `gain`", "\"r\" to memory-map")
    re.I,
)


# at the end, in brackets: "name of the target column (`churned`)", "number of epochs (e.g. 20)", "rounds (500)"
_GIVEN_LAST = re.compile(
    r"(?<![\w.])\((?:[^()`;]{0,200};\s*)?(?:e\.g\.|eg\.|default:?)?\s*(`[^`]+`|\"[^\"`]*\"|'[^'`]*'|[-+]?\d[\d_]*(?:\.\d+)?(?:e-?\d+)?|\[[^\[\]()`]{1,200}\]|True|False)\)"
    r"\s*[.,;]?\s*$",
    re.I,
)  # (or a list: "NDCG cut-offs reported ([1, 3, 5])"; or after a note: "(at least 9984 for PQ; 20000)"; or a flag:
# "replace an existing file (True)")


# in brackets before the description goes on after a `;`, or with its own aside after one: "how many features drive
# the target (5); the rest are noise", "upper bound on iterations (1000; early stopping ends far sooner)"
_GIVEN_ASIDE = re.compile(
    r"(?<![\w.])\((?:e\.g\.|eg\.|default:?)?\s*(`[^`]+`|\"[^\"`]*\"|'[^'`]*'|[-+]?\d[\d_]*(?:\.\d+)?(?:e-?\d+)?)"
    r"\s*(?:;[^()]{0,200})?\)\s*(?:;|$)",
    re.I,
)


def literal_value_text(literal: str) -> str:
    """A literal's value as text (`'unigram'` -> unigram, `2000` -> 2000)."""
    try:
        value = ast.literal_eval(literal)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return literal
    return value if isinstance(value, str) else literal


def _value_given(description: str, type_: str | None) -> str | None:
    """The value a description starts with, as a literal: "`unigram` (required for sampling)", "e.g. 2000",
    "e.g. `m_unigram`", or ends with in brackets: "name of the label column (`churned`)"; written where the step
    wants that value. None for prose or an expression (`io.BytesIO()`, `model.getvalue()` from Step 2, "1 /
    lambda"), a value of another type than the declared one ("2 or 3 layers" for a list), a bare extension
    ("`.csv` file of ..."), or a class named in a text's description ("`DataFrame` column")."""
    if _GIVEN_NONE.match(description):  # "`cat_features` - none for this dataset": no value, not the example's
        return "None"
    flag = _GIVEN_FLAG.match(description)
    if flag is not None:  # "`as_gray: bool` - True", "... - False (keep colour)"; not "True to print progress"
        return flag.group(1) if fits_type(flag.group(1), type_) else None
    found = _GIVEN.match(description) or _GIVEN_LAST.search(description) or _GIVEN_ASIDE.search(description)
    if found is None:
        return None
    if len(re.findall(r"\(\s*`[^`]+`\s*\)", description)) > 1:
        return None  # "query image (`box.png`) and train image (`box_in_scene.png`)": two values, of two parameters
    text = found.group(1).strip("`")
    if text in ("True", "False") and len(re.findall(r"\((?:True|False)\b", description)) > 1:
        return None  # "processes (True, default) or threads (False)": the choices, not a value
    after = description[found.end() :]
    if text.isidentifier() and re.match(r"\s*(?:from|of|in)\s+step\b", after, re.I):
        return None  # "`model` from Step 1": where the value comes from, not the value
    if text.isidentifier() and re.search(r"\bfrom\s+step\s+\d+\s*$", description[: found.start()], re.I):
        return None  # "vectors path from Step 2 (`fname_or_handle`)": the name it goes by there, not the value
    if re.match(r"\s*[-+*/%=<>^|&]", after) or re.fullmatch(r"\.[A-Za-z]\w*", text.strip("\"'")):
        return None  # "1 / lambda": an expression; "`.csv` file", "(".png")": a kind of file, no file
    range_on = _RANGE_ON.match(after)
    if range_on and "default" not in (range_on.group(1) or "").lower():
        return None  # "0 (slow, best) to 10 (fast)": the values it takes, not one of them ("pyogrio" (default) is)
    literal = _literal_or_none(text)
    if literal is not None:
        return literal if fits_type(literal, type_) else None
    if (type_ or "").strip() in ("str", "Optional[str]") and re.fullmatch(r"[\w./:@+-]+", text):
        if re.fullmatch(r"[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+", text):
            return None  # `DataFrame`, `BatchEncoding`: a class the description names
        if re.fullmatch(r"[a-z_]\w*(?:\.[a-z_]\w*)+", text) and not _FILE_SUFFIX.search(text):
            return None  # "(default `args.output_dir`)": an attribute of an object the code has, no text
        return repr(text)  # a bare word or path for a text: `unigram`, `m_unigram`
    return None


_FILE_SUFFIX = re.compile(
    r"\.(?:json|jsonl|csv|tsv|txt|ya?ml|toml|pkl|pickle|joblib|pt|pth|bin|safetensors|parquet|npy|npz|h5|png|jpe?g|"
    r"gif|wav|mp3|md|html?|xml|log|zip|gz|tar|db|sqlite|onnx|gguf|model|py)$",
    re.IGNORECASE,
)  # a file's name (`config.json`, `spm.model`), not an attribute

# after a value and its aside in brackets, the other end of a range or another choice: "0 (slow) to 10 (fast)"
# (a dash's other end stands alone or has its own aside: "5 (small) - 50 (large)", not "0.5 (probability) - 0.7 works
# for imbalanced data", a comment)
_RANGE_ON = re.compile(
    r"\s*(\([^()]{0,200}\))?\s*(?:(?:to|or|through)\s*[-+]?(?:\d|`|\"|')|[-–—]\s*[-+]?\d[\d.]*\s*(?:\(|[,;]|$))", re.I
)

_GIVEN_NONE = re.compile(
    r"\s*none\s*(?:$|[.;(]|(?:for|in)\s+(?:this|these|the)\b|here\b|(?:is\s+)?(?:needed|used)\b)", re.I
)
_GIVEN_FLAG = re.compile(r"\s*(True|False)\s*(?:$|\()")

_KINDS: dict[str, type | tuple[type, ...]] = {
    "int": int,
    "float": (int, float),
    "bool": bool,
    "str": str,
    "list": (list, tuple),
    "dict": dict,
}


def fits_type(literal: str, type_: str | None) -> bool:
    """Whether a literal is a value of the declared type, where that type is a simple one (else it may be)."""
    base = re.sub(r"^(?:typing\.)?Optional\[(.*)\]$", r"\1", (type_ or "").strip()).split("[", 1)[0].strip().lower()
    kind = _KINDS.get({"tuple": "list", "sequence": "list", "iterable": "list"}.get(base, base))
    if kind is None:
        return True
    value = ast.literal_eval(literal)
    if isinstance(value, bool) and kind is not bool:
        return False
    return isinstance(value, kind)


def _parameter_spans(cell: str) -> list[re.Match[str]]:
    """The code spans of a Key Parameters cell that start a parameter: the first, and each right after a `,`, `;`,
    `:` or bullet (`a` - x, `b` - y; TrainingArguments: `lr`, `epochs`); a span inside a description stays part of
    it (return `(data, target)` instead; a path (e.g. `model.joblib`); - `[("svc", SVC())]`)."""
    spans = list(re.finditer(r"`([^`]+)`", cell))
    depths, depth, at = [], 0, 0  # brackets open (outside code spans) where each span starts
    for m in spans:
        between = cell[at : m.start()]
        depth = max(0, depth + between.count("(") - between.count(")"))
        depths.append(depth)
        at = m.end()
    starts: list[re.Match[str]] = []
    for n, m in enumerate(spans):
        between = cell[spans[n - 1].end() : m.start()] if n else ""
        if n == 0 or (
            depths[n] == 0  # `alternative: str` (`'two-sided'`, `'less'`; default ...): the choices, not parameters
            # a value (`"lm"`, `"trf"` or `"dogbox"`; `0.5`): one of the parameter's choices, never a parameter
            and re.match(r"\*{0,2}[A-Za-z_]", m.group(1).strip()) is not None
            and (
                re.search(r"(?:^|[,;:•·])\s*(?:[-*•·]\s*)?$", between) is not None
                # `down_block_types` / `up_block_types` - ...: two parameters sharing a description
                or (
                    bool(starts)
                    and starts[-1] is spans[n - 1]
                    and re.fullmatch(r"\s*(?:/|&|and)\s*", between) is not None
                )
            )
            # `model_type: str` - `unigram`: the value the parameter takes, not another parameter; nor is what no
            # parameter is written like (`actual` - `exported_program.module()(x)`: the expression it stands for)
            and not (
                re.fullmatch(r"\s*[-–—]\s*", between)
                and (":" in spans[n - 1].group(1) or _split_spec(m.group(1).strip()) is None)
            )
        ):
            starts.append(m)
    return starts


# a remark saying a dependency is no Python distribution: "`libjpeg` (bundled in the Pillow wheels)", "`freetype`
# (system library)", "`poppler` (apt install poppler-utils)"
_SYSTEM_REMARK = re.compile(
    r"\b(?:bundled|system[- ](?:library|package|dependency)|C(?:\+\+)? library|shared library|native library|"
    r"apt(?:-get)? install|brew install|OS package)",
    re.IGNORECASE,
)


def _system_parts(cell: str) -> list[str]:
    """The parts of a dependency cell (split at top-level commas) whose remark in brackets says they are no Python
    distribution."""
    return [part for part, _ in _system_remarked(cell)]


def _system_remarked(cell: str) -> list[tuple[str, str]]:
    """_system_parts, each with the part whose remark it takes: its own, or for a native library's bare name
    before it in a list, the remark closing the list ("`zlib`, `libjpeg`, `libpng` (bundled in the wheels)")."""
    parts = split_top_level(breaks_as(cell, ", "))
    remarked = [
        part if any(_SYSTEM_REMARK.search(r) for r in re.findall(r"\(([^()]*)\)", _code_free(part))) else ""
        for part in parts
    ]
    for at in range(len(parts) - 2, -1, -1):
        if remarked[at + 1] and not remarked[at] and _NATIVE_SPAN.fullmatch(parts[at]):
            remarked[at] = remarked[at + 1]
    return [(part, remark) for part, remark in zip(parts, remarked, strict=True) if remark]


# a native library's name alone (`libjpeg`, `libsndfile1`, `zlib`), not a Python distribution's (`torch`)
_NATIVE_SPAN = re.compile(r"\s*(?:and\s+)?`(?:lib[\w+.-]+|zlib|openssl|ffmpeg)`\s*", re.IGNORECASE)


def _code_free(text: str) -> str:
    """Text with its code spans blanked (a remark is prose, not code)."""
    return re.sub(r"`[^`]*`", "``", text)


def system_dependencies(cell: str) -> tuple[str, ...]:
    """What a dependency cell names as a prerequisite to install by other means than pip, with its remark:
    "`libjpeg` / `libjpeg-turbo` (bundled in the Pillow wheels)" gives both names with the remark; uv was asked
    for a distribution named libjpeg and the whole workflow failed."""
    found: list[str] = []
    for part, remarked in _system_remarked(cell):
        masked = _code_masked(remarked)  # the remark's brackets found outside code, its words kept
        remark = "; ".join(plain(remarked[m.start(1) : m.end(1)]).strip() for m in re.finditer(r"\(([^()]*)\)", masked))
        outside = _outside_brackets(part)  # "None (Rust engine bundled in `polars-runtime-32` wheel)": no name
        names = code_spans(outside) or [plain(outside).strip()]
        found += [f"{name.strip()} ({remark})" for name in names if name.strip() and not says_none(name)]
    return tuple(dict.fromkeys(found))


def _code_masked(text: str) -> str:
    """Text with what its code spans hold blanked, every character in its place."""
    return re.sub(r"`[^`]*`", lambda m: "`" + " " * (len(m.group()) - 2) + "`", text)


# a remark saying a dependency is optional: "`datasets` (optional, only if the text comes from a Hub dataset)",
# "`lxml` (optional, faster)"; not "(optional dependency of statsmodels, must be installed separately)", nor one
# naming what needs it ("(optional, for `as_pandas=True`)", "(only for `stratified=True`)": the step may do that)
_OPTIONAL_REMARK = re.compile(r"^\s*optional\b", re.IGNORECASE)
_NEEDED_REMARK = re.compile(r"\b(?:must|required|needed by this)\b", re.IGNORECASE)


def optional_dependencies(cell: str) -> tuple[str, ...]:
    """The names a dependency cell says are needed only sometimes: a requirement only when a step's code imports
    them (the tokenizers trial's "`datasets` (optional, only if the text comes from a Hub dataset)" installed
    pandas and pyarrow for nothing)."""
    found: list[str] = []
    for part in split_top_level(breaks_as(cell, ", ")):
        remarks = re.findall(r"\(([^()]*)\)", _code_free(part))
        # or said before the names: "optional `torch` / `tensorflow` / `jax`" (the datasets trial installed all of
        # them, an 8 GB environment for a step that formats as NumPy)
        said_before = _OPTIONAL_REMARK.match(plain(part)) is not None
        if (said_before or any(_OPTIONAL_REMARK.search(r) and "``" not in r for r in remarks)) and not any(
            _NEEDED_REMARK.search(r) for r in remarks
        ):
            found += [name.strip() for name in code_spans(_outside_brackets(part)) if name.strip()]
    return tuple(dict.fromkeys(found))


def parse_dependencies(cell: str) -> tuple[str, ...]:
    """Names in an External Dependencies cell, as written (normalising to distributions comes later); not those
    its remarks say are installed by other means (system_dependencies)."""
    system = _system_parts(cell)
    if system:
        cell = ", ".join(p for p in split_top_level(breaks_as(cell, ", ")) if p not in system)
    cell = breaks_as(cell, ", ")
    text = plain(cell)
    if says_none(cell):
        return ()
    outside = _outside_brackets(cell)  # `pandas` (only when `as_frame=True`): as_frame is no package
    # "compiled `word2vec_inner` extension", "compiled `word2vec_inner` (Cython)": a module of the project itself,
    # built with it, never a distribution
    spans = [s for part in split_top_level(outside) if not _EXTENSION.match(part.strip()) for s in code_spans(part)]
    if spans or code_spans(outside):
        names = spans
    else:
        names = []
        for part in split_top_level(text):
            inner = re.search(r"\((.*)\)", part)
            outer = re.sub(r"\(.*?\)", "", part).strip()
            if inner and len(outer.split()) > 1 and "," in inner.group(1):
                names.extend(n.strip() for n in inner.group(1).split(","))  # "Depends on format (a, b, c)"
            else:
                names.append(outer)
    result: list[str] = []
    for name in names:
        name = name.strip().strip(".")
        if name and name not in result:
            result.append(name)
    return tuple(result)


# the qualifier before the name: "compiled `word2vec_inner` extension", "compiled `word2vec_inner` (Cython)"; not
# "`apex` built with its CUDA extension"
_EXTENSION = re.compile(
    r"(?:compiled|cython|internal|native|built)\b[^`,]*`[^`]+`[^,]*\bextension\b|(?:compiled|cython)\b[^`,]{0,20}`",
    re.IGNORECASE,
)


def _outside_brackets(cell: str) -> str:
    """The cell without what stands in parentheses outside code spans: a remark on a dependency (`joblib` (optional
    `memory` caching)), whose code spans name no package."""
    out: list[str] = []
    depth = 0
    code = False
    for char in cell:
        if char == "`" and not depth:
            code = not code
        elif not code and char == "(":
            depth += 1
            continue
        elif not code and char == ")" and depth:
            depth -= 1
            continue
        if not depth:
            out.append(char)
    return "".join(out)
