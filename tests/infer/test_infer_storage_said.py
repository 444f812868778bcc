"""Data models that say where their records are kept, and code the readers met in session 22: Drizzle with JSDoc
comments, ClickHouse DDL beside its ORM class, plain Python classes that a mapping table or a storage line makes
tables, keys and links said in comments. Each rule next to the ordinary input it must leave alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from compiler.diagnostics import Diagnostics
from compiler.infer import infer_specs
from compiler.infer.code import read_code_blocks
from compiler.infer.code_curly import _code_only
from compiler.infer.datamodel import read_data_model
from tests.infer.runs import data_model_entities

FENCE = "```"


_entities = data_model_entities


def _code(text: str) -> dict:
    entities, _ = read_code_blocks("data-model.md", text)
    return {e.name: e for e in entities}


def _columns(entity) -> dict[str, tuple[str | None, str | None]]:
    return {c.name: (c.type, c.references) for c in entity.columns}


# -- Drizzle


DRIZZLE = f"""# Data Model

{FENCE}typescript
import {{ pgTable, pgEnum, uuid, varchar }} from 'drizzle-orm/pg-core';

/** Lifecycle. */
export const specStateEnum = pgEnum('spec_state', [
  'drafting',   // the PM writes
  'done',       // finished
]);
{FENCE}

{FENCE}typescript
export const specs = pgTable('specs', {{
  /** Primary key. Used in web URL: /spec/{{id}} */
  id: uuid('id').primaryKey().defaultRandom(),

  /** Slack user ID of the PM who initiated the spec. */
  pmUserId: varchar('pm_user_id', {{ length: 64 }}).notNull(),

  // current lifecycle state
  state: specStateEnum('state').notNull().default('drafting'),
}});
{FENCE}
"""


def test_drizzle_members_under_jsdoc_comments_are_columns_and_enums_of_an_earlier_block_type_them():
    spec = _code(DRIZZLE)["Spec"]
    assert _columns(spec) == {"id": ("uuid", None), "pm_user_id": ("string(64)", None), "state": ("enum(drafting, done)", None)}


def test_comments_are_cut_but_quotes_are_kept():
    assert _code_only(["a /** x */ b // c", "s: './src/**/*.ts', // x", "/* multi", "still */ id: uuid()"]) == [
        "a   b ",
        "s: './src/**/*.ts', ",
        "",
        "  id: uuid()",
    ]


# -- ClickHouse


CLICKHOUSE = f"""# Data Model

{FENCE}sql
CREATE TABLE IF NOT EXISTS logs.app_logs ON CLUSTER '{{cluster}}' (
    uuid String DEFAULT generateUUIDv4(),
    timestamp DateTime,
    level LowCardinality(String),
    trace_id Nullable(String),
    pid UInt32 DEFAULT 0,
    source Int8 DEFAULT -1,
    desc String DEFAULT ''
)
ENGINE = MergeTree()
ORDER BY (timestamp);
{FENCE}

{FENCE}python
class MAppLog(MClickBase):
    __tablename__ = "app_logs"
    level: Mapped[str] = mapped_column(String(), default="INFO")
{FENCE}
"""


def test_clickhouse_ddl_is_read_in_postgresql_types_and_its_orm_class_names_the_table():
    entities = _code(CLICKHOUSE)
    assert list(entities) == ["MAppLog"]  # one entity for the table, named as the team's class
    log = entities["MAppLog"]
    types = {c.name: (c.type, c.required, c.default) for c in log.columns}
    assert types["uuid"] == ("uuid", True, "(gen_random_uuid())")
    assert types["level"][:2] == ("text", True)  # LowCardinality is a storage hint; no Nullable: NOT NULL
    assert types["trace_id"][:2] == ("text", False)
    assert types["source"][0] == "smallint"  # ClickHouse's Int8 is a tinyint, not PostgreSQL's int8
    assert types["desc"][0] == "text"


# -- plain classes a data model says are tables


MAPPED = f"""# Data Model

### User

{FENCE}python
class User:
    uuid: str                    # 主键
    name: str
{FENCE}

### Portfolio

{FENCE}python
class Portfolio:
    uuid: str                    # 主键
    user_uuid: str               # 所属用户
    status: PortfolioStatus
{FENCE}

### LoginRequest

{FENCE}python
class LoginRequest:
    username: str
    password: str
{FENCE}

