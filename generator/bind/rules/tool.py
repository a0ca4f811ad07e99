"""An external command (llama-cli, ollama, git): run() fills the command line from config and runs it."""

from __future__ import annotations

import re
import shlex

from generator.apitext import literal_value
from generator.bind.binding import Binding, ConfigParam, Kind, Source, Status
from generator.bind.context import BindContext
from generator.bind.hints import key_hints
from generator.model import Step

_BODY = """values = {key: str(value) for key, value in settings.items()}
command = [str(part) for part in command]
for key, value in values.items():
    command = [part.replace("{" + key + "}", value) for part in command]
if shutil.which(command[0]) is None:
    raise RuntimeError(f"{command[0]} is not installed or not on PATH; see the README's prerequisites")
completed = subprocess.run(command, check=True, capture_output=True, text=True)
return {"tool_output": completed.stdout}"""


def applies(step: Step, ctx: BindContext) -> bool:
    return ctx.kinds[ctx.index] is Kind.TOOL


def bind(step: Step, ctx: BindContext) -> Binding | None:
    text = step.api_text.lstrip("$ ").strip()
    try:
        command = shlex.split(text)
    except ValueError:
        command = []
    if not command or not re.fullmatch(r"[\w.+-]+", command[0]):
        return None
    params: list[ConfigParam] = []
    for name, hint in key_hints(step).items():
        value = literal_value(hint.default)
        if name not in ("command", "settings") and isinstance(value, str) and value in command:
            command = [f"{{{name}}}" if part == value else part for part in command]
            params.append(ConfigParam(name, hint.type, hint.default, hint.default is None, hint.doc))
    settings = ", ".join(f"{p.name!r}: {p.name}" for p in params)
    body = f"import shutil\nimport subprocess\n\nsettings = {{{settings}}}\n" + _BODY
    params.insert(
        0, ConfigParam("command", "list[str]", repr(command), False, "the command to run; {key} takes that key's value")
    )
    ctx.add("tool_output")
    return Binding(
        kind=Kind.TOOL,
        status=Status.BOUND,
        body=body,
        produces=("tool_output",),
        params=tuple(params),
        target=command[0],
        source=Source.TOOL,
        notes=("runs an external command",),
    )
