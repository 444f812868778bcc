"""Rules met in session 31's reading of session 30's never-read samples (external110 to 117): values a note closes
with a clause after them, a diagram's sketch beside a sized table type, EF Core's navigation names, a heading's
name in another language, data models that say they hold no database tables, sections that add a column to an
existing table, keys typed by what refers to them, Length and Unique columns, and labelled relationship lines.
Each rule next to the ordinary input it must leave alone."""

from __future__ import annotations

from compiler.infer.datamodel import DEFAULT_RE, heading_context, stores_nothing
from tests.infer.runs import columns_of, data_model_entities, infer_run, read_model

SPEC = "# A\n\n## Key Entities\n\n- **Triage Result**: one row per call.\n"

NOTES = """# Data model

## TriageResult (table `triage_results`)

| Column | Type | Nullable | Notes |
| --- | --- | --- | --- |
| `id` | UUID | NO | PK |
| `complexity` | TEXT | NO | one of `trivial`, `moderate`, `complex` — `CHECK` enforced |
| `tier` | TEXT | YES | one of {gold, silver, bronze} or NULL |
| `owner` | TEXT | NO | one of the project's users |
| `state` | nvarchar(20) | NO | Enum: TriageState (Open, Closed) |
| `detail` | TEXT | NO | enum (see below) |
| `confidence` | NUMERIC(3,2) | YES | present iff reason ∈ {triage, default-fallback} |
"""


def test_values_a_note_names_after_one_of_are_an_enum_wherever_the_note_goes_on():
    columns = columns_of(read_model(NOTES)["TriageResult"])
    assert columns["complexity"].type == "enum(trivial, moderate, complex)"
    assert columns["tier"].type == "enum(gold, silver, bronze)"
    assert columns["state"].type == "enum(Open, Closed)"
    assert columns["owner"].type == "text"  # `one of` over words, not values
    assert columns["detail"].type == "text"  # an enum whose values the note does not give


def test_the_word_default_inside_a_value_is_no_default():
    columns = columns_of(read_model(NOTES)["TriageResult"])
    assert columns["confidence"].default is None
    assert DEFAULT_RE.search("Default: 5").group("value") == "5"
    assert DEFAULT_RE.search("one of `default-fallback`, `manual`") is None


def test_a_diagrams_unsized_type_takes_the_size_its_table_gives():
    sketched = NOTES + "\n```mermaid\nerDiagram\n    TRIAGE_RESULTS {\n        uuid id PK\n        numeric confidence\n    }\n```\n"
    entities = data_model_entities_for(sketched)
    assert columns_of(entities["Triage Result"])["confidence"].type == "decimal(3, 2)"


def data_model_entities_for(data_model: str) -> dict:
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        return data_model_entities(Path(tmp), data_model, key_entities="- **Triage Result**: one row per call.\n")


# -- EF Core: `HasOne(i => i.AssignedUser)` names a navigation, not an entity

EF = """# Data model

### User

| Field | Type | Required | Notes |
| --- | --- | --- | --- |
| Id | int | ✅ | PK |
| Name | nvarchar(100) | ✅ | |

### IssueReport

| Field | Type | Required | Notes |
| --- | --- | --- | --- |
| Id | int | ✅ | PK |
| AssignedUserId | int | ✅ | FK to User |
| ReviewerId | int | ✅ | Reviewer |

```csharp
public class IssueReportConfiguration : IEntityTypeConfiguration<IssueReport>
{
    public void Configure(EntityTypeBuilder<IssueReport> builder)
    {
        builder.Property(i => i.AssignedUserId).IsRequired();
        builder.Property(i => i.ReviewerId).IsRequired();
        builder.HasOne(i => i.AssignedUser).WithMany().HasForeignKey(i => i.AssignedUserId);
        builder.HasOne(i => i.User).WithMany().HasForeignKey(i => i.ReviewerId);
    }
}
```
"""