## Enums

{FENCE}python
class PortfolioStatus(str, Enum):
    ACTIVE = "ACTIVE"
    CLOSED = "CLOSED"
{FENCE}

## Database Mapping

| 表名 | 对应实体 | 说明 |
|-----|---------|------|
| users | User | 用户表 |
| portfolios | Portfolio | 投资组合表 |
| backtest_results | Portfolio.result_json | 结果 |
| `session:{{token}}` | LoginRequest | 会话 |
"""


def test_a_mapping_table_makes_plain_classes_tables_of_those_names():
    entities = _code(MAPPED)
    read_data_model("data-model.md", MAPPED, Diagnostics(), list(entities.values()))
    assert {n: (e.stored, e.table) for n, e in entities.items()} == {
        "User": (True, "users"),
        "Portfolio": (True, "portfolios"),
        "LoginRequest": (False, None),  # a key pattern is no table
    }
    portfolio = _columns(entities["Portfolio"])
    assert portfolio["status"] == ("enum(ACTIVE, CLOSED)", None)  # an enum declared in a block below the class
    assert [c.name for c in entities["User"].columns if c.primary_key] == ["uuid"]  # `# 主键`


def test_plain_classes_without_a_mapping_stay_shapes():
    text = MAPPED.split("## Database Mapping")[0]
    entities = _code(text)
    read_data_model("data-model.md", text, Diagnostics(), list(entities.values()))
    assert not entities["User"].stored


STORAGE_LINES = f"""# Data Model

## Overview

| 实体 | 模块 | 存储位置 | 描述 |
|------|------|----------|------|
| PaperTradingSignal | P0 | MySQL | 信号 |
| PeerBenchmark | P0 | Memory/Redis | 对比 |

### PaperTradingState

{FENCE}python
@dataclass
class PaperTradingState:
    paper_id: str
    status: Literal["running", "stopped"]
{FENCE}

**存储**: MySQL `paper_trading_states` 表

### PaperTradingSignal

{FENCE}python
@dataclass
class PaperTradingSignal:
    signal_id: str
    paper_id: str                        # 关联 PaperTradingState
    direction: DIRECTION_TYPES           # LONG/SHORT
    kind: SIGNAL_TYPES
{FENCE}

### PeerBenchmark

{FENCE}python
@dataclass
class PeerBenchmark:
    summary_id: str
    total: int
{FENCE}

### LayerBucket

{FENCE}python
@dataclass
class LayerBucket:
    layer_id: str
    mean: float
{FENCE}

**存储**: 内存计算，可选导出
"""


def test_a_storage_line_or_column_says_where_an_entity_is_kept(tmp_path):
    entities = _entities(tmp_path, STORAGE_LINES)
    assert entities["PaperTradingState"].stored  # a name like a client's state, said to be kept in MySQL
    assert entities["PaperTradingState"].table == "paper_trading_states"
    assert entities["PaperTradingSignal"].stored
    assert not entities["PeerBenchmark"].stored  # a cache or memory keeps no table
    assert not entities["LayerBucket"].stored
    signal = {c.name: (c.type, c.references, c.confident) for c in entities["PaperTradingSignal"].columns}
    assert signal["paper_id"][1] == "PaperTradingState"  # `关联 PaperTradingState`
    assert signal["direction"][0] == "enum(LONG, SHORT)"  # an enum of another module, its values in the comment
    assert signal["kind"][0] == "string" and not signal["kind"][2]


def test_an_element_of_another_classs_list_stays_a_value_even_with_a_key_comment():
    text = f"""# Data Model

### RagContext

| Field | Type | Description |
|-------|------|-------------|
| context_id | UUID | Unique identifier |
| chunks | List[DocumentChunk] | Retrieved segments |

{FENCE}python
@dataclass
class DocumentChunk:
    chunk_id: UUID
    document_id: UUID  # FK to RuleDocument
    text: str
{FENCE}
"""
    assert not _code(text)["DocumentChunk"].stored


def test_a_typescript_member_commented_as_the_primary_key_is_the_key():
    text = f"""{FENCE}typescript
interface Device {{
  serial: string; // Primary key
  label: string;
}}
{FENCE}
"""
    assert [c.name for c in _code(text)["Device"].columns if c.primary_key] == ["serial"]
    text = text.replace("// Primary key", "// references the primary key of Owner")
    assert not any(c.primary_key for c in _code(text)["Device"].columns)


# -- what the first review found (each a misfire of the rules above, on what teams write)


def _stored_with(line: str, heading: str = "### Product") -> bool:
    text = f"""# Data Model

