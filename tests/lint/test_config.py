"""select / ignore / per-file-ignores / severity / inline suppression."""

from __future__ import annotations

import pytest

from compiler.config import ConfigError
from compiler.diagnostics import Severity
from compiler.lint.config import LintConfig, load_lint_config, parse_lint_config

SPEC = """\
# Feature Specification: config

## Key Entities

- **Project**: A group of tasks.
  - `name`: string, required
  - `icon`: string — An emoji <!-- spec2db: ignore D008 -->
  <!-- spec2db: ignore D004, D00 -->
  - `parent_id`: uuid, references Project
  - `owner_project_id`: uuid, references Project
  - `order`: integer
"""


def codes(result):
    return [(d.code, d.span.line) for d in result.diagnostics]


def test_default_selects_every_rule_and_inline_suppression(lint_file):
    # line 7 silenced on its own line; line 9 silenced by the comment above it.
    assert codes(lint_file(SPEC)) == [("D008", 6), ("D004", 10), ("P002", 11)]


def test_select_prefix_and_code(lint_file):
    assert codes(lint_file(SPEC, config={"select": ["P"]})) == [("P002", 11)]
    assert codes(lint_file(SPEC, config={"select": ["D004", "P002"]})) == [("D004", 10), ("P002", 11)]


def test_ignore_and_most_specific_wins(lint_file):
    assert codes(lint_file(SPEC, config={"ignore": ["D"]})) == [("P002", 11)]
    assert codes(lint_file(SPEC, config={"select": ["D"], "ignore": ["D00"], "extend-select": ["D004"]})) == [("D004", 10)]


def test_per_file_ignores(lint_file):
    assert codes(lint_file(SPEC, name="legacy.md", config={"per-file-ignores": {"legacy*.md": ["D", "P002"]}})) == []
    assert codes(lint_file(SPEC, name="new.md", config={"per-file-ignores": {"legacy*.md": ["D"]}})) == [
        ("D008", 6),
        ("D004", 10),
        ("P002", 11),
    ]


def test_severity_override(lint_file):
    result = lint_file(SPEC, config={"severity": {"D": "error", "D008": "warning"}})
    assert [(d.code, d.severity) for d in result.diagnostics] == [
        ("D008", Severity.WARNING),
        ("D004", Severity.ERROR),
        ("P002", Severity.WARNING),
    ]
    assert result.errors == 1


def test_compiler_errors_cannot_be_ignored(lint_file):
    text = SPEC + "  - `bad`: dat\n"
    result = lint_file(text, config={"select": ["P"], "ignore": ["E"]})
    assert ("E102", 12) in codes(result)


def test_suppress_all_codes_on_a_line(lint_file):
    text = SPEC.replace("  - `order`: integer", "  - `order`: integer — position <!-- spec2db: ignore -->")
    assert codes(lint_file(text)) == [("D008", 6), ("D004", 10)]


@pytest.mark.parametrize(
    "table, message",
    [
        ({"select": ["X9"]}, "'X9' matches no code"),
        ({"ignore": "D001"}, "expected a list of codes"),
        ({"severity": {"D001": "fatal"}}, 'expected "error" or "warning"'),
        ({"severity": {"E101": "warning"}}, "compiler errors cannot change severity"),
        ({"selct": ["D"]}, "unknown key 'selct'"),
    ],
)
def test_bad_config_is_reported(table, message):
    with pytest.raises(ConfigError, match=message.replace("(", r"\(")):
        parse_lint_config(table)


def test_load_from_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.spec2db]\nprimary-key = "uuid"\n\n[tool.spec2db.lint]\nselect = ["D", "P001"]\nignore = ["D010"]\n'
        'per-file-ignores = {"specs/old-*/spec.md" = ["S"]}\nseverity = {D001 = "warning"}\n',
        encoding="utf-8",
    )
    config = load_lint_config(tmp_path)
    assert config == LintConfig(
        select=["D", "P001"], ignore=["D010"], per_file_ignores={"specs/old-*/spec.md": ["S"]}, severity={"D001": Severity.WARNING}
    )
    assert config.selected("D004") and config.selected("P001") and not config.selected("P002") and not config.selected("D010")
    assert not config.selected("S001", "specs/old-auth/spec.md")
    assert load_lint_config(tmp_path / "nowhere") == config  # found from a subfolder too (parents)


def test_settings_ignore_the_lint_table(tmp_path):
    from compiler.config import load_settings

    (tmp_path / "pyproject.toml").write_text('[tool.spec2db]\ntimestamps = false\n[tool.spec2db.lint]\nselect = ["D"]\n', encoding="utf-8")
    settings, _ = load_settings(tmp_path)
    assert settings.timestamps is False
