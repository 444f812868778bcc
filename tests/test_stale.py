"""Generated files that no spec produces any more are reported and removed,
but only by a build of the whole project, and never a hand-written file."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from compiler.cli import main

SPEC = """# Feature Specification: Notes

### Key Entities

- **Note**: A note.
  - `title`: string(100), required
- **Label**: A label.
  - `name`: string(40), required, unique
"""


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def project(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / "specs" / "001-notes").mkdir(parents=True)
    (tmp_path / "specs" / "001-notes" / "spec.md").write_text(SPEC)
    monkeypatch.chdir(tmp_path)
    assert run("build").exit_code == 0
    return tmp_path / "backend" / "src" / "db" / "models"


def test_removed_entity_leaves_no_stale_model(tmp_path, monkeypatch):
    models = project(tmp_path, monkeypatch)
    assert (models / "label.py").exists()
    (models / "notes_helpers.py").write_text("# mine, not generated\n")
    spec = tmp_path / "specs" / "001-notes" / "spec.md"
    spec.write_text(SPEC.split("- **Label**")[0])

    check = run("build", "--check")
    assert check.exit_code == 1
    assert "stale generated file" in check.output and "label.py" in check.output

    result = run("build")
    assert result.exit_code == 0, result.output
    assert not (models / "label.py").exists()
    assert (models / "notes_helpers.py").read_text() == "# mine, not generated\n"
    assert run("build", "--check").exit_code == 0


def test_partial_build_removes_nothing(tmp_path, monkeypatch):
    models = project(tmp_path, monkeypatch)
    assert run("build", "--emit", "sqlalchemy").exit_code == 0
    assert run("build", "specs/001-notes/spec.md").exit_code == 0
    assert (models / "label.py").exists()
    assert (tmp_path / "specs" / "001-notes" / "data-model.md").exists()
