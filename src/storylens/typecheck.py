"""Check values read from YAML against the type hints of a settings dataclass.

YAML happily gives a string where a number belongs, a list where a section
belongs, or `yes` where a file name belongs. Without a check the mistake
surfaces much later (after the whole analysis) as an `AttributeError` or
`TypeError` far from its cause. `checked_value` compares a value with the
field's annotation at load time and names the setting by its path
(`read.max_file_bytes`) in one line.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import cache
from pathlib import Path
from typing import Any

from storylens.errors import SettingsError


class _NotChecked(Exception):
    """An annotation this checker does not understand: the value is accepted as it is."""


@cache
def field_types(cls: type) -> dict[str, Any]:
    """The resolved type hints of a dataclass's fields ({} when they cannot be resolved)."""
    try:
        return typing.get_type_hints(cls)
    except Exception:  # a hint naming something imported only for type checkers: check nothing
        return {}


def checked_value(value: Any, annotation: Any, where: str) -> Any:
    """`value` as the type `annotation` wants (ints for floats, lists for tuples, str for Path),
    or `SettingsError` naming `where`, the type wanted and the value found."""
    try:
        return _convert(value, annotation, where)
    except _NotChecked:
        return value


def describe(annotation: Any) -> str:
    """A type the way a YAML author thinks of it ("a whole number", "a list of text", ...)."""
    origin = typing.get_origin(annotation)
    arguments = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(describe(arm) for arm in arguments)
    if origin is typing.Literal:
        return "one of " + ", ".join(repr(a) for a in arguments)
    if origin in (tuple, list, set, frozenset):
        return f"a list of {describe(arguments[0])}" if arguments else "a list"
    if origin is dict:
        return "a mapping"
    names = {bool: "true or false", int: "a whole number", float: "a number", str: "text", Path: "a file path"}
    if annotation is type(None):
        return "null"
    if dataclasses.is_dataclass(annotation):
        return "a section (a mapping of settings)"
    return names.get(annotation, getattr(annotation, "__name__", str(annotation)))


def _wrong(value: Any, annotation: Any, where: str) -> SettingsError:
    shown = repr(value)
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    return SettingsError(f"{where}: expected {describe(annotation)}, got {shown} ({type(value).__name__})")


def _convert(value: Any, annotation: Any, where: str) -> Any:
    origin = typing.get_origin(annotation)
    arguments = typing.get_args(annotation)
    if annotation is Any:
        return value
    if origin in (typing.Union, types.UnionType):
        return _convert_union(value, annotation, arguments, where)
    if origin is typing.Literal:
        if value in arguments:
            return value
        raise _wrong(value, annotation, where)
    if origin in (tuple, list, set, frozenset):
        return _convert_collection(value, annotation, origin, arguments, where)
    if origin is dict:
        if not isinstance(value, dict):
            raise _wrong(value, annotation, where)
        key_type, value_type = arguments if len(arguments) == 2 else (Any, Any)
        return {
            _convert(k, key_type, f"{where}.{k}"): _convert(v, value_type, f"{where}.{k}") for k, v in value.items()
        }
    return _convert_scalar(value, annotation, where)


def _convert_union(value: Any, annotation: Any, arguments: tuple[Any, ...], where: str) -> Any:
    if value is None and type(None) in arguments:
        return None
    for arm in arguments:
        if arm is type(None):
            continue
        try:
            return _convert(value, arm, where)
        except SettingsError:
            continue
    raise _wrong(value, annotation, where)


def _convert_collection(value: Any, annotation: Any, origin: Any, arguments: tuple[Any, ...], where: str) -> Any:
    if not isinstance(value, list | tuple):
        raise _wrong(value, annotation, where)
    item_type = arguments[0] if arguments else Any
    items = [_convert(item, item_type, f"{where}[{index}]") for index, item in enumerate(value)]
    return origin(items)


def _convert_scalar(value: Any, annotation: Any, where: str) -> Any:
    if annotation is bool:
        if isinstance(value, bool):
            return value
        raise _wrong(value, annotation, where)
    if annotation is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise _wrong(value, annotation, where)
    if annotation is float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        raise _wrong(value, annotation, where)
    if annotation is str:
        if isinstance(value, str):
            return value
        raise _wrong(value, annotation, where)
    if annotation is Path:
        if isinstance(value, str | Path) and str(value).strip():
            return Path(value)
        raise _wrong(value, annotation, where)
    if annotation is type(None):
        if value is None:
            return None
        raise _wrong(value, annotation, where)
    if dataclasses.is_dataclass(annotation):
        if isinstance(value, dict):
            raise _NotChecked  # sections are recursed into by the loader, which knows the current values
        raise _wrong(value, annotation, where)
    raise _NotChecked
