"""The binding context: what the rules read (the workflow, the tables, parsed examples) and what earlier
steps produced. It is passed to every rule explicitly; rules never keep state of their own."""

from __future__ import annotations

import ast
import fnmatch
import re
from dataclasses import dataclass, field, replace
from functools import cached_property

from generator.apitext import BUILTINS, ApiRef, called, declared_attribute, dotted, parse_api, sets_a_value
from generator.astwalk import walk
from generator.bind.binding import Kind
from generator.bind.kinds import classify
from generator.bind.tables import Loader, Tables
from generator.model import Diagnostic, Step, Workflow
from generator.parse.borrow import with_borrowed
from generator.parse.markdown import FROM_STEP, clauses, code_spans, from_steps
from generator.pysource import sql_created, sql_tables, sql_used
from generator.slicing import Slice, contains_api, parse_example

_PER_LINE = re.compile(
    r"\bper line\b|\bline[- ]by[- ]line\b|\bnewline[- ](?:separated|delimited)\b|\blines of\b", re.IGNORECASE
)
_TEXTS = re.compile(
    r"(?:typing\.)?(?:List|list|Sequence|Iterable)\[str\]|str\|(?:List|list)\[str\]|Union\[str,(?:List|list)\[str\]\]"
)
_FILE_NAME = re.compile(r"\.[A-Za-z]\w{0,7}$|/")  # `botchan.txt`: the file itself, not a text
_RECORDS = re.compile(r"json|csv|tsv|\brows?\b|\brecords?\b", re.IGNORECASE)  # a line holding a record, not a text
LINES = "text file lines"  # the type of the texts file_lines finds: the `lines` loader (loaders.toml) reads them


# a bracketed aside on what the step does not take, or may: "(not the hourly frame: ...)", "(optionally also ...)"
_ASIDE = re.compile(r"\((?:not|never|optional(?:ly)?|instead of|rather than)\b[^()]*\)", re.IGNORECASE)


@dataclass
class Artifact:
    """Something an earlier step returned: its type when known, and the call that made it."""

    name: str
    type: str = ""
    producer: str = ""  # the callee's dotted text, e.g. "LoraConfig" or "AutoModelForCausalLM.from_pretrained"
    step: int = 0
    value: bool = False  # a config value an earlier step hands on (a manual decision), not an object
    made_from: tuple[str, ...] = ()  # the artifacts the step that made it took
    files: tuple[str, ...] = ()  # the data files its producing call named ("data/trips.csv")
    unpacked: tuple[str, int] = ("", -1)  # the call whose result it was unpacked from, and its place there


_BARE_NAMES = re.compile(r"\s*(?:and\s+)?`[A-Za-z_][\w, ]*`\s*")  # a clause naming a result and nothing else


def _by_source(part: str) -> list[str]:
    """A part of an Inputs cell cut after each "from Step N" it holds: "`ds` from Step 1 and `mask` from Step 2"
    gives "`ds` from Step 1" and " and `mask` from Step 2" (what follows the last goes with it)."""
    ends = [m.end() for m in FROM_STEP.finditer(part)]
    if len(ends) < 2:
        return [part]
    starts = [0, *ends[:-1]]
    return [part[a:b] for a, b in zip(starts, ends, strict=True)][:-1] + [part[starts[-1] :]]


def parts_cited(text: str) -> list[ast.Subscript]:
    """The parts of a container the code spans of a text name: `axs[0, 0]` (a name subscripted)."""
    found = []
    for span in code_spans(text):
        try:
            node = ast.parse(span, mode="eval").body
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
            found.append(node)
    return found


@dataclass(frozen=True)
class Example:
    """A usage example of a step, parsed once."""

    tree: ast.Module
    order: int


_VALUE_MAKERS = frozenset({"Path", "pathlib.Path", "PurePath", "os.path.join", "os.path.abspath", "os.path.expanduser"})


@dataclass
class Candidate:
    """A slice of a step's usage example around its API, with the example it was cut from."""

    slice: Slice
    order: int
    tree: ast.Module


