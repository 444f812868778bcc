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

_forked: tuple[Project, Settings] | None = None  # what forked workers inherit instead of a pickled IR


def _worth_forking(project: Project) -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods() and sum(len(s.tables) for s in project.features) >= PARALLEL_MIN_TABLES


# Relative cost of each emitter on a large project (bench/README.md), to
# share them out evenly; an emitter not listed counts as 2.
EMITTER_COST = {"alembic": 3, "sqlalchemy": 3, "sqlmodel": 3, "data-model": 2, "postgres": 1}


def _emit_forked(project: Project, settings: Settings, names: list[str], jobs: int) -> list[list[Output]]:
    """The emitters shared out over `jobs` shares, costliest first, each to the
    share with the least work so far; this process runs the first share while
    forked workers run the others."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    shares: list[list[int]] = [[] for _ in range(min(jobs, len(names)))]
    loads = [0] * len(shares)
    for index in sorted(range(len(names)), key=lambda i: -EMITTER_COST.get(names[i], 2)):
        lightest = loads.index(min(loads))
        shares[lightest].append(index)
        loads[lightest] += EMITTER_COST.get(names[index], 2)
    global _forked
    _forked = (project, settings)
    produced: dict[int, list[Output]] = {}
    try:
        with ProcessPoolExecutor(max_workers=len(shares) - 1, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(_emit_in_worker, [names[i] for i in share]) for share in shares[1:]]
            for index in shares[0]:
                produced[index] = load(names[index])(project, settings)
            for share, future in zip(shares[1:], futures):
                produced.update(zip(share, future.result()))
    finally:
        _forked = None
    return [produced[i] for i in range(len(names))]


def _emit_in_worker(names: list[str]) -> list[list[Output]]:
    project, settings = _forked
    return [load(name)(project, settings) for name in names]
