"""One test per diagnostic code: the code, and the exact line and column it
points at, on small specs written into a temporary folder.

Every spec here starts with the same four lines, so the first entity bullet
is on line 5 and its first attribute on line 6:

    1  # Feature Specification: Probe
    2
    3  ## Key Entities
    4
    5  - **Task**: ...
    6    - `a`: ...
"""

from __future__ import annotations

from pathlib import Path

import pytest

from compiler.config import Settings
from compiler.diagnostics import Diagnostic
from compiler.passes import compile_paths

HEAD = "# Feature Specification: Probe\n\n## Key Entities\n\n"


def diagnose(tmp_path: Path, body: str, *later: tuple[str, str]) -> list[Diagnostic]:
    """Compile `body` as feature 001 (plus `later` features as (folder, body))."""
    paths = []
    for folder, text in (("001-probe", body), *later):
        spec = tmp_path / "specs" / folder / "spec.md"
        spec.parent.mkdir(parents=True, exist_ok=True)
        spec.write_text(HEAD + text, encoding="utf-8")
        paths.append((spec, f"specs/{folder}/spec.md"))
    return compile_paths(paths, Settings()).diagnostics.sorted()


def only(diagnostics: list[Diagnostic], code: str) -> Diagnostic:
    """The one diagnostic with `code`; fails with every diagnostic shown otherwise."""
    found = [d for d in diagnostics if d.code == code]
    assert len(found) == 1, f"expected one {code}, got:\n" + "\n".join(str(d) for d in diagnostics)
    return found[0]


def at(diagnostic: Diagnostic) -> tuple[str, str, int, int]:
    span = diagnostic.span
    assert span is not None, f"{diagnostic} has no position"
    return diagnostic.code, span.path, span.line, span.col


P = "specs/001-probe/spec.md"


# ---------------------------------------------------------------- E1xx: the notation


def test_e101_syntax_error_points_at_the_unexpected_word(tmp_path):
    d = only(diagnose(tmp_path, "- **Task**: t\n  - `title`: string(200) requird\n"), "E101")
    assert at(d) == ("E101", P, 6, 26)  # `requird`: a near miss of a notation word, after the type
    assert "requird" in d.message


def test_e102_unknown_type_with_suggestion(tmp_path):
    d = only(diagnose(tmp_path, "- **Task**: t\n  - `a`: strng\n"), "E102")
    assert at(d) == ("E102", P, 6, 10)
    assert "unknown type 'strng'" in d.message and "did you mean 'string'?" in d.message


def test_e103_string_argument_not_a_number(tmp_path):
    d = only(diagnose(tmp_path, "- **Task**: t\n  - `a`: string(abc)\n"), "E103")
    assert at(d) == ("E103", P, 6, 17)  # the `abc` inside the parentheses


def test_e103_decimal_scale_larger_than_precision(tmp_path):
    d = only(diagnose(tmp_path, "- **Task**: t\n  - `a`: decimal(2,5)\n"), "E103")
    assert at(d) == ("E103", P, 6, 20)  # the scale `5`
    assert "scale" in d.message


def test_e104_unbalanced_parentheses(tmp_path):
    d = only(diagnose(tmp_path, "- **Task**: t\n  - `a`: string(200, required\n"), "E104")
    assert at(d) == ("E104", P, 6, 16)  # the `(` that is never closed
    assert "never closed" in d.message


def test_e104_closing_parenthesis_without_opening(tmp_path):
    d = only(diagnose(tmp_path, "- **Task**: t\n  - `a`: int, check(a > 0))\n"), "E104")
    assert at(d) == ("E104", P, 6, 27)


def test_e105_empty_enum(tmp_path):
    d = only(diagnose(tmp_path, "- **Task**: t\n  - `a`: enum()\n"), "E105")
    assert at(d) == ("E105", P, 6, 14)  # the empty `()`


def test_e105_repeated_enum_value(tmp_path):
    d = only(diagnose(tmp_path, "- **Task**: t\n  - `a`: enum(todo, done, todo)\n"), "E105")
    assert at(d) == ("E105", P, 6, 27)  # the second `todo`


def test_e105_enum_value_renamed_from_a_current_value(tmp_path):
    d = only(diagnose(tmp_path, "- **Task**: t\n  - `a`: enum(todo, done, finished (was done))\n"), "E105")
    assert at(d) == ("E105", P, 6, 27)  # `finished`
    assert "still a value" in d.message


def test_e105_enum_value_renamed_twice(tmp_path):
    d = only(diagnose(tmp_path, "- **Task**: t\n  - `a`: enum(todo (was open), new (was open))\n"), "E105")
    assert at(d) == ("E105", P, 6, 32)  # `new`


