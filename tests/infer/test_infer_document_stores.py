"""Data models met in session 23: document stores (`### Container: Worlds`, system fields such as `_etag`),
field bullets described in words only, a store that keeps nothing in a first iteration and persists later, and an
overview's Source column naming a database table. Each rule next to the ordinary input it must leave alone."""

from __future__ import annotations

from pathlib import Path

from compiler.infer import infer_specs
from compiler.infer import words as W
from tests.infer.runs import infer_run

_run = infer_run


def _entities(tmp_path: Path, data_model: str, key_entities: str = "- **Thing**: something kept.\n") -> dict:
    """One feature: its stored entities by name."""
    [run] = _run(tmp_path, [("001-a", f"# A\n\n## Key Entities\n\n{key_entities}", data_model)]).values()
    return {name: entity for name, (_, entity) in run.items() if entity.stored}


def _types(entity) -> dict[str, str | None]:
    return {c.name: c.type for c in entity.columns}


# -- document stores

CONTAINERS = """# Data Model

## Cosmos DB Container Strategy

### Container: `Worlds`

| Property | Type | Description |
| -------- | ---- | ----------- |
| `id` | `string` (GUID) | Unique world identifier |
| `Name` | `string` | World name |
| `_etag` | `string` | Cosmos DB ETag for optimistic concurrency |

### Container: `WorldEntities`

| Property | Type | Description |
| -------- | ---- | ----------- |
| `id` | `string` (GUID) | Unique entity identifier |
| `WorldId` | `string` (GUID) | Parent world identifier |
| `Name` | `string` | Entity name |
| `_ts` | `number` | Last write, kept by the store |
"""


def test_a_container_heading_names_its_table_and_system_fields_stay_out(tmp_path):
    entities = _entities(tmp_path, CONTAINERS, "- **World**: a world.\n- **WorldEntity**: anything within a world.\n")
    assert set(entities) == {"World", "WorldEntity"}
    assert set(_types(entities["World"])) == {"id", "name"}
    assert set(_types(entities["WorldEntity"])) == {"id", "world_id", "name"}


def test_a_store_label_names_one_identifier_only():
    from compiler.infer.datamodel import STORE_LABEL_RE

    assert STORE_LABEL_RE.match("Collection: users") and STORE_LABEL_RE.match("Container: `Worlds`")
    assert STORE_LABEL_RE.match("Collection: `notes`").group("ticked") == "notes"
    assert STORE_LABEL_RE.match("Collection Item") is None  # an entity called CollectionItem
    assert STORE_LABEL_RE.match("Container: Docker container on a host") is None  # a Container, described
    assert STORE_LABEL_RE.match("Collection: Saved items") is None and STORE_LABEL_RE.match("Container: Runtime") is None


def test_an_entity_suffix_joined_to_the_name_keeps_the_entity_apart():
    assert W.entity_key("WorldEntity") == W.entity_key("WorldEntities") != W.entity_key("World")
    assert W.entity_key("User Entity") == W.entity_key("user_entity") == W.entity_key("User") == "user"
    assert W.entity_key("UserTable") == "user"
    # a persistence class named after its record (JPA's `MemoryEntryEntity` for `MemoryEntry`) is that record
    assert W.entity_key("MemoryEntryEntity") == W.entity_key("MemoryEntry")


# -- fields described in words

DESCRIBED = """# Data Model

## Entities

### Rack

- **Description**: A storage unit represented by one photo.
- **Attributes**:
  - **id**: Unique identifier (e.g. UUID).
  - **name**: User-facing name.
  - **location**: Optional free text (e.g. "Garage", "Room 2").
  - **photoUri** (or equivalent): Reference to stored image.
  - **tags**: Optional list of strings for grouping.
  - **createdAt** / **updatedAt**: Optional timestamps for ordering.
- **Relationships**: Has many shelf slots.

## Persistence

- **First iteration**: In-memory only; no persistence. Mock data for the UI.
- **Later**: Local persistence (full CRUD for Rack); then a remote store.
"""