def test_a_navigation_name_gives_way_to_the_entity_another_source_names(tmp_path):
    entities = data_model_entities(tmp_path, EF, key_entities="- **User**: a user.\n- **IssueReport**: a report.\n")
    columns = columns_of(entities["IssueReport"])
    assert columns["assigned_user_id"].references == "User"  # `FK to User`, not a table `AssignedUser`
    assert columns["reviewer_id"].references == "User"  # a navigation named after its entity still names it
    assert "AssignedUser" not in entities


# -- `### 1. LineBinding (LINE 綁定記錄)` in the data model, `**LINE 綁定記錄**` in the spec

NATIVE_SPEC = "# A\n\n## Key Entities\n\n- **LINE 綁定記錄**: 儲存使用者與 LINE 帳號的對應關係\n"
NATIVE_MODEL = """# 資料模型

### 1. LineBinding (LINE 綁定記錄)

| 屬性 | 型別 | 必填 | 說明 |
|------|------|------|------|
| `Id` | `int` | ✅ | 主鍵 |
| `LineUserId` | `string` | ✅ | LINE 使用者識別碼 |

```csharp
public class LineBindingConfiguration : IEntityTypeConfiguration<LineBinding>
{
    public void Configure(EntityTypeBuilder<LineBinding> builder)
    {
        builder.ToTable("LineBindings");
        builder.Property(lb => lb.LineUserId).IsRequired().HasMaxLength(50);
    }
}
```
"""


def test_a_heading_that_gives_the_specs_name_in_parentheses_is_that_entity(tmp_path):
    run = infer_run(tmp_path, [("001-line", NATIVE_SPEC, NATIVE_MODEL)])["001-line"]
    action, entity = run["LINE 綁定記錄"]
    assert action == "type" and {"id", "line_user_id"} <= set(columns_of(entity))
    assert "LineBinding" not in run


EXISTING = """# Data model

### Users (現有表)

| Field | Type | Notes |
| --- | --- | --- |
| id | int | PK |
| name | nvarchar(50) | |

### Roles (現有表)

| Field | Type | Notes |
| --- | --- | --- |
| id | int | PK |
| title | nvarchar(50) | |
"""


def test_a_note_several_headings_share_joins_no_entities(tmp_path):
    entities = data_model_entities(tmp_path, EXISTING, key_entities="- **User**: a user.\n- **Role**: a role.\n")
    assert "name" in columns_of(entities["User"]) and "title" not in columns_of(entities["User"])
    assert "title" in columns_of(entities["Role"])


def test_a_later_feature_extends_the_entity_by_the_name_its_spec_declared(tmp_path):
    later_spec = "# B\n\n## Key Entities\n\n- **LineBinding(LINE 綁定關聯)**: 擴充\n"
    later_model = "# 資料模型\n\n### 1. LineBinding (LINE 綁定記錄)\n\n| 屬性 | 型別 | 必填 | 說明 |\n|---|---|---|---|\n"
    later_model += "| `Id` | `int` | ✅ | 主鍵 |\n| `LineUserId` | `string` | ✅ | 識別碼 |\n| `BoundAt` | `datetime` | ✅ | 綁定時間 |\n"
    run = infer_run(tmp_path, [("001-line", NATIVE_SPEC, NATIVE_MODEL), ("002-line", later_spec, later_model)])
    action, entity = run["002-line"]["LINE 綁定記錄"]
    assert action == "add" and [c.name for c in entity.columns] == ["bound_at"]  # `*(extends)*` of what 001 declared


# -- what a data model says of itself: no database tables


def test_a_data_model_that_says_it_holds_no_database_tables_stores_nothing():
    text = "# Data Model\n\nThis captures configuration objects and the refactor ledger — not database tables.\n\n## Entity 1\n"
    assert stores_nothing(text, heading_context(text))
    text = "# Data Model\n\nWhile this feature doesn't introduce database entities directly, it sets up the repo.\n\n## A\n"
    assert stores_nothing(text, heading_context(text))
    text = "# Data Model\n\nThree database tables hold the feature's records.\n\n## Entity 1\n"
    assert stores_nothing(text, heading_context(text)) is None


# -- `### 4. IssueReport (問題回報單 - 新增欄位)`: a column added to a table declared elsewhere

