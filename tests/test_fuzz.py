"""Property tests: random Markdown around a Key Entities section, random
attribute lines, random type expressions from the grammar's alphabet.

- no exception escapes compilation (only diagnostics);
- compiling twice gives identical diagnostics and outputs;
- a spec that compiles without errors yields a schema.sql that pglast
  (PostgreSQL's own parser) accepts.

The default run keeps examples modest; `pytest -m slow tests/test_fuzz.py`
or `python bench/fuzz_long.py` runs the long campaign.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compiler.config import Settings
from compiler.diagnostics import Diagnostics
from compiler.emit import emit_all
from compiler.frontend import parse_spec
from compiler.passes import compile_specs

EMITTERS = ["postgres", "data-model"]

TYPE_TOKENS = [
    "uuid",
    "UUID",
    "string",
    "String",
    "varchar",
    "VARCHAR",
    "text",
    "char",
    "int",
    "integer",
    "bigint",
    "smallint",
    "decimal",
    "numeric",
    "float",
    "double",
    "real",
    "bool",
    "boolean",
    "date",
    "time",
    "timestamp",
    "timestamptz",
    "datetime",
    "interval",
    "json",
    "jsonb",
    "bytes",
    "email",
    "url",
    "enum",
    "User",
    "Task",
    "users",
    "Guid",
    "(",
    ")",
    "(",
    ")",
    ",",
    ",",
    "[]",
    "[",
    "]",
    "{",
    "}",
    "|",
    ":",
    ";",
    ".",
    "..",
    "->",
    "→",
    "=",
    "'",
    '"',
    "`",
    "0",
    "1",
    "2",
    "10",
    "200",
    "-1",
    "3.5",
    "99999999999",
    "a",
    "b",
    "todo",
    "done",
    "'x'",
    "'it''s'",
    '"q"',
    "required",
    "optional",
    "nullable",
    "not",
    "null",
    "primary",
    "key",
    "pk",
    "PK",
    "FK",
    "fk",
    "to",
    "unique",
    "indexed",
    "index",
    "default",
    "now",
    "true",
    "false",
    "references",
    "on",
    "delete",
    "update",
    "cascade",
    "restrict",
    "set",
    "no",
    "action",
    "check",
    "as",
    "min",
    "max",
    "length",
    "pattern",
    "was",
    "one",
    "of",
    "chars",
    "where",
    "select",
    "from",
    "drop",
    "table",
    "$$",
    "$t$",
    "--",
    "/*",
    "*/",
    "\\",
    "\n",
    "\x00",
    "\u200f",
    "length(title)",
    "> 0",
    "is",
    "foreign",
]

ENTITY_LINES = [
    "indexes:",
    "index:",
    "unique:",
    "check:",
    "primary key:",
    "table:",
    "relationships:",
    "soft delete",
    "belongs to",
    "has many",
    "many to many",
]

name_chars = st.characters(blacklist_categories=("Cs",), blacklist_characters="\r")
names = st.one_of(
    st.sampled_from(["id", "title", "user_id", "status", "due_date", "Task", "User", "select", "a b", "x'y", "", "`", "**"]),
    st.text(name_chars, min_size=0, max_size=12),
)
type_exprs = st.lists(st.sampled_from(TYPE_TOKENS), min_size=0, max_size=12).map(" ".join)
descriptions = st.one_of(st.just(""), st.text(name_chars, max_size=30))


@st.composite
def attribute_lines(draw):
    kind = draw(st.integers(0, 9))
    if kind == 0:
        return f"{draw(st.sampled_from(ENTITY_LINES))} {draw(type_exprs)}"
    name = draw(names)
    style = draw(st.sampled_from(["`{n}`: {t}", "**{n}**: {t}", "{n}: {t}", "`{n}` ({t}): d", "`{n}`: {t} — {d}", "| {n} | {t} | {d} |"]))
    return style.format(n=name, t=draw(type_exprs), d=draw(descriptions))


@st.composite
def entities(draw):
    name = draw(st.one_of(st.sampled_from(["User", "Task", "Tag", "Comment", "User Account"]), names))
    marker = draw(st.sampled_from(["", " *(external)*", " *(external: users)*", " *(extends)*", " (modified)"]))
    lines = draw(st.lists(attribute_lines(), max_size=6))
    head = draw(st.sampled_from(["- **{n}**{m}: {d}", "### {n}{m}\n\n{d}\n", "**{n}**{m}\n", "- {n}: {d}"]))
    body = "".join(f"  - {line}\n" if not line.startswith("|") else f"{line}\n" for line in lines)
    if head.startswith("###"):
        body = "".join(f"- {line}\n" if not line.startswith("|") else f"{line}\n" for line in lines)
    return head.format(n=name, m=marker, d=draw(descriptions)) + "\n" + body


@st.composite
def specs(draw):
    heading = draw(
        st.sampled_from(
            [
                "## Key Entities",
                "### Key Entities *(include if feature involves data)*",
                "## Entities",
                "## 5. Key entities",
                "### Entidades Clave",
                "## Data Model",
                "# Key Entities",
                "## Nothing",
            ]
        )
    )
    before = draw(st.text(name_chars, max_size=40))
    after = draw(
        st.sampled_from(["", "\n## Success Criteria\n\n- done\n", "\n```sql\nDROP TABLE x;\n```\n", "\n| a | b |\n|---|---|\n| 1 | 2 |\n"])
    )
    body = "\n".join(draw(st.lists(entities(), max_size=4)))
    noise = draw(st.sampled_from(["", "\r\n", "\t", "> quote\n", "<!-- c -->\n", "- **Unclosed\n"]))
    return f"# Feature: fuzz\n\n{before}\n\n{heading}\n\n{noise}{body}{after}"


def compile_once(text: str):
    diags = Diagnostics()
    spec = parse_spec("specs/001-fuzz/spec.md", text, diags)
    project = compile_specs([spec], Settings(), diags)
    outputs = emit_all(project, Settings(), EMITTERS) if not diags.has_errors else []
    return [str(d) for d in diags.sorted()], outputs, diags.has_errors


def _block_view(tokens) -> list[tuple]:
    """What the reader looks at in a block token: type, tag, level, first line, content."""
    return [(t.type, t.tag, t.level, t.map[0] if t.map else None, t.content) for t in tokens]


def block_reader_agrees(text: str) -> bool:
    """True when the plain-Markdown reader answered for `text` (and then it
    must give markdown-it's tokens); see tests/test_blocks.py."""
    from compiler.frontend import blocks
    from compiler.frontend.markdown import _markdown

    fast = blocks.tokens(text)
    if fast is None:
        return False
    assert _block_view(fast) == _block_view(_markdown().parse(text)), text
    return True


def check(text: str) -> bool:
    """The three properties, and that the plain-Markdown reader agrees with
    markdown-it wherever it answers; True when the spec compiled without errors."""
    block_reader_agrees(text)
    first = compile_once(text)
    second = compile_once(text)
    assert first == second
    diagnostics, outputs, has_errors = first
    if has_errors:
        assert any(" E" in d for d in diagnostics)
        return False
    import pglast

    for output in outputs:
        if output.path.endswith(".sql"):
            pglast.parse_sql(output.content)
    return True


FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FAST
@given(specs())
def test_random_specs(text):
    check(text)


@FAST
@given(type_exprs, names)
def test_random_type_expressions(type_expr, name):
    check(f"# F\n\n## Key Entities\n\n- **User**: u\n  - `id`: uuid, primary key\n- **Thing**: t\n  - `{name}`: {type_expr}\n")


@FAST
@given(st.text(name_chars, max_size=200))
def test_random_text_in_section(text):
    check(f"# F\n\n## Key Entities\n\n{text}\n")


@pytest.mark.slow
@settings(max_examples=20_000, deadline=None, suppress_health_check=list(HealthCheck))
@given(specs())
def test_random_specs_long(text):
    check(text)


# ------------------------------------------------------------- worst cases
# Completion only (no timing assertions in normal tests); bench/fuzz_long.py
# times them.


def worst_cases(scale: int = 1) -> dict[str, str]:
    """Pathological inputs, each under 1 MB at scale 10 (the bench's size);
    the test suite runs them at scale 1 and only asserts completion."""
    head = "# F\n\n## Key Entities\n\n"
    many = "".join(f"- **E{i}**: entity {i}\n  - `id`: uuid, primary key\n  - `n{i}`: string(20), required\n" for i in range(200 * scale))
    return {
        "deep_parens_check": head + "- **T**: t\n  - `x`: integer, check(" + "(" * 500 * scale + "x" + ")" * 500 * scale + ")\n",
        "deep_parens_type": head + "- **T**: t\n  - `x`: " + "(" * 2_000 * scale + ")" * 2_000 * scale + "\n",
        "unclosed_parens": head + "- **T**: t\n  - `x`: string" + "(" * 5_000 * scale + "\n",
        "long_line": head + "- **T**: " + "word " * 15_000 * scale + "\n  - `x`: text\n",
        "long_enum": head + "- **T**: t\n  - `x`: enum(" + ", ".join(f"v{i}" for i in range(2_000 * scale)) + ")\n",
        "huge_table": head
        + "### T\n\n| Field | Type | Constraints |\n|---|---|---|\n"
        + "".join(f"| f{i} | string(10) | required |\n" for i in range(1_000 * scale)),
        "ten_thousand_bullets": head + "".join(f"- **Entity{i}**: prose {i}\n" for i in range(1_000 * scale)),
        "many_typed_entities": head + many,
        "nested_lists": head + "- **T**: t\n" + "".join("  " * i + "- x\n" for i in range(50 * scale)),
        "many_headings": head + "".join(f"### E{i}\n\n- `x`: text\n\n" for i in range(500 * scale)),
        "backticks": head + "- **T**: t\n  - `x`: " + "`" * 10_000 * scale + "\n",
        "pipes": head + "- **T**: t\n  - `x`: enum: " + " | ".join(["a"] * 2_000 * scale) + "\n",
        # every row different, so no memo helps: the per-attribute cost itself
        "distinct_table_rows": head
        + "### T\n\n| Field | Type | Constraints |\n|---|---|---|\n"
        + "".join(f"| f{i} | string({i % 900 + 1}) | required, default 'v{i}' |\n" for i in range(1_000 * scale)),
        # each extension used to deep-copy the whole entity: 1,000 took 19 s (issue #13)
        "many_extends": head
        + "- **T**: t\n  - `x`: text\n"
        + "".join(f"- **T** *(extends)*: more\n  - `c{i}`: text\n" for i in range(200 * scale)),
        "distinct_attributes": head
        + "- **T**: t\n"
        + "".join(f"  - `f{i}`: decimal({i % 30 + 2},{i % 2}), default {i}, min({i}) — note {i}\n" for i in range(1_000 * scale)),
    }


@pytest.mark.parametrize("name", sorted(worst_cases()))
def test_worst_case_inputs_complete(name):
    text = worst_cases()[name]
    assert len(text.encode()) < 1_100_000
    diags = Diagnostics()
    spec = parse_spec("specs/001-worst/spec.md", text, diags)
    compile_specs([spec], Settings(), diags)


# ------------------------------------------------------------- regressions
# Found by bench/fuzz_long.py (100,000 cases): a key typed by a reference that
# leads back to its own entity made lower recurse until RecursionError.


@pytest.mark.parametrize(
    "text",
    [
        "# F\n\n## Key Entities\n\n- **User** *(external)*: \n  - `id`: User, primary key\n",
        "# F\n\n## Key Entities\n\n- **User**: u\n  - `id`: User, primary key\n- **Task**: t\n  - `owner`: User\n",
        "# F\n\n## Key Entities\n\n- **A**: a\n  - `id`: B, primary key\n- **B**: b\n  - `id`: A, primary key\n",
        "# F\n\n## Key Entities\n\n- **A** *(external)*: a\n  - `id`: B, primary key\n- **B** *(external)*: b\n  - `id`: A, primary key\n",
    ],
)
def test_regression_self_referencing_key_type(text):
    assert not check(text)
