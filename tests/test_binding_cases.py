"""Binding cases as fixture files (tests/fixtures/binding/*.md), in the style of markdown-it's fixtures.

A file holds cases. A case (`## Case: ...`) is a workflow: `### Step N: Name` headings with the attribute
table an enriched `_WorkflowIndex.md` gives (API Call, Key Parameters, Outputs, ...), and fenced blocks
attached to the step above them:
- ```python imports   the implementation page's Import section
- ```python signature the implementation page's Signature
- ```python example   a usage example (repeatable)
- ```python run       the expected `def run(...)` genrepo writes for the step
- ```text config      the expected config keys, one `name = default` (or `name REQUIRED`) per line, loader in []
- ```text status      the expected `kind status` of the step

Run `GENREPO_UPDATE_GOLDEN=1 pytest tests/test_binding_cases.py` after an intended change to rewrite the
expected blocks from what genrepo now writes.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from generator.bind import bind_workflow, load_tables
from generator.model import Implementation, SourceRef, Step, Workflow
from generator.parse.markdown import parse_blocks, plain
from generator.parse.params import parse_dependencies, parse_key_parameters

FIXTURES = Path(__file__).parent / "fixtures" / "binding"
UPDATE = bool(os.environ.get("GENREPO_UPDATE_GOLDEN"))


@dataclass
class StepCase:
    number: int
    name: str
    attributes: dict[str, str] = field(default_factory=dict)
    blocks: dict[str, list[tuple[str, int, int]]] = field(default_factory=dict)  # kind -> [(code, start, end)]


@dataclass
class Case:
    path: Path
    title: str
    line: int
    steps: list[StepCase] = field(default_factory=list)


def read_cases(path: Path) -> list[Case]:
    text = path.read_text(encoding="utf-8")
    cases: list[Case] = []
    for block in parse_blocks(text):
        if block.kind == "heading" and block.level == 2 and block.text.lower().startswith("case:"):
            cases.append(Case(path, block.text[5:].strip(), block.line))
        elif block.kind == "heading" and block.level == 3 and cases:
            m = re.match(r"Step\s+(\d+)\s*:\s*(.+)", block.text)
            assert m, f"{path}:{block.line}: a step heading is `### Step N: Name`"
            cases[-1].steps.append(StepCase(int(m.group(1)), m.group(2).strip()))
        elif block.kind == "table" and cases and cases[-1].steps:
            for row in block.rows:
                cases[-1].steps[-1].attributes[plain(row.cells[0]).lower()] = row.cells[1] if len(row.cells) > 1 else ""
        elif block.kind == "fence" and cases and cases[-1].steps:
            kind = block.info.split()[-1] if block.info else ""
            cases[-1].steps[-1].blocks.setdefault(kind, []).append((block.text, block.line, block.end_line))
    return cases


def build(case: Case) -> Workflow:
    ref = SourceRef(case.path.name, case.line)
    steps = []
    for sc in case.steps:
        a = sc.attributes
        impl = None
        if any(k in sc.blocks for k in ("imports", "signature", "example")):
            impl = Implementation(
                name=f"Demo_{sc.name}",
                ref=ref,
                imports=tuple(
                    line.strip()
                    for code, *_ in sc.blocks.get("imports", [])
                    for line in code.splitlines()
                    if line.strip()
                ),
                signature=sc.blocks.get("signature", [("", 0, 0)])[0][0],
                examples=tuple(code for code, *_ in sc.blocks.get("example", [])),
            )
        api_cell = a.get("api call", "")
        spans = re.findall(r"`([^`]+)`", api_cell)
        steps.append(
            Step(
                number=sc.number,
                name=sc.name,
                title=sc.name.replace("_", " "),
                ref=ref,
                api_call=spans[0] if spans else plain(api_cell),
                source_location=plain(a.get("source location", "")),
                external_dependencies=parse_dependencies(a.get("external dependencies", "")),
                key_parameters=parse_key_parameters(a.get("key parameters", "")),
                inputs=a.get("inputs", ""),
                outputs=a.get("outputs", ""),
                impl_type=plain(a.get("type", "")),
                description=plain(a.get("description", "")),
                implementation=impl,
            )
        )
    return Workflow(
        name="Demo_Case", namespace="Demo", short_name="Case", title=case.title, ref=ref, steps=tuple(steps)
    )


def rendered(binding) -> dict[str, str]:
    signature = ", ".join([*binding.consumes, *(p.name for p in binding.params)])
    body = "\n".join(("    " + line) if line else "" for line in binding.body.split("\n"))
    config = []
    for p in binding.params:
        value = "REQUIRED" if p.required else f"= {p.default}"
        config.append(f"{p.name} {value}" + (f" [{p.loader}]" if p.loader else ""))
    return {
        "run": f"def run({signature}):\n{body}",
        "config": "\n".join(config),
        "status": f"{binding.kind} {binding.status}",
    }


CASES = [case for path in sorted(FIXTURES.glob("*.md")) for case in read_cases(path)]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.path.stem}:{c.line}")
def test_binding_case(case):
    if UPDATE:  # earlier cases of the file may have been rewritten: read this one afresh
        case = next(c for c in read_cases(case.path) if c.title == case.title)
    bound = bind_workflow(build(case), load_tables())
    edits: list[tuple[int, int, str]] = []
    for sc, binding in zip(case.steps, bound.bindings, strict=True):
        actual = rendered(binding)
        for kind in ("run", "config", "status"):
            for expected, start, end in sc.blocks.get(kind, []):
                if UPDATE:
                    edits.append((start, end, actual[kind]))
                else:
                    assert actual[kind].strip() == expected.strip(), (
                        f"{case.path.name}:{start}: step {sc.number} {kind}"
                    )
    if UPDATE and edits:
        lines = case.path.read_text(encoding="utf-8").split("\n")
        for start, end, text in sorted(edits, reverse=True):
            lines[start : end - 1] = text.split("\n")  # the fence's content lies between its opening and closing lines
        case.path.write_text("\n".join(lines), encoding="utf-8")


def test_there_are_cases():
    assert len(CASES) >= 10
