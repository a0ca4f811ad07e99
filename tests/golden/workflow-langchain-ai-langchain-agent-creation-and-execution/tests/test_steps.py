"""Each bound step runs with its API replaced by recorders: the call happens, with the configured values
and the upstream artifacts the plan wires to it. No heavy dependency is imported.

Step bodies are code copied from the wiki's examples. The recorders stand in for every module a step
imports, so nothing of those libraries runs here; builtins the example code calls still run for real,
so read a step before running these tests on a machine you care about.
"""

from __future__ import annotations

import ast
import builtins
import importlib.abc
import importlib.machinery
import inspect
import json
import re
import shutil
import subprocess
import sys
import textwrap
import traceback
import types
from pathlib import Path

import pytest

from workflow_langchain_ai_langchain_agent_creation_and_execution import loaders
from workflow_langchain_ai_langchain_agent_creation_and_execution.runtime.runner import make_folders
from workflow_langchain_ai_langchain_agent_creation_and_execution.runtime.steps import load_workflow

WORKFLOW, STEPS = load_workflow("workflow_langchain_ai_langchain_agent_creation_and_execution")
EXPECT = json.loads((Path(__file__).with_name("expectations.json")).read_text(encoding="utf-8"))


class Endless(Exception):
    """A step's own loop that never ends on recorders (`while queue:` over a faked deque)."""


class Log(list):
    """What the recorders saw, in order; a step that goes on recording without end is stopped (memory is finite)."""

    LIMIT = 100_000

    def append(self, entry) -> None:
        if len(self) >= self.LIMIT:
            raise Endless(f"the step recorded {self.LIMIT} calls on stand-ins without ending")
        super().append(entry)


class Recorder(str):
    """Stands in for any object: records calls, attribute writes and operators; iterates, compares, formats.

    It is a str (its text is `<name>`), so code that writes, joins or formats it keeps working. It is true when
    tested, until the same recorder has been tested TRUTHS times (`while queue:` then ends).
    """

    log: list = Log()
    arity = 2
    truths: dict = {}
    TRUTHS = 50

    def __new__(cls, name: str):
        return super().__new__(cls, f"<{name}>")

    @property
    def _name(self) -> str:
        return str.__str__(self)[1:-1]

    def __call__(self, *args, **kwargs):
        Recorder.log.append(("call", self._name, args, kwargs))
        return Recorder(f"{self._name}()")

    def __getattr__(self, attr: str):
        if attr.startswith("__"):
            raise AttributeError(attr)
        return Recorder(f"{self._name}.{attr}")

    def __setattr__(self, attr: str, value) -> None:
        Recorder.log.append(("set", f"{self._name}.{attr}", value))

    def __iter__(self):
        Recorder.log.append(("op", "iter", self._name))  # Python's own functions read it (`dict.fromkeys(urls)`)
        return iter([Recorder(f"{self._name}[{i}]") for i in range(Recorder.arity)])

    def __len__(self) -> int:
        return Recorder.arity

    def keys(self) -> list[str]:
        Recorder.log.append(("call", f"{self._name}.keys", (), {}))
        return [f"key{i}" for i in range(Recorder.arity)]

    def __format__(self, spec: str) -> str:
        try:
            return str.__format__(self, spec)
        except ValueError:  # a number's format (`{n:d}`) on a stand-in: its name
            return str.__str__(self)

    def __await__(self):
        Recorder.log.append(("op", "await", self._name))
        yield from ()
        return Recorder(f"(await {self._name})")

    def __mro_entries__(self, bases) -> tuple[type, ...]:
        Recorder.log.append(("subclass", self._name))  # the step declares a class on the API's class
        return (Subclassed,)  # `class Mine(FakeBase):` - the step's class builds on a recording base

    def __getitem__(self, key):
        Recorder.log.append(("get", self._name, key))
        return Recorder(f"{self._name}[{key!r}]")

    def __setitem__(self, key, value) -> None:
        Recorder.log.append(("set", f"{self._name}[{key!r}]", value))

    def __delitem__(self, key) -> None:
        Recorder.log.append(("del", f"{self._name}[{key!r}]"))

    def __contains__(self, item) -> bool:
        return True  # `if word in kv:` guarding the call: the call is what the test looks for

    def __bool__(self) -> bool:
        tested = Recorder.truths[id(self)] = Recorder.truths.get(id(self), 0) + 1
        return tested <= Recorder.TRUTHS

    def __index__(self) -> int:
        return Recorder.arity

    def __int__(self) -> int:
        return 1

    def __float__(self) -> float:
        return 1.0

    def __hash__(self) -> int:
        return id(self)

    def __eq__(self, other) -> bool:
        return self is other

    def __ne__(self, other) -> bool:
        return self is not other

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> bool:
        return False

    def _op(name):  # noqa: N805 - builds the operator methods below
        def method(self, *others):
            Recorder.log.append(("op", name, self._name, others))
            return Recorder(f"({self._name} {name})")

        return method

    for _operator in (
        "add",
        "radd",
        "sub",
        "rsub",
        "mul",
        "rmul",
        "truediv",
        "rtruediv",
        "floordiv",
        "rfloordiv",
        "pow",
        "rpow",
        "mod",
        "rmod",
        "matmul",
        "rmatmul",
        "neg",
        "pos",
        "abs",
        "lt",
        "le",
        "gt",
        "ge",
        "and",
        "or",
    ):
        locals()[f"__{_operator}__"] = _op(f"__{_operator}__")
    # str's own methods (encode, split, ...) must record too, not act on the text
    for _operator in [m for m in dir(str) if not m.startswith("_")]:
        locals()[_operator] = property(lambda self, attr=_operator: Recorder(f"{self._name}.{attr}"))
    del _operator, _op


