"""The names a step's results go by: identifiers in its Outputs, else names for its return types."""

from __future__ import annotations

import re
from keyword import kwlist

from generator.apitext import BUILTINS, ApiRef
from generator.bind.context import BindContext, artifact_name
from generator.bind.imports import bound_by
from generator.model import Step
from generator.naming import identifier
from generator.parse.markdown import listed
from generator.pysource import sql_tables


def split_types(text: str) -> list[str]:
    """`Tuple[A, B]` -> [A, B]; `A` -> [A]."""
    m = re.match(r"^\s*(?:Tuple|tuple)\[(.*)\]\s*$", text)
    if not m:
        return [text.strip()] if text.strip() else []
    parts, depth, current = [], 0, ""
    for ch in m.group(1):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += ch
    parts.append(current.strip())
    return [p for p in parts if p]


_EXTENSIONS = (
    r"\.(?:joblib|pkl|pickle|pt|pth|bin|safetensors|json|jsonl|csv|tsv|txt|ya?ml|toml|npy|npz|h5|hdf5|onnx|gguf|"
    r"parquet|arrow|zip|tar|gz|md|png|jpe?g|wav|mp3|log|ckpt)"
)
_FILE = re.compile(rf"/|{_EXTENSIONS}$", re.IGNORECASE)


def named_outputs(step: Step) -> list[str]:
    """The identifiers the step's Outputs write in code spans (`model` trained): the names its results go by; not
    the fields of an object it names before them ("`BatchEncoding` with `input_ids` and `attention_mask`",
    "`Dataset` with columns `id`, `text`", "Fitted search with `best_params_`": one result, of that type)."""
    return list(
        dict.fromkeys(n for n in map(_name_of, _spans(step)) if _IDENTIFIER.fullmatch(n) and n not in _NOT_NAMES)
    )


def _name_of(span: str) -> str:
    """The name a code span gives a result: the span, or the name it annotates (`texts: List[List[str]]`)."""
    annotated = _ANNOTATED.fullmatch(span)
    return annotated.group(1) if annotated else span


def _type_of(span: str) -> str:
    """The type a code span gives a result: the span, or the annotation after its name (`texts: List[str]`)."""
    annotated = _ANNOTATED.fullmatch(span)
    return annotated.group(2) if annotated else span


def _spans(step: Step) -> list[str]:
    """The code spans of the step's Outputs that name results or their types: not a function the page imports
    (`accuracy_score` float), nor the fields of an object named before them, up to a `;`."""
    return [span for span, _ in _spans_placed(step)]


def _spans_placed(step: Step) -> list[tuple[str, bool]]:
    """_spans, each with whether it stands in an aside in brackets; not a table or view a database holds ("Table
    `sales` in the database", "View `regions` queryable from SQL": no Python object, the example's SQL names it)."""
    text = step.outputs or ""
    imported = bound_by(list(step.implementation.imports)) if step.implementation else set()
    # (nor a table the examples' SQL fills: "Rows inserted into `items`", `INSERT INTO items ...`)
    not_results = imported | sql_tables(step.examples)
    holder = _HOLDER.search(text)
    start, end = (holder.end(), text.find(";", holder.end()) % (len(text) + 1)) if holder else (0, 0)
    found = [
        (span, _in_brackets(text, m.start()))
        for m in re.finditer(r"`([^`]+)`", text)
        if not start <= m.start() < end and not _STORED.search(text, 0, m.start())
        for span in listed(m.group(1))
        if span not in not_results
    ]
    # "`denoised`: 1-D array (may be one sample longer than `x`)": after a name the Outputs start with, a span in
    # an aside is a mention, no result; "Trained model (`model`)", "`KeyedVectors` instance (`kv`)" give the name
    # in brackets
    first = _name_of(found[0][0]) if found else ""
    if found and not found[0][1] and _IDENTIFIER.fullmatch(first) and first.lower() not in _NOT_NAMES:
        return [(span, inside) for span, inside in found if not inside]
    return found


_CALLABLE = re.compile(r"\b(?:Callable|callable|function)\b")  # "`model: Callable` - the model function"


def hands_on_a_function(step: Step) -> bool:
    """Whether the step's Outputs say its result is a function (`model: Callable`), not what a call of it gives."""
    return _CALLABLE.search(step.outputs or "") is not None


def stored_only(step: Step) -> bool:
    """Whether the step's Outputs name only tables or views a database holds ("Table `sales` in the database", "Rows
    inserted into `items`" where the example's SQL inserts into it): the
    step's work is a side effect, and what its call returns (the connection again) is no result."""
    text = step.outputs or ""
    spans = list(re.finditer(r"`[^`]+`", text))
    tables = sql_tables(step.examples)
    return bool(spans) and all(_STORED.search(text, 0, m.start()) or m.group()[1:-1] in tables for m in spans)


def _in_brackets(text: str, at: int) -> bool:
    """Whether position at of text lies inside an aside in round brackets (outside code spans); not one that adds
    a result ("`embeddings` (and `ids`, in the same order)")."""
    opened: list[int] = []
    code = False
    for n, char in enumerate(text[:at]):
        if char == "`":
            code = not code
        elif not code and char == "(":
            opened.append(n)
        elif not code and char == ")" and opened:
            opened.pop()
    return bool(opened) and not re.match(r"\(\s*(?:and|plus|also)\b", text[opened[-1] :], re.IGNORECASE)