ADDED = """# 資料模型

### 1. LineMessageLog

| 欄位名稱 | 資料型別 | 必填 | 說明 |
|---------|---------|-----|------|
| `Id` | `int` | ✅ | 主鍵 |
| `IssueReportId` | `int` | ❌ | 關聯的回報單 ID,外鍵關聯至 `IssueReport.Id` |

### 2. IssueReport (問題回報單 - 新增欄位)

| 欄位名稱 | 資料型別 | 必填 | 說明 |
|---------|---------|-----|------|
| `Source` | `string` | ✅ | 建立來源 |
"""


def test_a_section_that_adds_a_column_is_a_table_whatever_its_name_says(tmp_path):
    entities = data_model_entities(tmp_path, ADDED, key_entities="- **LineMessageLog**: 訊息日誌\n- **IssueReport**: 回報單\n")
    report = entities["IssueReport"]
    assert report.stored
    # its key is the integer the column that refers to it holds, not the project's default uuid
    assert columns_of(report)["id"].type == "integer" and columns_of(report)["id"].primary_key
    assert columns_of(entities["LineMessageLog"])["issue_report_id"].references == "IssueReport"


def test_a_report_section_without_a_key_or_a_change_marker_is_still_no_table():
    model = read_model(ADDED.replace(" (問題回報單 - 新增欄位)", ""))
    assert not model["IssueReport"].stored


# -- `| 長度 |` and `| 唯一 |` columns; `- **X (多對一)**: `A.b` → `X.c``

SIZED = """# 資料模型

### LineBinding

| 屬性 | 型別 | 長度 | 必填 | 唯一 | 說明 |
|------|------|------|------|------|------|
| `Id` | `int` | - | ✅ | ✅ | 主鍵 |
| `LineUserId` | `string` | 50 | ✅ | ✅ (Unique Index) | 識別碼 |
| `Amount` | `decimal` | 18,2 | ✅ | ❌ | 金額 |
| `Note` | `string` | - | ❌ | ❌ | 備註 |

### LineSession

| 屬性 | 型別 | 長度 | 必填 | 唯一 | 說明 |
|------|------|------|------|------|------|
| `Id` | `int` | - | ✅ | ✅ | 主鍵 |
| `OwnerId` | `int` | - | ✅ | ❌ | 所屬綁定 |
| `LineUserId` | `string` | 50 | ✅ | ❌ | 識別碼 |

#### 關聯

- **LineBinding (多對一)**: `LineSession.OwnerId` → `LineBinding.Id`
- **LineBinding (多對一)**: `LineSession.LineUserId` → `LineBinding.LineUserId`
"""


def test_length_and_unique_columns_size_and_mark_the_field():
    columns = columns_of(read_model(SIZED)["LineBinding"])
    assert columns["line_user_id"].type == "string(50)" and columns["line_user_id"].unique
    assert columns["amount"].type == "decimal(18, 2)" and not columns["amount"].unique
    assert columns["note"].type == "text" and not columns["note"].unique


def test_a_labelled_relationship_line_makes_a_key_and_names_a_column_that_is_not_the_key():
    columns = columns_of(read_model(SIZED)["LineSession"])
    assert columns["owner_id"].references == "LineBinding" and columns["owner_id"].references_column is None
    assert columns["line_user_id"].references == "LineBinding" and columns["line_user_id"].references_column == "line_user_id"


# -- values in full-width parentheses; Chinese `如` (for instance) before examples

WIDE = """# 資料模型

### LinePushLog

| 屬性 | 型別 | 必填 | 說明 |
|------|------|------|------|
| `Id` | `int` | ✅ | 主鍵 |
| `Status` | `string` | ✅ | 推送狀態（Success, Failed, Retrying） |
| `FileType` | `string` | ❌ | MIME 類型（如 application/pdf, image/png） |
"""


def test_values_in_full_width_parentheses_are_values_and_examples_are_not():
    columns = columns_of(read_model(WIDE)["LinePushLog"])
    assert columns["status"].type == "enum(Success, Failed, Retrying)"
    assert not (columns["file_type"].type or "").startswith("enum")


