"""The lower pass builds IR nodes without pydantic's validation
(`compiler.ir.construct`); these tests validate what it built.

Every node of every compiled schema is dumped and validated again; the
result must equal the original value for value *and type for type* (a `str`
where the IR declares `Scalar` compares equal, but `is Scalar.UUID` in an
emitter would then be false).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel

from bench.generate import generate
from compiler.config import Settings, load_settings
from compiler.diagnostics import Span
from compiler.ir import Column, ColumnType, Table, construct
from compiler.passes import compile_paths
from compiler.types import Scalar
from tests.test_corpus import FILES, needs_corpus

ROOT = Path(__file__).resolve().parent.parent


def assert_same(built, validated, where: str = "project") -> None:
    assert type(built) is type(validated), f"{where}: {type(built).__name__} built, {type(validated).__name__} declared"
    if isinstance(built, BaseModel):
        assert set(built.__dict__) == set(type(built).model_fields), f"{where}: fields {sorted(built.__dict__)}"
        for name in type(built).model_fields:
            assert_same(getattr(built, name), getattr(validated, name), f"{where}.{name}")
    elif isinstance(built, (list, tuple)):
        assert len(built) == len(validated), where
        for i, (a, b) in enumerate(zip(built, validated)):
            assert_same(a, b, f"{where}[{i}]")
    elif isinstance(built, dict):
        assert list(built) == list(validated), where
        for key in built:
            assert_same(built[key], validated[key], f"{where}[{key!r}]")
    else:
        assert built == validated, where


def _check(paths: list[tuple[Path, str]], settings: Settings) -> int:
    compilation = compile_paths(paths, settings)
    project = compilation.project
    assert_same(project, type(project).model_validate(project.model_dump()))
    return sum(len(t.columns) for schema in project.features for t in schema.tables)


def test_example_specs_lower_to_valid_ir():
    specs = sorted(ROOT.glob("specs/*/spec.md"))
    settings, _ = load_settings(ROOT)
    assert _check([(p, str(p.relative_to(ROOT))) for p in specs], settings) > 50


@pytest.mark.parametrize("primary_key", ["uuid", "bigint"])
def test_synthetic_project_lowers_to_valid_ir(tmp_path, primary_key):
    # every type and modifier the generator knows, references across features
    generate(tmp_path, 40, 4)
    specs = sorted(tmp_path.glob("specs/*/spec.md"))
    assert _check([(p, str(p.relative_to(tmp_path))) for p in specs], Settings(primary_key=primary_key)) > 300


@needs_corpus
def test_corpus_lowers_to_valid_ir():
    files = FILES
    for path in files:
        _check([(path, path.name)], Settings())


def test_hostile_specs_lower_to_valid_ir():
    for path in sorted((ROOT / "tests" / "hostile").glob("*.md")):
        _check([(path, path.name)], Settings())


@pytest.mark.filterwarnings("ignore:Pydantic serializer warnings")
def test_the_check_catches_a_wrongly_typed_node():
    span = Span("s.md", 1, 1, 1, 2)
    uuid = construct(ColumnType, scalar=Scalar.UUID)
    good = construct(Table, name="t", entity="T", columns=[construct(Column, name="id", type=uuid, source=span)])
    assert_same(good, Table.model_validate(good.model_dump()))
    # "yes" where a bool is declared: validation turns it into True
    bad = construct(Table, name="t", entity="T", columns=[construct(Column, name="id", type=uuid, nullable="yes")])
    with pytest.raises(AssertionError, match=r"columns\[0\]\.nullable"):
        assert_same(bad, Table.model_validate(bad.model_dump()))
