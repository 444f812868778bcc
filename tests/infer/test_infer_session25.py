"""Rules met in session 25's reading of never-read samples: field labels with a word after them, file stores in data
models that say `no database`, date formats in Python comments. Each rule next to the ordinary input it must leave alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from compiler.diagnostics import Diagnostics
from compiler.infer import infer_specs
from compiler.infer.code import read_code_blocks
from compiler.infer.datamodel import read_data_model
from tests.infer.runs import data_model_entities

FENCE = "```"


_entities = data_model_entities


def _read(text: str) -> dict:
    return {e.name: e for e in read_data_model("data-model.md", text, Diagnostics())}


# -- field labels


@pytest.mark.parametrize("label", ["Fields used", "Fields in scope", "Columns affected", "Fields"])
def test_a_field_label_with_a_word_after_it_holds_the_fields(label):
    text = f"# Data Model\n\n## Entity: CatalogBrand (existing)\n- Purpose: taxonomy.\n- {label}:\n  - `Id` (int, PK)\n  - `Brand` (string, required)\n"
    brand = _read(text)["CatalogBrand"]
    assert [(c.name, c.type) for c in brand.columns] == [("id", "integer"), ("brand", "text")]


@pytest.mark.parametrize("label", ["Fields removed", "Fields (computed, not stored)"])
def test_a_field_label_that_says_they_go_holds_no_fields(label):
    text = f"# Data Model\n\n## Entity: CatalogBrand\n- {label}:\n  - `Legacy` (string)\n  - `Old` (int)\n"
    assert "CatalogBrand" not in _read(text)


# -- `no database`, records in files


MEETING = f"""# Data Model

{{said}}

## Entity: Meeting

One markdown file in `meetings/`.