{heading}

{FENCE}python
@dataclass
class Product:
    id: UUID
    name: str
{FENCE}

{line}
"""
    entities = _code(text)
    read_data_model("data-model.md", text, Diagnostics(), list(entities.values()))
    return entities["Product"].stored


@pytest.mark.parametrize(
    ("line", "stored"),
    [
        ("**Cache**: Redis, 5-minute TTL", True),  # where a copy is kept, not the record
        ("**Storage**: PostgreSQL `products`\n\n**Storage**: in memory while editing", True),  # a database said once wins
        ("**Storage**: PostgreSQL (cache in Redis)", True),
        ("**Storage**: Redis, persisted to Postgres nightly", True),
        ("**Storage**: in memory only; never written to the database", False),
        ("**Storage**: not persisted (derived from Order rows in the database)", False),
        ("**Storage**: S3 bucket, not a database table", False),
        ("**Storage**: Derived; not stored (computed from the orders table)", False),
        ("**Storage**: N/A (API request body, never written to the DB)", False),
        ("**Storage**: Embedded in the `users` table as JSONB", False),
        ("- storage: the `s3` bucket or a database table", True),  # a field bullet, not a storage line
        ("**Storage**: localStorage", True),  # says nothing this rule knows
    ],
)
def test_what_a_storage_line_says(line, stored):
    assert _stored_with(line) is stored


def test_a_storage_line_names_the_table_only_where_it_says_table():
    text = f"""# Data Model

### Address

{FENCE}python
@dataclass
class Address:
    address_id: UUID
    street: str
{FENCE}

**Storage**: PostgreSQL, joined from the `users` query

### Invoice

{FENCE}python
@dataclass
class Invoice:
    invoice_id: UUID
{FENCE}

**存储**: MySQL `invoice_records` 表
"""
    entities = _code(text)
    read_data_model("data-model.md", text, Diagnostics(), list(entities.values()))
    assert (entities["Address"].stored, entities["Address"].table) == (True, None)
    assert entities["Invoice"].table == "invoice_records"


def test_a_nested_entity_heading_takes_its_own_storage_line():
    text = f"""# Data Model

## User

{FENCE}python
@dataclass
class User:
    user_id: UUID
{FENCE}

**Storage**: PostgreSQL

### UserSession

{FENCE}python
@dataclass
class UserSession:
    session_id: UUID
{FENCE}

**Storage**: Redis
"""
    entities = _code(text)
    read_data_model("data-model.md", text, Diagnostics(), list(entities.values()))
    assert entities["User"].stored and not entities["UserSession"].stored


def test_a_mapping_row_that_says_none_makes_no_table():
    text = MAPPED.replace("| `session:{token}` | LoginRequest | 会话 |", "| none | LoginRequest | 请求 |")
    entities = _code(text)
    read_data_model("data-model.md", text, Diagnostics(), list(entities.values()))
    assert not entities["LoginRequest"].stored


def test_a_drizzle_template_literal_over_lines_hides_no_column():
    text = f"""{FENCE}typescript
export const posts = pgTable('posts', {{
  id: uuid('id').primaryKey(),
  body: text('body').default(sql`coalesce(
    // not a comment`),
  slug: text('slug').notNull(),
}});
{FENCE}
"""
    columns = {c.name: c.required for c in _code(text)["Post"].columns}
    assert columns == {"id": True, "body": False, "slug": True}


def test_an_element_pointing_back_at_the_holder_of_its_list_is_a_table():
    text = f"""{FENCE}typescript
interface Order {{ id: string; items: OrderItem[]; }}
interface OrderItem {{
  orderId: string; // FK to Order
  productId: string; // FK to Product
  qty: number;
}}
interface Product {{ id: string; name: string }}
{FENCE}
"""
    assert _code(text)["OrderItem"].stored


def test_two_key_comments_make_a_composite_key():
    text = f"""{FENCE}python
class UserRole:
    user_id: str  # PK, FK to User
    role_id: str  # PK, FK to Role
{FENCE}

