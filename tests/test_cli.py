"""The command line as a user meets it: real subprocesses, exit codes,
what is (not) written, and never a Python traceback.

Exit codes: 0 ok, 1 errors in the specs or differing outputs (nothing
written), 2 usage or internal error.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

GOOD_SPEC = """\
# Feature Specification: Notes

## Key Entities

- **User** *(external: users)*: An account managed by the auth provider.
- **Note**: A short note a user keeps.
  - `user_id`: uuid, required, references User, on delete cascade
  - `title`: string(120), required
  - `body`: text
"""

BAD_SPEC = """\
# Feature Specification: Notes

## Key Entities

- **Memo**: A short memo.
  - `title`: strng(120), required
"""

# The tests run with only the two core emitters, so they do not depend on
# which other targets a project enables.
PYPROJECT = '[tool.spec2db]\nemit = ["postgres", "data-model"]\n'


def spec2db(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("SPEC2DB_DEBUG", None)
    result = subprocess.run(
        [sys.executable, "-m", "compiler", *args], check=False, cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout, result.stderr
    return result


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    spec = tmp_path / "specs" / "001-notes" / "spec.md"
    spec.parent.mkdir(parents=True)
    spec.write_text(GOOD_SPEC)
    return tmp_path


def outputs(project: Path) -> dict[str, bytes]:
    """Generated files under `project` (inputs and dot-folders such as a cache left out)."""
    found = {}
    for path in sorted(project.rglob("*")):
        relative = path.relative_to(project)
        if path.is_file() and path.name not in ("spec.md", "pyproject.toml") and not any(part.startswith(".") for part in relative.parts):
            found[relative.as_posix()] = path.read_bytes()
    return found


def test_build_ok_exits_0_and_writes_outputs(project):
    result = spec2db(project, "build")
    assert result.returncode == 0, result.stderr
    assert set(outputs(project)) == {"specs/001-notes/schema.sql", "specs/001-notes/data-model.md"}
    assert "CREATE TABLE notes" in (project / "specs/001-notes/schema.sql").read_text()


def test_errors_exit_1_and_write_nothing(project):
    (project / "specs" / "002-bad" / "spec.md").parent.mkdir()
    (project / "specs" / "002-bad" / "spec.md").write_text(BAD_SPEC)
    result = spec2db(project, "build")
    assert result.returncode == 1
    assert "specs/002-bad/spec.md:6:14: E102 unknown type 'strng'" in result.stderr
    assert "nothing written" in result.stderr
    assert outputs(project) == {}  # not even the good feature's files


@pytest.mark.parametrize(
    "args",
    [
        ("build", "no/such/spec.md"),
        ("build", "--no-such-option"),
        ("build", "--emit", "cobol"),
        ("rule", "E999"),
        ("frobnicate",),
    ],
)
def test_usage_errors_exit_2(project, args):
    result = spec2db(project, *args)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert outputs(project) == {}


def test_no_specs_is_a_usage_error(tmp_path):
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    result = spec2db(tmp_path, "build")
    assert result.returncode == 2
    assert "no spec found" in result.stderr


def test_bad_configuration_is_a_usage_error(project):
    (project / "pyproject.toml").write_text('[tool.spec2db]\nprimary-key = "serial"\n')
    result = spec2db(project, "build")
    assert result.returncode == 2
    assert "primary-key" in result.stderr or "primary_key" in result.stderr


def test_check_is_clean_after_build_and_fails_with_a_diff_after_a_hand_edit(project):
    assert spec2db(project, "build").returncode == 0
    clean = spec2db(project, "build", "--check")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert clean.stdout == ""

    schema = project / "specs/001-notes/schema.sql"
    edited = schema.read_text().replace("title VARCHAR(120) NOT NULL", "title VARCHAR(99) NOT NULL")
    assert edited != schema.read_text()
    schema.write_text(edited)
    result = spec2db(project, "build", "--check")
    assert result.returncode == 1
    assert "--- a/specs/001-notes/schema.sql" in result.stdout
    assert "-    title VARCHAR(99) NOT NULL," in result.stdout
    assert "+    title VARCHAR(120) NOT NULL," in result.stdout
    assert schema.read_text() == edited  # --check writes nothing


def test_check_reports_a_missing_output(project):
    result = spec2db(project, "build", "--check")
    assert result.returncode == 1
    assert "/dev/null" in result.stdout


def test_hand_written_file_is_not_overwritten_without_force(project):
    handmade = project / "specs/001-notes/schema.sql"
    handmade.write_text("-- my own schema\n")
    before = handmade.read_bytes()
    result = spec2db(project, "build")
    assert result.returncode == 1
    assert "specs/001-notes/schema.sql" in result.stderr and "--force" in result.stderr
    assert handmade.read_bytes() == before
    assert not (project / "specs/001-notes/data-model.md").exists()  # a refusal writes nothing at all

    forced = spec2db(project, "build", "--force")
    assert forced.returncode == 0, forced.stderr
    assert "Generated by spec2db" in handmade.read_text()


def test_hand_written_data_model_is_input_and_the_document_goes_beside_it(project):
    """spec-kit's /speckit.plan writes data-model.md in every feature: a build keeps it."""
    handmade = project / "specs/001-notes/data-model.md"
    handmade.write_text("# Data model\n\nWritten by hand; keep it.\n")
    before = handmade.read_bytes()
    result = spec2db(project, "build")
    assert result.returncode == 0, result.stderr
    assert "note: specs/001-notes/data-model.md is hand-written" in result.stderr
    assert handmade.read_bytes() == before
    beside = project / "specs/001-notes/data-model.generated.md"
    assert "Generated by spec2db" in beside.read_text() and "erDiagram" in beside.read_text()
    assert spec2db(project, "build", "--check").returncode == 0  # the check knows where it went

    handmade.unlink()  # once the hand-written file is gone, the document takes its name
    again = spec2db(project, "build")
    assert again.returncode == 0, again.stderr
    assert "erDiagram" in handmade.read_text() and not beside.exists()

    handmade.write_text("# mine again\n")
    forced = spec2db(project, "build", "--force")
    assert forced.returncode == 0, forced.stderr
    assert "Generated by spec2db" in handmade.read_text()


