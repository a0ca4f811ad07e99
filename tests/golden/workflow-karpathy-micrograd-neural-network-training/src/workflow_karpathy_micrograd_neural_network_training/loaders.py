"""Loaders: how a step gets an object no earlier step makes (a model, a tokenizer, a dataset) from a config
value, a path or an id. A loader returns None for None, so an optional input can stay unset.

No step of this workflow needs one.
"""