def test_bold_fields_described_in_words_are_read_and_typed_from_them(tmp_path):
    rack = _entities(tmp_path, DESCRIBED, "- **Rack**: a storage unit.\n")["Rack"]
    assert _types(rack) == {
        "id": "uuid",
        "name": "string(200)",
        "location": "text",
        "photo_uri": "url",
        "tags": "text[]",
        "created_at": "timestamp",
        "updated_at": "timestamp",
    }
    required = {c.name: c.required for c in rack.columns}
    assert required["location"] is False and required["tags"] is False and required["created_at"] is False


def test_a_store_that_persists_after_its_first_iteration_keeps_tables(tmp_path):
    assert "Rack" in _entities(tmp_path / "a", DESCRIBED, "- **Rack**: a storage unit.\n")
    only_memory = DESCRIBED.replace("- **Later**: Local persistence (full CRUD for Rack); then a remote store.\n", "")
    assert "Rack" not in _entities(tmp_path / "b", only_memory, "- **Rack**: a storage unit.\n")
    # a later phase that keeps nothing either is no persistence
    later_ui = DESCRIBED.replace("Local persistence (full CRUD for Rack); then a remote store.", "A nicer UI.")
    assert "Rack" not in _entities(tmp_path / "c", later_ui, "- **Rack**: a storage unit.\n")


# -- an overview's Source column

SOURCED = """# Data Model

## Entity Overview

| Entity | Purpose | Source |
|--------|---------|--------|
| ConfigFile | Settings file | `$WORKSPACE/configs/*.toml` |
| Execution | A task run | `app.db` executions テーブル |

### ConfigFile

```python
from pydantic import BaseModel

class ConfigFile(BaseModel):
    name: str
    body: str
```

### Execution

```python
from pydantic import BaseModel
from datetime import datetime

class Execution(BaseModel):
    execution_id: str
    prompt: str
    created_at: datetime
```
"""


def test_a_source_column_that_names_a_database_table_makes_a_table(tmp_path):
    entities = _entities(tmp_path, SOURCED, "- **Execution**: a task run.\n- **ConfigFile**: a settings file.\n")
    assert "ConfigFile" not in entities  # a file is where its data comes from, no table
    assert entities["Execution"].table == "executions"
    assert set(_types(entities["Execution"])) == {"execution_id", "prompt", "created_at"}


def test_a_source_column_that_names_no_database_says_nothing(tmp_path):
    text = SOURCED.replace("`app.db` executions テーブル", "user input")
    assert "Execution" not in _entities(tmp_path, text, "- **Execution**: a task run.\n")


# -- CJK data models of file stores (frago, singular-blockly)

RUNS = """# Data Model: Run命令系统

## 核心实体

### 1. RunInstance（Run实例）

| 字段 | 类型 | 必需 | 描述 | 验证规则 |
|------|------|------|------|---------|
| `run_id` | str | ✅ | 主题slug | 1-50字符 |
| `status` | enum | ✅ | 状态：active/archived | 枚举值 |
| `action_type` | enum | ✅ | 操作类型 | 3种预定义值（见下） |

**action_type 枚举值**：
1. `navigation` - 页面导航
2. `extraction` - 数据提取
3. `other` - 其他

### 2. CurrentRunContext（当前Run上下文）

**描述**：全局配置文件，存储当前工作的 run 实例信息。

| 字段 | 类型 | 必需 | 描述 | 验证规则 |
|------|------|------|------|---------|
| `run_id` | str | ✅ | 当前run的ID | 有效的run_id |

## 性能考虑

### Run 实例发现
- **缓存策略**：扫描 `runs/` 目录，缓存5秒
- **懒加载元数据**：列出 run 列表时不读取完整日志
"""


def test_values_after_a_label_and_in_a_labelled_list_type_an_enum(tmp_path):
    runs = _entities(tmp_path, RUNS, "- **RunInstance**: one run.\n")["RunInstance"]
    assert _types(runs) == {
        "run_id": "text",
        "status": "enum(active, archived)",
        "action_type": "enum(navigation, extraction, other)",
    }