{FENCE}python
@dataclass(frozen=True)
class Meeting:
    id: str            # m_YYYYMMDD_xxxxxxxx
    title: str
    created: str       # YYYY-MM-DDTHH:MM:SS, local naive
    updated: str       # same format
{FENCE}
"""


def test_files_that_are_the_persistent_state_are_records_though_there_is_no_database(tmp_path):
    said = "There is no database. Markdown files are the only persistent state (Principle III)."
    meeting = _entities(tmp_path, MEETING.format(said=said), "- **Meeting**: a meeting note.\n")["Meeting"]
    assert meeting.stored
    assert {c.name: c.type for c in meeting.columns} == {"id": "text", "title": "text", "created": "timestamp", "updated": "timestamp"}


def test_no_database_alone_still_stores_nothing(tmp_path):
    said = "There is no database. All state is held in memory for one run."
    meeting = _entities(tmp_path, MEETING.format(said=said), "- **Meeting**: a meeting note.\n")["Meeting"]
    assert not meeting.stored


# -- Python comments


def _code(text: str) -> dict:
    entities, _ = read_code_blocks("data-model.md", text)
    return {e.name: {c.name: c.type for c in e.columns} for e in entities}


def test_a_quoted_date_time_format_in_a_comment_types_a_str_field():
    text = f'{FENCE}python\n@dataclass\nclass Note:\n    id: str\n    created: str  # "YYYY-MM-DDTHH:MM:SS", local\n    day: str  # YYYY-MM-DD\n    updated: str  # same format\n{FENCE}\n'
    assert _code(text)["Note"] == {"id": "text", "created": "timestamp", "day": "date", "updated": "date"}


def test_same_format_follows_only_a_typed_field_above():
    text = f"{FENCE}python\n@dataclass\nclass Note:\n    day: str  # YYYY-MM-DD\n    title: str  # same format as the file name\n    label: str  # a label: shown\n{FENCE}\n"
    assert _code(text)["Note"] == {"day": "date", "title": "text", "label": "text"}


# -- CJK prose: names in code


def _prose(tmp_path: Path, key_entities: str) -> dict:
    feature = tmp_path / "specs" / "001-a"
    feature.mkdir(parents=True)
    (feature / "spec.md").write_text(f"# A\n\n## Key Entities\n\n{key_entities}")
    [result] = infer_specs([(feature / "spec.md", "specs/001-a/spec.md")])
    return {e.name: {c.name: (c.type, c.required) for c in e.columns} for e in result.entities}


def test_a_list_in_full_width_parentheses_after_cjk_words_is_the_fields(tmp_path):
    got = _prose(tmp_path, "- **Journal Scope Binding**: 用户与期刊的授权关系（user_id, journal_id, role, active）。\n")
    assert list(got["Journal Scope Binding"]) == ["user_id", "journal_id", "role", "active"]


def test_names_in_code_that_cjk_prose_adds_keep_their_spelling_and_take_the_glosss_type(tmp_path):
    got = _prose(tmp_path, "- **Task（任务）**：在现有 `id / title / done` 基础上增加可选属性 `due`（截止日期，可为空）\n")["Task"]
    assert got["done"] == ("boolean", True)  # (not the alias `completed`: the name is written in code)
    assert got["due"] == ("date", False)
    assert {"id", "title"} <= set(got)


def test_a_cjk_word_glossed_by_a_name_in_code_is_that_field(tmp_path):
    text = "- **呼叫記錄（Call Record）**：本功能把其**成本（`cost_usd`）**與**數量/單位（`quantity`/`unit`）**納入對外輸出。\n"
    got = _prose(tmp_path, text)["呼叫記錄"]
    assert got["cost_usd"][0] == "decimal(12, 2)"
    assert {"quantity", "unit"} <= set(got)


def test_slash_separated_names_after_a_cjk_list_opener_are_fields(tmp_path):
    got = _prose(tmp_path, "- **Audit Record**: 高风险操作审计，包含 before/after/reason/operator/source。\n")
    assert list(got["Audit Record"]) == ["before", "after", "reason", "operator", "source"]


@pytest.mark.parametrize(
    "text",
    [
        "- **Task（任务）**：状态为 `pending / done` 之一。\n",  # values in one span, not names of fields
        "- **Task**: A to-do item with a status such as `pending / done`.\n",  # English prose: no CJK words around
    ],
)
def test_values_in_one_code_span_are_no_fields(tmp_path, text):
    assert "pending" not in _prose(tmp_path, text).get("Task", {})


# -- a clause that adds a field; types said as a choice; counts and format versions


def test_an_existing_entity_that_gains_an_attribute_in_a_clause_gets_that_column(tmp_path):
    got = _prose(tmp_path, "- **Tag**: Existing entity; gains a `color` attribute (hex code from palette).\n")
    assert list(got["Tag"]) == ["color"]


def test_a_clause_that_gains_nothing_named_adds_no_column(tmp_path):
    got = _prose(tmp_path, "- **Order**: An order; gets a new look in the list.\n")
    assert "look" not in got.get("Order", {})


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("int or service-standard surrogate key", ("integer", False)),
        ("int or bigint", ("integer", False)),
        ("string or null", ("text", True)),
        ("one or more", (None, False)),
    ],
)
def test_a_type_written_as_a_choice_is_the_first_type(written, expected):
    from compiler.infer.typemap import canonical_type

    guess = canonical_type(written)
    assert (guess.type, guess.confident) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("n_actions", "integer"),
        ("container_format_version", "integer"),
        ("schema_version", "integer"),
        ("app_version", None),
        ("n_a", None),
    ],
)
def test_counts_written_n_things_and_format_versions_are_integers(name, expected):
    from compiler.infer import words as W

    assert (W.type_from_name(name) or (None,))[0] == expected


# -- Frappe DocType field tables

FRAPPE = """# Data Model

## Tender Content Library

| Label | Fieldname | Type | Options | Reqd |
| :--- | :--- | :--- | :--- | :--- |
| Title | `title` | Data | | 1 |
| Category | `category` | Select | Policy\\nBio\\nSpec | 1 |
| Content Body | `content` | Text Editor | | 0 |
| Section | `sb_1` | Section Break | | |
| Items | `items` | Table | Cost Item | 0 |
| Enabled | `enabled` | Check | | 0 |
| Count | `qty` | Int | | 0 |

