"""`spec2db infer` on real features (tests/infer/golden/, from the tuning set):
the diff it proposes is the golden one, a second run proposes nothing, and
`infer --write` then `spec2db build` exits 0 with a schema.sql that applies on
a real PostgreSQL."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from compiler.cli import main
from tests.conftest import apply_sql, project_stubs

GOLDEN = Path(__file__).resolve().parent / "golden"
CASES = sorted(p.name for p in GOLDEN.iterdir() if p.is_dir())


def project(tmp_path: Path, case: str, *, data_model: bool = True) -> Path:
    """A spec-kit project holding the case as its only feature."""
    feature = tmp_path / "specs" / f"001-{case}"
    feature.mkdir(parents=True)
    shutil.copyfile(GOLDEN / case / "spec.md", feature / "spec.md")
    if data_model and (GOLDEN / case / "data-model.md").is_file():
        shutil.copyfile(GOLDEN / case / "data-model.md", feature / "data-model.md")
    return feature


def run(*args: str):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result


def test_every_case_has_its_golden_diff():
    assert CASES, "no golden case"
    missing = [c for c in CASES if not (GOLDEN / c / "expected.diff").is_file()]
    assert not missing, f"run pytest {__file__} --update-golden for {missing}"


@pytest.mark.parametrize("case", CASES)
def test_diff_is_golden(case, tmp_path, monkeypatch, update_golden):
    project(tmp_path, case)
    monkeypatch.chdir(tmp_path)
    result = run("infer")
    assert result.exit_code == 0, result.output
    expected = GOLDEN / case / "expected.diff"
    if update_golden:
        expected.write_text(result.stdout, encoding="utf-8", newline="")
    assert result.stdout == expected.read_text(encoding="utf-8"), f"infer's diff for {case} changed (--update-golden to accept)"
    assert result.stdout, f"infer proposes nothing for {case}"


@pytest.mark.parametrize("case", CASES)
def test_write_is_the_diff_and_idempotent(case, tmp_path, monkeypatch):
    feature = project(tmp_path, case)
    monkeypatch.chdir(tmp_path)
    before = (feature / "spec.md").read_bytes()
    assert run("infer", "--write").exit_code == 0
    after = (feature / "spec.md").read_bytes()
    assert after != before
    assert after.startswith(b"\xef\xbb\xbf") == before.startswith(b"\xef\xbb\xbf")
    assert (b"\r\n" in after) == (b"\r\n" in before)
    again = run("infer")
    assert again.exit_code == 0
    assert again.stdout == "", f"infer proposes more on its own output:\n{again.stdout}"
    assert run("infer", "--write").exit_code == 0
    assert (feature / "spec.md").read_bytes() == after


@pytest.mark.parametrize("case", CASES)
def test_written_spec_builds_and_applies_on_postgres(case, tmp_path, monkeypatch, pg, fresh_db):
    feature = project(tmp_path, case)
    monkeypatch.chdir(tmp_path)
    assert run("infer", "--write").exit_code == 0
    # build the written spec alone: the hand-written data-model.md stays the team's document
    built = tmp_path / "built"
    shutil.copytree(feature.parent, built / "specs", ignore=shutil.ignore_patterns("data-model.md"))
    monkeypatch.chdir(built)
    result = run("build", "--out", str(built / "out"), "--no-cache")
    assert result.exit_code == 0, result.output
    schema = next((built / "out").rglob("schema.sql"))
    sql = schema.read_text(encoding="utf-8")
    assert "CREATE TABLE" in sql
    apply_sql(pg, fresh_db, project_stubs(built) + sql)