@dataclass
class BindContext:
    """One workflow being bound, step by step, in order."""

    workflow: Workflow
    tables: Tables
    apis: list[ApiRef | None]
    kinds: list[Kind]
    examples: list[list[Example]]
    artifacts: dict[str, Artifact] = field(default_factory=dict)
    warnings: list[Diagnostic] = field(default_factory=list)
    index: int = 0
    no_argument_functions: set[str] = field(default_factory=set)  # results that are a def called with no arguments
    # what the example rule computes once per workflow: each step's example slices, and the names they read
    slices: dict[int, list[Candidate]] = field(default_factory=dict)
    slices_known: dict[int, dict[str, str]] = field(default_factory=dict)  # the earlier objects they were cut with
    reads: dict[int, set[str]] = field(default_factory=dict)
    set_up_reads: dict[int, frozenset[str]] = field(default_factory=dict)  # a step's slices' reads, with setup
    step_libraries: dict[int, frozenset[str]] = field(default_factory=dict)  # libraries()' answers
    supported: dict[int, list[ApiRef]] = field(default_factory=dict)  # supporting()'s answers
    step_modules: dict[int, frozenset[str]] = field(default_factory=dict)  # module_names()' wiki part, per step
    stored: dict[int, frozenset[str]] = field(default_factory=dict)  # id(example tree) -> names it assigns
    built: dict[int, frozenset[str]] = field(default_factory=dict)  # id(example tree) -> names a call assigns
    own: dict[int, frozenset[str]] = field(default_factory=dict)  # id(example tree) -> its own versions of names
    fresh: dict[tuple[int, int], frozenset[str]] = field(default_factory=dict)  # (step, id(tree)) -> made afresh
    imported: dict[int, frozenset[str]] = field(default_factory=dict)  # step index -> names the wiki imports for it
    as_of: str | None = None  # the requirements are pinned to releases before this time (None: the newest)
    changed: dict[int, str] = field(default_factory=dict)  # step (index + 1) -> the result its call changed in place
    aliased: dict[str, str] = field(default_factory=dict)  # a module's short name in the examples -> its import line
    named: dict[int, frozenset[str]] = field(default_factory=dict)  # step index -> _workflow_names()' answer
    # a name an earlier step's example gave a result the step renamed (`matches01`) -> the result (`matches`)
    example_names: dict[str, str] = field(default_factory=dict)
    same_as: dict[str, str] = field(default_factory=dict)  # a result handed on under a second name -> its first
    sql_made: set[str] = field(default_factory=set)  # the tables earlier steps' code creates (`CREATE TABLE t`)

    @classmethod
    def create(cls, workflow: Workflow, tables: Tables, as_of: str | None = None) -> BindContext:
        kinds = [classify(step) for step in workflow.steps]
        apis = [
            _owned(parse_api(s.api_call), s, workflow.namespace) if k in (Kind.CALL, Kind.METHOD) else None
            for s, k in zip(workflow.steps, kinds, strict=True)
        ]
        examples = [_parse_examples(step) for step in workflow.steps]
        apis = [_read_only(_factory(api, found), found) for api, found in zip(apis, examples, strict=True)]
        return cls(workflow, tables, apis, kinds, examples, as_of=as_of, aliased=_module_aliases(examples))

    @property
    def step(self) -> Step:
        return self.workflow.steps[self.index]

    @property
    def api(self) -> ApiRef | None:
        return self.apis[self.index]

    def libraries(self) -> frozenset[str]:
        """The top-level modules the current step uses, as far as its wiki text says: its External Dependencies, its
        page's import lines and its examples' imports (empty when it names none); found once per step."""
        return self._step_libraries(self.index)

    def workflow_libraries(self) -> frozenset[str]:
        """The top-level modules any step of the workflow uses, as far as the wiki says (libraries())."""
        return frozenset().union(*map(self._step_libraries, range(len(self.workflow.steps))))

    def _step_libraries(self, index: int) -> frozenset[str]:
        if index not in self.step_libraries:
            self.step_libraries[index] = self._libraries(index)
        return self.step_libraries[index]

    def _libraries(self, index: int) -> frozenset[str]:
        step = self.workflow.steps[index]
        found = {
            re.split(r"[\s\[<>=!~;(,]", d.strip().strip("`'\" ").lower(), maxsplit=1)[0]
            for d in step.external_dependencies
        }
        lines = list(step.implementation.imports) if step.implementation else []
        for line in lines:
            found.update(m.split(".")[0] for m in re.findall(r"^\s*(?:from|import)\s+([\w.]+)", line))
        for example in self.examples[index]:
            for node in example.tree.body:
                if isinstance(node, ast.Import):
                    found.update(a.name.split(".")[0] for a in node.names)
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    found.add(node.module.split(".")[0])
        return frozenset(n.replace("-", "_") for n in found if n)

    def loader_for(self, name: str, type_name: str = "") -> Loader | None:
        """tables.loader_for for the current step: a stack loader only where the step uses the stack."""
        return self.tables.loader_for(name, type_name, self.libraries(), self.workflow_libraries())

    def supporting(self, index: int) -> list[ApiRef]:
        """The other calls step `index` cites beside its API (its API Call cell's further code spans, its Supporting
        APIs), as APIs: calls, dotted names and classes (`pd.to_datetime`, `Font`); a bare lower-case name (`model`,
        `column_dimensions`) is left out, it would match any call of that name."""
        if index not in self.supported:
            self.supported[index] = self._supporting(index)
        return self.supported[index]

    def _supporting(self, index: int) -> list[ApiRef]:
        steps = self.workflow.steps[index].supporting
        found = [  # `index.nprobe = k`, `faiss.IndexIVF.nprobe: int`: a setting, no API
            parse_api(extra.api) for extra in steps if not sets_a_value(extra.api) and not declared_attribute(extra.api)
        ]
        return [
            api
            for api in found
            if api is not None
            and not api.is_def
            and not api.is_dunder  # `Value.__add__`: any `+` would match
            and api.callee
            and (api.has_params or api.from_call or len(api.callee) > 1 or api.last[:1].isupper())
        ]

    def later_apis(self) -> list[ApiRef]:
        return [api for api in self.apis[self.index + 1 :] if api is not None]

    # -- artifacts -------------------------------------------------------------------------------

    def objects_of(self, number: int) -> list[Artifact]:
        """The results (not values handed on) step `number` made that still go by their names."""
        return [a for a in self.artifacts.values() if a.step == number and not a.value]

    def has(self, name: str) -> bool:
        return name in self.artifacts

    def cited_numbers(self) -> set[int]:
        """The steps the Inputs cite by number, clause by clause ("Feature matrix and labels from step 1")."""
        return {n for part in clauses(self.step.inputs or "") for n in from_steps(part)}

    def made_again(self, call: ast.expr) -> Artifact | None:
        """The one result of an earlier step the Inputs cite by its number, where call is that step's own call made
        again (`tokenizer.encode_batch([...])` where step 4 made `output` by it; `nlp.pipe(texts)` where step 4 made
        `docs`): the page's round trip, on its demo data; None otherwise."""
        if not isinstance(call, ast.Call):
            return None
        for number in sorted(self.cited_numbers()):
            api = self.apis[number - 1] if 0 < number <= self.index else None
            if api is None or called(call.func) != api.last or not contains_api(call, api, {}):
                continue
            made = self.objects_of(number)
            if len(made) == 1:
                return made[0]
        return None

    def holds_many(self, kind: str) -> bool:
        """Whether an earlier result the step's Inputs cite holds many objects of class kind: its step's API returns
        them as a collection (`Language.pipe(...) -> Iterator[Doc]` before `Doc.ents`, "Processed `Doc` objects from
        Step 4"); the step's API is then called once per item."""
        if not kind:
            return False
        many = re.compile(rf"(?:Iterator|Iterable|Generator|List|list|Sequence|tuple|Tuple)\[\s*{re.escape(kind)}\b")
        for name in self.cited_by_inputs():
            number = self.artifacts[name].step if name in self.artifacts else 0
            api = self.apis[number - 1] if 0 < number <= self.index else None
            if api is not None and many.match(api.returns.strip().removeprefix("typing.")):
                return True
        return False

    def unmade_tables(self, statements: list[ast.stmt]) -> frozenset[str]:
        """The tables statements' SQL writes to or reads from (`INSERT INTO some_table`) that the workflow's
        examples create, where neither they nor an earlier step's code do: on a new database, no such table."""
        if not self.workflow_tables:  # (most workflows: no SQL creates anything, no statement to read)
            return frozenset()
        return (sql_used(statements) - self.sql_made) & self.workflow_tables

    @cached_property
    def workflow_tables(self) -> frozenset[str]:
        """The tables any example of the workflow creates."""
        return frozenset(t for step in self.workflow.steps for code in step.examples for t in sql_created(code))

    def api_of(self, number: int) -> ApiRef | None:
        """The API of the earlier step of that number (None when it has none, or is no earlier step)."""
        index = next((n for n, s in enumerate(self.workflow.steps[: self.index]) if s.number == number), None)
        return self.apis[index] if index is not None else None

    def holds_object(self, name: str) -> bool:
        """Whether name is an earlier step's result that is an object, not a value handed on (`fs`)."""
        artifact = self.artifacts.get(name)
        return artifact is not None and not artifact.value

    def add(
        self,
        name: str,
        type_name: str = "",
        producer: str = "",
        value: bool = False,
        made_from: tuple[str, ...] = (),
        files: tuple[str, ...] = (),
        unpacked: tuple[str, int] = ("", -1),
    ) -> None:
        known = self.artifacts.get(name)
        same_step = known is not None and known.step == self.index + 1
        self.artifacts[name] = Artifact(
            name,
            type_name or (known.type if known else ""),
            producer or (known.producer if same_step and known else ""),  # a later step remaking it: its own call
            self.index + 1,
            value,
            made_from or (known.made_from if same_step and known else ()),
            files or (known.files if same_step and known else ()),
            unpacked if unpacked[0] else (known.unpacked if same_step and known else ("", -1)),
        )

    def ancestors(self, name: str) -> set[str]:
        """The earlier results name was made of, at any remove (`y_shifted` of `y_trimmed` of `y`)."""
        found: set[str] = set()
        todo = list(self.artifacts[name].made_from) if name in self.artifacts else []
        while todo:
            current = todo.pop()
            if current not in found:
                found.add(current)
                todo.extend(self.artifacts[current].made_from if current in self.artifacts else ())
        return found

    def derived(self, name: str, class_name: str) -> str:
        """The artifact a chain of later steps made from name, each making a new `class_name` from the one before
        (`upright = ImageOps.exif_transpose(im)`, then `rgb = upright.convert("RGB")`): name itself when none."""
        current = name
        for artifact in self.artifacts.values():
            if (
                artifact.name != current
                and current in artifact.made_from
                and artifact.type == class_name
                and artifact.step > self.artifacts[current].step  # from this one, not an earlier one so named
            ):
                current = artifact.name
        return current

    def produced_by(self, producer: str) -> str | None:
        """The latest artifact made by this call (`LoraConfig`, `AutoModelForCausalLM.from_pretrained`); never by a
        builtin (`before = len(orders)` is not what `len(str(cell.value))` makes again) nor by a maker of values from
        their arguments (`Path("results/summary.json")` is not step 6's `Path("results/peaks.csv")`)."""
        if producer in BUILTINS or producer in _VALUE_MAKERS:
            return None
        for artifact in reversed(self.artifacts.values()):
            if producer and artifact.producer == producer:
                return artifact.name
        # a class imported by name on one side, by its module on the other (`lgb.LGBMClassifier` for `from lightgbm
        # import LGBMClassifier`); not two modules' classes of one name (`keras.optimizers.Adam`, `torch.optim.Adam`)
        last = producer.rsplit(".", 1)[-1]
        if last[:1].isupper():
            for artifact in reversed(self.artifacts.values()):
                one_bare = "." not in producer or "." not in artifact.producer
                if one_bare and artifact.producer.rsplit(".", 1)[-1] == last:
                    return artifact.name
        return None

    def by_type(self, class_name: str) -> str | None:
        """The latest artifact of a class, or the artifact a value of that class is usually called."""
        if not class_name:
            return None
        for artifact in reversed(self.artifacts.values()):
            if artifact.type == class_name:
                return artifact.name
        usual = artifact_name(self.tables, class_name)
        return usual if usual and usual in self.artifacts else None

    def quoted_results(self) -> list[str]:
        """The earlier results the step's Inputs quote by name, in their order ("`wavelet` and `level` from Step 2"),
        not values a manual step hands on."""
        spans = dict.fromkeys(code_spans(self.step.inputs or ""))
        return [n for n in spans if self.has(n) and not self.artifacts[n].value]

    def cited_by_inputs(self) -> list[str]:
        """The earlier artifacts the step's Inputs cite: by name in a code span (`valid`) or in a part that says
        where it comes from ("callbacks from Step 3"), or by the class of a code span (`Tokenizer` from Step 1:
        the latest artifact of that class). A word of prose elsewhere is no citation ("a list of strings"), nor
        an aside saying what the step does not take ("(not the hourly frame: ...)", "(optionally also
        `rolling_stats` from Step 4)")."""
        inputs = _ASIDE.sub("", self.step.inputs or "")
        if not inputs:
            return []
        spans = set(re.findall(r"`([^`]+)`", inputs))
        parts = [p for p in clauses(inputs) if re.search(r"\b(?:from|in) step \d", p, re.I)]
        found = [n for n in self.artifacts if n in spans]
        # "Model function from Step 2": step 2's `model`, its name written as a word of the sentence (not step 1's
        # `image` in "Sharpened image from Step 4": a word of the sentence, naming what step 4 made)
        for part in parts:
            numbers = from_steps(part)
            for artifact in self.artifacts.values():
                if (
                    artifact.name not in found
                    and artifact.step in numbers
                    and re.search(rf"(?<![\w.`]){re.escape(artifact.name)}(?![\w(`])", part, re.I)
                ):
                    found.append(artifact.name)
        for span in re.findall(r"`([A-Z]\w*)`", inputs):
            if span in self.artifacts:  # `T` from Step 4: a result's name (a tree), no class
                continue
            made = self.by_type(span)
            if made and made not in found:
                found.append(made)
        return found

    def file_lines(self, name: str, literal: str, declared: str = "") -> str | None:
        """The texts, as a list literal, where a name the example gives sample texts (`documents = ["Human machine
        interface", ...]`, or one text for a key declared a list of them: `input: List[str]`) stands for the lines
        of a file: the step's Inputs say a file holds one item per line ("Text file with one document per line",
        "lines of the text file"; not JSON lines or CSV rows), and no earlier step made the name. None otherwise."""
        if not self._per_line(name):
            return None
        try:
            value = ast.literal_eval(literal)
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            return None
        if isinstance(value, str) and self.texts_type(declared) and not _FILE_NAME.search(value):
            return repr([value])
        if isinstance(value, (list, tuple)) and value and all(isinstance(v, str) for v in value):
            return literal
        return None

    def lines_input(self, name: str, declared: str) -> bool:
        """Whether an input the example does not give (`texts: Iterable[str]` of `nlp.pipe(texts)`) is the lines
        of a file: declared a list of texts, where the Inputs say a file holds one per line, made by no earlier
        step."""
        return self.texts_type(declared) and self._per_line(name)

    def _per_line(self, name: str) -> bool:
        """Whether name, made by no earlier step, is what the step's Inputs say a file holds one per line (not JSON
        lines or CSV rows): the Inputs speak of what it holds ("one document per line" for `documents`, "one text
        per line" for `texts`), or it is what the API takes first (`encode(input)`); not `stop` of "prompts, one per
        line"."""
        inputs = self.step.inputs or ""
        if self.has(name) or not _PER_LINE.search(inputs) or _RECORDS.search(inputs):
            return False
        stem = name.lower().rstrip("s")
        api = self.api
        first = api.params[0].name if api is not None and api.params else ""
        return bool(stem) and (stem in inputs.lower() or name == first)

    @staticmethod
    def texts_type(declared: str) -> bool:
        """Whether a declared type is a list of texts (`List[str]`, `Iterable[str]`, `str | List[str]`)."""
        return _TEXTS.fullmatch(declared.replace(" ", "")) is not None

    def cited_from_here(self) -> list[str]:
        """The names later steps' Inputs cite as this step's results, in order ("`ddpm_images` from Step 2")."""
        here = self.workflow.steps[self.index].number
        # ("Populated `items` table from Step 3", where step 3's SQL inserts into `items`: a table, no result)
        tables = sql_tables(self.workflow.steps[self.index].examples)
        found: dict[str, None] = {}
        for later in self.workflow.steps[self.index + 1 :]:
            listed: list[str] = []  # "`X`, `y` from Step 1": names listed before the source they share
            for part in clauses(later.inputs or ""):
                if _BARE_NAMES.fullmatch(part):
                    listed += code_spans(part)
                    continue
                for piece in _by_source(part):
                    if here in from_steps(piece):
                        found.update(dict.fromkeys([*listed, *code_spans(piece)]))
                        found.update(dict.fromkeys(dotted(p.value)[0] for p in parts_cited(piece)))
                    listed = []
        return [name for name in found if name not in tables]

    def cited_later(self, name: str) -> bool:
        """Whether a later step's Inputs cite name as this step's result ("`scraped` from Step 1")."""
        return name in self.cited_from_here()

    def alias(self, name: str, patterns: bool = True) -> str | None:
        """An earlier artifact standing for a name no artifact has exactly, by the alias groups of names.toml
        (`base_model` -> `model`). patterns=False matches only the groups' exact names: a function the code calls,
        `unsloth_save_model(...)`, is not the `model` that `*_model` stands for."""
        if name in self.artifacts:
            return name
        for group in self.tables.aliases:
            if any(
                name == member or (patterns and "*" in member and fnmatch.fnmatchcase(name, member)) for member in group
            ):
                for other in group:
                    if "*" not in other and other != name and other in self.artifacts:
                        return other
        return None


