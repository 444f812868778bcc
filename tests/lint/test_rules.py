"""One fixture spec per rule, its diagnostics asserted exactly.

`fixtures/<CODE>.md` is linted with only CODE selected (compiler errors are
always reported); a breaking-change rule (B) lints it as the second feature
after `fixtures/B.base.md`; `fixtures/<CODE>.expected` lists `line:col: CODE message`,
one per line. SPEC2DB_UPDATE_LINT=1 rewrites the .expected files (review the
diff before accepting it).
"""

from __future__ import annotations

import os

import pytest

from compiler.codes import CODES
from compiler.lint.registry import RULES
from tests.lint.conftest import FIXTURES, run_lint, run_lint_project

# Settings a fixture needs so that the convention does not hide the pattern.
SETTINGS = {
    "D001": {"index-user-column": False, "index-foreign-keys": False},
    "D003": {"timestamps": False},
    "D005": {"index-foreign-keys": False},
    "P001": {"primary-key": "bigint"},
    "T001": {"emit": ["postgres", "prisma"]},
}
CASES = sorted(p.stem for p in FIXTURES.glob("*.md") if p.stem in RULES or p.stem in CODES)


def render(result) -> str:
    return "".join(f"{d.span.line}:{d.span.col}: {d.code} {d.message}\n" for d in result.diagnostics)


def test_every_rule_has_a_fixture():
    assert sorted(set(RULES) - set(CASES)) == []


@pytest.mark.parametrize("code", CASES)
def test_rule_fixture(code):
    if code.startswith("B"):
        result = run_lint_project(
            [(FIXTURES / "B.base.md", "001-base.md"), (FIXTURES / f"{code}.md", f"002-{code}.md")], config={"select": [code]}
        )
    else:
        result = run_lint(FIXTURES / f"{code}.md", f"{code}.md", settings=SETTINGS.get(code), config={"select": [code]})
    expected_path = FIXTURES / f"{code}.expected"
    actual = render(result)
    if os.environ.get("SPEC2DB_UPDATE_LINT"):
        expected_path.write_text(actual, encoding="utf-8")
    assert actual == expected_path.read_text(encoding="utf-8")
    assert actual, f"fixture {code}.md shows no {code} finding"
    assert all(d.code == code or d.code in ("E214",) for d in result.diagnostics)  # P003 is also the compiler's E214 since issue 13


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_documentation(code):
    rule = RULES[code]
    doc = rule.doc()
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
        assert heading in doc, f"{code} docstring lacks {heading!r}"
    assert rule.name == rule.name.lower() and " " not in rule.name
    assert code[0] in "DPNSBT" and len(code) == 4


def test_rule_names_are_unique():
    names = [r.name for r in RULES.values()] + [c.name for c in CODES.values()]
    assert len(names) == len(set(names))
