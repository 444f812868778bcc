"""The incremental parse cache and parallel parsing change nothing but speed."""

from __future__ import annotations

import importlib
import os
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from bench.generate import generate
from compiler import passes
from compiler.cache import SpecCache
from compiler.cli import main
from compiler.config import Settings
from compiler.emit import _emit_forked as _real_forked
from compiler.emit import emit_all
from compiler.emit.output import EmitError
from compiler.parallel import balanced_shares, fork_map

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def outputs(project: Path, *extra: str) -> dict[str, str]:
    out = project / "out"
    shutil.rmtree(out, ignore_errors=True)
    result = CliRunner().invoke(main, ["build", "--emit", "postgres", "--emit", "data-model", "--out", str(out), *extra])
    assert result.exit_code == 0, result.output
    return {p.relative_to(out).as_posix(): p.read_text() for p in sorted(out.rglob("*")) if p.is_file()}


def test_cached_rebuild_after_one_change_equals_clean_build(tmp_path, monkeypatch):
    monkeypatch.setenv("SPEC2DB_CACHE_DIR", str(tmp_path / "cache"))
    generate(tmp_path / "project", entities=30, features=5)
    tmp_path = tmp_path / "project"
    monkeypatch.chdir(tmp_path)
    first = outputs(tmp_path)
    assert any((tmp_path.parent / "cache").rglob("*")), "the first build fills the cache"
    assert outputs(tmp_path) == first  # every spec from the cache
    spec = tmp_path / "specs" / "003-feature-3" / "spec.md"
    spec.write_text(spec.read_text().replace("Synthetic entity number 12.", "Renamed description."))
    cached = outputs(tmp_path)
    clean = outputs(tmp_path, "--no-cache")
    assert cached == clean
    assert cached != first


def test_damaged_cache_entry_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("SPEC2DB_CACHE_DIR", str(tmp_path / "cache"))
    generate(tmp_path / "project", entities=5, features=1)
    monkeypatch.chdir(tmp_path / "project")
    first = outputs(tmp_path / "project")
    for entry in (tmp_path / "cache").rglob("*"):
        if entry.is_file():
            entry.write_bytes(b"not a pickle")
    assert outputs(tmp_path / "project") == first


def test_parallel_parse_equals_serial(tmp_path, monkeypatch):
    generate(tmp_path, entities=40, features=4)
    paths = [(p, p.relative_to(tmp_path).as_posix()) for p in sorted(tmp_path.glob("specs/*/spec.md"))]
    monkeypatch.setattr(passes, "PARALLEL_MIN_BYTES", 0)
    serial = passes.compile_paths(paths, Settings(), jobs=1)
    shares = []
    monkeypatch.setattr(passes, "fork_map", lambda work, s: shares.append(len(s)) or fork_map(work, s))
    parallel = passes.compile_paths(paths, Settings(), jobs=3, cache=SpecCache(tmp_path / "cache"))
    assert shares == [3]
    assert serial.project == parallel.project
    assert serial.diagnostics.sorted() == parallel.diagnostics.sorted()
    assert [o.content for o in emit_all(serial.project, Settings(), ["postgres"])] == [
        o.content for o in emit_all(parallel.project, Settings(), ["postgres"])
    ]


def test_parallel_emitters_equal_serial(tmp_path, monkeypatch):
    from compiler import emit

    generate(tmp_path, entities=40, features=4)
    paths = [(p, p.relative_to(tmp_path).as_posix()) for p in sorted(tmp_path.glob("specs/*/spec.md"))]
    project = passes.compile_paths(paths, Settings()).project
    names = list(emit.EMITTERS)
    monkeypatch.setattr(emit, "PARALLEL_MIN_TABLES", 0)
    forked = []
    monkeypatch.setattr(emit, "_emit_forked", lambda *a: forked.append(1) or _real_forked(*a))
    parallel = emit_all(project, Settings(), names, jobs=2)
    assert forked, "the parallel path ran"
    assert parallel == emit_all(project, Settings(), names, jobs=1)


def _failing_emitter(project, settings):
    raise EmitError("boom in a worker")


_PARENT = os.getpid()


def _no_parent_boom(emit, name):
    assert not (name == "boom" and os.getpid() == _PARENT), "the failing emitter was meant to run in a worker"
    module, _, function = emit.EMITTERS[name].partition(":")
    return getattr(importlib.import_module(module), function)


def test_an_emitter_error_in_a_worker_reaches_the_caller(tmp_path, monkeypatch):
    from compiler import emit

    generate(tmp_path, entities=5, features=1)
    paths = [(p, p.relative_to(tmp_path).as_posix()) for p in sorted(tmp_path.glob("specs/*/spec.md"))]
    project = passes.compile_paths(paths, Settings()).project
    monkeypatch.setattr(emit, "PARALLEL_MIN_TABLES", 0)
    monkeypatch.setitem(emit.EMITTERS, "boom", "tests.test_cache:_failing_emitter")
    monkeypatch.setitem(emit.EMITTER_COST, "boom", 0)  # the cheapest: a worker's share, not this process's
    monkeypatch.setattr(emit, "load", lambda name: _no_parent_boom(emit, name))
    with pytest.raises(EmitError, match="boom in a worker"):
        emit_all(project, Settings(), ["postgres", "boom"], jobs=2)


def test_cache_in_a_world_writable_folder_is_not_used(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o777)
    cache = SpecCache(folder)
    cache.put("ab" * 32, "value")
    assert cache.get("ab" * 32) is None
    assert not any(folder.rglob("*"))


def test_grammar_cache_is_kept_and_a_damaged_one_rebuilt(tmp_path, monkeypatch):
    from compiler.diagnostics import Diagnostics
    from compiler.frontend import notation
    from compiler.frontend.source import Fragment

    monkeypatch.setenv("SPEC2DB_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(notation, "parser", notation.parser.__wrapped__)  # no process-wide memo here
    notation.parser()
    [cached] = (tmp_path / "cache").glob("grammar-*.pickle")
    cached.write_bytes(b"damaged")
    tree = notation.parser().parse("string(200), check(x > 0)", start="attribute")
    assert tree.data == "attribute"
    assert cached.read_bytes() != b"damaged"
    parsed = notation.parse(Fragment.single("p", "enum(a, b), check(x > 0)", 1, 1), "attribute", Diagnostics())
    assert parsed[0].name == "enum"


def test_grammar_cache_is_not_kept_in_a_shared_folder(tmp_path, monkeypatch):
    from compiler.frontend import notation

    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)
    monkeypatch.setenv("SPEC2DB_CACHE_DIR", str(shared))
    assert notation._grammar_cache() is False


def test_shares_are_balanced_and_keep_their_order():
    assert balanced_shares([5, 1, 1, 1, 1, 1], 2) == [[0], [1, 2, 3, 4, 5]]
    own, worker = balanced_shares([1] * 10, 2, own_share_weight=1.5)
    assert (len(own), len(worker)) == (4, 6)  # this process also unpickles the worker's results
    assert balanced_shares([2, 2, 2], 5) == [[0], [1], [2]]
    assert sorted(i for share in balanced_shares(list(range(20)), 3) for i in share) == list(range(20))