def test_a_cjk_description_label_and_a_performance_section_declare_no_table(tmp_path):
    entities = _entities(tmp_path, RUNS, "- **RunInstance**: one run.\n")
    assert set(entities) == {"RunInstance"}  # a configuration file, and a section about speed


BLOCKS = """# 資料模型

### CustomBlockDefinition（自訂積木 JSON 檔案格式）

| 欄位          | 型態                  | 必填 | 說明                       | 驗證規則          |
| ------------- | --------------------- | ---- | -------------------------- | ----------------- |
| `type`        | `string`              | ✅   | 積木類型識別碼（唯一鍵）   | 正則              |
| `colour`      | `number`              | ✅   | 積木顏色（HSV hue 0-360）  | 整數，範圍 0-360  |
| `shape`       | `string`              | ✅   | `"statement"` \\| `"value"` | 列舉值            |
| `arduino`     | `ArduinoTemplate`     | ❌   | Arduino 程式碼模板         | —                 |
| `micropython` | `MicroPythonTemplate` | ❌   | MicroPython 程式碼模板     | —                 |

### ArduinoTemplate（Arduino 程式碼模板）

| 欄位        | 型態       | 必填 | 說明       |
| ----------- | ---------- | ---- | ---------- |
| `code`      | `string`   | ✅   | 程式碼模板 |

### MicroPythonTemplate（MicroPython 程式碼模板）

| 欄位        | 型態       | 必填 | 說明       |
| ----------- | ---------- | ---- | ---------- |
| `code`      | `string`   | ✅   | 程式碼模板 |

### CustomBlockLoadResult（載入結果包裝）

| 欄位         | 型態                    | 說明           |
| ------------ | ----------------------- | -------------- |
| `definition` | `CustomBlockDefinition` | 驗證通過的定義 |
| `filePath`   | `string`                | 檔案路徑       |
"""


def test_a_traditional_chinese_type_header(tmp_path):
    alone = BLOCKS[: BLOCKS.index("### CustomBlockLoadResult")]
    entities = _entities(tmp_path, alone, "- **CustomBlockDefinition**: 一份自訂積木的完整定義\n")
    assert _types(entities["CustomBlockDefinition"]) == {
        "type": "text",
        "colour": "integer",
        "shape": "enum(statement, value)",
        "arduino": "jsonb",
        "micropython": "jsonb",
    }
    assert "ArduinoTemplate" not in entities  # a value folded into its holder


def test_a_keyless_record_only_a_result_holds_is_no_table(tmp_path):
    entities = _entities(tmp_path, BLOCKS, "- **CustomBlockDefinition**: 一份自訂積木的完整定義\n")
    assert "CustomBlockDefinition" not in entities and "CustomBlockLoadResult" not in entities


def test_names_of_ports_hosts_and_switches():
    assert W.type_from_name("port") == W.type_from_name("smtp_port") == ("integer", True)
    assert W.type_from_name("departure_port") is None and W.type_from_name("serial_port") is None  # a harbour, a device
    assert W.type_from_name("db_host") == ("string(255)", True) and W.type_from_name("host") == ("string(255)", False)
    assert W.type_from_name("hide_clock") == W.type_from_name("enable_sync") == ("boolean", False)
    # a switch's name that ends in what it is: a time, a date, a count, a title, a reason, a list
    assert W.type_from_name("show_time")[0] == "timestamp" and W.type_from_name("enable_date")[0] == "date"
    assert W.type_from_name("show_count")[0] == "integer" and W.type_from_name("show_title")[0].startswith("string")
    assert W.type_from_name("disable_reason")[0] == "text"
    assert W.type_from_name("allow_list") is None and W.type_from_name("hide_after") is None
    assert W.type_from_name("allowed_operations") is None


# -- C# properties a section adds to its entity

LOOSE = """# Data Model

## Entity Changes

### WorldEntity (MODIFY)

**New State**:

```csharp
/// <summary>
/// Gets the UTC timestamp when this entity was soft-deleted.
/// </summary>
public DateTime? DeletedDate { get; private set; }

public string? DeletedBy { get; private set; }
```

### DeleteOperation

```csharp
public class DeleteOperation
{
    public Guid Id { get; set; }
    public int TotalEntities { get; set; }
}
```
"""