def test_e106_conflicting_modifiers(tmp_path):
    d = only(diagnose(tmp_path, "- **Task**: t\n  - `a`: text, required, optional\n"), "E106")
    assert at(d) == ("E106", P, 6, 26)  # `optional`, which contradicts `required`


def test_w104_table_without_type_column_is_prose(tmp_path):
    body = "### Task\n\n| Attribute | Notes |\n|---|---|\n| a | required |\n"
    d = only(diagnose(tmp_path, body), "W104")
    assert at(d) == ("W104", P, 7, 1)  # the header row
    assert "Type" in d.message


def test_e107_attribute_table_row_without_a_name(tmp_path):
    body = "### Task\n\n| Attribute | Type |\n|---|---|\n| a | text |\n|  | integer |\n"
    d = only(diagnose(tmp_path, body), "E107")
    assert at(d) == ("E107", P, 10, 1)


def test_e108_entity_line_that_names_nothing(tmp_path):
    d = only(diagnose(tmp_path, "- **Task**: t\n  - `a`: text\n  - indexes:\n"), "E108")
    assert at(d) == ("E108", P, 7, 5)


def test_e108_primary_key_line_with_two_groups(tmp_path):
    d = only(diagnose(tmp_path, "- **Task**: t\n  - `a`: text\n  - `b`: text\n  - primary key: (a), (b)\n"), "E108")
    assert at(d) == ("E108", P, 8, 18)


# ---------------------------------------------------------------- E2xx: meaning


def test_e201_unknown_entity_with_did_you_mean(tmp_path):
    body = "- **Task**: t\n  - `owner_id`: uuid, references Usr\n- **User** *(external)*: u\n"
    d = only(diagnose(tmp_path, body), "E201")
    assert at(d) == ("E201", P, 6, 34)  # `Usr`
    assert d.message == "unknown entity 'Usr'; did you mean 'User'?"


def test_e201_unknown_relationship_target(tmp_path):
    d = only(diagnose(tmp_path, "- **Task**: t\n  - `a`: text\n  - relationships: belongs to Projct\n"), "E201")
    assert at(d) == ("E201", P, 7, 31)  # `Projct`


def test_w206_has_many_naming_no_entity_is_skipped_with_a_warning(tmp_path):
    """`has many` declares nothing on this table: an unknown target loses nothing, so build goes on (belongs to stays E201)."""
    diags = diagnose(tmp_path, "- **Task**: t\n  - `a`: text\n  - relationships: has many tokens\n")
    d = only(diags, "W206")
    assert at(d) == ("W206", P, 7, 29)  # `tokens`
    assert not [x for x in diags if x.code.startswith("E")]


def test_e202_duplicate_entity(tmp_path):
    d = only(diagnose(tmp_path, "- **Task**: t\n  - `a`: text\n- **Task**: again\n  - `b`: text\n"), "E202")
    assert at(d) == ("E202", P, 7, 5)  # the second `Task`
    assert f"{P}:5:5" in d.message  # and where the first one is


def test_e203_duplicate_attribute(tmp_path):
    d = only(diagnose(tmp_path, "- **Task**: t\n  - `a`: text\n  - `a`: int\n"), "E203")
    assert at(d) == ("E203", P, 7, 6)


def test_e204_unknown_column_in_index(tmp_path):
    d = only(diagnose(tmp_path, "- **Task**: t\n  - `a`: text\n  - indexes: (a, b)\n"), "E204")
    assert at(d) == ("E204", P, 7, 14)  # the column group naming `b`
    assert "'b'" in d.message


def test_e204_unknown_column_in_check(tmp_path):
    d = only(diagnose(tmp_path, "- **Task**: t\n  - `x`: int, check(y > 0)\n"), "E204")
    assert at(d) == ("E204", P, 6, 21)  # `y`


def test_e205_default_not_in_enum(tmp_path):
    d = only(diagnose(tmp_path, "- **Task**: t\n  - `s`: enum(todo, done), default open\n"), "E205")
    assert at(d) == ("E205", P, 6, 36)  # `open`


def test_e206_statement_smuggled_into_a_check(tmp_path):
    d = only(diagnose(tmp_path, "- **Task**: t\n  - `x`: int, check(x > 0; DROP TABLE users)\n"), "E206")
    assert at(d) == ("E206", P, 6, 26)  # the `;`


def test_e206_statement_after_a_table_check(tmp_path):
    d = only(diagnose(tmp_path, "- **Task**: t\n  - `x`: int\n  - check: x > 0; DROP TABLE users\n"), "E206")
    assert at(d) == ("E206", P, 7, 17)


def test_e206_subquery_in_partial_index(tmp_path):
    d = only(diagnose(tmp_path, "- **Task**: t\n  - `x`: int\n  - indexes: x where x > (select 1)\n"), "E206")
    assert at(d) == ("E206", P, 7, 22)


