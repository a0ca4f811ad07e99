"""Each bound step runs with its API replaced by recorders: the call happens, with the configured values
and the upstream artifacts the plan wires to it. No heavy dependency is imported."""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import shutil
import subprocess
import sys
import types

import pytest

from {{ cookiecutter.package_name }} import runner
from {{ cookiecutter.package_name }}.pipeline import REPEAT, STEPS


class Recorder(str):
    """Stands in for any object: records calls, attribute writes and operators; iterates, compares, formats.

    It is a str (its text is `<name>`), so code that writes, joins or formats it keeps working.
    """

    log: list = []
    arity = 2

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
        return iter([Recorder(f"{self._name}[{i}]") for i in range(Recorder.arity)])

    def __len__(self) -> int:
        return Recorder.arity

    def keys(self) -> list[str]:
        return [f"key{i}" for i in range(Recorder.arity)]

    def __getitem__(self, key):
        return Recorder(f"{self._name}[{key!r}]")

    def __setitem__(self, key, value) -> None:
        Recorder.log.append(("set", f"{self._name}[{key!r}]", value))

    def __contains__(self, item) -> bool:
        return False

    def __bool__(self) -> bool:
        return True

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
        "add", "radd", "sub", "rsub", "mul", "rmul", "truediv", "rtruediv", "floordiv", "rfloordiv",
        "pow", "rpow", "mod", "rmod", "matmul", "rmatmul", "neg", "pos", "abs", "lt", "le", "gt", "ge",
        "and", "or",
    ):
        locals()[f"__{_operator}__"] = _op(f"__{_operator}__")
    # str's own methods (encode, split, ...) must record too, not act on the text
    for _operator in [m for m in dir(str) if not m.startswith("_")]:
        locals()[_operator] = property(lambda self, attr=_operator: Recorder(f"{self._name}.{attr}"))
    del _operator, _op


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


BOUND = [name for name in STEPS if runner.load_step(name).BOUND]


@pytest.mark.parametrize("name", BOUND or [pytest.param("none", marks=pytest.mark.skip(reason="no bound steps"))])
def test_bound_step_calls_its_api_with_planned_values(name, monkeypatch, tmp_path):
    module = runner.load_step(name)
    if module.UNPACK == 0:
        pytest.skip("the step unpacks results of different widths, which a recorder cannot stand in for")
    monkeypatch.chdir(tmp_path)  # files the step writes land here
    Recorder.log = []
    Recorder.arity = module.UNPACK
    install_fakes(monkeypatch, module.IMPORTS)
    if module.KIND == "tool":
        monkeypatch.setattr(shutil, "which", lambda command: f"/usr/bin/{command}")
        monkeypatch.setattr(subprocess, "run", Recorder("subprocess.run"))
    config = {
        key: spec["default"] if spec["default"] is not None else Recorder(f"config.{key}")
        for key, spec in module.PARAMS.items()
    }
    artifacts = {artifact: Recorder(f"artifact.{artifact}") for artifact in module.CONSUMES}

    produced = module.run(config, artifacts)

    assert set(produced) == set(module.PRODUCES)
    trace = repr(Recorder.log)
    if module.KIND == "pattern":
        return  # the step's own function ran on recorders; what it produced is checked above
    for imported in module.IMPORTS:
        assert ("import", imported) in Recorder.log, f"{imported} was not imported"
    if module.KIND == "import":
        return
    assert any(entry[0] in ("call", "op") for entry in Recorder.log), "the step made no call at all"
    if module.TARGET:
        assert module.TARGET in trace, f"{module.API} was not called"
    for artifact in module.CONSUMES:
        assert f"artifact.{artifact}" in trace, f"upstream artifact {artifact} did not reach the call"
    for key, value in config.items():
        if REPEAT and name == STEPS[REPEAT[0] - 1] and key == REPEAT[3]:
            continue  # the loop count is read by the runner, not by the step
        if module.KIND == "tool" and key == "command":
            value = value[0]  # the other parts are filled from the section's values
        shown = f"config.{key}" if isinstance(value, Recorder) else repr(value)
        assert shown in trace, f"config key {key} did not reach the call"


def test_manual_steps_pass_their_config_on():
    for name in STEPS:
        module = runner.load_step(name)
        if module.KIND == "manual" and not module.NEEDS_IMPLEMENTATION:
            config = {key: f"value-{key}" for key in module.PARAMS}
            assert module.run(config, {}) == config