def test_properties_without_a_class_are_what_the_section_entity_gains(tmp_path):
    entities = _entities(tmp_path, LOOSE, "- **WorldEntity**: anything in a world.\n- **DeleteOperation**: a delete.\n")
    assert _types(entities["WorldEntity"]) == {"deleted_date": "timestamp", "deleted_by": "text"}
    assert {c.name: c.required for c in entities["WorldEntity"].columns} == {"deleted_date": False, "deleted_by": False}
    assert set(_types(entities["DeleteOperation"])) == {"id", "total_entities"}  # still a table beside them


def test_loose_lines_that_are_not_all_properties_declare_nothing(tmp_path):
    text = LOOSE.replace("public string? DeletedBy { get; private set; }", "DeletedBy = deletedBy;")
    assert "WorldEntity" not in _entities(tmp_path, text, "- **DeleteOperation**: a delete.\n")


CHANGED_INTERFACE = """# Data Model

## TypeScript Interface Changes

### WorldEntity Interface

```typescript
export interface WorldEntity {
  id: string;
  name: string;
  depth: number;
  schemaVersion: number;  // NEW: Schema version (>= 1)
}
```
"""


def test_a_recalled_interface_under_a_changes_heading_adds_what_it_marks_new(tmp_path):
    first = ("001-worlds", "# W\n\n## Key Entities\n\n- **WorldEntity**: anything in a world.\n  - `id`: uuid\n  - `name`: string\n", None)
    later = ("002-versions", "# V\n\n## Key Entities\n\n- **WorldEntity**: anything in a world.\n", CHANGED_INTERFACE)
    action, entity = _run(tmp_path / "a", [first, later])["002-versions"]["WorldEntity"]
    assert action == "type" and _types(entity) == {"schema_version": "integer"}
    # no earlier feature declares it: what this feature recalls is all the schema knows of it
    alone = _entities(tmp_path / "c", CHANGED_INTERFACE, "- **WorldEntity**: anything in a world.\n")["WorldEntity"]
    assert {"id", "name", "depth", "schema_version"} <= set(_types(alone))
    plain = CHANGED_INTERFACE.replace("## TypeScript Interface Changes", "## TypeScript Interfaces")
    assert {"id", "name", "depth", "schema_version"} <= set(_types(_entities(tmp_path / "b", plain)["WorldEntity"]))


# -- what a review of these rules found (each an ordinary input the first versions misread)

FIELDS = """| Field | Type | Description |
|-------|------|-------------|
| id | uuid | Primary key |
| last_error | text | The last error |
| failed_at | timestamp | When it failed |
"""


def test_an_error_handling_title_or_section_keeps_the_tables_under_it(tmp_path):
    titled = f"# Data Model: Sync Error Handling\n\n## Entities\n\n### SyncError\n\n{FIELDS}"
    assert set(_types(_entities(tmp_path / "a", titled, "- **SyncError**: a failure.\n")["SyncError"])) == {"id", "last_error", "failed_at"}
    section = f"# Data Model\n\n## Error Handling\n\n### FailedDelivery\n\n{FIELDS}\n### Retries\n\n- **Backoff**: doubles each time\n"
    entities = _entities(tmp_path / "b", section, "- **FailedDelivery**: a delivery that failed.\n")
    assert set(_types(entities["FailedDelivery"])) == {"id", "last_error", "failed_at"} and "Retries" not in entities


def test_a_labelled_value_list_types_only_the_field_of_its_own_section(tmp_path):
    text = """# Data Model

### Order

| Field | Type | Description |
|-------|------|-------------|
| status | enum | order state |

**status values**:
- `pending`
- `paid`

### Shipment

| Field | Type | Description |
|-------|------|-------------|
| status | string | carrier's status text |
"""
    entities = _entities(tmp_path, text, "- **Order**: an order.\n- **Shipment**: a parcel.\n")
    assert _types(entities["Order"])["status"] == "enum(pending, paid)"
    assert not _types(entities["Shipment"])["status"].startswith("enum")