def test_statement_after_a_check_modifier_is_refused_too(tmp_path):
    """`check(x > 0); DROP TABLE users`: the `;` ends nothing the grammar knows."""
    diagnostics = diagnose(tmp_path, "- **Task**: t\n  - `x`: int, check(x > 0); DROP TABLE users\n")
    d = only(diagnostics, "E101")
    assert at(d) == ("E101", P, 6, 27)
    assert any(x.severity.value == "error" for x in diagnostics)


def test_e207_reference_to_a_later_feature(tmp_path):
    later = ("002-later", "- **Project**: p\n  - `name`: text\n")
    d = only(diagnose(tmp_path, "- **Task**: t\n  - `project_id`: uuid, references Project\n", later), "E207")
    assert at(d) == ("E207", P, 6, 36)
    assert "002-later" in d.message


def test_e208_default_that_does_not_fit_the_type(tmp_path):
    d = only(diagnose(tmp_path, "- **Task**: t\n  - `n`: integer, default abc\n"), "E208")
    assert at(d) == ("E208", P, 6, 27)


def test_e208_default_now_on_a_boolean(tmp_path):
    d = only(diagnose(tmp_path, "- **Task**: t\n  - `b`: boolean, default now\n"), "E208")
    assert at(d) == ("E208", P, 6, 27)


def test_e209_reference_to_a_composite_key(tmp_path):
    body = (
        "- **Member**: m\n  - `a`: text\n  - `b`: text\n  - primary key: (a, b)\n- **Task**: t\n  - `member_id`: uuid, references Member\n"
    )
    d = only(diagnose(tmp_path, body), "E209")
    assert at(d) == ("E209", P, 10, 35)  # `Member`


def test_e209_reference_to_a_column_that_is_not_a_key(tmp_path):
    body = "- **Plan**: p\n  - `code`: string(20)\n- **Task**: t\n  - `plan_code`: string(20), references Plan.code\n"
    d = only(diagnose(tmp_path, body), "E209")
    assert at(d) == ("E209", P, 8, 41)  # `Plan`


def test_e210_name_too_long(tmp_path):
    name = "a" * 70
    d = only(diagnose(tmp_path, f"- **Task**: t\n  - `{name}`: text\n"), "E210")
    assert at(d) == ("E210", P, 6, 6)
    assert "70 bytes" in d.message


def test_e211_empty_length_range(tmp_path):
    d = only(diagnose(tmp_path, "- **Task**: t\n  - `a`: text, length(5..2)\n"), "E211")
    assert at(d) == ("E211", P, 6, 16)


def test_e211_min_greater_than_max(tmp_path):
    d = only(diagnose(tmp_path, "- **Task**: t\n  - `a`: int, min(10), max(1)\n"), "E211")
    assert at(d) == ("E211", P, 6, 15)


def test_e211_invalid_pattern(tmp_path):
    d = only(diagnose(tmp_path, '- **Task**: t\n  - `a`: text, pattern("([a-z]")\n'), "E211")
    assert at(d) == ("E211", P, 6, 16)


# ---------------------------------------------------------------- positions inside table cells


def test_table_cell_errors_point_inside_the_cell(tmp_path):
    body = (
        "### Task\n\n"
        "| Attribute | Type | Constraints |\n"
        "|-----------|------|-------------|\n"
        "| `a`       | strng | required   |\n"
        "| `b`       | text  | requird    |\n"
        "| `c`       | decimal(2,5) |  |\n"
    )
    diagnostics = diagnose(tmp_path, body)
    assert at(only(diagnostics, "E102")) == ("E102", P, 9, 15)  # `strng`, in the Type cell
    assert at(only(diagnostics, "E101")) == ("E101", P, 10, 23)  # `requird`, in the Constraints cell
    assert at(only(diagnostics, "E103")) == ("E103", P, 11, 25)  # the scale `5`, inside `decimal(2,5)`


# ---------------------------------------------------------------- the code table itself


def test_every_code_has_documentation():
    from compiler.codes import CODES

    for code, entry in CODES.items():
        assert entry.code == code and entry.doc and entry.name


@pytest.mark.parametrize(
    "code",
    [
        "E102",
        "E103",
        "E104",
        "E105",
        "E106",
        "E107",
        "E108",
        "E201",
        "E202",
        "E203",
        "E204",
        "E205",
        "E206",
        "E207",
        "E208",
        "E209",
        "E210",
        "E211",
    ],
)
def test_each_tested_code_is_an_error(code):
    from compiler.codes import CODES
    from compiler.diagnostics import Severity

    assert CODES[code].severity is Severity.ERROR
