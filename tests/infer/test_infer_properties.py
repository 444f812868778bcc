"""Properties of `spec2db infer`, on generated specs: outside the Key Entities
section the file is byte-identical (BOM, CRLF, trailing spaces, no final
newline), infer on its own output proposes nothing, and no input crashes it."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compiler.infer import infer_specs

# Prose that cannot open a fence, a heading, a list or a table: the section stays where it was put.
SAFE_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N", "Zs"), include_characters=".,;:!?()'\"/&%+=é✓日本語한국어"),
    min_size=0,
    max_size=60,
).map(lambda s: s.strip())
NAMES = st.sampled_from(["Task", "User", "Invoice Line", "Tag", "Comment", "Project", "AuditLog", "Session", "JWT Token", "Membership"])
ATTRIBUTE_PHRASES = st.sampled_from(
    [
        "unique identifier",
        "title",
        "description (optional)",
        "email address (unique)",
        "status (open, closed or archived)",
        "user reference",
        "creation timestamp",
        "due date",
        "price",
        "item count",
        "is active",
        "notes",
        "owning project",
        "weird`name",
        "名前",
        "max 200 chars title",
        "tags[]",
    ]
)


@st.composite
def entity_bullet(draw) -> str:
    name = draw(NAMES)
    description = draw(SAFE_TEXT)
    attributes = draw(st.lists(ATTRIBUTE_PHRASES, min_size=0, max_size=6, unique=True))
    style = draw(st.sampled_from(["inline", "nested", "none", "paragraph"]))
    if style == "paragraph":  # `**Name**` over a list of its facts, as some teams write entities
        facts = (
            [f"- Represents {description or 'a thing'}"]
            + ([f"- Attributes: {', '.join(attributes)}"] if attributes else [])
            + ["- Lifecycle: kept"]
        )
        return f"\n**{name}**\n" + "\n".join(facts) + "\n"
    if style == "inline" and attributes:
        return f"- **{name}**: {description}. Key attributes: {', '.join(attributes)}"
    if style == "nested" and attributes:
        return f"- **{name}**: {description}\n" + "\n".join(f"  - {a[:1].upper()}{a[1:]}" for a in attributes)
    return f"- **{name}**: {description}"


@st.composite
def spec_document(draw) -> tuple[str, str, str, str | None]:
    """(prefix, section, suffix, data-model.md or None) with the newline style applied."""
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    bom = draw(st.sampled_from(["", "\ufeff"]))
    before = draw(st.lists(SAFE_TEXT, max_size=4))
    after = draw(st.lists(SAFE_TEXT, max_size=4))
    trailing = draw(st.sampled_from(["", " ", "  "]))
    bullets = draw(st.lists(entity_bullet(), min_size=1, max_size=5))
    prefix = "# Feature Specification: Generated\n\n" + "".join(f"{line}{trailing}\n\n" for line in before) + "## Requirements\n\n"
    section = "### Key Entities\n\n" + "\n".join(bullets) + "\n\n"
    suffix = "## Success Criteria\n\n" + "".join(f"{line}{trailing}\n\n" for line in after)
    if draw(st.booleans()):
        suffix = suffix.rstrip("\n")  # no final newline
    data_model = None
    if draw(st.booleans()):
        rows = draw(
            st.lists(
                st.sampled_from(["`id` | UUID | PK", "`title` | VARCHAR(200) | NOT NULL", "`owner_id` | UUID | FK → users.id"]), max_size=3
            )
        )
        entity = draw(NAMES)
        data_model = f"# Data Model\n\n## Entities\n\n### {entity}\n\n| Field | Type | Constraints |\n|---|---|---|\n" + "".join(
            f"| {r} |\n" for r in rows
        )
    return bom + prefix.replace("\n", eol), section.replace("\n", eol), suffix.replace("\n", eol), data_model


def _infer(text: str, data_model: str | None) -> str:
    folder = Path(tempfile.mkdtemp(prefix="infer-prop-")) / "specs" / "001-generated"
    folder.mkdir(parents=True)
    spec = folder / "spec.md"
    spec.write_bytes(text.encode("utf-8"))
    if data_model is not None:
        (folder / "data-model.md").write_text(data_model, encoding="utf-8")
    (result,) = infer_specs([(spec, "spec.md")])
    return result.proposed


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec_document())
def test_outside_the_section_is_byte_identical(document):
    prefix, section, suffix, data_model = document
    proposed = _infer(prefix + section + suffix, data_model)
    assert proposed.startswith(prefix)
    assert proposed.endswith(suffix)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec_document())
def test_infer_on_its_own_output_proposes_nothing(document):
    prefix, section, suffix, data_model = document
    once = _infer(prefix + section + suffix, data_model)
    assert _infer(once, data_model) == once


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400), st.one_of(st.none(), st.text(max_size=400)))
def test_any_text_never_crashes_and_settles(spec_text, data_model):
    """Arbitrary text (fences, tables, NULs, lone CRs): no exception, and a second run changes nothing."""
    text = "## Key Entities\n\n" + spec_text
    once = _infer(text, data_model)
    assert _infer(once, data_model) == once


# Code blocks in the shapes real data models write, with their pieces shuffled: every reader takes any of them.
_PRISMA_VALUE = st.recursive(
    st.one_of(st.just('"x"'), st.just("1"), st.just("-2.5"), st.just("now"), st.just("A.b"), st.just("uuid()"), st.just("[]")),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3).map(lambda v: "[" + ", ".join(v) + "]"),
        st.tuples(st.sampled_from(["dbgenerated", "map", "sequence"]), st.lists(inner, max_size=2)).map(
            lambda t: f"{t[0]}({', '.join(t[1])})"
        ),
        inner.map(lambda v: f"name: {v}"),
    ),
    max_leaves=6,
)
_PRISMA_LINE = st.tuples(
    st.sampled_from(["id", "tags", "owner", "createdAt", "@@index", "@@unique", "@@map"]),
    st.sampled_from(["String", "Int[]", "DateTime?", "Json", "User", "Kind", 'Unsupported("x")', ""]),
    st.lists(st.tuples(st.sampled_from(["@default", "@relation", "@map", "@db.VarChar", "@id", "@unique"]), _PRISMA_VALUE), max_size=3),
).map(lambda t: f"  {t[0]} {t[1]} " + " ".join(f"{a}({v})" for a, v in t[2]))
_TOKENS = st.sampled_from(
    [
        "id",
        "name",
        ":",
        ";",
        "string",
        "int",
        "uuid",
        "REFERENCES",
        "users(id)",
        "{",
        "}",
        "(",
        ")",
        "[",
        "]",
        "<",
        ">",
        "?",
        "*",
        "chan",
        "func",
        "=",
        "'a'",
        '"b"',
        ",",
        "NOT NULL",
        "PRIMARY KEY",
        "class",
        "public",
        "get;",
        "set;",
        "@Column()",
        "Optional[",
        "list[",
        "Field(",
        "default=",
        "interface",
        "extends",
        "type",
        "|",
        "null",
        "\\|",
        "→",
        "CREATE TABLE",
        "x",
        "ON DELETE CASCADE",
    ]
)
_CODE_LINE = st.lists(_TOKENS, max_size=10).map(" ".join)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PRISMA_LINE, min_size=1, max_size=8))
def test_any_prisma_model_never_crashes(lines):
    test_any_code_block_in_a_data_model_never_crashes.hypothesis.inner_test("prisma", lines)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["prisma", "sql", "typescript", "go", "csharp", "java", "python", "mermaid", ""]),
    st.lists(st.one_of(_PRISMA_LINE, _CODE_LINE), max_size=8),
)
def test_any_code_block_in_a_data_model_never_crashes(lang, lines):
    from compiler.infer.code import read_code_blocks

    header = {"prisma": "model Rule {", "sql": "CREATE TABLE rule (", "typescript": "interface Rule {", "go": "type Rule struct {"}
    body = "\n".join([header.get(lang, "class Rule {"), *lines, "}" if lang != "sql" else ");"])
    entities, _ = read_code_blocks("data-model.md", f"# Data Model\n\n```{lang}\n{body}\n```\n")
    assert all(e.name for e in entities)