def _owned(api: ApiRef | None, step: Step, namespace: str) -> ApiRef | None:
    """A method the wiki writes without its class (`__call__(self, text)`, `_forward(self, x)`) gets its owner from
    the implementation page's name: `..._tokenizer_call` -> `tokenizer(...)`, `..._Pipeline_forward` -> `Pipeline._forward`."""
    if api is None or len(api.callee) != 1 or not api.takes_self or step.implementation is None:
        return api
    name = step.implementation.name
    if namespace and name.lower().startswith(namespace.lower() + "_"):
        name = name[len(namespace) + 1 :]
    method = api.last.strip("_") if api.last != "__call__" else "call"
    if not name.endswith("_" + method):
        return api
    owner = name[: -len(method) - 1].rsplit("_", 1)[-1]
    if not owner.isidentifier():
        return api
    params = tuple(p for p in api.params if p.name != "self")
    if owner[:1].isupper():
        return replace(api, callee=(owner, api.last))
    return replace(api, callee=(owner,) if api.last == "__call__" else (owner, api.last), params=params)


def _factory(api: ApiRef | None, examples: list[Example]) -> ApiRef | None:
    """A bare class the examples never call, only use through a classmethod (`AutoHfQuantizer.from_config(...)`),
    stands for that classmethod: calling the class itself is not how it is made."""
    if api is None or len(api.callee) != 1 or not api.callee[0][:1].isupper() or api.params:
        return api
    name = api.callee[0]
    called, methods = False, []
    for example in examples:
        for node in walk(example.tree):
            if isinstance(node, ast.Call):
                callee = dotted(node.func)
                if callee == (name,):
                    called = True
                elif len(callee) == 2 and callee[0] == name and not callee[1].startswith("_"):
                    methods.append(callee[1])
    if called or not methods:
        return api
    factories = [m for m in methods if m.startswith("from_")] or methods
    return replace(api, callee=(name, max(dict.fromkeys(factories), key=factories.count)), has_params=True)