## Cost Item

| Fieldname | Type | Options | Reqd |
|---|---|---|---|
| tender | Link | Tender Content Library | 1 |
| amount | Currency | | 1 |
"""


def test_a_frappe_field_table_names_columns_by_fieldname_and_types_them_by_frappe_type():
    library = {c.name: (c.type, c.required) for c in _read(FRAPPE)["Tender Content Library"].columns}
    assert library == {
        "name": ("string(140)", True),  # (the key Frappe gives every DocType)
        "title": ("string(140)", True),
        "category": ("enum(Policy, Bio, Spec)", True),
        "content": ("text", False),
        "enabled": ("boolean", False),
        "qty": ("integer", False),
    }  # (no column for the section break, nor for the child table's rows)


def test_a_frappe_link_is_a_key_to_the_doctype_its_options_name():
    tender = next(c for c in _read(FRAPPE)["Cost Item"].columns if c.name == "tender")
    assert tender.references == "Tender Content Library"


def test_frappe_type_words_mean_nothing_special_in_an_ordinary_field_table():
    text = (
        "# Data Model\n\n## Clip\n\n| Field | Type | Notes |\n|---|---|---|\n| payload | Data | raw bytes |\n| url | Link | where it is |\n"
    )
    clip = _read(text)["Clip"]
    assert [(c.name, c.references) for c in clip.columns if c.references or c.type == "string(140)"] == []


# -- owners no spec declares; sentences under the name; `identified by`


def test_an_owner_no_spec_declares_is_a_plain_key_and_a_user_the_external_user(tmp_path):
    got = _prose(
        tmp_path,
        "- **Secret**: A secret owned by exactly one workspace, with a name.\n- **Task**: A to-do item belonging to a user. Key attributes: title.\n",
    )
    assert got["Secret"]["workspace_id"] == ("uuid", True)
    assert "user_id" in got["Task"] and "User" in got  # (the external User its key points at)


@pytest.mark.parametrize(
    "text", ["- **Note**: A note that belongs to the past, with a title.\n", "- **Plan**: A plan owned by many teams, with a goal.\n"]
)
def test_no_owner_is_read_from_what_names_none(tmp_path, text):
    [columns] = [c for name, c in _prose(tmp_path, text).items() if name in ("Note", "Plan")]
    assert not [c for c in columns if c.endswith("_id")]


def test_sentences_nested_under_an_entity_are_read_as_its_description(tmp_path):
    text = "1. **Workspace Secret**\n   - An opaque secret resource owned by exactly one workspace.\n   - Identified by a workspace-scoped name and metadata.\n"
    assert list(_prose(tmp_path, text)["Workspace Secret"]) == ["workspace_id", "name", "metadata"]


def test_a_clause_after_identified_by_opens_with_its_own_verb(tmp_path):
    got = _prose(tmp_path, "- **Token**: A token. Identified by its name; carries a value and an expiry.\n")
    assert list(got["Token"]) == ["name", "value", "expires_at"]


# -- Django models of another app's base; `**Table**:` lines


def test_a_class_of_django_fields_is_a_model_whatever_its_base():
    text = (
        f"{FENCE}python\nclass Sample(BasePolymorphicModel):\n    VOCABULARY = Vocab.from_collection('Sample')\n"
        "    name = models.CharField(max_length=200)\n    uuid = ShortUUIDField(unique=True)\n"
        "    tags = TaggableManager(blank=True)\n    dataset = models.ForeignKey('Dataset', on_delete=models.CASCADE)\n"
        f"{FENCE}\n"
    )
    entities, _ = read_code_blocks("data-model.md", text)
    [sample] = [e for e in entities if e.name == "Sample"]
    assert sample.stored
    assert {c.name: c.type for c in sample.columns if not c.primary_key} == {
        "name": "string(200)",
        "uuid": "string(22)",
        "dataset_id": None,
    }


def test_a_plain_class_with_a_constant_stays_a_plain_class():
    entities, _ = read_code_blocks("data-model.md", f"{FENCE}python\nclass Point:\n    ORIGIN = make_point(0, 0)\n    x: int\n{FENCE}\n")
    assert [c.name for e in entities for c in e.columns] == ["x"]


def test_a_table_label_in_an_entitys_section_names_its_table():
    text = "# Data Model\n\n## Agent\n\n**Table**: `avabot_agents`\n\n#### New Columns\n\n| Column | Type |\n|---|---|\n| `name` | `varchar(260)` |\n\n## Note\n\n| Column | Type |\n|---|---|\n| `body` | text |\n"
    got = {e.name: e.table for e in read_data_model("data-model.md", text, Diagnostics())}
    assert got == {"Agent": "avabot_agents", "Note": None}


@pytest.mark.parametrize("written", ["Link (Tender Content Library)", "Link → Tender Content Library", "`Link`: Tender Content Library"])
def test_a_frappe_link_may_name_its_doctype_in_the_type_cell(written):
    text = f"# Data Model: DocTypes\n\n## Cost Item\n\n| Field | Type | Required |\n|---|---|---|\n| tender | {written} | Yes |\n"
    tender = next(c for c in _read(text)["Cost Item"].columns if c.name == "tender")
    assert (tender.type, tender.references) == ("string(140)", "Tender Content Library")


def test_a_frappe_doctype_is_keyed_by_name_unless_its_table_gives_a_key():
    text = "# Data Model: DocTypes\n\n## Company\n\n| Field | Type | Required |\n|---|---|---|\n| name | Data | Yes |\n| legal_name | Data | No |\n"
    company = _read(text)["Company"]
    assert [(c.name, c.primary_key) for c in company.columns] == [("name", True), ("legal_name", False)]


# -- what the session's review found (each an ordinary input the rules above misread at first)


def test_an_options_column_alone_makes_no_frappe_table():
    text = "# Data Model\n\n## Book\n\n| Field | Type | Link to |\n|---|---|---|\n| id | UUID | |\n| author_id | UUID | Author |\n| cover | Image | |\n"
    book = _read(text)["Book"]
    assert [(c.name, c.type) for c in book.columns][:2] == [("id", "uuid"), ("author_id", "uuid")]
    assert "name" not in {c.name for c in book.columns}


def test_an_html_doctype_line_is_no_frappe():
    text = (
        "# Data Model\n\n`<!DOCTYPE html>` pages are rendered.\n\n## Page\n\n| Field | Type |\n|---|---|\n| id | UUID |\n| link | Link |\n"
    )
    assert "name" not in {c.name for c in _read(text)["Page"].columns}


@pytest.mark.parametrize("comment", ['"UTC"', '"json"', '"date"'])
def test_a_quoted_value_in_a_comment_is_no_type(comment):
    text = f"{FENCE}typescript\ninterface Prefs {{\n  id: string;\n  setting: string; // {comment}\n}}\n{FENCE}\n"
    entities, _ = read_code_blocks("data-model.md", text)
    assert {c.name: c.type for e in entities for c in e.columns}["setting"] == "text"


def test_a_change_note_after_a_list_of_fields_keeps_the_list(tmp_path):
    got = _prose(tmp_path, "- **Group**: A group of tasks with a name and a deadline; gains an optional `color` attribute.\n")
    assert "name" in got["Group"] and not [c for c in got["Group"] if "gains" in c]


def test_upper_case_sqlalchemy_columns_are_columns():
    text = f'{FENCE}python\nclass Customer(Base):\n    __tablename__ = "CUSTOMERS"\n    CUSTOMER_ID = Column(Integer, primary_key=True)\n    NAME = Column(String(50))\n{FENCE}\n'
    assert _code(text)["Customer"] == {"customer_id": "integer", "name": "string(50)"}


def test_django_mixins_and_abstract_models_are_no_tables():
    text = (
        f"{FENCE}python\nclass TimeStamped(models.Model):\n    created = models.DateTimeField(auto_now_add=True)\n    class Meta:\n"
        "        abstract = True\n\nclass TimestampMixin:\n    updated = models.DateTimeField(auto_now=True)\n\n"
        f"class Post(TimeStamped):\n    title = models.CharField(max_length=100)\n{FENCE}\n"
    )
    entities, _ = read_code_blocks("data-model.md", text)
    assert sorted(e.name for e in entities if e.stored) == ["Post"]


def test_a_table_label_under_a_join_heading_names_no_entitys_table():
    text = "# Data Model\n\n## Post\n\n### Tags (many-to-many)\n\n**Table**: `post_tags`\n\n## Tag\n\n| Column | Type |\n|---|---|\n| `label` | text |\n"
    assert _read(text)["Tag"].table is None


@pytest.mark.parametrize(
    ("text", "column"),
    [
        ("- **Group**: A group owned by a single workspace, with a name.\n", "workspace_id"),
        ("- **Group**: A group owned by a specific organization, with a name.\n", "organization_id"),
    ],
)
def test_an_owner_key_leaves_the_adjectives_out(tmp_path, text, column):
    assert column in _prose(tmp_path, text)["Group"]


def test_no_owner_key_to_a_day(tmp_path):
    assert not [c for c in _prose(tmp_path, "- **Quota**: A limit scoped to a single day, with a count.\n")["Quota"] if c.endswith("_id")]


@pytest.mark.parametrize(
    "text", ["- **Key**: 主键类型（`UUID`），存储于数据库（`PostgreSQL`）。\n", "- **Export**: 导出格式（`PDF`/`PNG`）。\n"]
)
def test_upper_case_code_in_cjk_glosses_is_no_field(tmp_path, text):
    assert not _prose(tmp_path, text).get(text.split("**")[1], {})


def test_a_glossed_code_name_in_a_cjk_list_is_one_column(tmp_path):
    got = _prose(tmp_path, "- **Record**: 记录，包含成本（`cost_usd`）、名称（`title`）。\n")["Record"]
    assert set(got) == {"cost_usd", "title"}


def test_events_in_one_code_span_and_renames_are_no_fields(tmp_path):
    got = _prose(tmp_path, "- **Event**: 事件类型为 `created / updated / deleted`；将字段 `name` 重命名为 `title`，包含 `summary_text`。\n")
    assert "created" not in got.get("Event", {}) and "name" not in got.get("Event", {})


def test_a_glosss_words_are_no_values_and_a_sure_name_keeps_its_type(tmp_path):
    got = _prose(tmp_path, "- **Task（任务）**：增加字段 `priority`（优先级，1-5），增加字段 `remind_at`（提醒日期）。\n")["Task"]
    assert not (got["priority"][0] or "").startswith("enum") and got["remind_at"][0] == "timestamp"


@pytest.mark.parametrize(
    "text",
    [
        "- **Link**: A magic link. Identified by a random token and expires after 30 minutes.\n",
        "- **Seat**: Identified by the combination of student and date.\n",
    ],
)
def test_identified_by_a_clause_lists_nothing(tmp_path, text):
    got = _prose(tmp_path, text)
    assert not [c for cols in got.values() for c in cols if "minutes" in c or "combination" in c]


def test_a_sentence_about_a_field_nested_under_an_entity_stays_a_field_note(tmp_path):
    text = "- **Invoice**\n  - Total amount charged, in cents, including tax.\n  - Stores the user's preferred language and time zone.\n"
    assert not [c for c in _prose(tmp_path, text).get("Invoice", {}) if c in ("tax", "user_s_preferred_language")]


def test_doctype_headings_name_their_doctypes():
    text = (
        "# Data Model\n\n### DocType: Customer\n\n| Fieldname | Type | Reqd |\n|---|---|---|\n| customer_name | Data | 1 |\n\n"
        "### DocType: Sales Order\n\n| Fieldname | Type | Options | Reqd |\n|---|---|---|---|\n| customer | Link | Customer | 1 |\n"
    )
    got = _read(text)
    assert set(got) == {"Customer", "Sales Order"}
    assert next(c for c in got["Sales Order"].columns if c.name == "customer").references == "Customer"
