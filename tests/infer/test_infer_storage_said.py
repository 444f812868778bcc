"""Data models that say where their records are kept, and code the readers met in session 22: Drizzle with JSDoc
comments, ClickHouse DDL beside its ORM class, plain Python classes that a mapping table or a storage line makes
tables, keys and links said in comments. Each rule next to the ordinary input it must leave alone."""

from __future__ import annotations

from pathlib import Path

from compiler.diagnostics import Diagnostics
from compiler.infer import infer_specs
from compiler.infer.code import read_code_blocks
from compiler.infer.code_curly import _code_only
from compiler.infer.datamodel import read_data_model

FENCE = "```"


def _entities(tmp_path: Path, data_model: str, key_entities: str = "- **Thing**: something kept.\n") -> dict:
    feature = tmp_path / "specs" / "001-a"
    feature.mkdir(parents=True)
    (feature / "spec.md").write_text(f"# A\n\n## Key Entities\n\n{key_entities}")
    (feature / "data-model.md").write_text(data_model)
    [result] = infer_specs([(feature / "spec.md", "specs/001-a/spec.md")])
    return {e.name: e for e in result.entities}


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
