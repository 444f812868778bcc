"""The linter on real input: the project's own specs and the shared corpus."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from compiler.cli import main
from compiler.config import Settings
from compiler.lint import lint_paths

ROOT = Path(__file__).parents[2]
CORPUS = sorted((ROOT.parent / "shared" / "corpus").glob("*.md")) or sorted(Path("/work/shared/corpus").glob("*.md"))

# Findings the example specs show on purpose (they demonstrate the notation,
# including what the linter warns about). Anything else is a regression.
ALLOWED_IN_EXAMPLES = {"D002", "D004", "D008", "D010", "D012"}


def test_own_specs_lint_without_errors(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["lint", "--format", "json", "specs/"])
    assert result.exit_code == 0, result.output
    import json

    found = json.loads(result.stdout)
    assert {d["code"] for d in found} <= ALLOWED_IN_EXAMPLES
    assert not [d for d in found if d["path"].startswith("specs/001-")], "the first example spec is clean"


@pytest.mark.skipif(not CORPUS, reason="shared/corpus not present")
@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_corpus_file_lints_without_internal_error(path):
    result = lint_paths([(path, path.name)], Settings())
    for diagnostic in result.diagnostics:
        assert diagnostic.span is None or diagnostic.span.path == path.name


@pytest.mark.skipif(not CORPUS, reason="shared/corpus not present")
def test_corpus_through_the_cli(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for fmt in ("text", "sarif"):
        result = CliRunner().invoke(main, ["lint", "--format", fmt, *map(str, CORPUS)])
        assert result.exit_code in (0, 1), result.output[-2000:]
        assert "internal error" not in result.output


def test_lint_does_not_import_orm_or_migration_libraries():
    code = (
        "import sys; from click.testing import CliRunner; from compiler.cli import main;"
        "r = CliRunner().invoke(main, ['lint', 'specs/']); assert r.exit_code in (0, 1), r.output;"
        "heavy = sorted(m for m in ('sqlalchemy', 'alembic', 'sqlmodel', 'psycopg') if m in sys.modules);"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