def _read_only(api: ApiRef | None, examples: list[Example]) -> ApiRef | None:
    """`Table.rows`, `Run.text` written without brackets, which the examples read on objects (`table.rows`) and
    never call: a property (calling it, `Table.rows()`, failed: 'lazyproperty' object is not callable)."""
    if api is None or api.read or api.has_params or api.from_call or not replace(api, read=True).is_property:
        return api
    read = called = False
    for example in examples:
        for node in walk(example.tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == api.last:
                called = True
            elif isinstance(node, ast.Attribute) and node.attr == api.last:
                read = True
    return replace(api, read=True) if read and not called else api


def _module_aliases(examples: list[list[Example]]) -> dict[str, str]:
    """The short names the workflow's examples import modules as (`import cv2 as cv`, `import torch.nn as nn`): an
    example of another step that uses `cv.flip(...)` without importing it means that module, never a config key.
    A name imported as two different modules is left out."""
    found: dict[str, set[str]] = {}
    for step_examples in examples:
        for example in step_examples:
            for node in example.tree.body:
                if isinstance(node, ast.Import):
                    for alias in node.names:
                        if alias.asname and alias.asname != alias.name:
                            found.setdefault(alias.asname, set()).add(f"import {alias.name} as {alias.asname}")
    return {name: next(iter(lines)) for name, lines in found.items() if len(lines) == 1}


def _parse_examples(step: Step) -> list[Example]:
    codes = [*(step.implementation.examples if step.implementation else ()), *step.code_blocks]
    borrowed = step.implementation.borrowed if step.implementation else ()
    parsed = []
    for order, code in enumerate(codes):
        tree = parse_example(with_borrowed(code, borrowed) if borrowed else code)
        if tree is not None:
            parsed.append(Example(tree, order))
    return parsed


def snake(name: str) -> str:
    """CamelCase to snake_case, keeping acronyms whole: GRPOConfig -> grpo_config."""
    from generator.naming import identifier

    return identifier(re.sub(r"(?<=[A-Z])(?=[A-Z][a-z])|(?<=[a-z0-9])(?=[A-Z])", "_", name))


_PLAIN_TYPES = {"None", "str", "int", "float", "bool", "dict", "list", "tuple", "Any", "Value", "object", "bytes"}
_NO_CLASS = {"Union", "Literal", "Callable", "True", "False"}  # one of several types, a value, or a function


def artifact_name(tables: Tables, type_name: str) -> str | None:
    """The artifact name a value of this type usually has (PeftModel -> model, SFTConfig -> sft_config)."""
    text = re.sub(r"^(?:typing\.)?Optional\[(.*)\]$", r"\1", type_name.strip())  # Optional[X]: an X
    base = re.sub(r"[^\w].*$", "", text.split("[", 1)[0].split(".")[-1])  # Union[np.ndarray, str]: Union
    if not base or base in _PLAIN_TYPES | _NO_CLASS or base.lower() in _PLAIN_TYPES or snake(base) in BUILTINS:
        return None  # `List[Tuple[str, float]]`, `Str`: no name of its own (a result named `list` hides the builtin)
    if base.endswith(("Config", "Arguments")):
        return snake(base)
    for key, name in tables.artifact_names:
        if key in base:
            return name
    return snake(base)