{FENCE}python
class Membership:
    team_id: str  # 主键（联合）
    note: str
{FENCE}
"""
    entities = _code(text)
    assert [(c.name, c.primary_key, c.composite_key) for c in entities["UserRole"].columns] == [
        ("user_id", False, True),
        ("role_id", False, True),
    ]
    assert entities["Membership"].columns[0].composite_key


def test_cjk_link_words_before_an_acronym_make_no_key():
    text = f"""{FENCE}python
@dataclass
class Asset:
    asset_id: str
    url: str  # 引用 URL，指向 OSS
    created: str  # 参照 ISO 8601
    api_key: str  # 指向 API 网关的密钥
{FENCE}
"""
    assert not any(c.references for c in _code(text)["Asset"].columns)


def test_clickhouse_types_and_an_alter_in_a_clickhouse_block():
    text = f"""## ClickHouse events

{FENCE}sql
CREATE TABLE events (
  id UUID,
  kind Enum8('click' = 1, 'view' = 2),
  ip IPv4,
  code FixedString(16),
  n Int8
);
ALTER TABLE events ADD COLUMN x String;
{FENCE}
"""
    columns = {c.name: (c.type, c.required) for c in _code(text)["Event"].columns}
    assert columns["kind"] == ("enum(click, view)", True)
    assert columns["code"] == ("char(16)", True)
    assert columns["n"][0] == "smallint"
    assert columns["x"] == ("text", True)  # ClickHouse's String, NOT NULL there
    assert columns["ip"][0] in ("text", "string")


def test_a_field_bullet_named_storage_names_no_table():
    text = f"""# Data Model

### Upload

{FENCE}python
@dataclass
class Upload:
    upload_id: UUID
{FENCE}

- storage: the `s3` bucket or a database table
"""
    entities = _code(text)
    read_data_model("data-model.md", text, Diagnostics(), list(entities.values()))
    assert entities["Upload"].table is None


# -- external56 to 59 (read in session 22)


def test_drizzle_sqlite_modes_say_what_an_integer_or_a_text_holds():
    text = f"""{FENCE}typescript
export const notes = sqliteTable("notes", {{
  id: text("id").primaryKey().$defaultFn(() => crypto.randomUUID()),
  starred: integer("starred", {{ mode: 'boolean' }}).notNull().default(false),
  createdAt: integer("created_at", {{ mode: 'timestamp' }}).notNull().$defaultFn(() => new Date()),
  size: integer("size").notNull(),
}});
{FENCE}

{FENCE}sql
CREATE TABLE notes (id TEXT PRIMARY KEY, starred INTEGER NOT NULL, created_at INTEGER NOT NULL, size INTEGER NOT NULL);
{FENCE}
"""
    columns = {c.name: (c.type, c.default) for c in _code(text)["Note"].columns}
    assert columns["id"] == ("uuid", "(gen_random_uuid())")
    assert columns["starred"][0] == "boolean"  # SQLite's INTEGER below is how it is stored
    assert columns["created_at"] == ("timestamp", "(now())")
    assert columns["size"][0] == "integer"


def test_a_drizzle_table_named_like_a_configuration_is_a_table(tmp_path):
    data_model = f"""# Data Model

{FENCE}typescript
export const chatConfigs = pgTable(
  "chat_configs",
  {{
    id: uuid("id").primaryKey(),
    avatar: text("avatar"),
  }},
)
{FENCE}
"""
    assert _entities(tmp_path, data_model)["ChatConfig"].stored


def test_a_heading_over_the_entities_headings_is_no_entity():
    text = """# 데이터 모델

## 2. 엔티티 상세 (Entity Details)

### 2.1 Document
- `id`: UUID (Primary Key)
- `title`: String (문서 제목)

### 2.2 Section
- `id`: UUID (Primary Key)
- `document`: ForeignKey (Document)
- `parent`: OneToOne(Section, on_delete=CASCADE)
"""
    entities = {e.name: e for e in read_data_model("data-model.md", text, Diagnostics())}
    assert sorted(entities) == ["Document", "Section"]
    section = {c.name: c.references for c in entities["Section"].columns}
    assert section["document"] == "Document" and section["parent"] == "Section"


def test_headings_under_validation_rules_are_no_entities():
    text = """# 数据模型

### 1. Local Messages（本地消息）

| 字段 | 类型 | 约束 | 说明 |
|------|------|------|------|
| id | TEXT | PRIMARY KEY | UUID |
| content | TEXT | NOT NULL | 消息内容 |

