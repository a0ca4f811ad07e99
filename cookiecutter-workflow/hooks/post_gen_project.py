"""Split the rendered step bundle into one module per step (cookiecutter cannot loop over file names)."""

import pathlib
import re
import sys

SEPARATOR = "\n#--genrepo-step-file: "
steps_dir = pathlib.Path("src") / "{{ cookiecutter.package_name }}" / "steps"
bundle = steps_dir / "_steps.bundle"
text = "\n" + bundle.read_text(encoding="utf-8")
for chunk in text.split(SEPARATOR)[1:]:
    name, _, content = chunk.partition("\n")
    name = name.strip()
    if not re.fullmatch(r"step_[0-9]{2,}_[a-z0-9_]+\.py", name):
        sys.exit(f"refusing step file name {name!r}")
    (steps_dir / name).write_text(content.rstrip("\n") + "\n", encoding="utf-8")
bundle.unlink()
