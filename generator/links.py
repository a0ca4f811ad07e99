"""Config keys naming the same file or id as an earlier step's key, or described as an earlier step's ("same as in
Step 3"), follow that key until they are set.

A workflow writes a folder in one step and reads it in a later one (`tokenizer.save_pretrained("my-tokenizer")`,
then `AutoTokenizer.from_pretrained("my-tokenizer")`), or reads one model id in several steps. Each step has a key
of its own, and a user who changed the first got the later ones' old value: a hub lookup of "my-tokenizer", a
model loaded from elsewhere. The later key takes the earlier one's value unless it is set itself.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from generator.apitext import literal_value
from generator.parse.markdown import clauses, from_steps

if TYPE_CHECKING:
    from generator.bind.binding import ConfigParam
    from generator.plan import StepPlan

# "same as in Step 3 (0.1)", "same nodes as Step 2", "must equal the wavelet of Step 2", "matching the mode used in
# Step 2", "name given in Step 2": a key's description saying an earlier step's value is its own
_SAME_AS = re.compile(
    r"\bsame\b[^.;:()]{0,40}?\bas (?:in |for |at )?step (\d+)"
    r"|(?<!not )(?<!n't )\b(?:equal|equals|match|matches|matching|identical)\b[^.;:()]{0,40}?\bstep (\d+)"
    r"|\b(?:given|set|chosen|picked|used|defined)\s+(?:in|by|at)\s+step (\d+)",
    re.IGNORECASE,
)

# "path written in Step 3", "the file saved by Step 2", "output of Step 4": a key's description naming the step
# that wrote its file
_WRITTEN_IN = re.compile(
    r"\b(?:written|saved|exported|stored|made|created|produced)\s+(?:in|by|at)\s+step\s+(\d+)|\boutput of step (\d+)",
    re.I,
)

# a path, a file name or a hub id: what a user points at their own files (not "train", not "auto")
PLACE = re.compile(r"[\w.@~+-]+(/[\w.@~+-]+)+/?|[\w.-]+\.[A-Za-z]\w{0,9}|\./.*|~/.*|/.*")  # not "3.10", "gpt-4.1"


def _named_in(said: str, keys: set[str]) -> str | None:
    """The one key of an earlier step a "same ... as in Step N" names by its words ("same database URL as in Step
    1": `url`; "same study name as Step 2": `study_name`), or None."""
    words = re.findall(r"[a-z0-9]+", said.lower())
    spoken = {*words, *("_".join(pair) for pair in zip(words, words[1:], strict=False))}
    found = [k for k in sorted(keys) if k.lower() in spoken]
    return found[0] if len(found) == 1 else None


def linked(steps: list[StepPlan]) -> list[StepPlan]:
    """The steps, each key whose default is a place an earlier step's key names (a file or folder the earlier step
    writes, an id its loader takes, a path) following the first such key; and each key without a default
    following the first earlier key of its name that has one."""
    first: dict[str, str] = {}  # place -> "module.key" of the first key naming it
    named: dict[str, str] = {}  # key name -> "module.key" of the first key of that name with a default
    written: dict[int, list[tuple[str, str]]] = {}  # step number -> (file, "module.key") of the files it writes
    writers: dict[int, list[str]] = {}  # step number -> "module.key" of its keys naming a file it writes
    keyed: dict[int, tuple[str, set[str]]] = {}  # step number -> (module, its key names)
    final: dict[str, ConfigParam] = {}  # "module.key" -> the key as linked
    valued: dict[tuple[str, str], str] = {}  # (key name, text default) -> "module.key" of the first such key
    result = []
    for plan in steps:
        params = []
        mine: dict[str, str] = {}
        cited = _files_cited(plan.step.inputs or "", written)
        cited_any = _files_cited(plan.step.inputs or "", written, named_as_files=False)
        for param in plan.binding.params:
            same = _SAME_AS.search(_described(plan, param))
            earlier = keyed.get(int(next(g for g in same.groups() if g))) if same else None
            named_there = _named_in(same.group(0), earlier[1]) if same and earlier else None
            if earlier is not None and (param.name in earlier[1] or named_there) and not param.writes:
                # `learning_rate: float` - "same as in Step 3 (0.1)": step 3's value until set; `storage: str` -
                # "same database URL as in Step 1": step 1's `url`
                params.append(
                    replace(param, follows=f"{earlier[0]}.{param.name if param.name in earlier[1] else named_there}")
                )
                continue
            if param.required and param.default is None and param.name in named and not param.loader:
                # `d`, REQUIRED in step 2, where step 1's `d = 32` sized the same index: that value until set
                params.append(replace(param, follows=named[param.name]))
                continue
            value = literal_value(param.default) if param.default is not None else None
            if not isinstance(value, str) or not value.strip() or param.follows:
                params.append(param)
                continue
            twin = valued.get((param.name, value))
            if twin is not None and not param.writes and _contrasted(final[twin].description, param.description):
                # `url` "source database URL" in step 1 and "target database URL" in step 3, both the shared
                # example's "sqlite:///shop.db": the copy would go onto its source; the target is the user's to name
                params.append(replace(param, default=None, required=True))
                continue
            if value in first and param.writes and _reads(final[first[value]]):
                # `output_file` written where step 1's `input_file` reads the same example file (`animals.csv`, both
                # pages' docstrings): following it, or keeping that name, writes over the user's input
                params.append(replace(param, default=None, required=True))
                continue
            if value in first:  # the place an earlier key names (a place by that key: a folder it writes)
                params.append(replace(param, follows=first[value]))
                continue
            # "`.spacy` file from Step 4", where step 4 writes `corpus.spacy` and the example reads `data.spacy`
            # ("Parquet file path from Step 5", the kind by its word, alike)
            same_kind = [
                key
                for place, key, part in cited
                if file_suffix(place)
                and file_suffix(place) == file_suffix(value)
                and _names_kind(part, file_suffix(value))
            ]
            # "Pre-processed model from Step 1", where step 1 writes one file of the kind the key reads (`.onnx`)
            same_kind = same_kind or [
                key
                for place, key, _ in cited_any
                if file_suffix(place)
                and file_suffix(place) == file_suffix(value)
                and value not in (plan.step.inputs or "")
            ]
            # "Exported `.onnx` path", where one earlier step writes the one `.onnx` file (its key, not the example's);
            # not "held-out `test.csv`", a file of its own
            suffix = file_suffix(value)
            bare = suffix and re.search(rf"(?<![\w.~/-]){re.escape(suffix)}\b", (plan.step.inputs or "").lower())
            same_kind = same_kind or [
                key for files in written.values() for place, key in files if bare and file_suffix(place) == suffix
            ]
            # "`fname: str` - path written in Step 3", where step 3 has one key for a file it writes: that key,
            # whatever file the examples name
            said = _WRITTEN_IN.search(_described(plan, param))
            there = writers.get(int(said.group(1) or said.group(2)), []) if said else []
            if not same_kind and len(there) == 1:
                same_kind = there
            # "checkpoint path from Step 3 (`PATH`)", where step 3 writes one file of the key's kind (`model.pt`; the
            # example's `tensors.pt`)
            came = from_steps(_described(plan, param))
            kin = [k for n in sorted(came) for place, k in written.get(n, []) if file_suffix(place) == suffix]
            if not same_kind and suffix and len(kin) == 1:
                same_kind = kin
            if not param.writes and len(same_kind) == 1:
                params.append(replace(param, follows=same_kind[0]))
                continue
            if param.writes or param.loader or PLACE.fullmatch(value):
                mine.setdefault(value, f"{plan.module}.{param.name}")
            params.append(param)
        for value, key in mine.items():
            first.setdefault(value, key)
        writers[plan.step.number] = [f"{plan.module}.{p.name}" for p in plan.binding.params if p.writes]
        written[plan.step.number] = [
            (str(literal_value(p.default)), f"{plan.module}.{p.name}")
            for p in plan.binding.params
            if p.writes and p.default is not None and isinstance(literal_value(p.default), str)
        ]
        keyed[plan.step.number] = (plan.module, {p.name for p in plan.binding.params})
        for param in plan.binding.params:
            if param.default is not None and not param.required:
                named.setdefault(param.name, f"{plan.module}.{param.name}")
        # a key that follows shows the value it takes until set (config.toml's "now ..."), not its example's own
        params = [
            replace(p, default=final[p.follows].default)
            if p.follows in final and final[p.follows].default is not None
            else p
            for p in params
        ]
        final.update({f"{plan.module}.{p.name}": p for p in params})
        for param in params:
            if param.default is not None and isinstance(literal_value(param.default), str):
                valued.setdefault((param.name, str(literal_value(param.default))), f"{plan.module}.{param.name}")
        binding = replace(plan.binding, params=tuple(params))
        result.append(replace(plan, binding=binding) if params != list(plan.binding.params) else plan)
    return result


def _described(plan: StepPlan, param: ConfigParam) -> str:
    """What the wiki says of a key: its description, and that of the Key Parameter the key's name ends with
    (`model_name_or_path` - "same as Step 1" describes `pretrained_model_name_or_path`)."""
    said = [param.description]
    for documented in plan.step.key_parameters:
        name = documented.name.strip("`* ")
        if name != param.name and param.name.endswith(f"_{name}") and documented.description:
            said.append(documented.description)
    return " ".join(said)


def _files_cited(
    inputs: str, written: dict[int, list[tuple[str, str]]], named_as_files: bool = True
) -> list[tuple[str, str, str]]:
    """The files earlier steps write that the Inputs take "from Step N" ("`.spacy` file from Step 4"), each with the
    part of the Inputs citing it (a file of the extension that part names is the one meant); with named_as_files
    False, in the parts naming no file ("Pre-processed model from Step 1")."""
    found: list[tuple[str, str, str]] = []
    for part in clauses(inputs):
        if bool(re.search(r"\bfiles?\b|\.\w+`", part)) == named_as_files:
            for number in re.findall(r"\bfrom step (\d+)\b", part, re.IGNORECASE):
                found += [(place, key, part) for place, key in written.get(int(number), [])]
    return found


# words naming the two ends of a move: keys so described name different places, whatever value an example gave both
_CONTRASTS = (
    ("source", "target"),
    ("source", "destination"),
    ("src", "dst"),
    ("input", "output"),
    ("train", "test"),
    ("train", "validation"),
)


def _reads(param: ConfigParam) -> bool:
    """Whether a key names a file its step reads: one a loader opens, or one named or described as an input or a
    source (`input_file`), never one that writes (`h5py.File(path, "w")` writes, whatever genrepo saw of it)."""
    said = f"{param.name} {param.description}".lower()
    return not param.writes and (bool(param.loader) or re.search(r"\b(?:input|source|src|read)", said) is not None)


def _contrasted(earlier: str, later: str) -> bool:
    """Whether two keys' descriptions name opposite ends ("source database URL", "target database URL")."""
    first, second = (set(re.findall(r"[a-z]+", text.lower())) for text in (earlier, later))
    return any(
        (a in first and b in second and b not in first and a not in second)
        or (b in first and a in second and a not in first and b not in second)
        for a, b in _CONTRASTS
    )


def _names_kind(part: str, suffix: str) -> bool:
    """Whether a part of the Inputs names a file's kind: its extension (`.parquet`) or that as a word (Parquet)."""
    text = part.lower()
    return suffix in text or suffix[1:] in re.findall(r"[a-z0-9]+", text)


def file_suffix(path: str) -> str:
    """A file name's extension (`corpus.spacy` -> `.spacy`), lower case; "" for none."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    return "." + name.rsplit(".", 1)[1].lower() if "." in name.strip(".") else ""