def test_a_new_marker_in_a_comment_outside_a_changes_section_trims_nothing(tmp_path):
    text = """# Data Model: Bookmark Sync Extension

```typescript
interface Bookmark {
  id: string;
  url: string;
  title: string;
  isNew: boolean; // (new) badge until first opened
}
```
"""
    assert set(_types(_entities(tmp_path, text, "- **Bookmark**: a saved page.\n")["Bookmark"])) == {"id", "url", "title", "is_new"}


def test_a_source_cell_that_derives_from_a_table_makes_no_table_of_it(tmp_path):
    text = """# Data Model

| Entity | Purpose | Source |
|--------|---------|--------|
| Order | A customer order | `orders` table |
| DailyOrderStats | Daily totals | Aggregated from the `orders` table at query time |

```typescript
interface Order { id: string; total: number; }
interface DailyOrderStats { day: string; total: number; }
```
"""
    entities = _entities(tmp_path, text, "- **Order**: an order.\n- **DailyOrderStats**: daily totals.\n")
    assert "DailyOrderStats" not in entities and entities["Order"].table in (None, "orders")


def test_container_and_collection_entities_described_in_their_heading(tmp_path):
    text = """# Data Model

### Container: Docker container on a host

| Field | Type | Description |
|-------|------|-------------|
| id | uuid | Primary key |
| image | string | Image reference |
| status | string | Running state |
"""
    container = _entities(tmp_path, text, "- **Container**: a running container.\n")["Container"]
    assert set(_types(container)) == {"id", "image", "status"}


def test_bold_items_about_the_fields_and_derived_fields_are_no_columns(tmp_path):
    text = """# Data Model

### Task

- **Attributes**:
  - **id**: Unique identifier.
  - **priority**: low, medium or high.
  - **kind**: Either "bug" or "feature".
  - **subtaskCount**: Derived count of subtasks; not stored.
  - **required**: id, name
  - **note**: email is lower-cased before saving
"""
    assert _types(_entities(tmp_path, text, "- **Task**: a thing to do.\n")["Task"]) == {
        "id": "uuid",
        "priority": "enum(low, medium, high)",
        "kind": "enum(bug, feature)",
    }


def test_loose_properties_need_a_heading_that_says_the_entity_changes(tmp_path):
    text = """# Data Model

## UI

### Dashboard

```csharp
public int OpenOrders { get; set; }
public decimal RevenueToday { get; set; }
```

### Customer (MODIFY)

```csharp
[NotMapped] public string FullName { get; set; }
public string Initials { get; }
public DateTime? LastSeenAt { get; set; }
```
"""
    entities = _entities(tmp_path, text, "- **Customer**: a buyer.\n")
    assert "Dashboard" not in entities
    assert _types(entities["Customer"]) == {"last_seen_at": "timestamp"}


def test_a_later_phase_that_keeps_nothing_persists_nothing(tmp_path):
    text = DESCRIBED.replace("Local persistence (full CRUD for Rack); then a remote store.", "Persistence is not planned.")
    assert "Rack" not in _entities(tmp_path, text, "- **Rack**: a storage unit.\n")


def test_a_mime_type_after_a_label_is_no_value_list(tmp_path):
    text = "# Data Model\n\n### Upload\n\n| Field | Type | Description |\n|---|---|---|\n| id | uuid | key |\n| mime_type | enum | MIME: image/jpeg |\n"
    assert not _types(_entities(tmp_path, text, "- **Upload**: a file.\n")["Upload"])["mime_type"].startswith("enum(image")


def test_a_field_typed_by_a_persistence_class_refers_to_its_record(tmp_path):
    text = """# Data Model

### User

| Field | Type | Description |
|---|---|---|
| id | bigint | Primary key |

### Post

| Field | Type | Description |
|---|---|---|
| id | bigint | Primary key |
| author | UserEntity | who wrote it |
"""
    post = _entities(tmp_path, text, "- **User**: a person.\n- **Post**: a text.\n")["Post"]
    assert {c.name: (c.type, c.references) for c in post.columns}["author"] == ("bigint", "User")


# -- external66 (read in session 23): migrations that change earlier features' tables