def test_a_repositorys_own_backend_is_kept_and_the_generated_one_goes_aside(project):
    """Real repositories have their own `backend/alembic.ini` (6 of 65 refused their first build): the
    generated backend is written whole under spec2db-generated/, where its files still find each other."""
    (project / "pyproject.toml").write_text("[project]\nname = 'app'\n")  # every emitter
    own = project / "backend/alembic.ini"
    own.parent.mkdir(parents=True, exist_ok=True)
    own.write_text("[alembic]\nscript_location = app/migrations\n")
    result = spec2db(project, "build")
    assert result.returncode == 0, result.stderr
    assert "note: backend/alembic.ini is the repository's own, kept" in result.stderr
    assert own.read_text() == "[alembic]\nscript_location = app/migrations\n" and not (project / "backend/migrations").exists()
    aside = project / "spec2db-generated/backend"
    assert "Generated by spec2db" in (aside / "alembic.ini").read_text() and (aside / "migrations/env.py").is_file()
    assert (project / "specs/001-notes/schema.sql").is_file()  # the features' own outputs stay where they are
    assert spec2db(project, "build", "--check").returncode == 0
    forced = spec2db(project, "build", "--force")
    assert forced.returncode == 0 and "Generated by spec2db" in own.read_text()


def test_generated_file_is_overwritten_without_force(project):
    assert spec2db(project, "build").returncode == 0
    schema = project / "specs/001-notes/schema.sql"
    schema.write_text(schema.read_text() + "-- a stray edit\n")
    result = spec2db(project, "build")
    assert result.returncode == 0
    assert "a stray edit" not in schema.read_text()


def test_out_roots_the_outputs_elsewhere(project, tmp_path_factory):
    out = tmp_path_factory.mktemp("elsewhere")
    result = spec2db(project, "build", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert (out / "specs/001-notes/schema.sql").is_file()
    assert outputs(project) == {}


def test_ir_prints_json(project):
    import json

    result = spec2db(project, "ir")
    assert result.returncode == 0
    features = json.loads(result.stdout)["features"]
    assert [t["name"] for t in features[0]["tables"]] == ["notes"]


def test_ir_with_errors_exits_1(project):
    (project / "specs/001-notes/spec.md").write_text(BAD_SPEC)
    result = spec2db(project, "ir")
    assert result.returncode == 1
    assert result.stdout == ""


def test_rule_explains_a_code_and_lists_all(project):
    one = spec2db(project, "rule", "E206")
    assert one.returncode == 0
    assert "invalid-sql-expression" in one.stdout
    every = spec2db(project, "rule", "--all")
    assert every.returncode == 0
    assert "E102" in every.stdout and "E211" in every.stdout


def test_version_and_help(project):
    assert spec2db(project, "--version").returncode == 0
    assert "build" in spec2db(project, "--help").stdout
