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
    "prisma": "compiler.emit.prisma:emit",
}


def load(name: str) -> Emitter:
    module, _, function = EMITTERS[name].partition(":")
    return getattr(import_module(module), function)


def emit_all(project: Project, settings: Settings, names: list[str] | None = None, *, jobs: int = 1) -> list[Output]:
    """Every output of the named emitters (default: the configured ones),
    sorted by path. With `jobs` > 1 and a large project, emitters run in
    forked processes; the outputs are the same as a serial run's."""
    names = list(names or settings.emit)
    if jobs > 1 and len(names) > 1 and _worth_forking(project):
        produced = _emit_forked(project, settings, names, jobs)
    else:
        produced = [load(name)(project, settings) for name in names]
    outputs: list[Output] = []
    owner: dict[str, str] = {}
    for name, emitted in zip(names, produced):
        for output in emitted:
            if output.path in owner:
                raise OutputError(
                    f"{output.path}: written by both '{owner[output.path]}' and '{name}'; give them different [tool.spec2db.outputs] paths"
                )
            owner[output.path] = name
            outputs.append(output)
    return sorted(outputs, key=lambda o: o.path)


# Below this many table versions (summed over features), a process costs more than it saves.
PARALLEL_MIN_TABLES = 500


def _worth_forking(project: Project) -> bool:
    from compiler.parallel import can_fork

    return can_fork() and sum(len(s.tables) for s in project.features) >= PARALLEL_MIN_TABLES


# Relative cost of each emitter on a large project (bench/README.md), to
# share them out evenly; an emitter not listed counts as 2.
EMITTER_COST = {"alembic": 3, "sqlalchemy": 3, "sqlmodel": 3, "data-model": 2, "postgres": 1}


def _emit_forked(project: Project, settings: Settings, names: list[str], jobs: int) -> list[list[Output]]:
    """The emitters shared out by cost over `jobs` processes (this one runs
    the first share); workers inherit the IR by fork."""
    from compiler.parallel import balanced_shares, fork_map

    shares = balanced_shares([EMITTER_COST.get(name, 2) for name in names], jobs)
    results = fork_map(lambda name: load(name)(project, settings), [[names[i] for i in share] for share in shares])
    produced: dict[int, list[Output]] = {}
    for share, outputs in zip(shares, results):
        produced.update(zip(share, outputs))
    return [produced[i] for i in range(len(names))]