AGENTS = """# Data Model

```sql
CREATE TABLE agents (
    id   INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE
);
```
"""

CHANGES = """# Data Model

## Entity Changes

### Agent (extended)

| Field | Type | Default | Description |
|-------|------|---------|-------------|
| `trigger_mode` | TEXT | `'passive'` | `passive` (polls only), `reactive` (auto-triggered) |

## Migration 022 — Agent proposals and resource requests

```sql
ALTER TABLE agents ADD COLUMN trigger_mode TEXT NOT NULL DEFAULT 'passive';
ALTER TABLE agents ADD COLUMN spawn_depth INTEGER NOT NULL DEFAULT 0;

CREATE TABLE resource_requests (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    agent_id INTEGER NOT NULL REFERENCES agents(id),
    reason TEXT NOT NULL
);
```
"""


def test_an_extended_entity_whose_data_model_alters_an_earlier_table_is_typed_with_what_it_adds(tmp_path):
    run = _run(
        tmp_path,
        [
            ("001-agents", "# A\n\n## Key Entities\n\n- **Agent**: an agent.\n", AGENTS),
            (
                "002-triggers",
                (
                    "# B\n\n## Key Entities\n\n- **Agent** (extended): new columns for triggers.\n"
                    "- **ResourceRequest**: a request from an agent for a secret.\n"
                ),
                CHANGES,
            ),
        ],
    )
    action, agent = run["002-triggers"]["Agent"]
    assert action == "type" and _types(agent) == {"trigger_mode": "enum(passive, reactive)", "spawn_depth": "integer"}
    action, requests = run["002-triggers"]["ResourceRequest"]  # a CREATE TABLE under a heading that says `requests`
    assert action == "type" and requests.stored and set(_types(requests)) == {"id", "agent_id", "reason"}


def test_the_extension_written_is_proposed_once(tmp_path):
    spec_b = "# B\n\n## Key Entities\n\n- **Agent** (extended): new columns for triggers.\n"
    _run(tmp_path, [("001-agents", "# A\n\n## Key Entities\n\n- **Agent**: an agent.\n", AGENTS), ("002-triggers", spec_b, CHANGES)])
    specs = [(tmp_path / "specs" / f / "spec.md", f"specs/{f}/spec.md") for f in ("001-agents", "002-triggers")]
    for result in infer_specs(specs):
        result.path.write_text(result.proposed)
    again = infer_specs(specs)
    assert not any(r.changed for r in again), [r.diff() for r in again]


# -- external67 (read in session 23): SwiftData models in tables

SWIFT = """# Data Model: Fuel Cost Tracker

**Storage**: SwiftData (iOS 17+)

### Vehicle

| Field | Type | Constraints |
|-------|------|-------------|
| id | UUID | Primary key, auto-generated |
| name | String | Required |

### FillUp

| Field | Type | Constraints |
|-------|------|-------------|
| id | UUID | Primary key, auto-generated |
| date | Date | Required, defaults to now |
| birthDate | Date | The driver's birthday |
| category | CostCategory | One of the predefined values |
| intervalUnit | `IntervalUnit` (enum) | `.days`, `.months` (time) or `.kilometers` (distance) |

**Relationships**:
- `vehicle`: Many-to-one → Vehicle (required)
- `fillUps`: One-to-many → FillUp (cascade delete)

## New Enum: CostCategory

```
CostCategory (String, Codable, CaseIterable)
├── insurance   → "Insurance"
├── service     → "Service"
└── tolls       → "Tolls"
```

### Reminder

| Field | Type | Notes |
|-------|------|-------|
| `id` | `UUID` | Primary key |

| Relationship | Type | Delete Rule | Notes |
|-------------|------|-------------|-------|
| `fillUp` | `FillUp?` | `.nullify` | Optional back-reference |
"""