## 数据验证规则

### 消息
- `content`: 非空，最大 100,000 字符

## 10. 系统

### 10.3 SmsCode（短信验证码）

| 字段 | 类型 | 约束 | 说明 |
|------|------|------|------|
| id | BIGINT | PK | 记录ID |
"""
    names = [e.name for e in read_data_model("data-model.md", text, Diagnostics())]
    assert "消息" not in names and "SmsCode" in names  # (验证码, a verification code, is no validation section)


def test_prisma_attributes_written_in_a_type_cell():
    text = """# Data Model

### ShopifyAbandonedCheckout

| Field | Type | Notes |
|---|---|---|
| id | String @id @default(cuid()) | Cosmo primary key |
| token | String @default(uuid()) @unique | |
| followUpStatus | String @default("pending") | `pending` \\| `follow_up` \\| `closed` |
| createdAt | DateTime @default(now()) | |
| attempts | Int @default(0) | |

### BookNoteDay

| Field | Type | Notes |
|---|---|---|
| id | cuid | PK |
| postingDate | date | |
"""
    entities = {e.name: e for e in read_data_model("data-model.md", text, Diagnostics())}
    columns = {c.name: (c.type, c.primary_key, c.unique, c.default) for c in entities["ShopifyAbandonedCheckout"].columns}
    assert columns["id"] == ("text", True, False, None)  # a cuid is no uuid, and PostgreSQL has no cuid()
    assert columns["token"] == ("uuid", False, True, None)  # a generator the notation writes for keys only
    assert columns["follow_up_status"] == ("enum(pending, follow_up, closed)", False, False, "'pending'")
    assert columns["created_at"][3] == "(now())" and columns["attempts"][3] == "0"
    assert entities["BookNoteDay"].columns[0].type == "string"


def test_a_list_of_code_spans_runs_on_past_an_unticked_item(tmp_path):
    feature = tmp_path / "specs" / "001-a"
    feature.mkdir(parents=True)
    (feature / "spec.md").write_text(
        "# A\n\n## Key Entities\n\n- **cap_inbound_alerts**: `source_id`, `country_code`, `raw_payload`, parsed fields, `status`\n"
        "  (received/reviewed/promoted/rejected), `promoted_cap_draft_id`.\n"
    )
    [result] = infer_specs([(feature / "spec.md", "specs/001-a/spec.md")])
    columns = {c.name: c.type for c in result.entities[0].columns}
    assert columns["status"] == "enum(received, reviewed, promoted, rejected)" and "promoted_cap_draft_id" in columns


# -- what the second review found


def test_a_rules_section_refines_declared_entities_and_declares_none():
    text = """# Data Model & Business Rules

### Order

| Field | Type | Notes |
|---|---|---|
| id | uuid | PK |
| status | string | |

## Validation Rules

### Order
- `status`: enum (pending, paid, shipped)

### 对话
- `title`: 非空，最大 200 字符

## Entities and Validation Rules

### Customer

| Field | Type | Notes |
|---|---|---|
| id | uuid | PK |
| email | string | |
"""
    entities = {e.name: e for e in read_data_model("data-model.md", text, Diagnostics())}
    assert "对话" not in entities and len(entities["Customer"].columns) == 2
    assert any(c.name == "status" and (c.type or "").startswith("enum(") for c in entities["Order"].columns)


def test_entity_details_only_as_the_whole_heading():
    text = """# Data Model

## Order — Entity Details

- `id`: UUID (Primary Key)
- `total`: Decimal
"""
    assert [e.name for e in read_data_model("data-model.md", text, Diagnostics())] == ["Order"]


def test_a_structure_sub_heading_is_no_entity_of_its_own():
    text = """# 数据模型

## 用户

### 表结构

| 字段 | 类型 | 说明 |
|------|------|------|
| id | bigint | 主键 |
| name | varchar(64) | 名称 |
"""
    names = [e.name for e in read_data_model("data-model.md", text, Diagnostics())]
    assert "表结构" not in names


def test_relation_types_read_their_arguments_and_leave_modifiers_alone():
    text = """# Data Model

### Book
- `id`: UUID (Primary Key)
- `author`: ForeignKey(Author, on_delete=SET_NULL, null=True)
- `cover`: OneToOne(Image)
- `homepage`: Link (Optional)

### Author
- `id`: UUID (Primary Key)

