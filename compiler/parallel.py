"""Work shared out over forked processes, this one included.

Parsing and emitting are CPU-bound Python, so threads do not help; forked
workers inherit the inputs (a project's IR, the specs' bytes) instead of
receiving them pickled, and only results travel back. This process runs the
first share itself rather than wait idle.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_inherited: tuple[Callable[[Any], Any], Sequence[Sequence[Any]]] | None = None


def can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def balanced_shares(costs: Sequence[float], count: int, *, own_share_weight: float = 1.0) -> list[list[int]]:
    """Indices of `costs` split into `count` shares of about equal cost,
    costliest first, each to the share with the least so far; each share
    keeps ascending index order. Share 0 (this process's) counts its load
    times `own_share_weight`: above 1 when a worker's results cost this
    process time to receive, so share 0 takes less."""
    shares: list[list[int]] = [[] for _ in range(max(1, min(count, len(costs))))]
    loads = [0.0] * len(shares)
    for index in sorted(range(len(costs)), key=lambda i: (-costs[i], i)):
        lightest = min(range(len(shares)), key=lambda s: (loads[s] * (own_share_weight if s == 0 else 1.0), s))
        shares[lightest].append(index)
        loads[lightest] += costs[index]
    return [sorted(share) for share in shares]


def fork_map(work: Callable[[T], R], shares: Sequence[Sequence[T]]) -> list[list[R]]:
    """`work` applied to every item of every share, results in share order:
    this process runs share 0 while a forked worker runs each other share. An
    exception in a worker is raised here."""
    if len(shares) <= 1:
        return [[work(item) for item in share] for share in shares]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _inherited
    _inherited = (work, shares)
    try:
        with ProcessPoolExecutor(max_workers=len(shares) - 1, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(_run_share, index) for index in range(1, len(shares))]
            results = [[work(item) for item in shares[0]]]
            results.extend(future.result() for future in futures)
    finally:
        _inherited = None
    return results


def _run_share(index: int) -> list:
    work, shares = _inherited
    return [work(item) for item in shares[index]]