def test_a_swiftdata_model_read_from_its_tables(tmp_path):
    entities = _entities(tmp_path, SWIFT, "- **Vehicle**: a car.\n- **FillUp**: a refuel.\n- **Reminder**: a nudge.\n")
    fill_up = {c.name: (c.type, c.references, c.required) for c in entities["FillUp"].columns}
    assert fill_up["date"][0] == "timestamp" and fill_up["birth_date"][0] == "date"  # Foundation's Date is a moment
    assert fill_up["category"][0] == "enum(insurance, service, tolls)"  # the cases a drawn tree lists
    assert fill_up["interval_unit"][0] == "enum(days, months, kilometers)"
    assert fill_up["vehicle_id"][1:] == ("Vehicle", True)  # `vehicle`: Many-to-one → Vehicle (required)
    reminder = {c.name: c.references for c in entities["Reminder"].columns}
    assert reminder.get("fill_up") == "FillUp" or reminder.get("fill_up_id") == "FillUp"


def test_a_date_outside_swift_stays_a_date(tmp_path):
    text = SWIFT.replace("**Storage**: SwiftData (iOS 17+)", "**Storage**: PostgreSQL")
    fill_up = {c.name: c.type for c in _entities(tmp_path, text, "- **FillUp**: a refuel.\n")["FillUp"].columns}
    assert fill_up["date"] == "date"


def test_a_label_then_snake_case_names_lists_columns(tmp_path):
    feature = tmp_path / "specs" / "001-a"
    feature.mkdir(parents=True)
    (feature / "spec.md").write_text("# A\n\n## Key Entities\n- **course_dependencies** table (NEW m0012): course_id, prereq_course_id\n")
    [result] = infer_specs([(feature / "spec.md", "specs/001-a/spec.md")])
    assert [c.name for c in result.entities[0].columns] == ["course_id", "prereq_course_id"]
    (feature / "spec.md").write_text("# A\n\n## Key Entities\n- **Lifecycle** note: draft, published\n")
    [result] = infer_specs([(feature / "spec.md", "specs/001-a/spec.md")])
    assert not any(e.columns for e in result.entities)  # words, not a table's columns


# -- what the second review found (each an ordinary input the first versions of these rules misread)

FLIGHTS = """# Data Model

### Airport

| Field | Type | Description |
|-------|------|-------------|
| id | uuid | Primary key |

### Aircraft

| Field | Type | Description |
|-------|------|-------------|
| id | uuid | Primary key |

### Flight

| Field | Type | Description |
|-------|------|-------------|
| id | uuid | Primary key |
| number | string | Flight number |

**Relationships**:
- `origin`: many-to-one relationship to Airport
- `plane`: belongs to an Aircraft (optional)

**Validation Rules**:
- `milestone`: belongs to the project's current release, if set
"""


def test_many_to_one_items_name_their_target_and_only_under_relationships(tmp_path):
    entities = _entities(tmp_path, FLIGHTS, "- **Airport**: a place.\n- **Aircraft**: a plane.\n- **Flight**: a trip.\n")
    flight = {c.name: (c.references, c.required) for c in entities["Flight"].columns}
    assert flight["origin_id"] == ("Airport", True) and flight["plane_id"] == ("Aircraft", False)
    assert "milestone_id" not in flight and "Milestone" not in entities


def test_value_lists_after_a_label_are_no_columns(tmp_path):
    spec = (
        "- **Order**: a purchase. Status: pending_payment, paid, shipped\n- **Job**: a background task. States: queued, in_progress, done\n"
    )
    entities = _entities(tmp_path, "# Data Model\n", spec)
    assert not any(c.name in ("pending_payment", "in_progress", "shipped") for e in entities.values() for c in e.columns)


def test_an_entity_named_table_or_model_keeps_its_changed_heading(tmp_path):
    text = f"# Data Model\n\n## Table (updated)\n\n{FIELDS}"
    assert set(_types(_entities(tmp_path, text, "- **Table**: a dining table.\n")["Table"])) == {"id", "last_error", "failed_at"}


def test_an_existing_or_removed_entity_recalled_is_no_extension(tmp_path):
    recalled = """# Data Model

### User (existing)

Shown for reference, unchanged.

| Field | Type | Description |
|-------|------|-------------|
| id | uuid | Primary key |
| email | string | Login |
| name | string | Display name |
"""
    run = _run(
        tmp_path,
        [
            ("001-users", "# A\n\n## Key Entities\n\n- **User**: a person with an email address.\n", None),
            ("002-tasks", "# B\n\n## Key Entities\n\n- **User** (existing): the owner of tasks.\n", recalled),
        ],
    )
    assert run["002-tasks"]["User"][0] == "keep"


