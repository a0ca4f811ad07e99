"""Build small wikis inline for tests."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any


def build_file_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write files (relative path -> text or bytes) under root; text is dedented."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return root


def enriched_index(name: str = "Demo_Wiki_Sample_Flow", steps: int = 2, extra: str = "") -> str:
    """A small enriched index with one workflow of `steps` steps."""
    parts = [
        "# Workflow Index: Demo_Wiki",
        "",
        f"## Workflow: {name}",
        "",
        f"**File:** [→](./workflows/{name}.md)",
        "**Description:** A demo.",
        "**GitHub URL:** PENDING",
        "",
    ]
    for n in range(1, steps + 1):
        parts += [
            f"### Step {n}: Step_Number_{n}",
            "",
            "| Attribute | Value |",
            "|-----------|-------|",
            f"| **API Call** | `demo.func{n}(x, y)` |",
            f"| **Source Location** | `demo/mod.py:L{n}0-{n}9` |",
            "| **External Dependencies** | `numpy` |",
            "| **Key Parameters** | `x: int = 3` - the x, `y: str` - the y |",
            "| **Inputs** | something |",
            "| **Outputs** | `result` |",
            "",
        ]
    return "\n".join(parts) + extra


def workflow_page(title: str = "Sample_Flow", steps: int = 2, extra: str = "") -> str:
    """A MediaWiki workflow page with `steps` steps and a mermaid diagram."""
    parts = [
        f"# Workflow: {title}",
        "",
        '{| class="wikitable"',
        "|-",
        "! Knowledge Sources",
        "|",
        "* [[source::Repo|Demo|https://github.com/demo/demo]]",
        "|-",
        "! Domains",
        "| [[domain::Testing]]",
        "|}",
        "",
        "== Overview ==",
        "A demo workflow.",
        "",
        "=== Description ===",
        "It demonstrates.",
        "",
        "== Execution Steps ==",
        "",
    ]
    for n in range(1, steps + 1):
        parts += [
            f"=== Step {n}: Step Number {n} ===",
            f"[[step::Principle:Demo_Step_{n}]]",
            "",
            f"Does thing {n}.",
            "",
        ]
    parts += [
        "== Execution Diagram ==",
        "{{#mermaid:graph TD",
        "    A[Start] --> B{Choice}",
        "    B -->|yes| C[End]",
        "}}",
        "",
    ]
    return "\n".join(parts) + extra


def build_wheel(folder: Path, name: str, version: str, requires: tuple[str, ...] = ()) -> Path:
    """A minimal pure-Python wheel, byte-for-byte reproducible (fixed timestamps), for offline resolution."""
    import base64
    import hashlib
    import zipfile

    module = name.replace("-", "_")
    dist_info = f"{module}-{version}.dist-info"
    metadata = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n" + "".join(
        f"Requires-Dist: {r}\n" for r in requires
    )
    files = {
        f"{module}/__init__.py": f'__version__ = "{version}"\n',
        f"{dist_info}/METADATA": metadata,
        f"{dist_info}/WHEEL": "Wheel-Version: 1.0\nGenerator: genrepo-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = []
    for path, text in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()
        record.append(f"{path},sha256={digest},{len(text.encode())}")
    record.append(f"{dist_info}/RECORD,,")
    files[f"{dist_info}/RECORD"] = "\n".join(record) + "\n"
    folder.mkdir(parents=True, exist_ok=True)
    wheel = folder / f"{module}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for path, text in files.items():
            info = zipfile.ZipInfo(path, date_time=(2020, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            archive.writestr(info, text)
    return wheel


def build_sdist_recording_env(folder: Path, name: str, version: str, marker: Path) -> Path:
    """An sdist whose in-tree build backend appends its os.environ (JSON) to marker whenever any hook runs:
    proof of whether a resolver built it, and of what it could see when it did."""
    import io
    import tarfile

    module = name.replace("-", "_")
    backend = textwrap.dedent(f'''
        import json, os, zipfile

        NAME, VERSION, MARKER = {name!r}, {version!r}, {str(marker)!r}
        DIST_INFO = f"{module}-{{VERSION}}.dist-info"
        METADATA = f"Metadata-Version: 2.1\\nName: {{NAME}}\\nVersion: {{VERSION}}\\n"


        def _record():
            with open(MARKER, "a", encoding="utf-8") as handle:
                handle.write(json.dumps(dict(os.environ)) + "\\n")


        def get_requires_for_build_wheel(config_settings=None):
            _record()
            return []


        def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
            _record()
            os.makedirs(os.path.join(metadata_directory, DIST_INFO))
            with open(os.path.join(metadata_directory, DIST_INFO, "METADATA"), "w") as handle:
                handle.write(METADATA)
            return DIST_INFO


        def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
            _record()
            wheel = f"{module}-{{VERSION}}-py3-none-any.whl"
            with zipfile.ZipFile(os.path.join(wheel_directory, wheel), "w") as archive:
                archive.writestr(f"{{DIST_INFO}}/METADATA", METADATA)
                archive.writestr(f"{{DIST_INFO}}/WHEEL", "Wheel-Version: 1.0\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n")
                archive.writestr(f"{{DIST_INFO}}/RECORD", "")
            return wheel
    ''').lstrip()
    files = {
        "pyproject.toml": '[build-system]\nrequires = []\nbuild-backend = "backend"\nbackend-path = ["."]\n',
        "backend.py": backend,
        "PKG-INFO": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n",
    }
    folder.mkdir(parents=True, exist_ok=True)
    sdist = folder / f"{module}-{version}.tar.gz"
    with tarfile.open(sdist, "w:gz") as archive:
        for rel, text in files.items():
            data = text.encode()
            info = tarfile.TarInfo(f"{module}-{version}/{rel}")
            info.size, info.mtime, info.mode = len(data), 1577836800, 0o644
            archive.addfile(info, io.BytesIO(data))
    return sdist


def many_workflows(root: Path, count: int) -> Path:
    """A wiki of count workflows of 3 steps each (enriched index, a workflow page each); its index."""
    names = [f"Demo_Wiki_Flow_{n:02d}" for n in range(count)]
    index = enriched_index(names[0], 3) + "".join("\n" + enriched_index(n, 3).split("\n", 1)[1] for n in names[1:])
    files = {"_WorkflowIndex.md": index}
    files.update({f"workflows/{n}.md": workflow_page(n.removeprefix("Demo_Wiki_"), 3) for n in names})
    build_file_tree(root, files)
    return root / "_WorkflowIndex.md"


def generated(tmp_path: Path, files: dict[str, str]) -> Any:
    """The one workflow of a wiki built in tmp_path/wiki from files (index and pages), generated into tmp_path/out;
    it must plan without errors."""
    from generator.pipeline import generate  # planning and rendering: only the tests that generate load them

    wiki = build_file_tree(tmp_path / "wiki", files)
    (item,) = generate(wiki / "_WorkflowIndex.md", tmp_path / "out").results
    assert item.ok, item.errors
    return item


def example_pages(pages: dict[str, str | list[str]]) -> dict[str, str]:
    """Implementation pages (path -> example code, or a list of examples) as a wiki writes them: a Usage Examples
    section, one titled syntaxhighlight block per example."""
    return {
        path: "== Usage Examples ==\n"
        + "".join(
            f'=== Example {n} ===\n<syntaxhighlight lang="python">\n{code}</syntaxhighlight>\n'
            for n, code in enumerate([codes] if isinstance(codes, str) else codes, start=1)
        )
        for path, codes in pages.items()
    }
