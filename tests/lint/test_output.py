"""Output formats and the `spec2db lint` command."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from compiler.cli import main
from tests.lint.conftest import FIXTURES

SARIF_SCHEMA = FIXTURES / "sarif-2.1.0-rtm.5.json"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder with a pyproject.toml and the given fixtures as specs."""

    def make(*fixtures: str, lint: str = "") -> Path:
        (tmp_path / "pyproject.toml").write_text(f"[tool.spec2db]\n{lint}", encoding="utf-8")
        for n, name in enumerate(fixtures, start=1):
            folder = tmp_path / "specs" / f"{n:03d}-{name.lower()}"
            folder.mkdir(parents=True)
            shutil.copy(FIXTURES / f"{name}.md", folder / "spec.md")
        monkeypatch.chdir(tmp_path)
        return tmp_path

    return make


def run(*args: str, color: bool = False):
    return CliRunner().invoke(main, ["lint", *args], color=color)


def test_text_caret_under_a_table_cell(project):
    project("table_cell")
    result = run()
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "specs/001-table_cell/spec.md:12:14: D008 'contacts.nickname' is a bare string with no length; write string(n) or text\n"
        "  | nickname | string | | What friends call them |\n"
        "               ^^^^^^\n"
    )


def test_text_caret_under_a_nested_bullet(project):
    project("D008")
    result = run()
    lines = result.stdout.splitlines()
    assert lines[0] == "specs/001-d008/spec.md:6:13: D008 'projects.icon' is a bare string with no length; write string(n) or text"
    assert lines[1] == "    - `icon`: string — An emoji"
    assert lines[2] == "              ^^^^^^"
    assert lines[1][lines[2].index("^") :].startswith("string")


def test_text_is_colored_on_a_terminal_only(project):
    project("D008")
    assert "\x1b[" not in run().stdout
    assert "\x1b[" in run(color=True).stdout


def test_exit_codes(project):
    project("D008")  # warnings only
    assert run().exit_code == 0
    assert run("--strict").exit_code == 1
    assert run("--format", "nope").exit_code == 2
    assert run("specs/404").exit_code == 2


def test_exit_1_on_error_severity(project):
    project("D008", lint='[tool.spec2db.lint]\nseverity = {D008 = "error"}\n')
    assert run().exit_code == 1


def test_bad_lint_config_is_exit_2(project):
    project("D008", lint='[tool.spec2db.lint]\nselect = ["Q"]\n')
    result = run()
    assert result.exit_code == 2
    assert "'Q' matches no code" in result.stderr


def test_paths_as_pre_commit_passes_them(project):
    project("D008", "D002")
    result = run("--format", "json", "specs/002-d002/spec.md")
    assert {d["path"] for d in json.loads(result.stdout)} == {"specs/002-d002/spec.md"}
    result = run("--format", "json", "specs")
    assert {d["code"] for d in json.loads(result.stdout)} == {"D002", "D008"}


def test_json(project):
    project("D004")
    result = run("--format", "json")
    assert json.loads(result.stdout) == [
        {
            "code": "D004",
            "name": "foreign-key-without-on-delete",
            "severity": "warning",
            "message": "foreign key 'tasks.project_id' -> 'projects' makes no ON DELETE choice",
            "path": "specs/001-d004/spec.md",
            "line": 8,
            "column": 6,
            "end_line": 8,
            "end_column": 16,
        }
    ]


def test_github(project):
    project("D004")
    assert run("--format", "github").stdout == (
        "::warning file=specs/001-d004/spec.md,line=8,col=6,endLine=8,endColumn=16,title=D004 foreign-key-without-on-delete"
        "::D004 foreign key 'tasks.project_id' -> 'projects' makes no ON DELETE choice\n"
    )


def test_sarif_validates_against_the_official_schema(project):
    project("D001", "E205", "S001", "D011")
    result = run("--format", "sarif")
    assert result.exit_code == 1  # D001 and E205 are errors
    log = json.loads(result.stdout)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    jsonschema.Draft4Validator(schema).validate(log)
    results = log["runs"][0]["results"]
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert {r["ruleId"] for r in results} >= {"D001", "E205", "S001", "D011"}
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    region = next(r for r in results if r["ruleId"] == "S001")["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (11, 27)


def test_clean_project(project, tmp_path):
    project()
    folder = tmp_path / "specs" / "001-clean"
    folder.mkdir(parents=True)
    shutil.copy(Path(__file__).parents[2] / "specs" / "001-task-management" / "spec.md", folder / "spec.md")
    result = run()
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "all clean: 1 file" in result.stderr


def test_rule_command_covers_compiler_codes_and_lint_rules():
    runner = CliRunner()
    listing = runner.invoke(main, ["rule", "--all"]).stdout
    assert "E205  error    default-not-in-enum" in listing
    assert "D004  warning  foreign-key-without-on-delete" in listing
    doc = runner.invoke(main, ["rule", "d004"]).stdout
    assert doc.startswith("D004 (foreign-key-without-on-delete, warning)\n\n## What it does\n")
    assert "## Use instead" in doc
    assert runner.invoke(main, ["rule", "E205"]).stdout.startswith("E205 (default-not-in-enum, error)")
    assert runner.invoke(main, ["rule", "Z999"]).exit_code == 2


def test_a_failing_rule_is_an_internal_error(project, monkeypatch):
    from compiler.lint import registry
    from compiler.lint.rule import Rule

    class Broken(Rule):
        """Fails."""

        name = "broken"

        def check(self, ctx):
            raise ValueError("boom")
            yield

    project("D008")
    monkeypatch.setitem(registry.RULES, "D999", Broken)
    result = run()
    assert result.exit_code == 2
    assert "internal error: rule D999 (broken) failed: ValueError: boom" in result.stderr


def test_select_and_ignore_on_the_command_line(project):
    project("D008", "D002")
    found = json.loads(run("--format", "json", "--select", "D002").stdout)
    assert {d["code"] for d in found} == {"D002"}
    found = json.loads(run("--format", "json", "--ignore", "d002,D0").stdout)
    assert found == []
    assert run("--select", "Q1").exit_code == 2
