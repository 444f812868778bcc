"""Emitters: one package per target, each turning the IR into files.

An emitter is a function `emit(project, settings) -> list[Output]`, listed in
`EMITTERS` by the name used in `[tool.spec2db] emit`. Emitters only read the
IR; writing (atomic, marker-checked, path-checked) is `compiler.emit.output`.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from compiler.config import Settings
from compiler.emit.output import Output, OutputError
from compiler.ir import Project

Emitter = Callable[[Project, Settings], list[Output]]

# name -> "module:function", imported only when that emitter runs.
EMITTERS: dict[str, str] = {
    "postgres": "compiler.emit.postgres:emit",
    "data-model": "compiler.emit.datamodel:emit",
    "alembic": "compiler.emit.alembic:emit",
    "sqlalchemy": "compiler.emit.sqlalchemy:emit",
    "sqlmodel": "compiler.emit.sqlmodel:emit",
}


def load(name: str) -> Emitter:
    module, _, function = EMITTERS[name].partition(":")
    return getattr(import_module(module), function)


def emit_all(project: Project, settings: Settings, names: list[str] | None = None) -> list[Output]:
    outputs: list[Output] = []
    owner: dict[str, str] = {}
    for name in names or settings.emit:
        for output in load(name)(project, settings):
            if output.path in owner:
                raise OutputError(
                    f"{output.path}: written by both '{owner[output.path]}' and '{name}'; give them different [tool.spec2db.outputs] paths"
                )
            owner[output.path] = name
            outputs.append(output)
    return sorted(outputs, key=lambda o: o.path)
