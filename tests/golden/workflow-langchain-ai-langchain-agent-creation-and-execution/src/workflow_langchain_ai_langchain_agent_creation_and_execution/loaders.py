"""Loaders: how a step gets an object no earlier step makes (a model, a tokenizer, a dataset) from a config
value, a path or an id. A loader returns None for None, so an optional input can stay unset.
"""


def classes(value):
    """a class, or a list of classes, by dotted name (transformers.BertForSequenceClassification) or builtin name (int, str)."""
    import importlib

    def named(path):
        module, _, name = str(path).rpartition(".")
        return getattr(importlib.import_module(module or "builtins"), name)

    if value is None:
        return None
    return tuple(named(path) for path in value) if isinstance(value, (list, tuple)) else named(value)