# -- `## 1. DispatchTarget (enum)` over a fenced string union; a column `one of DispatchTarget enum`

UNION = """# Data model

## 1. DispatchTarget (enum)

A string literal union.

```text
"inline" | "daemon" | "shared-runner"
```

## 2. DispatchReason (enum)

```text
"label"     -- explicit label applied
"keyword"   -- keyword classifier matched
```

## 3. Execution (table `executions`)

| Column | Type | Nullable | Notes |
| --- | --- | --- | --- |
| `id` | UUID | NO | PK |
| `dispatch_target` | TEXT | NO | one of DispatchTarget enum |
| `dispatch_reason` | TEXT | NO | FR-013 — one of DispatchReason enum |
| `dispatch_note` | TEXT | YES | why DispatchTarget was chosen |
"""


def test_a_column_that_names_an_enum_fenced_above_takes_its_values():
    columns = columns_of(read_model(UNION)["Execution"])
    assert columns["dispatch_target"].type == "enum(inline, daemon, 'shared-runner')"
    assert columns["dispatch_reason"].type == "enum(label, keyword)"
    assert columns["dispatch_note"].type == "text"  # names the enum, says nothing of holding one of its values


# -- what review found the first versions of these rules did to ordinary notes

REVIEWED = """# Data model

## Account

| Field | Type | Unique | Length | Notes |
| --- | --- | --- | --- | --- |
| `id` | uuid | Yes | - | PK |
| `username` | string | Yes (per tenant_id) | 40 | must not be one of 'admin', 'root' |
| `subject_id` | string | No | - | id of a row in one of `posts`, `comments` |
| `currency` | string | No | 3 | ISO 4217 code, one of `USD`, `EUR` at launch; more later |
| `status_label` | string | No | - | localized label for the Status enum (Open, Closed) |
| `legacy_code` | varchar(10) | No | - | enum [TBD, pending-review] |
| `price` | decimal | No | 9 | money |
| `phase` | string | No | - | 階段（詳見下方說明, 共五種） |
| `status` | string | No | - | 狀態（Open, Closed） |
"""


def test_the_values_rules_leave_negations_places_open_lists_mentions_and_placeholders_alone():
    columns = columns_of(read_model(REVIEWED)["Account"])
    for name in ("username", "subject_id", "currency", "status_label", "legacy_code", "phase"):
        assert not (columns[name].type or "").startswith("enum"), name
    assert columns["status"].type == "enum(Open, Closed)"


def test_size_and_uniqueness_columns_leave_what_they_cannot_say_alone():
    columns = columns_of(read_model(REVIEWED)["Account"])
    assert columns["price"].type == "decimal"  # a lone number is no precision and scale
    assert not columns["username"].unique  # unique per tenant, not alone
    assert columns["username"].type == "string(40)"


def test_a_labelled_flow_line_is_no_key():
    text = SIZED.replace(
        "- **LineBinding (多對一)**: `LineSession.OwnerId` → `LineBinding.Id`", "- **Flow**: `LineSession.Note` → `LineBinding`"
    )
    text = text.replace("| `OwnerId` | `int` | - | ✅ | ❌ | 所屬綁定 |", "| `Note` | `string` | - | ✅ | ❌ | 備註 |")
    columns = columns_of(read_model(text)["LineSession"])
    assert columns["note"].references is None


def test_a_legacy_table_name_joins_no_two_entities(tmp_path):
    data_model = "# Data model\n\n## Workspace (`teams`)\n\n| Field | Type |\n| --- | --- |\n| id | uuid |\n| name | text |\n"
    run = infer_run(tmp_path, [("001-a", "# A\n\n## Key Entities\n\n- **Workspace**: a space.\n- **Team**: people.\n", data_model)])
    assert {"Workspace", "Team"} <= set(run["001-a"])


def test_a_default_followed_by_a_long_run_of_spaces_is_read_at_once():
    # (quadratic before: some 150 s at 50,000 spaces; a hang at this length)
    assert DEFAULT_RE.search("default" + " " * 200_000) is None
    assert DEFAULT_RE.search("default" + " " * 200_000 + "5").group("value") == "5"