### Image
- `id`: UUID (Primary Key)
"""
    book = {c.name: c for c in {e.name: e for e in read_data_model("data-model.md", text, Diagnostics())}["Book"].columns}
    assert book["author"].references == "Author" and book["author"].on_delete == "set null" and book["author"].required is False
    assert book["cover"].references == "Image" and book["cover"].unique
    assert book["homepage"].references is None


def test_prisma_native_types_and_generated_defaults_in_a_cell():
    text = """# Data Model

### Account

| Field | Type | Notes |
|---|---|---|
| id | String @id @default(dbgenerated("gen_random_uuid()")) @db.Uuid | |
| email | String @db.VarChar(320) @unique | |
| seen_at | DateTime @db.Timestamptz(6) | |
"""
    account = {c.name: (c.type, c.default) for c in read_data_model("data-model.md", text, Diagnostics())[0].columns}
    assert account["id"] == ("uuid", "(gen_random_uuid())")
    assert account["email"][0] == "string(320)" and account["seen_at"][0].startswith("timestamptz")


def test_a_clause_after_code_spans_is_no_column(tmp_path):
    feature = tmp_path / "specs" / "001-a"
    feature.mkdir(parents=True)
    (feature / "spec.md").write_text("# A\n\n## Key Entities\n\n- **Invoice**: `number`, `amount`, `due_date`, all required.\n")
    [result] = infer_specs([(feature / "spec.md", "specs/001-a/spec.md")])
    assert [c.name for c in result.entities[0].columns] == ["number", "amount", "due_date"]


def test_drizzle_mode_date_keeps_the_builders_type():
    text = f"""{FENCE}typescript
export const events = pgTable("events", {{
  startsAt: timestamp("starts_at", {{ mode: "date", withTimezone: true }}).notNull(),
  label: text("label").$defaultFn(() => new Date().toISOString()),
}});
{FENCE}
"""
    columns = {c.name: (c.type, c.default) for c in _code(text)["Event"].columns}
    assert columns["starts_at"][0] == "timestamptz" and columns["label"] == ("text", None)


def test_no_not_stored_finding_for_an_entity_the_data_model_makes_a_table(tmp_path):
    data_model = f"""# Data Model

{FENCE}typescript
export const appConfig = sqliteTable("app_config", {{
  key: text("key").primaryKey(),
  value: text("value", {{ mode: "json" }}).notNull(),
}});
{FENCE}
"""
    feature = tmp_path / "specs" / "001-a"
    feature.mkdir(parents=True)
    (feature / "spec.md").write_text("# A\n\n## Key Entities\n\n- **AppConfig**: the settings row.\n- **UiState**: the screen's state.\n")
    (feature / "data-model.md").write_text(data_model)
    [result] = infer_specs([(feature / "spec.md", "specs/001-a/spec.md")])
    unstored = [d.message for d in result.findings.sorted() if d.code == "W303"]
    assert not any("AppConfig" in m for m in unstored) and any("UiState" in m for m in unstored)
    assert {e.name: e.stored for e in result.entities}["AppConfig"]


def test_two_entities_on_one_table_propose_one(tmp_path):
    """zhupingcmm/oryxos 006 (external60): `MemoryEntry`, given the table `agent_memories` by its data model, and
    `agent_memories 行`, that table's row described again in the prose; build refuses the pair (E202)."""
    sample = Path(__file__).parent.parent / "fixtures" / "infer" / "external60"
    feature = tmp_path / "specs" / "006-memory-layer"
    feature.mkdir(parents=True)
    for name in ("spec.md", "data-model.md"):
        text = (sample / f"zhupingcmm+oryxos__specs-006-memory-layer-{name}").read_text(encoding="utf-8")
        (feature / name).write_text(text, encoding="utf-8")
    [result] = infer_specs([(feature / "spec.md", "specs/006-memory-layer/spec.md")])
    tables = [p.entity.table or p.entity.name for p in result.proposals if p.action in ("type", "add") and p.entity.stored]
    assert tables.count("agent_memories") == 1
    assert any(d.code == "W318" and "agent_memories" in d.message for d in result.findings.sorted())
    (feature / "spec.md").write_text(result.proposed, encoding="utf-8")  # infer on its own output proposes nothing
    [again] = infer_specs([(feature / "spec.md", "specs/006-memory-layer/spec.md")])
    assert not again.changed
