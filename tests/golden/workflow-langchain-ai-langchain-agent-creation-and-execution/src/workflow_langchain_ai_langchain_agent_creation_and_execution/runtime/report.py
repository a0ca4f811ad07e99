"""Short descriptions of what a step produced: types, shapes, sizes, and the numbers worth seeing (a loss)."""

from __future__ import annotations

import warnings
from numbers import Real
from typing import Any


def number(value: Any) -> float | None:
    """A number to show: plain numbers and other real numbers (numpy's, SymPy's), numeric `.data`, one-element
    tensors (`.item()`)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, Real):  # numpy's int64, SymPy's Float: registered as real numbers
        try:
            return float(value)
        except (TypeError, ValueError, OverflowError):
            return None
    with warnings.catch_warnings():  # (pyarrow's ChunkedArray warns that `.data` is going away)
        warnings.simplefilter("ignore")
        data = getattr(value, "data", None)
    if isinstance(data, (int, float)) and not isinstance(data, bool):
        return float(data)
    item, numel = getattr(value, "item", None), getattr(value, "numel", None)
    if callable(item) and callable(numel):
        try:
            return float(item()) if numel() == 1 else None
        except (TypeError, ValueError, RuntimeError):
            return None
    return None


def numbers(value: Any) -> dict[str, float]:
    """Named numbers inside a result: itself, or the numeric fields of a named tuple or a dict (a training output,
    evaluation metrics); settings objects are not results, their numbers are left out."""
    own = number(value)
    if own is not None:
        return {"": own}
    fields: dict[str, Any] = {}
    if isinstance(value, dict):
        fields = {str(k): v for k, v in list(value.items())[:50]}
    elif isinstance(value, tuple) and callable(getattr(value, "_asdict", None)):  # a named tuple (a Tag of
        fields = value._asdict()  # BeautifulSoup answers any attribute, `_asdict` included, with a search)
    found = {}
    for name, field in fields.items():
        found_number = number(field)
        if found_number is not None:
            found[name] = found_number
    return found


TEXT_SHOWN = 5000  # characters of a text of several lines the run log shows whole


def describe(value: Any) -> str:
    """`Tensor int64 [1, 12]`, `list of 3`, `PeftModelForCausalLM (12.3k parameters, 1.0k trainable)`."""
    name = type(value).__name__
    shape = getattr(value, "shape", None)
    if shape is not None and not callable(shape):
        dtype = getattr(value, "dtype", "")
        described = f"{name} {str(dtype).replace('torch.', '')} {list(shape)}".replace("  ", " ")
        return described + _few_values(value)
    parameters = getattr(value, "parameters", None)
    if callable(parameters) and hasattr(value, "named_modules"):
        try:
            params = list(parameters())
            total = sum(p.numel() for p in params)
            trainable = sum(p.numel() for p in params if getattr(p, "requires_grad", False))
            bits = (
                "4-bit, "
                if getattr(value, "is_loaded_in_4bit", False)
                else ("8-bit, " if getattr(value, "is_loaded_in_8bit", False) else "")
            )
            return f"{name} ({bits}{_count(total)} parameters, {_count(trainable)} trainable)"
        except Exception:  # noqa: BLE001 - a description must never fail the run
            return name
    if hasattr(value, "_asdict"):
        return name
    if isinstance(value, (list, tuple)):
        return f"{name} of {len(value)}" + _first_items(value)
    if isinstance(value, (set, dict)):
        return f"{name} of {len(value)}"
    if isinstance(value, str):
        lines = value.rstrip().splitlines()
        if len(lines) > 1 and len(value) <= TEXT_SHOWN:  # a report (`classification_report(...)`), shown as printed
            return f"text of {len(lines)} lines:\n" + "\n".join("    " + line for line in lines)
        return repr(value) if len(value) <= 60 else f"str of {len(value)} characters: {value[:40]!r}..."
    if isinstance(value, (int, float, bool)) or value is None:
        return repr(value)
    if hasattr(value, "num_rows"):
        return f"{name} ({value.num_rows} rows)"
    return name


def _few_values(value: Any, most: int = 8) -> str:
    """`: 0.9433, 0.9667, 0.95` for an array or tensor of at most `most` numbers (cross-validation scores), else ""."""
    try:
        size = int(getattr(value, "size", 0) if not callable(getattr(value, "size", None)) else value.numel())
        if not 0 < size <= most or not callable(getattr(value, "tolist", None)):
            return ""
        flat = value.reshape(-1).tolist()
    except Exception:  # noqa: BLE001 - a description must never fail the run
        return ""
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in flat):
        return ""
    return ": " + ", ".join(f"{v:.4g}" if isinstance(v, float) else str(v) for v in flat)


def _first_items(items: list[Any] | tuple[Any, ...], most: int = 5, width: int = 120) -> str:
    """`: 'the cat sat', 'a dog ran'` for a list of numbers or short texts (decoded texts, token ids), else ""."""
    shown = []
    for item in items[:most]:
        if isinstance(item, bool) or not isinstance(item, (int, float, str)):
            return ""
        if isinstance(item, str):
            shown.append(repr(item if len(item) <= 40 else item[:37] + "..."))
        else:
            shown.append(f"{item:.4g}" if isinstance(item, float) else str(item))
    text = ", ".join(shown) + (", ..." if len(items) > most else "")
    return ": " + (text if len(text) <= width else text[: width - 3] + "...") if shown else ""


def _count(n: int) -> str:
    for unit, size in (("B", 1e9), ("M", 1e6), ("k", 1e3)):
        if n >= size:
            return f"{n / size:.1f}{unit}"
    return str(n)