def collects(step: Step, api: ApiRef) -> bool:
    """Whether the step's Outputs are a list of what its API returns (`List[List[str]]`, where `simple_preprocess(doc)
    -> List[str]` tokenizes one document): the step calls it once per item."""
    item = _plain_type(api.returns)
    if not item or item == "none":
        return False
    return any(_plain_type(_type_of(span)) in (f"list[{item}]", f"iterable[{item}]") for span in _spans(step))


def _plain_type(text: str) -> str:
    return re.sub(r"\s+", "", text).lower().removeprefix("typing.")


def returned_names(api: ApiRef, ctx: BindContext) -> set[str]:
    """The artifact names of the types the API says it returns: `-> PeftModel` gives the model back."""
    return {n for n in (artifact_name(ctx.tables, t) for t in split_types(api.returns)) if n}


def output_names(step: Step, api: ApiRef | None, ctx: BindContext) -> list[str]:
    """Names a step's results go by: identifiers in its Outputs, else names for its return types."""
    plain = named_outputs(step)
    if plain:
        return plain
    types: list[str] = []
    for n, (span, inside) in enumerate(_spans_placed(step)):
        if span in ("True", "False", "None"):  # "`True` when the bytes match": a value it may have, no type
            continue
        if _CALL.fullmatch(span):  # "`nx.density(G)` ... reported alongside": a call's value, no type
            continue
        if n and inside and not _IDENTIFIER.fullmatch(span):
            continue  # "`forecast.predicted_mean` (`pd.Series`)": the type of the result named before it
        if "." in span and ctx.has(span.split(".", 1)[0]):
            continue  # "the trained model stays in `trainer.model`": an attribute of an earlier result, no type
        if not _FILE.search(span):  # `model.joblib on disk`: a file the step writes, no type
            types.extend(split_types(_type_of(span)))
    if len(types) > 1 and re.search(r"`\s*,?\s+or\s+`", step.outputs or ""):
        types = types[:1]  # "`FiniteSet`, `ImageSet` or `EmptySet`": one result of one of those types
    named = [
        identifier(r.name)
        for r in (step.implementation.outputs if step.implementation else ())
        if r.name and re.fullmatch(r"[a-z_]\w*", r.name)
    ]
    if not types and api is not None and api.returns and api.returns != "None":
        types = split_types(api.returns)
        if len(types) > 1 and len(set(named)) == len(types):  # `-> tuple[pd.Series, pd.Series]` with Outputs rows
            return list(dict.fromkeys(named))  # `train` and `test`: the contract names each element
    if not types and named:
        return list(dict.fromkeys(named))
    return list(dict.fromkeys(n for n in (artifact_name(ctx.tables, t) for t in types) if n))


_STORED = re.compile(r"\b(?i:table|view|collection)\s+$")  # a database's table, view, collection named next
_CALL = re.compile(r"[A-Za-z_][\w.]*\(.*\)")  # `G.number_of_edges()`, `nx.density(G)`
# a variable's name, never a type's (`DataFrame`) or a constant's: lower case, or the one capital letter of data
# science's matrices with what it holds (`X`, `X_new`)
_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*|[A-Z](?:_[a-z0-9_]+)?")
_ANNOTATED = re.compile(r"([A-Za-z_]\w*)\s*:\s*([A-Za-z_][\w.]*(?:\[.*\])?)")  # `name: Type`, as Python annotates
# a type or a file in a code span, then what it holds: "`BatchEncoding` with", "`DatasetDict` containing",
# "`scores.csv` with columns"
_HOLDER = re.compile(
    rf"(?:`(?:(?:\w+\.)*[A-Z]\w*(?:\[[^`]*\])?|[^`]*(?i:{_EXTENSIONS}))`[^`|;]{{0,20}}?|^\s*[A-Za-z][\w -]{{0,40}}?)"
    r"\b(?:with|containing|holding|having|including)\b"
    # or any result, then the fields its items have: "`rows` - list of dicts with keys `sku`, `title`"
    r"|`[^`]+`[^`|;]{0,40}?\bwith (?:keys|columns|fields|attributes|entries)\b"
)
# not names: words of Python, and its builtin types (the word "(`str`)" names the result's type; a result called
# `str` would hide the builtin in run())
# (nor a keyword: `return`, the row an I/O contract gives what a call returns, names no result)
_NOT_NAMES = frozenset(
    ("self", "none", "true", "false", "str", "int", "float", "bool", "list", "dict", "tuple", "set", "bytes", "object")
) | frozenset(kwlist)


def declared_outputs(step: Step) -> list[str]:
    """The results a step's Outputs name as identifiers (`train`, `test`), else its I/O contract's named outputs:
    never names made up from types (`list`, `dict`), which a person writing a stub's body would not expect."""
    spans = [n for n in map(_name_of, _spans(step)) if _IDENTIFIER.fullmatch(n)]
    if not spans and step.implementation:
        spans = [r.name for r in step.implementation.outputs if _IDENTIFIER.fullmatch(r.name or "")]
    return [n for n in dict.fromkeys(spans) if n not in BUILTINS and n not in _NOT_NAMES]