class Subclassed:
    """The base of a class a step defines on a faked library class: takes any arguments, records what it is asked."""

    def __init__(self, *args, **kwargs) -> None:
        Recorder.log.append(("call", type(self).__name__, args, kwargs))

    def __getattr__(self, attr: str):
        if attr.startswith("__"):
            raise AttributeError(attr)
        return Recorder(f"{type(self).__name__}.{attr}")


def _ranged(node) -> bool:
    """`range(start, stop)` of values a recorder stands for: it may hold no number at all."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "range"
        and not all(isinstance(arg, ast.Constant) for arg in node.args)
    )


ITEMS = {"__getitem__": "get", "__setitem__": "set", "__delitem__": "del"}  # item APIs -> what a recorder logs


def _subscripted(entry: tuple, target: str) -> bool:
    """Whether a recorder's log entry is the item API's use: `dset[0:10]` read, `dset[...] = arr` written."""
    kind = ITEMS.get(target)
    return kind is not None and entry[0] == kind and (kind == "get" or entry[1].endswith("]"))


def deferred(function, attributes: bool = False) -> set[str]:
    """Names a step reads only where no recorder sees them: inside functions it defines (a `dataset.map` callback,
    a loss handed to an optimiser: a recorder never calls them) or in the arguments of a builtin
    (`sorted(scores, reverse=reverse)`, `len(test)`: builtins run for real and record nothing), in the items of a
    filtered comprehension or one over a range of recorders (its filter runs on recorders and may drop every item;
    the range may be empty), in what a loop
    iterates (`for name, (lo, hi) in bands.items()`: the items reach the library one by one), as the container of
    a membership test (`if u in nodes`) or the value of a comparison (`pl.col("x") == value`), by `@name` in an
    expression string (`df.query("x >= @low")`), or in a branch taken on what the library answered (`if status == 1: MMFFOptimizeMolecule(mol, maxIters=...)`: a
    recorder's answer may take the other one), or in the arguments of a function the step defines
    (`batch_iterator(paths)`: a generator, which reads them only when the library iterates it), or as an operand of
    arithmetic (`var=sigma**2`: the library sees the result). Their values reach
    the library only when the real one runs.
    attributes: the attributes read there too (`pkg.norm` of `pkg.norm(u) for u in links if ...`)."""
    direct: set[str] = set()
    nested: set[str] = set()
    tree = ast.parse(textwrap.dedent(inspect.getsource(function))).body[0]
    own = {n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n is not tree}

    def visit(node, in_function: bool, in_builtin: bool) -> None:
        for child in ast.iter_child_nodes(node):
            branch = isinstance(node, (ast.If, ast.IfExp, ast.While)) and child is not node.test
            # a comprehension's item past a filter (`urldefrag(u) for u in links if urlparse(u).scheme in schemes`):
            # a recorder's answer may filter every item out
            # so may a range of recorders (`reader.pages[i] for i in range(start, stop, step)`: each stands for 2)
            filtered = isinstance(node, COMPREHENSIONS) and any(g.ifs or _ranged(g.iter) for g in node.generators)
            branch = branch or (filtered and not isinstance(child, ast.comprehension))
            function = in_function or branch or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            iterated = isinstance(node, (ast.For, ast.comprehension)) and child is node.iter
            # `u in nodes`: a membership test runs for real on the container, and records nothing; nor does a
            # comparison (`pl.col("status") == status`: a recorder's == answers without a trace)
            tested = isinstance(node, ast.Compare) and any(child is right for right in node.comparators)
            # an operand of arithmetic (): a number is computed on for real, and only the result shows
            computed = isinstance(node, (ast.BinOp, ast.UnaryOp))
            builtin = in_builtin or iterated or tested or computed
            if isinstance(child, ast.Call):
                builtin = iterated or (isinstance(child.func, ast.Name) and child.func.id in (BUILTINS | own))
            if isinstance(child, ast.Name):
                (nested if function or builtin else direct).add(child.id)
            elif attributes and isinstance(child, ast.Attribute):
                (nested if function or builtin else direct).add(child.attr)
            elif isinstance(child, ast.Constant) and isinstance(child.value, str):  # `df.query("x >= @low")`:
                nested.update(re.findall(r"@([A-Za-z_]\w*)", child.value))  # pandas reads low from the frame
            visit(child, function, builtin)

    visit(tree, False, False)
    return nested - direct


BUILTINS = frozenset(dir(builtins))
COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)


class FakeModule(types.ModuleType):
    """A module whose every attribute is a Recorder named after it."""

    __path__: list[str] = []

    def __getattr__(self, attr: str):
        if attr.startswith("__"):
            raise AttributeError(attr)
        return Recorder(f"{self.__name__}.{attr}")


class FakeFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Answers imports of the given modules with FakeModules, and records each import."""

    def __init__(self, names: set[str]) -> None:
        self.names = names

    def find_spec(self, fullname, path=None, target=None):
        if fullname in self.names:
            return importlib.machinery.ModuleSpec(fullname, self, is_package=True)
        return None

    def create_module(self, spec):
        Recorder.log.append(("import", spec.name))
        return FakeModule(spec.name)

    def exec_module(self, module) -> None:
        module.__path__ = []


def install_fakes(monkeypatch, modules) -> None:
    names = {".".join(m.split(".")[:end]) for m in modules for end in range(1, len(m.split(".")) + 1)}
    for name in names:
        monkeypatch.delitem(sys.modules, name, raising=False)
    monkeypatch.setattr(sys, "meta_path", [FakeFinder(names), *sys.meta_path])


BOUND = [step for step in STEPS if step.status in ("bound", "manual")]


@pytest.mark.parametrize(
    "step",
    BOUND or [pytest.param(None, marks=pytest.mark.skip(reason="no bound steps"))],
    ids=lambda s: s.name if s else "none",
)
def test_step_calls_its_api_with_planned_values(step, monkeypatch, tmp_path):
    expect = EXPECT.get(step.name)
    if expect is None:  # the README: a step whose body you rewrote leaves tests/expectations.json
        pytest.skip(f"{step.name} has no entry in tests/expectations.json (its body is yours); check and run judge it")
    if expect["unpack"] == 0:
        pytest.skip("the step unpacks results of different widths, which a recorder cannot stand in for")
    monkeypatch.chdir(tmp_path)  # files the step writes land here
    Recorder.log, Recorder.truths = Log(), {}
    Recorder.arity = expect["unpack"]
    install_fakes(monkeypatch, expect["imports"])
    for name, function in vars(loaders).items():  # loaders are checked against the real libraries by `check`
        if callable(function) and getattr(function, "__module__", "") == loaders.__name__:
            monkeypatch.setattr(loaders, name, Recorder(f"loaders.{name}"))
    if step.spec.kind == "tool":
        monkeypatch.setattr(shutil, "which", lambda command: f"/usr/bin/{command}")
        monkeypatch.setattr(subprocess, "run", Recorder("subprocess.run"))
    values = {
        key: param.default if not param.required and param.default is not None else Recorder(f"config.{key}")
        for key, param in step.params.items()
    }
    if "extra_kwargs" in values:  # a probe, so the test sees the table reach the call
        values["extra_kwargs"] = {"probe": Recorder("config.extra_kwargs")}
    artifacts = {name: Recorder(f"artifact.{name}") for name in step.spec.consumes}
    for key, param in step.params.items():  # a file the step writes lands under the test's folder, never elsewhere
        value = values.get(key)  # (a default `/path/to/pipeline` made `/path/to` on the machine running the tests)
        if param.writes and isinstance(value, str) and "://" not in value:
            path = Path(value).expanduser()
            if path.is_absolute() or ".." in path.parts:
                values[key] = str(tmp_path / "outside" / path.name)

    make_folders(step, values)  # as the runner does: the folders of the files the step writes
    try:
        produced = step.run(**artifacts, **values)
    except (TypeError, ValueError, AttributeError, LookupError) as exc:
        # unpacking three values from a recorder, `f(x, *recorder)`, a method of the bool a comparison of recorders
        # gives (`(I[:, :k] == gt[:, :1]).sum()`), a dict of one recorder's items read with another's
        # (`[membership[n] for n in G.nodes()]`)
        where = traceback.extract_tb(exc.__traceback__)[-1]
        if where.filename != inspect.getsourcefile(step.run):
            raise
        pytest.skip(
            f"the step's own code cannot run on recorders ({type(exc).__name__}: {exc}, line {where.lineno}); "
            "the check command binds its calls against the real libraries, and a run runs it"
        )
    except Endless as exc:
        pytest.skip(f"the step's own loop does not end on recorders ({exc}); the check command and a run judge it")
    except FileNotFoundError as exc:  # `open(file)` on the data file config names, which a test has not got
        where = traceback.extract_tb(exc.__traceback__)[-1]
        if where.filename != inspect.getsourcefile(step.run):
            raise
        pytest.skip(f"the step reads {exc.filename}, a file its config names (line {where.lineno}); a run reads it")
    except (Exception, SystemExit) as exc:  # the step's own guard (`if runs.empty: raise SystemExit(...)`)
        where = traceback.extract_tb(exc.__traceback__)[-1]
        if where.filename != inspect.getsourcefile(step.run) or not (where.line or "").lstrip().startswith("raise"):
            raise
        pytest.skip(f"the step's own guard raised on recorders ({type(exc).__name__}: {exc}, line {where.lineno})")

    assert set(produced) == set(step.spec.produces)
    if step.spec.kind in ("pattern", "manual"):
        return  # the step's own function ran on recorders; what it produced is checked above
    trace = repr(Recorder.log)
    for imported in expect["imports"]:
        assert ("import", imported) in Recorder.log, f"{imported} was not imported"
    if step.spec.kind == "import" or not (expect["imports"] or expect["target"]):
        return  # (a call of builtins alone, `open(file, "w").write(text)`, ran for real: no recorder sees it)
    # a property read shows in what the step returned, or in what it stored (`frame["area_m2"] = frame.area`)
    stored = [entry[2] for entry in Recorder.log if entry[0] == "set"]
    read = any(expect["target"] and expect["target"] in repr(value) for value in [*produced.values(), *stored])
    # an item API (`Dataset.__setitem__`) is used by a subscript of a recorder (`dset[...] = arr`), not a call
    item = [entry for entry in Recorder.log if _subscripted(entry, expect["target"])]
    called = any(entry[0] in ("call", "op", "subclass") for entry in Recorder.log)
    assert read or called or item, "the step made no call at all"
    seen = trace + repr(produced)  # a property read (`model.active_adapter`) shows in what the step returned
    if expect["target"] in ITEMS:
        assert item, f"{step.spec.api} was not used"
    elif expect["target"] and expect["target"] not in deferred(step.run, attributes=True):
        assert expect["target"] in seen, f"{step.spec.api} was not called"  # (not one only a filtered item reaches)
    later = deferred(step.run)
    for artifact in step.spec.consumes:
        if artifact not in later:
            assert f"artifact.{artifact}" in seen, f"upstream artifact {artifact} did not reach the call"
    loop_key = (
        WORKFLOW.repeat.key if WORKFLOW.repeat and step.name == WORKFLOW.steps[WORKFLOW.repeat.step - 1] else None
    )
    for key, value in values.items():
        if key == loop_key or key in later or (step.spec.kind == "tool" and key == "command"):
            continue  # the loop count is read by the runner; a command's parts are checked through its values
        shown = f"config.{key}" if isinstance(value, Recorder) or key == "extra_kwargs" else repr(value)
        if isinstance(value, dict) and value and shown not in seen:  # `{**base_params, **best}`: its items
            shown = next((f"{k!r}: {v!r}" for k, v in value.items() if f"{k!r}: {v!r}" in seen), shown)
        if isinstance(value, (list, tuple)) and value and shown not in seen:  # `randn(*size)`, `group_by(*by)`
            shown = ", ".join(map(repr, value))  # (one item: `drop(columns=["Class", *drop_columns])`)
        if isinstance(value, str) and len(value) >= 3 and shown not in seen and value in seen:
            shown = value  # a text written into a longer one: `f"{data_dir}/train"`
        assert shown in seen, f"config key {key} did not reach the call"  # or was handed on as a result


def test_manual_steps_hand_their_config_on():
    for step in STEPS:
        if step.spec.status == "manual":
            values = {key: f"value-{key}" for key in step.params}
            # each key as a result of its own, or all of them as the one table the step's Outputs name
            (whole,) = step.spec.produces if len(step.spec.produces) == 1 else (None,)
            assert step.run(**values) == (values if whole is None or whole in values else {whole: values})