def test_swift_dates_only_in_a_swift_store(tmp_path):
    text = """# Data Model

**Storage**: PostgreSQL 15

## Core Data Entities

### Invoice

| Field | Type | Description |
|-------|------|-------------|
| id | UUID | Primary key |
| issueDate | Date | Calendar date the invoice is issued |
"""
    assert _types(_entities(tmp_path, text, "- **Invoice**: a bill.\n")["Invoice"])["issue_date"] == "date"


def test_a_row_about_a_relationship_status_or_an_embedded_value_is_no_key(tmp_path):
    text = """# Data Model

### Profile

| Field | Type | Description |
|-------|------|-------------|
| id | uuid | Primary key |
| relationshipStatus | RelationshipStatus | The user's relationship status |
| address | Address | Embedded one-to-one relationship (stored inline as JSON) |

### Address

| Field | Type | Description |
|-------|------|-------------|
| street | string | Street |
| city | string | City |
"""
    entities = _entities(tmp_path, text, "- **Profile**: a person's profile.\n")
    profile = {c.name: (c.type, c.references) for c in entities["Profile"].columns}
    assert profile["address"] == ("jsonb", None) and "Address" not in entities
    assert profile.get("relationship_status", (None, None))[1] is None


def test_a_bare_requests_heading_holds_shapes(tmp_path):
    text = """# Data Model

## Requests

### CreateTask

| Field | Type | Description |
|-------|------|-------------|
| title | string | The title |
"""
    assert "CreateTask" not in _entities(tmp_path, text, "- **Task**: a thing to do.\n")


def test_a_transition_tree_gives_no_values_and_the_list_does(tmp_path):
    text = """# Data Model

### Order

| Field | Type | Description |
|-------|------|-------------|
| id | uuid | Primary key |
| status | OrderStatus | Where it is |

### OrderStatus (enum)

```
pending
├── paid
│   └── shipped
└── cancelled
```

- `pending`
- `paid`
- `shipped`
- `cancelled`
"""
    order = _types(_entities(tmp_path, text, "- **Order**: a purchase.\n")["Order"])
    assert order["status"] == "enum(pending, paid, shipped, cancelled)"


def test_file_extensions_keep_their_dots_outside_swift(tmp_path):
    text = "# Data Model\n\n### Export\n\n| Field | Type | Description |\n|---|---|---|\n| id | uuid | key |\n| format | `Format` (enum) | `.pdf`, `.csv` or `.xlsx` |\n"
    entity = _entities(tmp_path, text, "- **Export**: a file.\n")["Export"]
    column = next(c for c in entity.columns if c.name == "format")
    assert column.references is None and not (column.type or "").startswith("enum(pdf")


def test_an_enum_heading_over_its_values_is_no_table(tmp_path):
    text = """# Data Model

### Order

| Field | Type | Description |
|-------|------|-------------|
| id | uuid | Primary key |
| status | OrderStatus | Where it is |

### OrderStatus (enum)

- `pending`
- `shipped`
- `cancelled`
"""
    entities = _entities(tmp_path, text, "- **Order**: a purchase.\n")
    assert set(entities) == {"Order"} and _types(entities["Order"])["status"] == "enum(pending, shipped, cancelled)"


def test_nullable_said_among_the_notes_of_a_table_without_a_constraints_column(tmp_path):
    text = """# Data Model

### Task

| Field | Type | Description |
|-------|------|-------------|
| id | UUID | Primary key |
| parent_task_id | UUID | FK → Task, nullable |
| title | string | The title (optional) |
| body | string | Required unless the optional template is set |
"""
    required = {c.name: c.required for c in _entities(tmp_path, text, "- **Task**: a thing.\n")["Task"].columns}
    assert required == {"id": True, "parent_task_id": False, "title": False, "body": True}
