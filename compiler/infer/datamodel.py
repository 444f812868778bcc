r"""data-model.md tables, bullets and entity headings -> inferred entities.

A hand-written data-model.md names each entity in a heading (`### Task`,
`## 1. User Entity`, `### Table: users`, `## Entity: Family (\`families\`)`)
and lists its fields in a table (`Field | Type | Nullable | Default |
Constraints`, `Campo | Tipo | Descripción`, columns in any order) or in
bullets (`` `id` (string, PK): ... ``, `` `title`: string (required, 1-200
chars) - ... ``, `**rola_id**: \`INTEGER\` (Foreign Key to Rola)`).
markdown-it gives the structure, the front end's heading cleaning and cell
splitting are reused, and `typemap.canonical_type` reads each type. Fenced
code blocks are left to `compiler.infer.code` and never executed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from compiler import linear_re
from compiler.diagnostics import Diagnostics, Span
from compiler.frontend.markdown import (
    ATTRIBUTE_RE,
    ENTITY_LINE_RE,
    GROUP_HEADING_RE,
    NOT_ENTITY_HEADING_RE,
    SECTION_RE,
    _cells,
    _clean_heading,
    _description_cut,
    _markdown,
    _split_markers,
    block_close,
    list_items,
)
from compiler.infer import words as W
from compiler.infer.code_curly import prisma_cell
from compiler.infer.model import Evidence, InferredColumn, InferredEntity, SourceKind
from compiler.infer.typemap import (
    TypeGuess,
    canonical_type,
    enum_type,
    frappe_field_type,
    frappe_only_type,
    is_modifier,
    note_type,
    reference_non_targets,
    split_top,
)
from compiler.naming import pluralize
from compiler.types import INTEGER_TYPES

MAX_LINE = 2000  # longer lines are not a field definition; reading them only costs time
# `` `CreationDateTime` → `CreatedAtUtc` ``: a field renamed by the feature (before, then after)
RENAMED_RE = re.compile(r"\s*`?(?P<before>[^\W\d]\w*)`?\s*(?:→|->|⇒)\s*`?(?P<after>[^\W\d]\w*)`?\s*")
MAX_JSON_CHARS = 200_000  # a JSON schema example larger than this is no entity's field list
MAX_DESCRIBED_CHARS = 4000  # a table described in words: longer paragraphs are read as notes
MAX_DESCRIBED_TOTAL = 20_000  # ... and of all a document's described tables, what is read (the rest are notes)
# `Dropped by this feature.`, `Owned by the auth feature`: a table this feature does not make
OTHERS_TABLE_RE = re.compile(r"(?i)\b(?:dropped|removed|deprecated|retired|owned\s+by|defined\s+(?:in|by))\b")
# `keyed by (project_id, day)`, `One row per tenant`: the words give the key
KEY_SAID_RE = re.compile(r"(?i)\bkeyed\s+(?:by|on)\b|\bprimary\s+key\b|\bone\s+row\s+(?:per|for)\b|\bunique\s+\(")
MAX_ROWS = 1600  # rows read per table: PostgreSQL's column limit; a longer table is reported, not proposed

# Sub-headings under an entity heading that hold its fields (`#### Fields`, `### Schema`).
FIELD_HEADING_RE = re.compile(rf"(?<!\w){W.alternation('field_headings')}(?!\w)|{W.alternation('field_headings_cjk')}", re.IGNORECASE)
# Labels of a bold paragraph (`**Fields**:`) that open a field list, and of ones that open prose.
RELATION_HEADING_RE = re.compile(r"(?i)many-to-many|\bjoin\b|junction|relationships?\b|relations?\b")
FRAPPE_RE = re.compile(r"(?i)(?<!<!)\bdoc\s?types?\b|\bfrappe\b|\berpnext\b")  # (not `<!DOCTYPE html>`)
FIELD_LABEL_RE = re.compile(
    r"^\s*\*\*\s*(?:(?:key|main|core|stored|persisted|additional|new|principal(?:es)?)\s+)?"
    rf"({W.alternation('field_headings')}|{W.alternation('field_headings_cjk')})(?:\s+{W.alternation('field_heading_tails')})?"
    rf"(?:\s*\((?![^()]*{W.alternation('unkept_field_notes')})[^()*]*\))?\s*[:：]?\s*\*\*\s*[:：]?\s*$",
    re.IGNORECASE,
)
LABEL_RE = re.compile(r"^\s*\*\*[^*]+\*\*\s*:?\s*$")
# `- Required fields:` / `- Optional fields:` bullets over the fields, and `- Primary key: `DocumentId` (int)`
FIELD_GROUP_ITEM_RE = re.compile(
    r"^\s*(?:\*\*)?\s*(?P<which>required|optional|mandatory)\s+(?:fields?|attributes?|columns?|properties)\s*:?\s*(?:\*\*)?\s*:?\s*$",
    re.IGNORECASE,
)
PRIMARY_KEY_ITEM_RE = re.compile(
    r"^\s*(?:\*\*)?\s*primary\s+key\s*:?\s*(?:\*\*)?\s*:?\s*`(?P<name>[^\W\d]\w*)`\s*(?:\((?P<type>[^()]*)\))?\s*$", re.IGNORECASE
)
DESCRIPTION_LABEL_RE = re.compile(
    r"^\s*\*\*\s*(description|purpose|descripción|descrição|but|opis|描述|说明|說明|説明|用途|目的|설명|목적)\s*[:：]?\s*\*\*\s*[:：]?\s*(?P<text>.*)$",
    re.IGNORECASE | re.DOTALL,
)
DESCRIPTION_HEADING_RE = re.compile(r"\s*(?:description|purpose|overview|descripción|descrição|but|opis)\s*", re.IGNORECASE)
# Heading labels before the name: `Entity: Task`, `Agent-Specific Entity: TriageResult`, `Table: users`, `New: \`transactions\` table`, `Modify: ...`.
HEADING_PREFIX_RE = re.compile(
    # (possessive spaces: linear on a heading of one long run of them)
    rf"^(?:(?:(?:{W.alternation('heading_qualifiers')}|[^\W\d][\w-]*)\s++){{0,2}}{W.alternation('heading_prefixes')}\s*+"
    rf"(?:\d*\s*[:：]|\d+(?:\s*[—–]|\s+-))|{W.alternation('heading_qualifiers')}\s*+[:：])\s*",  # (`## Extended: VenueOrganization`)
    re.IGNORECASE,
)
# A document store's label, then the one name it stores under, in backticks or lower case: `Container: \`Worlds\``,
# `Collection: users` (not `Container: Docker container on a host`, nor `Collection: Saved items`)
STORE_LABEL_RE = re.compile(
    rf"^\s*(?i:{W.alternation('store_heading_labels')})\s*[:：]\s*(?:`(?P<ticked>[A-Za-z_][\w-]*)`|(?P<bare>[a-z][a-z0-9_]*))\s*$"
)
# `Postgres (`daemons` table — existing from `001_initial.sql`)`: a relational store's name alone, then what it keeps
STORE_HEADING_RE = re.compile(rf"^\s*+(?i:{W.alternation('relational_store_headings')})\s*+(?:\((?P<note>[^()]*+)\))?\s*+$")
STORE_TABLE_RE = re.compile(rf"`(?P<table>[a-z_][a-z0-9_]*)`\s*+(?i:{W.alternation('table_suffixes')})\b")
# `### `invitations``, `### 4. `audit_events` (append-only)`: a table's name in backticks, alone
# `### `jobs` and `job_attempts``, `### `policy_sets`, `policy_versions`, and `policy_rules``: tables described together
TICKED_TABLES_HEADING_RE = re.compile(
    r"^#{2,6}\s++(?:\d+(?:\.\d+)*\.?\s++)?`[a-z][a-z0-9_]*+`(?:\s*+,\s*+`[a-z][a-z0-9_]*+`){0,4}+,?\s++(?:and|&)\s++`[a-z][a-z0-9_]*+`\s*+$"
)
TICKED_TABLE_HEADING_RE = re.compile(r"^#{2,6}\s++(?:\d+(?:\.\d+)*\.?\s++)?`[a-z][a-z0-9]*+(?:_[a-z0-9]++)*+`\s*+(?:\([^()]*+\))?\s*+$")
# `Table users` (the backticks already gone): the label, then the name alone
HEADING_LABELLED_RE = re.compile(rf"^{W.alternation('heading_prefixes')}\s+(?P<name>[^\W\d]\w*)$", re.IGNORECASE)
# `1) User`, `A. User`, `E1 - User`, `2.1: User`: numbering the front end's does not know
HEADING_NUMBER_RE = re.compile(r"^(?:\d+[.)]|[A-Z][.)]|[A-Z]?\d+(?:\.\d+)*\s*[-–—:.)])\s*(?=\S)")
# `User: a person who logs in`: the name, then a description of it
HEADING_DESCRIBED_RE = re.compile(r"^(?P<name>[^\W\d][\w-]*(?:\s[\w-]+){0,2})\s*[:：]\s+\S+(?:\s+\S+){2,}")
# `Complete `users` Table (after V2 migration)`: a word about the document's change, before the name
HEADING_QUALIFIER_RE = re.compile(rf"^{W.alternation('heading_qualifiers')}\s+(?=`|[\w`]+(?:\s+table)?\s*$)", re.IGNORECASE)
# `## OutboxEvent additions`: the entity's name, then words that say the section changes it
HEADING_CHANGE_RE = re.compile(rf"\s+{W.alternation('heading_change_suffixes')}$", re.IGNORECASE)
# `## Persistence Model (Changes)`, `## Domain Model`: a heading over the tables, not one of them
MODEL_GROUP_RE = re.compile(rf"^{W.alternation('model_group_heads')}\s+(?:model|layer|schema)s?$", re.IGNORECASE)
# `` `telegram_id` (bigint, primary key) - Telegram user ID ``: the type in parentheses, a dash before the text
PAREN_FIELD_RE = re.compile(
    r"^\s*(?:`(?P<tick>[^`]+)`|\*\*`?(?P<bold>[^*`]+?)`?\*\*)\s*\((?P<paren>[^()]*(?:\([^()]*\)[^()]*)*)\)\s*(?:[-—–]\s*(?P<dash>.*)|(?P<dash_end>)$)"
)
# `observed_at TEXT NOT NULL UNIQUE`: one column of a CREATE TABLE, written alone in a code span
SQL_COLUMN_RE = re.compile(
    r"[a-z_][a-z0-9_]*\s+[A-Z][A-Z ]*[A-Z](?:\(\d+(?:,\s*\d+)?\))?"
    r"(?:\s+(?:NOT\s+NULL|NULL|PRIMARY\s+KEY|UNIQUE|AUTOINCREMENT|DEFAULT\s+\S+|REFERENCES\s+\w+(?:\s*\(\w+\))?))*"
)
# `` `subdomain` VARCHAR(63) UNIQUE NOT NULL (DNS-safe) ``: a name in a code span, then its column definition in SQL's
# upper-case words, and a note in parentheses
SQL_SPACED_FIELD_RE = re.compile(
    r"^\s*`(?P<name>[a-z_][a-z0-9_]*)`\s+(?P<definition>(?P<type>[A-Z][A-Z0-9_]*(?:\s+[A-Z][A-Z0-9_]*)*(?:\s*\([^()]*\))?)"
    r"(?:\s+(?:NOT\s+NULL|NULL|PRIMARY\s+KEY|UNIQUE|AUTO_?INCREMENT|DEFAULT\s+(?:'[^']*'|[^\s()]+(?:\(\))?)"
    r"|REFERENCES\s+\w+(?:\s*\(\w+\))?|ON\s+(?:DELETE|UPDATE)\s+(?:CASCADE|RESTRICT|SET\s+NULL|SET\s+DEFAULT|NO\s+ACTION)"
    r"|CHECK\s*\((?:[^()]|\([^()]*\))*\)))*)"
    r"\s*(?:\((?P<note>.*)\))?\s*$"
)
# `## 3. Linear-side entities`: a group of records another system keeps
OTHER_SIDE_RE = re.compile(r"\b(?P<side>[\w.]+)-side\s+(?:entities|records|objects|models?|types|data)\b", re.IGNORECASE)
# a paragraph listing fields as code spans: `Key fields: `name`, `color` (ARGB), `pausedAt?`` (its label, if any, is
# short, or another entity's name in backticks)
CODE_FIELDS_HEAD_RE = re.compile(r"^\s*(?:`(?P<entity>[A-Za-z_]\w*)`(?:\s*\([^()`]*\))?|[^`:：\n]{1,40})\s*[:：]\s*")
# a bullet that labels the list as the entity's fields: `- Fields: `id`, `title`, `client_id?``
FIELDS_BULLET_HEAD_RE = re.compile(
    rf"^\s*(?:\*\*)?(?:(?:key|main|core|stored|persisted)\s+)?(?:{W.alternation('field_headings')}|{W.alternation('field_headings_cjk')})"
    rf"(?:\s+{W.alternation('field_heading_tails')})?(?:\*\*)?\s*[:：]",
    re.IGNORECASE,
)
CODE_FIELD_ITEM_RE = re.compile(
    r"`(?P<name>[^\W\d]\w*)(?:\s*=\s*(?P<default>[\w.\-]+))?(?P<optional>\?)?`\s*(?:\((?P<paren>(?:[^()]|\([^()]*\))*)\))?\s*"
    r"(?:[—–]\s*[^,;]*)?",  # `` `timeMinutes` — only in scheduled mode ``: a note after a dash
    re.DOTALL,
)
# `` `ActionMode` (nothing/pomodoro/breakFor) ``: a type (capitalised, in backticks) and its values, wherever it is said
NAMED_VALUES_RE = re.compile(r"`(?P<name>[A-Z][A-Za-z0-9]*)`\s*\(\s*(?P<values>[A-Za-z]\w*(?:\s*[/|]\s*[A-Za-z]\w*)+)\s*\)")
# `operation_type   = renta | venta  # comment` in a block of enums, and its continuation lines `   | ganado | perdido`
ENUM_ASSIGNED_RE = re.compile(r"^\s*(?P<name>[A-Za-z_]\w*)\s*=\s*(?P<values>[\w-]+(?:\s*\|\s*[\w-]+)+)\s*(?:#.*)?$")
ENUM_CONTINUED_RE = re.compile(r"^\s+(?P<values>\|\s*[\w-]+(?:\s*\|\s*[\w-]+)*)\s*(?:#.*)?$")
# `(ScheduleEventType: wakeUp/meal/work)`: a field's type named with its values
TYPE_WITH_VALUES_RE = re.compile(
    r"^\s*(?P<name>[A-Z][A-Za-z0-9]*)\s*:\s*(?P<values>[A-Za-z]\w*(?:\s*[/|]\s*[A-Za-z]\w*)+)\s*(?:,\s*(?P<rest>.*))?$", re.DOTALL
)
# `**DocumentShare**: Records explicit share relationships.`: a section's entity named in its first paragraph
# (a PascalCase name of two words or more: `DocumentShare`, not `**Endpoint**:`)
NAMED_PARAGRAPH_RE = re.compile(r"^\*\*`?(?P<name>(?:[A-Z][a-z0-9]+){2,})`?\*\*\s*[:：—–-]\s*(?P<text>\S.*)$", re.DOTALL)
# `id (uuid)`, `authorId (uuid → User.id)`: a bare camelCase or snake_case name, its type alone in parentheses
# (a space before the parenthesis: `findByEmail(email)` is a method)
BARE_PAREN_FIELD_RE = re.compile(r"^\s*(?P<bare>[a-z_][A-Za-z0-9_]*)\s+\((?P<paren>[^()]*)\)\s*$")
BARE_SPANS_RE = re.compile(r"^\s*`[^\W\d]\w*`(?:\s*(?:,|/|\band\b|&)\s*`[^\W\d]\w*`){0,3}\s*\.?\s*$")
# terse field lists without backticks (`- name, address, geo (lat, lng)`, `- kind: lesson | clinic`)
PLAIN_NAME_RE = re.compile(r"[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)*(?:_[a-z0-9]+)*")  # (`createdAt, updatedAt` too)
PLAIN_ITEM_RE = re.compile(rf"(?P<name>{PLAIN_NAME_RE.pattern})(?:\s*\((?P<paren>[^()]{{1,80}})\))?")
PLAIN_GROUP_RE = re.compile(r"[a-z][a-z0-9_]*(?:/[a-z][a-z0-9_]*)?\s*:\s+")
PLAIN_VALUES_RE = re.compile(r"(?P<name>[a-z][a-z0-9_]*)\s*:\s*(?P<values>[a-z][\w-]*(?:\s*\|\s*[a-z][\w-]*)+)")
# `` `source_id` – string (Drive file ID or Notion page ID), unique per `source`. ``
DASHED_FIELD_RE = re.compile(r"^\s*`(?P<name>[^\W\d]\w*)`(?:\s*/\s*`(?P<name2>[^\W\d]\w*)`)?\s+[–—-]\s+(?P<rest>\S.*)$")
TYPED_SPAN_RE = re.compile(r"^\s*`(?P<name>[^\W\d]\w*)(?P<optional>\?)?\s*:\s*(?P<type>[^`:]+)`\s*(?:[-—–:]+\s*(?P<rest>.*))?$")
CONDITIONAL_RE = re.compile(rf"\b{W.alternation('conditional_required')}\s+{W.alternation('conditions')}\b[^,;]*", re.IGNORECASE)
# `**action_type 枚举值**：`, `**status values**:` over a list: the values of that field
FIELD_VALUES_LABEL_RE = re.compile(
    r"\s*\*\*`?(?P<name>[A-Za-z][a-z0-9]*(?:[A-Z][a-z0-9]*)*(?:_[a-z0-9]+)*)`?\s*(?:enum(?:eration)?\s+)?"
    r"(?:values?|allowed\s+values|valid\s+values|枚举值|取值|可选值|列挙値|값|valores|valeurs|wartości)\s*\*\*\s*[:：]?\s*"
)
# `` **Status values**: `pending` | `ingesting` | `failed` ``: the values in the label's own line
INLINE_VALUES_RE = re.compile(r"(?P<values>`[^`\n]{1,60}`(?:\s*(?:[|,/]\s*(?:(?:or|and)\s+)?|(?:or|and)\s+)`[^`\n]{1,60}`)+)\s*\.?\s*")
ENUM_LABEL_RE = re.compile(r"\s*\*\*`?(?P<name>[A-Z]\w*)`?\*\*\s*[:：]?\s*")  # `**AccountStatus**:` over its values
ENUM_NAMED_RE = re.compile(r"\s*(?i:enum(?:eration)?)\s+`?(?P<name>[A-Z]\w*)`?\s*[:：]\s*")  # `Enum `DeliveryStatus`:` over its values
# (in bold or in code: `- Role: `admin`, `editor`` under a table is its seed data, not an enum)
ENUM_BULLET_RE = re.compile(
    r"^\s*[-*+]\s+(?:\*\*`?(?P<bold>[A-Z]\w*)`?\*\*|`(?P<ticked>[A-Z]\w*)`)\s*[:：]\s*(?P<values>(?:`[^`]+`\s*[,;]?\s*(?:or\s+)?){2,})"
)
MUST_EXIST_RE = re.compile(
    r"\b(?:must|should)\s+(?:exist|be\s+present)\s+in\s+(?:the\s+)?(?P<target>[A-Za-z_][\w ]{0,40}?)(?:\s+(?:table|collection|list))?\s*(?:$|[,.;()])",
    re.IGNORECASE,
)
# `- status must be one of: Done, In Progress, Blocked` (a validation rule under the entity)
ONE_OF_RE = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:\*\*)?`?(?P<field>[A-Za-z_]\w*(?:\s[A-Za-z_]\w*){0,2}?)`?(?:\*\*)?"
    r"(?:\s+|\s*:\s*(?:[^:,]{1,40},\s*)?)(?:must|should|can\s+only)\s+be\s+(?:one\s+of|either)\s*[:：]?\s*(?P<values>.+)$",
    re.IGNORECASE,
)
# `- `status = error` ⇒ `error_type` is one of `RATE_LIMIT`, `TIMEOUT`, ...`: a rule anywhere in a line, its values as code
# (the values each in code, to the line's end or a closing `(note)`, `.`; a field after `when`/`if` is a condition)
TICKED_ONE_OF_RE = re.compile(
    r"(?<!\bwhen )(?<!\bif )(?<!\bunless )(?<!\bwhile )`(?P<field>[A-Za-z_]\w*)`\s+(?:is|must\s+be|should\s+be)\s+"
    r"(?:one\s+of|either)\s*[:：]?\s*(?P<values>`[^`]+`(?:\s*(?:,|\||/|\bor\b)\s*`[^`]+`)*,?)\s*(?:\([^()]*\))?\s*\.?\s*$",
    re.IGNORECASE,
)
MAX_HEADING_CHARS = 300  # what of a heading is read: a longer one names no entity, and costs some patterns quadratic time
# `## Storage Registration (`koldstore.storage`)`: a heading, and in its parentheses the table's name
HEADING_TABLE_RE = re.compile(r"^(?P<title>[^()`]+?)\s*\((?P<note>[^()`]*`(?P<table>[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)?)`[^()`]*)\)\s*$")
# `| Provider | Valid type | `type` IN ('ollama', 'openai') |`: a check constraint written in a rule
IN_LIST_RULE_RE = re.compile(
    r"`(?P<field>[A-Za-z_]\w*)`\s+IN\s*\(\s*(?P<values>'[^'\n]{1,60}'(?:\s*,\s*'[^'\n]{1,60}')+)\s*\)", re.IGNORECASE
)
# `## UI-Only Entities`, `## Entidades`: a heading over entities
ENTITIES_WORD_RE = re.compile(rf"(?<!\w){W.alternation('entity_group_words')}(?!\w)", re.IGNORECASE)
# `User 1──* Item`, `Order (1) ---- (N) OrderLine`, `Team 1:N Member`: a relationship drawn between two names
_CARD_BARE = r"(?:1|N|M|n|\*|0\.\.1|0\.\.\*|1\.\.\*|0\.\.[Nn]|1\.\.[Nn]|many|one)"
_CARD = rf"\(?{_CARD_BARE}\)?"
CARDINALITY_RE = re.compile(
    rf"^\s*(?:[-*+]\s+)?`?(?P<a>[A-Za-z_]\w*)`?\s*(?P<ca>{_CARD})\s*(?:[─━—–=\-.<>]{{2,}}|:)\s*(?P<cb>{_CARD})\s*`?(?P<b>[A-Za-z_]\w*)`?(?!\w)"
)
# `Order (N) -> Restaurant (1)`, `Order (N) -> User (1, createdBy)`: each side's cardinality after its name, the
# column that keys it named beside the one side's
CARDINALITY_AFTER_RE = re.compile(
    rf"^\s*(?:[-*+]\s+)?`?(?P<a>[A-Za-z_]\w*)`?\s*\((?P<ca>{_CARD_BARE})(?:\s*,\s*`?(?P<cola>[A-Za-z_]\w*)`?)?\)"
    rf"\s*(?:->|→|<->|↔|[─━—–\-]{{2,}}>?)\s*`?(?P<b>[A-Za-z_]\w*)`?\s*\((?P<cb>{_CARD_BARE})(?:\s*,\s*`?(?P<colb>[A-Za-z_]\w*)`?)?\)"
)
# `- Many-to-One with FHIR Document (via ResourceID)`, `- One-to-Many with Medical Entity (via ResourceID foreign keys)`
VIA_COLUMN_RE = re.compile(
    r"^\s*[-*+]\s+(?:\*\*)?(?P<many>many|one)[- ]to[- ](?P<one>one|many)(?:\*\*)?\s*:?\s+(?:with|to)\s+(?:an?\s+|the\s+)?`?"
    r"(?P<other>[A-Z][\w]*(?: [A-Z][\w]*){0,3})`?\s*\((?:via\s+)?`?(?P<column>[A-Za-z_]\w*)`?(?:\s+foreign\s+keys?)?\)",
    re.IGNORECASE,
)
STORAGE_HEADING_RE = re.compile(rf"(?<!\w){W.alternation('storage_headings')}(?!\w)", re.IGNORECASE)
# `Add `deleted_at TIMESTAMP` column to `accounts`, `subscriptions``: a column the document's prose adds to its tables
ADD_COLUMN_SENTENCE_RE = re.compile(
    r"(?i)\badd\s+(?:an?\s+)?`(?P<column>[a-z_]\w*)\s+(?P<type>[A-Za-z][\w(), ]{0,40})`\s+column\s+to\s+"
    r"(?P<tables>`[A-Za-z_]\w*`(?:(?:\s*,\s*|\s+and\s+|,\s+and\s+)`[A-Za-z_]\w*`){0,20})"
)
# `(Table `messages`)`, `— table: `messages``: a heading's words that name the table
TABLE_NAMED_RE = re.compile(
    rf"(?i)(?:\(\s*+|[—–:]\s*+){W.alternation('table_name_labels')}\s*+[:=]?\s*+`(?P<table>[A-Za-z_][\w.]*)`\s*+(?:\)|$)"
)
FIELDS_ONLY_RE = re.compile(
    rf"(?:(?:{W.alternation('field_headings_cjk')}|fields?|columns?|attributes?|properties)\s*"
    r"(?:semantics|definitions?|descriptions?|details|list|说明|說明|语义|語義|定义|定義|一覧|描述)?\s*)+",
    re.IGNORECASE,
)
ENUM_WORD_RE = re.compile(r"\b(?:enum(?:eration)?s?|列挙型?|枚举|열거형)\b", re.IGNORECASE)
HEADING_SUFFIX_RE = re.compile(rf"\s*(?<=\s|[^\x00-\x7f]){W.alternation('table_suffixes')}$", re.IGNORECASE)
# `- **QuantitativeGoal**: Extends BaseGoal` over its fields: an entity a bullet
# `- **Task**: A thing to do`, and a plain `- Posts` or `- Members (mirror)` (the fields nested under it decide)
BULLET_ENTITY_RE = re.compile(
    r"^\s*(?P<bold>\*\*)?`?(?P<name>[A-Z][A-Za-z0-9]*(?: [A-Z][A-Za-z0-9]*){0,2})`?(?(bold)\*\*)\s*+(?:\([^()]{1,40}\))?"
    r"\s*+(?:[:：—–-]\s*(?P<rest>.*))?$"  # (possessive spaces: linear on a long run of them)
)
EXTENDS_RE = re.compile(r"\b(?:extends|inherits(?:\s+from)?|derives\s+from)\s+`?(?P<base>[A-Z]\w*)`?", re.IGNORECASE)
BARE_NAMES_TYPE_RE = re.compile(r"^\s*(?P<names>[^\W\d]\w*\??(?:\s*,\s*[^\W\d]\w*\??)*)\s*:\s*(?P<rest>\S.*)$")
SET_MEMBER_RE = re.compile(r"(?:∈|\bIN\b)\s*\{(?P<values>[^{}]+)\}")
SQL_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
SCHEMA_QUALIFIED_RE = re.compile(r"`?[a-z_][a-z0-9_]*`?\.`?(?P<table>[a-z_][a-z0-9_]*)`?")
# A sub-heading that names an entity itself, not a part of one: `RevokedToken`, `refresh_tokens`, `Users Table`.
ENTITY_LIKE_RE = re.compile(
    r"^(?:[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+|[a-z][a-z0-9]*_[a-z0-9_]+|.+\s(?i:entity|table|model))(?:\s*[(（].*[)）])?$"
)

# Constraint shapes (notation, not prose words): `FK → users.id`, `FK(users.id)`, `REFERENCES categorias(id)`,
# `Foreign Key to Rola`, `ref Account`, `max 100 chars`, `1-200 chars`, `default false`.
FK_RE = re.compile(
    r"(?:\bFK\b|\bforeign\s+key\b|\breferences\b|\bref\b|\bclave\s+for[aá]nea\b|\bchave\s+estrangeira\b|\bcl[eé]\s+[eé]trang[eè]re\b|외래\s*키|外部キー)"
    r"\s*(?:(?:to|para|hacia|vers|do|a)\s+|[→>:\-]+\s*|\(\s*)*(?:(?:external|existing|another)\s+(?=[A-Za-z_]))*`?(?P<target>[A-Za-z_][\w]*)(?:`?(?:\.|\s*\(\s*)`?(?P<column>\w+)`?\)?)?",
    re.IGNORECASE,
)  # `users.id`, `users (id)`; `` `Trainings`. Indexed `` ends a sentence
# `references canon entities`, `references other records`: what a text is about, no key
KINDS_REFERENCED_RE = re.compile(r"(?i)\breferences\s+(?:\w+\s+)?(?:entities|entity|records|items|objects|rows)\b")
# `(relation -> Members)`, `(ref → users)`: a field typed as a key to another entity
RELATION_TYPE_RE = re.compile(r"(?i)(?:relation(?:ship)?|ref(?:erence)?|fk|foreign\s+key)\s*(?:->|→|to\b|:)\s*`?[A-Za-z_]\w*")
# `Reference to PetWalker`, `// Link to products table`: an entity's name or a table's after the words (said of a
# key column: a plain description would read `reference to the docs` as none)
LINK_RE = re.compile(
    r"\b(?i:reference|link|pointer|points?)\s+(?i:to)\s+(?:(?i:the)\s+)?(?P<target>[A-Z][a-z]\w*|[a-z]+_[a-z_]+|[a-z]{3,}s)\b"
    r"(?:\.(?P<column>\w+))?(?!\s+(?:of|for|from)\b)"
)
# `- `storageBucket``, `- `createdBy`, `updatedBy``, `- `checksum` (optional)`: a list item naming fields and nothing else
BARE_FIELD_ITEM_RE = re.compile(r"`[^\W\d]\w*`(?:\s*,\s*`[^\W\d]\w*`)*(?:\s*\((?i:optional|nullable|required)\))?\.?")
# `contributors/{uid}`, `users/{uid}/guides/{guideId}`: a Firestore document path, the last collection its table
DOCUMENT_PATH_RE = re.compile(r"`?(?:[a-z][\w-]*/\{\w+\}/)*(?P<collection>[a-z][\w-]*)/\{\w+\}`?")
# `Tenant this profile belongs to`, `Workspace that owns this board`: the owner a key column's description names first
OWNER_FIRST_RE = re.compile(
    r"^(?:the\s+)?(?P<target>[A-Za-z][a-z]*(?:\s+[A-Za-z][a-z]*)?)\s+(?:(?:this|that|which)\s+(?:[\w-]+\s+){1,3}?"
    r"(?:belongs\s+to|is\s+(?:scoped|owned)\s+(?:to|by))\b|(?:that|which)\s+owns\s+(?:this|the)\b)",
    re.IGNORECASE,
)
# `| session_id | Owning execution session |`: the owner named after the word `owning`, the key after its head noun
OWNING_RE = re.compile(r"^owning\s+(?P<target>[A-Za-z][a-z]*(?:\s+[A-Za-z][a-z]*)?)\s*\.?$", re.IGNORECASE)
# `关联 PaperTradingState`, `引用 users.id`, `関連の Order`: a CJK link word, then an entity's or a table's name
CJK_LINK_RE = re.compile(
    rf"{W.alternation('link_words_cjk')}(?:的|の|된)?\s*[:：]?\s*`?(?P<target>[A-Z](?=[A-Z]*[a-z])\w*|[a-z]+_[a-z_]+|[a-z]{{3,}}s)`?(?:\.(?P<column>\w+))?(?![\w.])"
)
# `ForeignKey (Document)`, `OneToOne(User, on_delete=CASCADE)`: a relation type around its target's name
RELATION_CALL_RE = re.compile(rf"(?:{W.alternation('relation_type_words')})\s*\(\s*['\"]?(?P<target>[A-Z]\w*)['\"]?\s*(?P<args>,[^()]*)?\)")
# `Valid User reference`, `Existing Venue reference`: the entity before the word (`Payment reference` is a value)
VALID_REFERENCE_RE = re.compile(
    r"\b(?i:valid|existing)\s+(?P<target>[A-Z][a-z]\w*)\s+(?i:reference)\b(?!\s+(?i:number|no|code|string|id)\b)(?P<column>(?!))?"
)
# Words FK_RE can take for a target that name no table (`foreign key to the ...`, `FK to this`, `FK part`)
FK_NON_TARGETS = reference_non_targets()
# `Cart ─── 1:N ──→ CartItem`, `Cart 1─* CartItem`, `||--o{`, `has many`
ONE_TO_MANY_RE = re.compile(r"1\s*:\s*[Nn*]|1\s*[─-]+\s*[*Nn]|\|\|--o\{|one[- ]to[- ]many|has\s+many", re.IGNORECASE)
UNIQUE_LABEL_RE = re.compile(rf"^\s*\*\*\s*{W.alternation('unique_labels')}\s*[:：]?\s*\*\*\s*[:：]?\s*$", re.IGNORECASE)
FK_LABEL_RE = re.compile(rf"^\s*\*\*\s*{W.alternation('foreign_key_labels')}\s*:?\s*\*\*\s*:?\s*", re.IGNORECASE)
# `sign_id` → `celestial_signs.id` (ON DELETE CASCADE), `user_id references users(id)`
FK_STATEMENT_RE = re.compile(
    r"`?(?P<column>[A-Za-z_]\w*)`?\s*(?:→|->|=>|references|refs)\s*`?(?P<target>[A-Za-z_]\w*)(?:\.(?P<key>\w+)|\((?P<key2>\w+)\))?`?(?:[^\n`]*)",
    re.IGNORECASE,
)
# `Document (ProjectId) -> Project`, `DocumentShare.DocumentId → Document`: a column of one entity keys another
# (`- **LineBinding (多對一)**: `Session.LineUserId` → `LineBinding.LineUserId``: after a label, to a column not the key)
COLUMN_ARROW_RE = re.compile(
    r"^\s*(?:[-*+]\s+)?(?P<label>\*\*[^*\n]{1,60}\*\*\s*[:：]\s*)?`?(?P<child>[A-Za-z_]\w*)\s*"
    r"(?:\(\s*`?(?P<column>[A-Za-z_]\w*)`?\s*\)|\.(?P<column2>[A-Za-z_]\w*))`?"
    r"\s*(?:->|→|=>)\s*`?(?P<parent>[A-Za-z_]\w*)`?(?:\.(?P<key>\w+))?`?(?:\s|$|[(,;.])"
)
# `` `FREE | PAID | FAILED` ``: an enum's values in one line
PIPED_VALUES_RE = re.compile(r"`?(?P<values>[A-Za-z][\w-]*(?:\s*\|\s*[A-Za-z][\w-]*)+)`?")
# `` `users` holds the local identity: `` — a sentence that opens with a table's name and a verb of keeping
SENTENCE_TABLE_RE = re.compile(rf"^\s*`(?P<table>[a-z][a-z0-9]*(?:_[a-z0-9]+)*s)`\s+(?:{W.alternation('keeping_verbs')})\b", re.IGNORECASE)
SENTENCE_FIELD_RE = re.compile(r"`(?P<name>[a-z][a-z0-9]*(?:_[a-z0-9]+)*)`(?:\s*\((?P<paren>[^()]{1,60})\))?")
# `timestamps` in a field list: the pair of columns the convention adds
TIMESTAMP_PAIRS = {"timestamps": ("created_at", "updated_at"), "timestamps()": ("inserted_at", "updated_at")}
# a note after a related entity that says this side holds no key: `tasks` (1:N), `tags` (many-to-many via TaskTag)
MANY_NOTE_RE = re.compile(
    r"(?i)\b(?:1|one)\s*(?::|-to-)\s*(?:n|many|\*)\b|many[- ]to[- ]many|\b[nm]\s*:\s*[nm]\b|has\s+many|one\s+or\s+more"
)
# `Relations:` over an entity's keys as code spans: `` `venue`, `scheduleBlock?`, `payment?` (1:1) ``
RELATION_LABEL_RE = re.compile(W.alternation("relation_labels"), re.IGNORECASE)
RELATION_ITEM_RE = re.compile(r"`(?P<name>[A-Za-z_]\w*)(?P<optional>\?)?`(?:\s*\((?P<note>[^()]*)\))?")
# `` `vehicle`: Many-to-one → Vehicle (required) ``, `` `owner`: N:1 with `User` ``: a navigation to the entity it keys
MANY_TO_ONE_ITEM_RE = re.compile(
    r"^\s*`(?P<name>[a-z]\w*)`\s*[:：]\s*(?i:many[- ]to[- ]one(?:\s+relationship)?|n\s*:\s*1|\*\s*:\s*1|belongs\s+to)\s*"
    r"(?:(?:→|->|(?i:with|to))\s*)?(?:(?i:an?|the)\s+)?`?(?P<target>[A-Z]\w*)`?"
)
RELATION_LIST_RE = re.compile(
    r"\s*`[A-Za-z_]\w*\??`(?:\s*\([^()]*\))?(?:\s*[,;]\s*(?:and\s+)?`[A-Za-z_]\w*\??`(?:\s*\([^()]*\))?)*\s*\.?\s*"
)
# `- venueId optional`, `- status: draft, active`, `- createdAt`: a field named without a type, in a list of fields
UNTYPED_FIELD_RE = re.compile(
    r"^\s*`?(?P<name>[a-z][A-Za-z0-9]*(?:_[a-z0-9]+)*)(?P<optional>\?)?`?"
    r"(?:\s+\(?(?P<flag>(?i:optional|nullable))\)?(?P<note>\s.*)?|\s*[:：]\s*(?P<rest>\S.*))?\s*$"
)
# `**id**: Unique identifier (e.g. UUID).`, `**createdAt** / **updatedAt**: Optional timestamps`, `**photoUri** (or
# equivalent): Reference to stored image`: fields in bold, described in words
DESCRIBED_FIELD_RE = re.compile(
    r"^\s*(?P<names>\*\*`?[a-z][A-Za-z0-9_]*`?\*\*(?:\s*/\s*\*\*`?[a-z][A-Za-z0-9_]*`?\*\*)*)\s*(?:\([^()]*\))?\s*[:：]\s*(?P<rest>\S.*)$"
)
# `枚举: pdf, doc, docx, txt`, `Enumeration (Critical, High, Low)`: a note that gives a column's values, saying so
ENUM_SAID_RE = re.compile(rf"^\s*{W.alternation('enumeration_openers')}\s*(?:[:：]|\()\s*(?P<values>[^:：()]+?)\)?\s*$", re.IGNORECASE)
# `FK -> TelegramUserCandidate.id`, `FK → users.id`: a type that is only the key it refers to
ONLY_KEY_RE = re.compile(
    r"(?i)(?:FK|foreign\s+key|ref(?:erence)?s?)\s*(?:->|→|to\b|:)\s*`?(?P<target>[A-Za-z_]\w*(?:\.\w+)?)`?(?:\s*\([^()]*\))?"
)
# `(1:1 to User)`, `(N:1 to User)`, `(many-to-one with Team)`: a field that is the key to another entity
CARDINAL_TO_RE = re.compile(r"(?i)(?:1|n|many)\s*(?::|-to-)\s*(?:1|one)\s+(?:to|with)\s+`?(?P<target>[A-Z]\w*)`?")
# `- User → QuestionResource (created_by)`: a relationship drawn between two entities, with the column that keys it
ARROW_VIA_RE = re.compile(
    r"^\s*[-*+]\s+`?(?P<a>[A-Za-z_]\w*)`?\s*(?:→|->|⇒|=>)\s*`?(?P<b>[A-Za-z_]\w*)`?\s*[(（]\s*`?(?P<column>[A-Za-z_]\w*)`?\s*[)）]\s*$"
)
ARROW_FK_RE = re.compile(r"(?:→|->)\s*`?(?P<target>[A-Za-z_]\w*)`?(?:\.`?(?P<column>\w+)`?)?")
MAX_LEN_RE = re.compile(
    r"(?:\bmax(?:imum)?(?:[\s_]?length)?\s*[:=]?\s*(?P<max>\d+)\s*(?:chars?|characters?|caracteres|znaków|자|文字)?"
    r"|(?<!\d)(?P<low>\d+)\s*[-–]\s*(?P<high>\d+)\s*(?:chars?|characters?|caracteres|znaków|자|文字)"  # (a run's start: linear)
    r"|\b(?:up\s+to|at\s+most|até|hasta|jusqu'à|do)\s+(?P<upto>\d+)\s*(?:chars?|characters?|caracteres|znaków))",
    re.IGNORECASE,
)
DEFAULT_RE = re.compile(  # (not the word in a value: `default-fallback`, `is_default`)
    r"(?<![\w-])default(?:s)?(?![\w-])(?:\s+(?:to|is|value))?(?:\s*[:=]\s*|\s+)(?P<value>`[^`]+`|'[^']*'|\"[^\"]*\"|\w+\(\)|[^\s,;|)]+)",
    re.IGNORECASE,
)
ON_DELETE_RE = re.compile(
    r"\bon\s+delete\s+(?P<action>cascade|restrict|set\s+null|set\s+default|no\s+action)|\b(?P<cascade>cascade)\s+delete\b", re.IGNORECASE
)
UUID_AS_TEXT_RE = re.compile(r"\bUUIDs?\b[^\n.|]{0,40}?\b(?:var)?char\s*\(\s*36\s*\)", re.IGNORECASE)
# a column of 36 characters whose notes say UUID (`| id | varchar(36) PK | UUID v4 (app) |`)
UUID_ONLY_RE = re.compile(r"\s*(?:an?\s+)?(?:UUID|GUID)(?:\s*v?\d)?(?:\s+(?:string|text|value|格式|字符串))?\s*[.。]?\s*", re.IGNORECASE)
UUID_NOTE_RE = re.compile(r"\b(?:UUID|GUID)(?:s|v?\d)?\b", re.IGNORECASE)
# `SwiftData relationship`, `@Relationship`, `relationship to Vehicle` in a row (not `relationship status`, `not a relationship`)
RELATIONSHIP_ROW_RE = re.compile(r"(?i)(?<!not a )(?:\b(?:swiftdata|core\s*data)\s+|@)relationship\b|\brelationship\s+(?:to|with)\b")
SWIFT_STORE_RE = re.compile(
    r"\bSwiftData\b|\bCoreData\b|\bNSManagedObject\b|@Model\b(?!\w)|\bGRDB\b|\bCore Data\b(?!\s+(?i:entit|model|type|concept|object|structure|table|field))"
)
SERVER_DATABASE_RE = re.compile(r"(?i)\b(?:postgres(?:ql)?|mysql|mariadb|sql\s+server|oracle|mongodb|supabase|dynamodb|firestore)\b")
BSON_RE = re.compile(r"\bObjectId\b|\bMongoose\b", re.IGNORECASE)  # (a mention of MongoDB may be of a migration away)
VALUES_RE = re.compile(r"'([^'\n]{1,60})'|\"([^\"\n]{1,60})\"|`([^`\n]{1,60})`")


def normalised_text(text: str) -> str:
    """The text as markdown-it numbers its lines: no byte-order mark, and a bare CR ends a line as CRLF does (else
    a token's line would be past the end of `text.split("\n")`)."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def read_data_model(path: str, text: str, diags: Diagnostics, coded: Sequence[InferredEntity] = ()) -> list[InferredEntity]:
    """Entities with the columns that data-model.md's tables and bullets give them. `coded`: the entities its code
    blocks declare, which a mapping table of the document (`| 表名 | 对应实体 |`) may show to be tables."""
    text = normalised_text(text)
    reader = _Reader(path, text, diags)
    reader.coded = list(coded)
    reader.apply_storage_map(coded)
    reader.apply_storage_lines(coded)
    reader.read()
    reader.read_described_tables()
    reader.read_document_examples()
    reader.apply_table_lines()
    reader.apply_heading_tables()
    reader.apply_frappe_names()
    reader.read_overviews()
    reader.read_sentence_tables()
    reader.apply_weak_refs()
    reader.apply_bases()
    reader.apply_foreign_keys()
    reader.apply_conventions()
    reader.apply_common_columns()
    reader.apply_statements()
    reader.apply_relation_lists()
    reader.apply_untargeted_keys()
    reader.apply_dotted_keys()
    reader.apply_described_ids()
    for entity in reader.entities:
        _natural_key(entity)
    reader.apply_object_fields()
    reader.apply_collections()
    reader.mark_not_stored()
    reader.apply_document_ids()
    if reader.uuids_in_36:  # `id: CHAR(36) - UUID primary key` beside `word_id: CHAR(36) - References Word(id)`
        for column in (c for e in reader.entities for c in e.columns if c.type in ("string(36)", "char(36)")):
            if column.name == "id" or column.name.endswith("_id"):
                column.type = "uuid"
    return [e for e in reader.entities if e.columns]


def apply_statements(path: str, lines: list[str], entities: list[InferredEntity]) -> None:
    """Sentences anywhere in the document about an entity's fields, in validation rules or relationship
    lists: `status must be one of: Done, In Progress` (an enum), `RoadmapItem belongs to one Product, one
    Team` (keys to them, on the columns named after them). Also about the entities a code block declares, whose
    relationship lists follow the block (`- Belongs to Station (station.id)`)."""
    starts = sorted((e.evidence[0].span.line - 1, n) for n, e in enumerate(entities) if e.evidence)
    by_key = {W.entity_key(e.name): e for e in entities}
    belongs = W.alternation_of(W.words()["relationship"]["belongs_to"])
    refers = W.alternation_of(W.words()["relationship"]["refers_to"])
    adverbs = W.alternation_of(W.words()["relationship"]["qualifiers"])
    has_many = W.alternation_of(W.words()["relationship"]["has_many"])
    for line0, line in enumerate(lines):
        if len(line) > MAX_LINE:
            continue
        added = ADD_COLUMN_SENTENCE_RE.search(line)
        if added:  # `Soft delete: Add `deleted_at TIMESTAMP` column to `accounts`, `subscriptions``
            _column_added_to(added, by_key, _said(path, lines, line0))
            continue
        one_of = ONE_OF_RE.match(line) or TICKED_ONE_OF_RE.search(line)
        if one_of:  # (`### Validation Rules` after every table: `- Category: Required, must be one of: ...`)
            _one_of_rule(lines, line0, one_of, entities, starts)
            continue
        in_list = IN_LIST_RULE_RE.search(line)
        if in_list and re.search(r"(?i)\bwhere\b", line[: in_list.start()]):
            in_list = None  # `UNIQUE (user_id) WHERE `status` IN ('queued', 'running')`: a subset, in a partial index
        if in_list:
            row = re.match(r"^\s*\|\s*`?([^|`]+?)`?\s*\|", line)  # (a rules table: the entity in its first cell)
            owner = by_key.get(W.entity_key(row.group(1))) if row else None
            _values_rule(in_list.group("field"), re.findall(r"'([^']*)'", in_list.group("values")), line0, entities, starts, owner)
            continue
        drawn = CARDINALITY_RE.match(line) or CARDINALITY_AFTER_RE.match(line)
        if drawn:
            _drawn_relationship(drawn, by_key, _said(path, lines, line0))
            continue
        implied = re.match(rf"^\s*[-*+]\s+(?:{adverbs}\s+)?(?:{belongs}|{refers})\s+(?P<targets>.+)$", line, re.IGNORECASE)
        above = next((entities[n] for start, n in reversed(starts) if start <= line0), None)
        if implied and above is not None:
            # `- Belongs to Station (stations.id)` under `### Pump Configuration`: its column named after Station;
            # `- Optionally references a team or league`: `team_id` and `league_id`, or `requester_team_id`
            for phrase in linear_re.split(r"\s*[,;]\s*|\s+(?:or|and)\s+", implied.group("targets")):
                _implied_key(above, phrase, by_key, _said(path, lines, line0))
            continue
        via = VIA_COLUMN_RE.match(line)
        if via and above is not None:
            _related_via(via, above, by_key, _said(path, lines, line0))
            continue
        pointed = ARROW_VIA_RE.match(line)
        if pointed:
            _pointed_via(pointed, by_key, _said(path, lines, line0))
            continue
        keyed = COLUMN_ARROW_RE.match(line)
        if keyed and re.match(r"`?\s+[a-z]+\s+[a-z]", line[keyed.end("parent") :]) and W.entity_key(keyed.group("parent")) not in by_key:
            keyed = None  # `` `post_index.moderation_status` → Filters feed skeleton results ``: what it is for, a sentence
        child = by_key.get(W.entity_key(keyed.group("child"))) if keyed else None
        if keyed and child is not None:
            # `Document (ProjectId) -> Project`: that column of Document is a key to Project
            field = W.snake(keyed.group("column") or keyed.group("column2"))
            parent = by_key.get(W.entity_key(keyed.group("parent")))
            if keyed.group("label") and not (field.endswith("_id") or field == W.snake(keyed.group("key") or "")):
                continue  # `- **Invoicing**: `Order.status` → `Invoice` (issued when paid)`: a flow, not a key
            for column in child.columns:
                if column.name == field and column.references is None and W.entity_key(keyed.group("parent")) != W.entity_key(child.name):
                    _refers(
                        column, parent.name if parent is not None else W.pascal(W.snake(keyed.group("parent"))), _said(path, lines, line0)
                    )
                    key = W.snake(keyed.group("key") or "id")
                    if parent is not None and key != "id" and any(c.name == key for c in parent.columns):
                        column.references_column = key  # a unique column of the parent, not its key
            continue
        # (`- A User uploads many Documents.`, `- A Project may contain many Documents.`: a verb, then how many)
        verbed_many = r"(?:(?:may|can|will)\s+)?[a-z]+\s+(?:many|multiple|one\s+or\s+more|zero\s+or\s+more)"
        for verb, many in ((belongs, False), (f"(?:{has_many}|{verbed_many})", True)):
            statement = re.match(
                rf"^\s*(?:[-*+]\s+)?(?:(?:an?|the|each|one)\s+)?`?(?P<owner>[A-Za-z_]\w*)`?\s+{verb}\s+(?P<rest>.+)$", line, re.IGNORECASE
            )
            owner = by_key.get(W.entity_key(statement.group("owner"))) if statement else None
            if many and statement is not None and owner is None and statement.group("owner")[:1].isupper():
                _keys_to_the_undeclared(statement, by_key, _said(path, lines, line0))
            if owner is None or statement is None:
                continue
            for part in linear_re.split(r"\s*,\s*|\s+and\s+", statement.group("rest").rstrip(". ")):
                word = re.sub(r"^(?:one|a|an|the|single)\s+", "", part.strip(), flags=re.IGNORECASE).strip("` ")
                other = by_key.get(W.entity_key(word))
                if other is None or other is owner:
                    continue
                # `A belongs to B`: A's column named after B; `A has many B`: B's column named after A
                child, parent = (other, owner) if many else (owner, other)
                _key_named_after(child, parent.name, parent.name, _said(path, lines, line0))


def _value_like(value: str) -> bool:
    """One value of a list (`Completed`, `In Progress`, `NOT_STARTED`), not words about the field (`see below`,
    `Current order status`, `not null`): one word, or every word capitalised, and no modifier or function word."""
    words = value.split()
    if is_modifier(value) or {w.lower() for w in words} & set(W.words()["function_words"]):
        return False
    return len(words) == 1 or all(w[:1].isupper() for w in words)


def _column_added_to(added: re.Match, by_key: dict[str, InferredEntity], said: Evidence) -> None:
    """`Add `deleted_at TIMESTAMP` column to `accounts`, `subscriptions``: that column, nullable, on each table named
    that the document declares (and has not given it already)."""
    guess = canonical_type(added.group("type"), column=added.group("column"))
    if guess.type is None:
        return
    for table in re.findall(r"`([A-Za-z_]\w*)`", added.group("tables")):
        entity = by_key.get(W.entity_key(table))
        if entity is None or not entity.columns or any(c.name == added.group("column") for c in entity.columns):
            continue
        column = InferredColumn(name=added.group("column"), type=guess.type, required=False, confident=guess.confident)
        column.evidence.append(said)
        entity.columns.append(column)


def _keys_to_the_undeclared(statement: re.Match, by_key: dict[str, InferredEntity], said: Evidence) -> None:
    """`A User uploads many Documents.` with no User in the document: the one column of each Document named after the
    user (`user_id`, `uploaded_by_user_id`) is a key to the application's User, kept outside these specs."""
    owner = statement.group("owner")
    base = W.snake(owner)
    if (
        any(base in W.snake(e.name).split("_") for e in by_key.values())
        or W.is_person(base)
        and any(W.is_person(W.snake(e.name)) for e in by_key.values())
    ):
        return  # `UserAccount`, `Member` beside `A User uploads many Documents`: the document has its users
    for part in linear_re.split(r"\s*,\s*|\s+and\s+", statement.group("rest").rstrip(". ")):
        child = by_key.get(W.entity_key(part.strip("` ")))
        if child is None:
            continue
        named = [c for c in child.columns if c.name == f"{base}_id" or c.name.endswith(f"_{base}_id")]
        if len(named) == 1 and named[0].references is None and _keyable(named[0].type):
            _refers(named[0], W.pascal(base), said)


def _related_via(via: re.Match, above: InferredEntity, by_key: dict[str, InferredEntity], said: Evidence) -> None:
    """`- Many-to-One with FHIR Document (via ResourceID)` under an entity: that column of it is a key to the other;
    `- One-to-Many with Medical Entity (via ResourceID)`: the other's column is a key to it."""
    key = W.entity_key(via.group("other"))
    other = by_key.get(key) or by_key.get(key.removesuffix("entity"))
    if other is None or other is above or via.group("many").lower() == via.group("one").lower():
        return  # (one-to-one, many-to-many: no side is plainly the child)
    child, parent = (above, other) if via.group("many").lower() == "many" else (other, above)
    for column in child.columns:
        if column.name == W.snake(via.group("column")) and column.references is None and not column.primary_key:
            _refers(column, parent.name, said)


def _implied_key(above: InferredEntity, phrase: str, by_key: dict[str, InferredEntity], said: Evidence) -> None:
    """One target of `- Belongs to a venue organization`: the column of `above` named after the target's words or
    their last ones (`organization_id`, `requester_team_id` for `a team`) is a key to the entity they name, to
    the application's user for a person (`the requester user`, `an author`), else to a table named so."""
    words = []
    opening = r"^(?:(?:exactly|at\s+most|zero\s+or)\s+one|a\s+single|single|one|a|an|the|its|their)\s+"
    for word in re.sub(opening, "", phrase.strip(" .`"), flags=re.IGNORECASE).split():
        word = word.strip("`*")
        if not re.fullmatch(r"[A-Za-z]\w*", word) or word.lower() in ("per", "of", "for", "in", "at", "via", "through", "by", "with"):
            break
        words.append(word)
    if not words or len(words) > 3:
        return
    whole = W.entity_key(" ".join(words))
    target = by_key.get(whole) or _one_ending(by_key, whole)
    person = W.is_person(W.snake(words[-1])) or W.is_person(W.snake("_".join(words)))
    if target is above:
        return
    bases = [W.snake("_".join(part)) for size in range(len(words), 0, -1) for part in (words[-size:], words[:size])]
    for base in dict.fromkeys(bases):  # (`an actor user`: `actor_id`)
        exact = [c for c in above.columns if c.name in (base, f"{base}_id") and c.references is None]
        ending = [c for c in above.columns if c.name.endswith(f"_{base}_id") and c.references is None and not c.primary_key]
        for column in exact or (ending if len(ending) == 1 else []):
            if not _keyable(column.type):
                continue
            # the entity the phrase names, else the one the column's own word names (`the original order`: Order,
            # `a parent category`: its own table), a person's user, else a table of the column's word
            named = target or by_key.get(W.entity_key(base)) or (above if base == "parent" else None)
            name = named.name if named is not None else "User" if person else W.pascal(base)
            _refers(column, name, said)
            return


def _one_ending(keys: dict[str, InferredEntity], key: str, besides: InferredEntity | None = None) -> InferredEntity | None:
    """The one entity (not `besides`) whose key ends with `key` of four letters or more: `scheduleblock` is the
    VenueScheduleBlock when no other entity's name ends so."""
    if len(key) < 4:
        return None
    ending = {id(e): e for k, e in keys.items() if k.endswith(key) and e is not besides}
    return next(iter(ending.values())) if len(ending) == 1 else None


def _pointed_via(pointed: re.Match, by_key: dict[str, InferredEntity], said: Evidence) -> None:
    """`- User → QuestionResource (created_by)` in a relationship list: the side that has the column holds the key to
    the other (either way round the arrow is drawn)."""
    field = W.snake(pointed.group("column"))
    names = pointed.group("a"), pointed.group("b")
    sides = [by_key.get(W.entity_key(name)) for name in names]
    for n, entity in enumerate(sides):
        other, other_name = sides[1 - n], names[1 - n]
        if entity is None or entity is other:
            continue
        keyish = re.search(r"_(?:id|by|key|uuid)$", field) or field == W.snake(other_name) or W.is_actor(field)
        for column in entity.columns:
            if column.name == field and keyish and column.references is None and not column.primary_key and _keyable(column.type):
                _refers(column, other.name if other is not None else W.pascal(W.snake(other_name)), said)
                return


def _said(path: str, lines: list[str], line0: int) -> Evidence:
    """The line `line0` as the evidence of what it says."""
    line = lines[line0]
    start = len(line) - len(line.lstrip())
    return Evidence(Span(path, line0 + 1, start + 1, line0 + 1, start + len(line.strip()) + 1), "bullet", line.strip()[:300])


def _drawn_relationship(drawn: re.Match, by_key: dict[str, InferredEntity], said: Evidence) -> None:
    """`User 1──* Item`, `Order (1) --- (N) OrderLine`: the many side's column named after the one side is a
    key to it, also when the one side is declared nowhere in this document (a table the project already has)."""
    many = [_many_side(drawn.group("ca")), _many_side(drawn.group("cb"))]
    if many[0] == many[1]:
        return  # one-to-one, or many-to-many through a table of its own
    parent, child = (drawn.group("a"), drawn.group("b")) if many[1] else (drawn.group("b"), drawn.group("a"))
    entity = by_key.get(W.entity_key(child))
    if entity is None or W.entity_key(parent) == W.entity_key(child):
        return
    target = by_key.get(W.entity_key(parent))
    target_name = target.name if target is not None else W.pascal(W.snake(parent))
    named = drawn.groupdict().get("cola" if many[1] else "colb")  # `User (1, createdBy)`: the key is created_by
    if named:
        for column in entity.columns:
            if column.name == W.snake(named) and column.references is None:
                _refers(column, target_name, said)
        return
    _key_named_after(entity, parent, target_name, said)


def _one_of_rule(lines: list[str], line0: int, one_of: re.Match, entities: list[InferredEntity], starts: list[tuple[int, int]]) -> None:
    """A `must be one of` rule at `line0`: the values of the field it names, of the entity declared last above the
    line (`starts`: each entity's first line, sorted), else of the one entity that has it."""
    said = one_of.group("values")
    for more in lines[line0 + 1 : line0 + 4]:
        if not re.match(r"^\s{2,}(?![-*+]\s)\S", more) or not said.rstrip().endswith(","):
            break
        said = f"{said} {more.strip()}"  # `..., `social`,` then `  `other``: the rule's next line
    values = enum_values_listed(linear_re.sub(r"\s*\([^()]*\)", "", said))  # (`Other (FR-005).`: a requirement's number)
    _values_rule(one_of.group("field"), values, line0, entities, starts)


def _values_rule(
    field_said: str,
    values: list[str],
    line0: int,
    entities: list[InferredEntity],
    starts: list[tuple[int, int]],
    owner: InferredEntity | None = None,
) -> None:
    """A rule giving `field_said` its closed list of values: the field of `owner`, else of the entity declared last
    above the line, else of the one entity that has it, when it is typed as text."""
    field = W.snake(field_said)
    owners = [owner] if owner is not None else [entities[n] for start, n in reversed(starts) if start <= line0]
    having = [c for e in owners[:1] for c in e.columns if c.name == field]
    having = having or [c for e in entities for c in e.columns if c.name == field]
    if len(having) == 1 and values and having[0].type and re.fullmatch(r"text|string(\(\d+\))?", having[0].type):
        having[0].type = "enum(" + ", ".join(values) + ")"


# `CREATE OR REPLACE VIEW current_stock AS`, `CREATE MATERIALIZED VIEW daily_totals AS`
VIEW_RE = re.compile(r"(?i)\bcreate\s+(?:or\s+replace\s+)?(?:materialized\s+)?view\s+(?:if\s+not\s+exists\s+)?[\"`]?(?:\w+\.)?(\w+)")


def mark_views(text: str, entities: Sequence[InferredEntity]) -> None:
    """An entity the document creates as a view (`CREATE VIEW current_stock AS SELECT ...`), however else it draws or
    lists its columns: a query over other tables, no table of its own."""
    views = {m.group(1).lower() for m in VIEW_RE.finditer(text)}
    for entity in entities if views else ():
        names = {(entity.table or "").lower(), W.snake(entity.name), W.singular(W.snake(entity.name))}
        if entity.stored and names & views and not entity.complete:
            entity.stored, entity.not_stored_reason = False, "the data model creates it as a view over other tables"


def uuids_kept_as_text(text: str, entities: list[InferredEntity]) -> None:
    """`UUID em `varchar(36)``: a document that says its UUIDs are kept as 36 characters means its code's too."""
    if UUID_AS_TEXT_RE.search(text):
        for column in (c for e in entities for c in e.columns if c.type in ("string(36)", "char(36)")):
            column.type = "uuid"


def _natural_key(entity: InferredEntity) -> None:
    """`name | string | Unique identifier for the snapshot` in an entity without an id or a key: its key."""
    if any(c.primary_key or c.composite_key or c.name == "id" for c in entity.columns):
        return
    said = [
        c
        for c in entity.columns  # in its description, or its line (`` `uuid`: string (unique identifier) ``)
        if re.search(
            r"\b(?:unique|primary)\s+(?:identifier|key)\b", " ".join([c.description, *(e.text for e in c.evidence[:1])]), re.IGNORECASE
        )
    ]
    if len(said) == 1 and not said[0].references:
        said[0].primary_key = said[0].required = True
        return
    first = entity.columns[0] if entity.columns else None
    own = set(W.snake(entity.table or entity.name).split("_")) | set(W.snake(entity.name).split("_"))
    stem = first.name.removesuffix("_id").split("_") if first is not None and first.name.endswith("_id") else []
    if first is not None and stem and not first.references and {W.singular(w) for w in stem} <= {W.singular(w) for w in own}:
        first.primary_key = first.required = True  # `ChartDefinitionId` first in ChartDefinition's fields: its key


class _Reader:
    def __init__(self, path: str, text: str, diags: Diagnostics) -> None:
        self.path = path
        self.text = text
        self.lines = text.split("\n")
        self.diags = diags
        self.tokens = _markdown().parse(text)
        for i, tok in enumerate(self.tokens[:-1]):
            if tok.type == "heading_open" and len(self.tokens[i + 1].content) > MAX_HEADING_CHARS:
                # a heading of thousands of characters names no entity; cut, it costs the heading patterns no more
                self.tokens[i + 1].content = self.tokens[i + 1].content[:MAX_HEADING_CHARS]
        self.entities: list[InferredEntity] = []
        # `**Foreign Keys**: `sign_id` → `celestial_signs.id``: applied once the entity's columns are read
        self.foreign_keys: list[tuple[InferredEntity, str, str, str | None, str | None]] = []
        self.based: list[tuple[InferredEntity, str, int]] = []  # `### Team : BaseEntity`: (entity, base, heading line)
        # `(bigint, foreign key)`, `Must exist in sessions`: a key to no table, or to one named in words
        self.objectid_typed = False  # a field typed `ObjectId` (not only a mention of one): the document is MongoDB's
        self.relation_lists: list[tuple[InferredEntity, str, int]] = []  # `Relations: `venue`, `user``: (entity, text, line)
        self.weak_refs: list[InferredColumn] = []  # keys said only by `ref <word>`: kept if the word names an entity
        self.item_text = ""  # the whole text of the list item being read (its first line is the field's)
        self.last_paragraph = ""  # the paragraph above the list being read (`Key fields:`, `Status values:`)
        self.untargeted: list[tuple[InferredEntity, InferredColumn, str | None]] = []
        self.runtime: dict[int, str] = {}  # id(entity) -> a field type only a running program holds (`chan LogEntry`)
        # `Location | GeoLocation?`: a field typed by a name that is no type, settled once every entity is read
        self.object_fields: list[tuple[InferredEntity, InferredColumn, str, Span]] = []
        self.collections: list[tuple[InferredEntity, str, Span, str]] = []  # (parent, child type, where, as written)
        self.coded: list[InferredEntity] = []  # the entities the document's code blocks declare
        self.listing: set[int] = set()  # columns that hold a list of another entity (`items: CartItem[]`): no key
        self.listing_notes: dict[int, tuple[InferredColumn, Span, str]] = {}
        self.nested: list[tuple[InferredEntity, set[str]]] = []  # (entity, type names its fields use: `ChannelEntry[]`)
        self.overviews: list[tuple[int, int]] = []  # tables outside any entity's section: (open token, close token)
        self.sections: dict[int, tuple[int, int]] = {}  # id(entity) -> (its heading's line, the heading's level)
        self.described_chars = 0  # what of tables described in words was read (MAX_DESCRIBED_TOTAL)
        self._context: list[str] | None = None
        self.storage_notes: list[tuple[str, int, int]] = []  # sub-headings of `## Storage Strategies`: (title, line, level)
        self.elsewhere: dict[int, str] = {}  # id(entity) -> why another system keeps its records (`## Linear-side entities`)
        from compiler.infer.code import declared_types

        self.types = declared_types(path, text)
        # a field's values a labelled list gives (`**action_type 枚举值**：`): (the label's line, 0-based; the values)
        self.field_values: dict[str, list[tuple[int, list[str]]]] = {}
        self.uuids_in_36 = False  # a 36-character column said to hold a UUID: the document's other 36-character keys do too
        self.related: set[int] = set()  # ids of the columns a relationship table gives (each a key to its type's entity)
        self.bson = bool(BSON_RE.search(text))  # a MongoDB document's types are BSON's
        self.frappe = bool(FRAPPE_RE.search(text))  # Frappe's DocTypes: its field types (`Link`, `Select`, `Check`)
        self.frappe_doctypes: set[int] = set()  # ids of the entities a Frappe field table gives
        # SwiftData, Core Data (as written, not `core data model`), and no server database beside: Foundation's types
        self.swift = SWIFT_STORE_RE.search(text) is not None and SERVER_DATABASE_RE.search(text) is None
        self.uuids_as_text = bool(UUID_AS_TEXT_RE.search(text))  # `UUID em `varchar(36)``: every varchar(36) is one
        self._enum_sections()
        for named in NAMED_VALUES_RE.finditer(text):
            self.types.setdefault(named.group("name").lower(), enum_type(linear_re.split(r"\s*[/|]\s*", named.group("values"))))
        for n, line in enumerate(self.lines):
            assigned = ENUM_ASSIGNED_RE.match(line)
            if assigned:  # `candidacy_stage = nuevo | contactado` (`| ganado | perdido` on the next lines): a pgEnum's values
                values = assigned.group("values")
                for more in self.lines[n + 1 : n + 20]:
                    going = ENUM_CONTINUED_RE.match(more)
                    if going is None:
                        break
                    values += going.group("values")
                self.types.setdefault(assigned.group("name").lower(), enum_type(linear_re.split(r"\s*\|\s*", values.strip(" |"))))
        for line in self.lines:
            listed = ENUM_BULLET_RE.match(line)
            if listed:  # `- **`TeamRole`**: `Member = 0`, `Admin = 1`.`: an enum the tables name as a type
                values = re.findall(r"`([^\W\d]\w*)(?:\s*=\s*[^`]*)?`", listed.group("values"))
                if len(values) >= 2:
                    self.types.setdefault((listed.group("bold") or listed.group("ticked")).lower(), enum_type(values))

    def _owned_enum(self, entity: str, column: str) -> str | None:
        """The enum the document declares for an `Enum` column whose values it does not give: named after the entity and
        the column (`SessionRegistrationStatus`), the last words of the entity's name and the column (`StepType` for
        WorkflowStep.type, `InstanceStatus` for WorkflowInstance.status), or the column alone (`MatchMode`)."""
        words = [w for w in W.snake(entity).split("_") if w]
        names = [W.pascal("_".join(words[n:])) + W.pascal(column) for n in range(len(words))] + [W.pascal(column)]
        return next((self.types[key] for key in (n.lower() for n in names) if self.types.get(key, "").startswith("enum(")), None)

    def _enum_sections(self) -> None:
        """`### 5. BodyPart (Enum)` (or `## Enums` over `### Status`) with a list of values under it, and
        `**AccountStatus**:` over its values under `### User: Enumerations`: types the tables name (`string | Valid
        BodyPart enum`, `| accountStatus | AccountStatus |`)."""
        tokens = self.tokens
        group_level = 0
        for i, tok in enumerate(tokens):
            values_of = FIELD_VALUES_LABEL_RE.match(tokens[i + 1].content) if tok.type == "paragraph_open" else None
            inline = INLINE_VALUES_RE.fullmatch(tokens[i + 1].content, values_of.end()) if values_of else None
            if inline and values_of and tok.map:
                values = re.findall(r"`([^`]+)`", inline.group("values"))
                self.field_values.setdefault(W.snake(values_of.group("name")), []).append((tok.map[0], values))
                continue
            values_of = values_of if values_of and values_of.end() == len(tokens[i + 1].content) else None
            after = self._close(i) + 1 if values_of else 0
            if values_of and after < len(tokens) and tokens[after].type in ("bullet_list_open", "ordered_list_open") and tok.map:
                listed: dict[str, list[str]] = {}
                self._enum_from_list(values_of.group("name"), after, listed)  # `**action_type 枚举值**：`
                for field, values in listed.items():
                    self.field_values.setdefault(field, []).append((tok.map[0], values))
                continue
            named = ENUM_NAMED_RE.fullmatch(tokens[i + 1].content) if tok.type == "paragraph_open" else None
            if named and self._close(i) + 1 < len(tokens) and tokens[self._close(i) + 1].type == "bullet_list_open":
                self._enum_from_list(named.group("name"), self._close(i) + 1)
                continue
            if tok.type == "paragraph_open" and group_level:
                label = ENUM_LABEL_RE.fullmatch(tokens[i + 1].content)
                after = self._close(i) + 1
                if label and after < len(tokens) and tokens[after].type == "bullet_list_open":
                    self._enum_from_list(label.group("name"), after)
                continue
            if tok.type != "heading_open":
                continue
            level = int(tok.tag[1])
            title = _heading_title(tokens[i + 1].content)
            if group_level and level <= group_level:
                group_level = 0
            bare = ENUM_WORD_RE.sub(" ", title).strip(" :-—()")
            labelled = re.fullmatch(rf"(?i)\s*(?:{W.alternation('heading_qualifiers')})?\s*[:：]\s*([^\W\d]\w*)", bare)
            bare = labelled.group(1) if labelled else bare  # `## New enum: PaymentStatus`
            owned = re.fullmatch(r"(?i)\s*[^\W\d]\w*\s*[:：]\s*enum(?:eration)?s\s*", title)  # `### User: Enumerations`
            if ENUM_WORD_RE.search(title) and (not bare or owned):
                group_level = level  # `## Enums`, `### User: Enumerations`: each sub-heading or bold label is one
                continue
            if not (ENUM_WORD_RE.search(title) or group_level) or not re.fullmatch(r"[^\W\d]\w*", bare):
                continue
            j = i + 3
            while j < len(tokens) and tokens[j].type not in ("heading_open", "bullet_list_open"):
                if tokens[j].type == "table_open":
                    values = self._value_column(j)
                    if len(values) >= 2:  # `### GitOrganizationOrigin` over `| Value | Code | Description |`: a row each
                        self.types.setdefault(bare.lower(), enum_type(values))
                    break
                piped = PIPED_VALUES_RE.fullmatch(tokens[j].content.strip()) if tokens[j].type == "inline" else None
                if piped:  # `## New enum: PaymentStatus` over `` `FREE | PAID | FAILED` ``
                    self.types.setdefault(bare.lower(), enum_type(linear_re.split(r"\s*\|\s*", piped.group("values"))))
                    break
                drawn = tokens[j].content if tokens[j].type == "fence" else ""
                quoted = _quoted_union(drawn)
                if quoted:  # `## DispatchTarget (enum)` over ```` ```text ```` `"inline" | "daemon"` or one `"value" -- note` a line
                    self.types.setdefault(bare.lower(), enum_type(quoted))
                    break
                root = next((line.strip() for line in drawn.split("\n") if line.strip()), "")
                branches = re.findall(r"(?m)^[\s│|]*[├└]──\s*([A-Za-z_]\w*)", drawn) if root.split("(")[0].strip() == bare else []
                if len(branches) >= 2:  # `CostCategory (String)` over `├── insurance   → "Insurance"`: one value a branch
                    self.types.setdefault(bare.lower(), enum_type(branches))
                    break
                j += 1
            if j < len(tokens) and tokens[j].type == "bullet_list_open":
                self._enum_from_list(bare, j)
        self._enum_tables()

    def _values_listed(self, field: str, line: int) -> list[str]:
        """The values a labelled list gives `field` in the section of its row (1-based `line`): the first such list
        below the row with no heading between them, so `**status values**:` under Order says nothing of Shipment."""
        for at, values in self.field_values.get(field, []):
            if at >= line and not any(re.match(r"^#{1,6}\s", text) for text in self.lines[line:at]):
                return values
        return []

    def _enum_from_list(self, name: str, list_open: int, into: dict[str, list[str]] | None = None) -> None:
        """The values a list gives, one an item (`` - `ACTIVE`: Account is active ``) or all in one, as the enum `name`
        (`into`: as the values of the field `name`)."""
        tokens = self.tokens
        values = []
        for item in list_items(tokens, list_open, self._close(list_open)):
            first = tokens[item + 2].content.split("\n")[0] if tokens[item + 2].type == "inline" else ""
            listed = re.fullmatch(r"\s*`[^`]+`(?:\s*(?:,|\bor\b|\|)\s*`[^`]+`)+\s*\.?\s*", first)
            if listed:  # `- `daily`, `weekly`, `monthly``: every value in one item
                values.extend(re.findall(r"`([^`]+)`", first))
                continue
            value = re.match(r"^\s*(?:`([^`]+)`|\*\*([^*]+)\*\*|([^\s(:—–-][^(:—–]*?))\s*(?:$|[(:—–]|\s-\s)", first)
            if value:
                values.append(next(v for v in value.groups() if v).strip())
        if len(values) >= 2 and all(len(v) <= 60 for v in values):
            if into is not None:
                into.setdefault(W.snake(name), values)
            else:
                self.types.setdefault(name.lower(), enum_type(values))

    def _value_column(self, table_open: int) -> list[str]:
        """The first column's cells of a table headed `Value` (`| Value | Code | Description |`), when each is a name."""
        rows = [t.map[0] for t in self.tokens[table_open : self._close(table_open)] if t.type == "tr_open" and t.map]
        cells = [[self.lines[n][a:b].strip(" `*") for a, b in _cells(self.lines[n])] for n in rows[:MAX_ROWS]]
        if len(cells) < 3 or not cells[0] or cells[0][0].lower() not in W.words()["enum_value_headers"]:
            return []
        values = [row[0] for row in cells[1:] if row]
        return values if all(re.fullmatch(r"[^\W\d][\w-]*", v) for v in values) else []

    def _enum_tables(self) -> None:
        """`| Enum | Valores | Notas |` with a row `` | `PlanCode` | `GRATUITO`, `PRO` | ... | ``: types the tables name."""
        tokens = self.tokens
        for i, tok in enumerate(tokens):
            if tok.type != "table_open":
                continue
            rows = [t.map[0] for t in tokens[i : self._close(i)] if t.type == "tr_open" and t.map]
            if len(rows) < 2:
                continue
            header = [" ".join(re.sub(r"[*_`]", "", self.lines[rows[0]][a:b]).lower().split()) for a, b in _cells(self.lines[rows[0]])]
            if len(header) < 2 or not ENUM_WORD_RE.fullmatch(header[0]) or header[1] not in W.words()["enum_value_headers"]:
                continue
            for line0 in rows[1:MAX_ROWS]:
                cells = [self.lines[line0][a:b] for a, b in _cells(self.lines[line0])]
                name = cells[0].strip(" `*") if cells else ""
                values = re.findall(r"`([^`]{1,60})`", cells[1]) if len(cells) > 1 else []
                if re.fullmatch(r"[^\W\d]\w*", name) and len(values) >= 2:
                    self.types.setdefault(name.lower(), enum_type(values))

    def apply_storage_map(self, coded: Sequence[InferredEntity]) -> None:
        """`| users | User | 用户表 |` under `| 表名 | 对应实体 | 说明 |`: the document says where the entity is kept,
        so a plain class or interface the code blocks declare for it is a table of that name, not an in-memory
        shape. A row naming a field (`BacktestJob.result_json`) or a key pattern (`session:{token}`) says nothing."""
        roles = {name: role for role, names in W.words()["storage_map_headers"].items() for name in names}
        by_key = {W.entity_key(e.name): e for e in coded}
        for i, tok in enumerate(self.tokens):
            if tok.type != "table_open":
                continue
            rows = [t.map[0] for t in self.tokens[i : self._close(i)] if t.type == "tr_open" and t.map]
            header = [" ".join(re.sub(r"[*_`]", "", self.lines[rows[0]][a:b]).lower().split()) for a, b in _cells(self.lines[rows[0]])]
            found = [roles.get(cell) for cell in header]
            if found.count("entity") >= 1 and "table" not in found:
                # (`| 实体 | 对应模型 | 持久化位置 |`: the entity's words, then its class: the column the code names)
                named = [i for i, role in enumerate(found) if role == "entity"]
                self._storage_column(rows, header, max(named, key=lambda at: self._rows_naming(rows, at, by_key)), by_key)
            if found.count("table") != 1 or found.count("entity") != 1 or any(W.header_roles().get(c) == "type" for c in header):
                continue
            table_at, entity_at = found.index("table"), found.index("entity")
            for line0 in rows[1:MAX_ROWS]:
                cells = [self.lines[line0][a:b].strip(" `*") for a, b in _cells(self.lines[line0])]
                if len(cells) <= max(table_at, entity_at) or not SQL_NAME_RE.match(cells[table_at]):
                    continue
                entity = by_key.get(W.entity_key(cells[entity_at]))
                if entity is None or W.find(cells[table_at], W.words()["storage_denials"]):
                    continue  # `| CreateOrderRequest | none |`
                entity.stored, entity.not_stored_reason = True, None
                entity.kept_in_database = True
                entity.table = entity.table or cells[table_at]
                col0 = max(self.lines[line0].find(cells[table_at]), 0)
                entity.evidence.append(Evidence(self._span(line0, col0, len(cells[table_at])), "table", self.lines[line0].strip()[:200]))

    def _rows_naming(self, rows: list[int], at: int, by_key: dict[str, InferredEntity]) -> int:
        """How many rows of a table name, in the cell at `at`, an entity of `by_key`."""
        cells = [[self.lines[line0][a:b].strip(" `*") for a, b in _cells(self.lines[line0])] for line0 in rows[1:MAX_ROWS]]
        return sum(len(row) > at and W.entity_key(row[at]) in by_key for row in cells)

    def _storage_column(self, rows: list[int], header: list[str], entity_at: int, by_key: dict[str, InferredEntity]) -> None:
        """`| 实体 | 模块 | 存储位置 | 描述 |` with `| MEngine | P0 | MySQL | ... |`: each row says where its entity is kept."""
        where = [i for i, cell in enumerate(header) if cell in W.words()["storage_column_headers"]]
        # `| Entity | Purpose | Source |` with `` `mixseek.db` executions テーブル ``: a source names a database where it
        # says one, and says nothing of storage where it does not (`TOML file`, `user input` are where data comes from)
        sourced = [i for i, cell in enumerate(header) if cell in W.words()["source_column_headers"]] if not where else []
        where = where or sourced
        if len(where) != 1:
            return
        for line0 in rows[1:MAX_ROWS]:
            cells = [self.lines[line0][a:b].strip(" `*") for a, b in _cells(self.lines[line0])]
            if len(cells) <= max(where[0], entity_at) or (entity := by_key.get(W.entity_key(cells[entity_at]))) is None:
                continue
            cell = cells[where[0]]
            if sourced and W.find(W.without(cell, "cache_stores"), W.words()["database_words"]) is None:
                continue
            if sourced and W.find(cell, W.words()["existing_markers"]) is not None:
                entity.existing = True  # `existing `users` table (read-only join)`: the application's, not this feature's
                continue
            if sourced and W.find(cell, W.words()["derivation_words"]) is not None:
                continue  # `Aggregated from the `orders` table`: read from a table, kept in none
            self._kept_as_said(entity, cell, line0)

    def apply_frappe_names(self) -> None:
        """A Frappe DocType's rows are keyed by `name` (varchar(140)), whatever its fields: the key its `Link` fields hold."""
        for entity in self.entities:
            if id(entity) not in self.frappe_doctypes or any(c.primary_key for c in entity.columns):
                continue
            named = next((c for c in entity.columns if c.name == "name"), None)
            if named is None:
                evidence = entity.columns[0].evidence[:1] if entity.columns else []
                named = InferredColumn(name="name", type="string(140)", required=True, evidence=list(evidence))
                named.description = "the DocType's own key (Frappe keys every DocType by name)"
                entity.columns.insert(0, named)
            named.primary_key, named.required = True, True

    def apply_heading_tables(self) -> None:
        """`## Storage Registration (`koldstore.storage`)`, `### Document (SQLite — `documents` table)`: the heading
        names the entity's table; a key written `References `koldstore.storage`` is a key to that entity (FK_RE took
        the schema for the table)."""
        by_key = {W.entity_key(e.name): e for e in self.entities}
        places = {w.lower() for w in (*W.words()["database_words"], *W.words()["table_suffixes"], "new", "existing")}
        qualified: dict[tuple[str, str], InferredEntity] = {}
        for i, tok in enumerate(self.tokens):
            heading = self.tokens[i + 1].content if tok.type == "heading_open" else ""
            said = HEADING_TABLE_RE.match(heading) if 0 < len(heading) <= MAX_HEADING_CHARS else None
            entity = by_key.get(W.entity_key(_heading_title(said.group("title")))) if said else None
            if entity is None or said is None:
                continue
            rest = re.findall(r"[^\W\d]+", said.group("note").replace(said.group("table"), " "))
            if not all(w.lower() in places for w in rest):
                continue
            schema, _, table = said.group("table").rpartition(".")
            if schema and table.lower() in W.words()["data_file_extensions"]:
                if entity.stored and not entity.kept_in_database:
                    entity.stored, entity.not_stored_reason = False, f"the data model keeps it in the file `{said.group('table')}`"
                continue  # `(`manifest.json`)`: a file of records
            if schema and table.lower() in (*W.words()["file_extensions"], *W.words()["database_file_extensions"]):
                continue  # `(`models.py`)`: where the model is written; `(`app.db`)`: the database
            entity.table = entity.table or table
            if schema:
                qualified[(schema.lower(), table.lower())] = entity
        for column in (c for e in self.entities for c in e.columns):
            target = qualified.get(((column.references or "").lower(), (column.references_column or "").lower()))
            if target is not None:
                column.references, column.references_column = target.name, None

    def read_document_examples(self) -> None:
        """`**Document shape** (`Conversation`):` over a JSON document with real values, in a data model of a document
        database (Cosmos DB, MongoDB, Firestore): the record's fields, typed by their values. An embedded list of
        objects (`"turns": [{...}]`) is a child table keyed to its parent, a nested object's fields are prefixed
        columns (`ingestion.status` -> `ingestion_status`). Parsed as data, never run; `_`-prefixed system fields
        (`_ts`, `_etag`) are the store's."""
        if W.find(self.text, W.words()["document_stores"]) is None:
            return
        by_key = {W.entity_key(n): e for e in self.entities for n in (e.name, *e.aliases)}
        for tok in self.tokens:
            if tok.type != "fence" or not tok.map or tok.info.strip().lower() not in ("json", "jsonc", "json5", ""):
                continue
            name = self._document_named(tok.map[0])
            if name is None or len(tok.content) > MAX_JSON_CHARS:
                continue
            document, comments, line_of = _jsonc_object(tok.content, tok.map[0] + 1)
            if document is None or len(document) < 3:
                continue
            entity = by_key.get(W.entity_key(name))
            if entity is None:
                entity = InferredEntity(name=name)
                entity.evidence.append(Evidence(self._span(tok.map[0]), "code", self.lines[tok.map[0]].strip()[:200]))
                self.entities.append(entity)
                by_key[W.entity_key(name)] = entity
            if entity.columns:
                continue
            self._document_fields(entity, document, "", comments, line_of, tok.map[0] + 1, by_key, 0)

    def _document_named(self, fence_line: int) -> str | None:
        """The record a JSON example stands for, from the label over it (`**Document shape** (`Conversation`):`) or
        the heading of its container (`## 2. Cosmos `conversations` container`)."""
        label = ""
        for line in reversed(self.lines[max(0, fence_line - 4) : fence_line]):
            if line.strip():
                label = line.strip()
                break
        if not label.startswith("#"):
            if W.find(label, W.words()["document_example_labels"]) is None:
                return None  # (`Example response of `GET /conversations`:`: an API's answer, not a record)
            named = re.findall(r"`([A-Z][A-Za-z0-9]*)`", label)
            if named:
                return named[-1]
        for line in reversed(self.lines[max(0, fence_line - 300) : fence_line]):  # (not every line above every fence)
            if re.match(r"#{1,6}\s", line):
                ticked = re.findall(r"`([a-z][a-z0-9_-]*)`", line)
                kind = W.find(line, W.words()["document_example_labels"])
                return W.pascal(W.singular(ticked[-1].replace("-", "_"))) if ticked and kind else None
        return None

    def _document_fields(
        self,
        entity: InferredEntity,
        document: dict,
        prefix: str,
        comments: dict[str, str],
        line_of: dict[str, int],
        line0: int,
        by_key: dict[str, InferredEntity],
        depth: int,
    ) -> None:
        for key, value in document.items():
            if not isinstance(key, str) or key.startswith(("_", "$")) or not re.match(r"^[A-Za-z]\w*$", key):
                continue
            name = f"{prefix}{W.snake(key)}"
            at = line_of.get(key, line0)
            source = self.lines[at] if at < len(self.lines) else ""
            span = self._span(at, max(source.find(f'"{key}"') + 1, 0), len(key))
            comment = comments.get(key, "")
            if isinstance(value, dict) and depth < 2 and value and all(not isinstance(v, (dict, list)) for v in value.values()):
                self._document_fields(entity, value, f"{name}_", comments, line_of, at, by_key, depth + 1)
                continue
            if isinstance(value, list) and value and all(isinstance(v, dict) for v in value) and depth < 2:
                # `"turns": [{...}, {...}]`: embedded records, a table of their own keyed to this one
                child_name = W.pascal(W.singular(W.snake(key)))
                child = by_key.get(W.entity_key(child_name))
                if child is None:
                    child = InferredEntity(name=child_name)
                    child.evidence.append(Evidence(span, "code", source.strip()[:200]))
                    self.entities.append(child)
                    by_key[W.entity_key(child_name)] = child
                if not child.columns:
                    parent_key = f"{W.snake(entity.name)}_id"
                    column = InferredColumn(name=parent_key, type=None, required=True, references=entity.name)
                    column.evidence.append(Evidence(span, "code", source.strip()[:200]))
                    child.columns.append(column)
                    merged: dict = {}
                    for item in value:
                        for k, v in item.items():
                            if k not in merged or merged[k] is None:
                                merged[k] = v
                    # (a field some embedded record leaves out, or null, is optional)
                    optional = {W.snake(k) for k in merged if not all(item.get(k) is not None for item in value)}
                    before = len(child.columns)
                    self._document_fields(child, merged, "", comments, line_of, at, by_key, depth + 1)
                    for column in child.columns[before:]:
                        if column.name in optional:
                            column.required = False
                continue
            type_text = _example_type(value)
            mods = []
            if key == "id" and not prefix:
                mods.append("primary key")
            elif value is None or re.search(r"(?i)\bnull\b|\boptional\b|\bnullable\b", comment):
                mods.append("optional")
            else:
                mods.append("required")
            self._column(entity, name, type_text, ", ".join(mods), comment, "", span, "code", source.strip())

    def read_described_tables(self) -> None:
        """`### `invitations`` over a paragraph and nothing else (`Contains tenant, requester, expiry, status, ...`): a
        table the document names in backticks and describes in words; the words give its columns, as Key Entities
        prose does (a heading in words, `### Invitation`, over a paragraph is a note, not a table)."""
        from compiler.infer.prose import read_described_fields

        names = [e.name for e in self.entities]
        # the document's own key, when its field tables agree on one (`id` UUIDv7 in each): the described tables have it
        keys = {c.type for e in self.entities for c in e.columns if c.primary_key and c.name == "id" and c.type}
        keyed = sum(any(c.primary_key and c.name == "id" for c in e.columns) for e in self.entities) >= 2 and len(keys) == 1
        for entity in self.entities:
            if entity.columns or not entity.stored or id(entity) not in self.sections:
                continue
            line0, _ = self.sections[id(entity)]
            if not TICKED_TABLE_HEADING_RE.match(self.lines[line0]):
                continue
            start = line0 + 1
            while start < len(self.lines) and not self.lines[start].strip():
                start += 1
            end = start
            while end < len(self.lines) and self.lines[end].strip() and not re.match(r"\s*(?:#|[|>`~]|[-*+]\s|\d+[.)]\s)", self.lines[end]):
                end += 1
            below = end
            while below < len(self.lines) and below < end + 60 and not re.match(r"#{1,6}\s", self.lines[below]):
                below += 1
            if end == start or any(re.match(r"\s*(?:[|`~]|[-*+]\s|\d+[.)]\s)", line) for line in self.lines[end:below]):
                continue  # a paragraph over a list, a table or code: those say the fields, or the section is no table
            said = " ".join(self.lines[start:end])
            if len(said) > MAX_DESCRIBED_CHARS or self.described_chars + len(said) > MAX_DESCRIBED_TOTAL:
                continue  # (a description that long is no table's few fields, and the prose reader's lists grow with it)
            if not self._describes_columns(said, entity, line0):
                continue
            self.described_chars += len(said)
            read_described_fields(self.path, self.lines, entity, start, end, names, self.diags)
            self._described(entity, line0, keys if keyed else set(), said)
        for tok in self.tokens:
            if tok.type == "heading_open" and tok.map and TICKED_TABLES_HEADING_RE.match(self.lines[tok.map[0]]):
                tables = re.findall(r"`([a-z][a-z0-9_]*)`", self.lines[tok.map[0]])
                self._tables_described_together(tables, tok.map[0], names, keys if keyed else set())

    def _described(self, entity: InferredEntity, line0: int, keys: set[str], said_text: str) -> None:
        """A table described in words, once read: the document's key (`keys`: the one type its field tables give
        `id`), unless it is a link table or the words give its key (`keyed by (project_id, day)`). Its columns stay
        prose (a spec's fuller list of the same entity is as trusted); the heading makes it the data model's table."""
        entity.described = bool(entity.columns)
        links = sum(bool(c.references) or c.name.endswith("_id") for c in entity.columns) >= 2 and len(entity.columns) <= 4
        said_key = KEY_SAID_RE.search(said_text)
        if (
            len(keys) == 1
            and entity.columns
            and not links
            and not said_key
            and not any(c.primary_key or c.name == "id" for c in entity.columns)
        ):
            said = entity.evidence[0] if entity.evidence else Evidence(self._span(line0), "table", self.lines[line0].strip())
            key = InferredColumn(name="id", type=next(iter(keys)), primary_key=True, required=True, confident=True)
            key.evidence.append(Evidence(said.span, "table", said.text))
            entity.columns.insert(0, key)

    def _tables_described_together(self, tables: list[str], line0: int, names: list[str], keys: set[str]) -> None:
        """`### `jobs` and `job_attempts`` over `Jobs contain tenant, type, priority, state. Attempts are append-only.`
        (or a bullet per table, `- `policy_rules` contain rule IDs, priority, effect`): each table, with what the
        sentences that open with its name or its last word say of it."""
        from compiler.infer.prose import read_described_fields

        end = line0 + 1
        while end < len(self.lines) and end < line0 + 60 and not re.match(r"#{1,6}\s", self.lines[end]):
            end += 1
        section = self.lines[line0 + 1 : end]
        if any(re.match(r"\s*(?:[|`~]|\d+[.)]\s)", line) for line in section) or sum(map(len, section)) > 2 * MAX_DESCRIBED_CHARS:
            return  # a field table or code says the fields; a long section is notes
        heads = {t: t.split("_")[-1] for t in tables}
        owners: dict[str, list[tuple[int, int, int]]] = {t: [] for t in tables}  # table -> (line, from, to) of its sentences
        # sentences, each from its first word to its full stop, over the section's lines (a bullet starts one)
        flat = [(n, col, ch) for n in range(line0 + 1, end) for col, ch in enumerate(self.lines[n] + " ")]
        starts = [0] + [i + 1 for i, (_, _, ch) in enumerate(flat[:-1]) if ch in ".;" and flat[i + 1][2] == " "]
        starts += [i for i, (n, col, _) in enumerate(flat) if col == 0 and re.match(r"\s*[-*+]\s", self.lines[n])]
        starts = sorted(set(starts))
        for a, b in zip(starts, [*starts[1:], len(flat)]):
            text = "".join(ch for _, _, ch in flat[a:b])
            opening = re.match(r"\s*(?:[-*+]\s+)?`?([A-Za-z_]+)`?", text)
            if opening is None:
                continue
            word = opening.group(1).lower()
            owner = next((t for t in tables if word == t), None) or next(
                (t for t in tables if W.singular(word) == W.singular(heads[t]) and word != W.singular(word)), None
            )
            if owner is not None:
                owners[owner].append((a + opening.start(1), a + opening.end(1), b))
        by_key = {W.entity_key(n): e for e in self.entities for n in (e.name, *e.aliases)}
        for table in tables:
            name = W.pascal(W.singular(table))
            entity = by_key.get(W.entity_key(name))
            if entity is None:
                entity = InferredEntity(name=name, table=table)
                entity.evidence.append(
                    Evidence(self._span(line0, max(self.lines[line0].find(table), 0), len(table)), "table", self.lines[line0].strip())
                )
                self.entities.append(entity)
                by_key[W.entity_key(name)] = entity
            if entity.columns or not owners[table]:
                continue
            # the lines as written, every other character blanked: the reader sees this table's sentences where they
            # stand (its evidence keeps their positions), without the word that names it
            kept = {i for _, subject_end, sentence_end in owners[table] for i in range(subject_end, sentence_end)}
            rows = {n: [" "] * len(self.lines[n]) for n in range(line0 + 1, end)}
            for i in sorted(kept):
                n, col, ch = flat[i]
                if col < len(rows[n]):
                    rows[n][col] = ch
            masked = list(self.lines)
            for n, row in rows.items():
                masked[n] = "".join(row)
            said = " ".join(masked[line0 + 1 : end])
            if not self._describes_columns(said, entity, line0) or self.described_chars + len(said) > MAX_DESCRIBED_TOTAL:
                continue
            self.described_chars += len(said)
            read_described_fields(self.path, masked, entity, line0 + 1, end, names, self.diags)
            self._described(entity, line0, keys, said)

    def _describes_columns(self, said: str, entity: InferredEntity, line0: int) -> bool:
        """Words that list a table's columns (`Contains ...`, `Fields include ...`, `Jobs contain ...`), in a section
        that is no enum, function, policy, index or column note (`## Enums` over `### `project_status``), of a table
        this feature makes (not one it drops or another feature owns)."""
        from compiler.infer.prose import opens_a_list

        depth = deepest = 0
        for ch in said:
            depth = max(depth + (ch == "(") - (ch == ")"), 0)
            deepest = max(deepest, depth)
        if deepest > 3:
            return False  # (no list of columns nests parentheses deeper; the prose reader takes time on each level)
        if self._context is None:
            self._context = heading_context(self.text, self.tokens)
        parents = self._context[line0].split(" / ")[:-1] if line0 < len(self._context) else []
        for parent in parents:  # `## Enums`, `## Column notes`, `## RLS policies` (not `## Runtime policy, approvals, ...`)
            words = re.findall(r"[^\W\d_][\w-]*", parent)
            if len(words) <= 3 and W.find(parent, W.words()["non_table_group_headings"]) is not None:
                return False
        first = re.split(r"(?<=[.;])\s", said.strip(), maxsplit=1)[0]
        if W.has(first, "existing_markers") or OTHERS_TABLE_RE.search(first):
            return False  # (what it says of itself first: `Owned by the auth feature (unchanged here).`)
        return opens_a_list(said, entity)

    def apply_table_lines(self) -> None:
        """`**Table**: `avabot_agents`` in an entity's section (under its heading, before a deeper one names another):
        the name of its table, which the document's SQL uses (`ALTER TABLE avabot_agents ...`)."""
        by_key = {W.entity_key(e.name): e for e in self.entities}
        label = re.compile(
            rf"^\s*(?:[-*]\s+)?\*\*{W.alternation('table_name_labels')}\s*[:：]?\s*\*\*\s*[:：]?\s*`(?P<table>[A-Za-z_][\w.]*)`",
            re.IGNORECASE,
        )
        # (`#### New Columns` under `### Agent` is still Agent's; `### Tags (many-to-many)` is a join's)
        for _, line, entity in self._entity_sections(by_key, closes=RELATION_HEADING_RE.search):
            said = label.match(line)
            if said and entity.table is None:
                entity.table = said.group("table").rsplit(".", 1)[-1]

    def _entity_sections(self, by_key: dict[str, InferredEntity], closes=lambda title: None):
        """Each line outside code fences that stands in an entity's section, with its 0-based number and the entity:
        a heading naming an entity (`by_key`) opens its section, which a heading no deeper than it, or one `closes`
        accepts, ends (`### Storage` under `## User` is still User's)."""
        entity: InferredEntity | None = None
        level = 0
        fence = False
        for line0, line in enumerate(self.lines):
            if line.lstrip().startswith(("```", "~~~")):
                fence = not fence
                continue
            heading = None if fence else re.match(r"^(#{1,6})\s+(.*)$", line)
            if heading:
                closing = closes(heading.group(2))
                named = None if closing else by_key.get(W.entity_key(_heading_title(heading.group(2))))
                if named is not None or entity is None or len(heading.group(1)) <= level or closing:
                    entity, level = named, len(heading.group(1))
                continue
            if not fence and entity is not None:
                yield line0, line, entity

    def apply_storage_lines(self, coded: Sequence[InferredEntity]) -> None:
        """`**存储**: MySQL `backtest_task` 表` or `**Storage**: in memory` in an entity's own section (under its
        heading, below its class): where its records are kept, whatever its declaration's form or name suggests.
        A `**Cache**:` line says where a copy is kept, not the record; a field bullet `- storage: ...` is a field."""
        by_key = {W.entity_key(e.name): e for e in coded}
        labels = f"(?:{W.alternation('storage_line_labels')}|{W.alternation('storage_labels')})"
        # (a plain bullet only with a verb, `- Stored in: BBolt `oauth_tokens` bucket`: `- storage: string` is a field)
        verbs = W.alternation_of(tuple(w for w in W.words()["storage_labels"] if " " in w))
        label = re.compile(
            rf"^\s*(?:[-*]\s+)?\*\*{labels}\*\*\s*[:：]|^\s*\*\*{labels}\s*[:：]\*\*|^{labels}\s*[:：]|^\s*[-*]\s+{verbs}\s*[:：]",
            re.IGNORECASE,
        )
        for line0, line, entity in self._entity_sections(by_key):
            said = label.match(line)
            if said and not W.find(said.group(0), W.words()["cache_stores"]):
                self._kept_as_said(entity, line[said.end() :], line0)

    def _kept_as_said(self, entity: InferredEntity, medium: str, line0: int) -> None:
        """Where the data model says `entity` is kept. Read up to its first parenthesis or semicolon: a database makes
        it a table (named as the words name one: `MySQL `backtest_task` 表`, `PostgreSQL `products``), a cache,
        memory, or words that deny it a table of its own (`not persisted`, `Derived`, `N/A`, `Embedded in the users
        table as JSONB`) make it none. A database said once outweighs a later memory line."""
        head = re.split(r"[(（;；]", medium.replace("**", ""), maxsplit=1)[0]
        denied = W.find(head, W.words()["storage_denials"]) or re.fullmatch(r"\s*[-—–]\s*", head)
        cache = W.find(head, W.words()["cache_stores"])
        database = None if denied else W.find(W.without(head, "cache_stores"), W.words()["database_words"])
        # `chat_import_batches`: a table's name alone (not `in_memory`, nor `auth_sessions` (Redis hash))
        table_only = re.fullmatch(r"\s*`?([a-z][a-z0-9]*(?:_[a-z0-9]+)+)`?\s*", head)
        elsewhere = [*W.words()["cache_stores"], *W.words()["storage_media"], *W.words()["outside_stores"]]
        if table_only and (W.find(medium.replace("_", " "), elsewhere) or W.find(medium, W.words()["storage_denials"])):
            table_only = None
        if database is not None or table_only:
            if not entity.stored:
                entity.stored, entity.not_stored_reason = True, None
            entity.kept_in_database = True
            named = re.search(
                rf"`([a-z][a-z0-9_]*)`\s*(?:{W.alternation('table_suffixes')}|bucket\b)|"  # (BBolt's `oauth_tokens` bucket)
                rf"(?:{W.alternation('database_words')})\s*(?:table\s+|collection\s+)?`([a-z][a-z0-9_]*)`|"
                rf"(?:{W.alternation('database_words')})`?\s+([a-z][a-z0-9_]*)\s*{W.alternation('table_suffixes')}",  # (`mixseek.db` executions テーブル)
                head,
                re.IGNORECASE,
            )
            entity.table = entity.table or (next(g for g in named.groups() if g) if named else table_only.group(1) if table_only else None)
            entity.evidence.append(Evidence(self._span(line0), "table", self.lines[line0].strip()[:200]))
        elif entity.stored and not entity.kept_in_database:
            place = denied or cache or W.find(head, W.words()["storage_media"])
            if place is not None:
                entity.stored, entity.not_stored_reason = False, f"the data model says it is kept as '{place.group(0)}', not as a table"

    def _span(self, line0: int, col0: int = 0, length: int | None = None) -> Span:
        source = self.lines[line0] if line0 < len(self.lines) else ""
        end = len(source) if length is None else col0 + length
        return Span(self.path, line0 + 1, col0 + 1, line0 + 1, end + 1)

    def _close(self, i: int) -> int:
        return block_close(self.tokens, i)

    def read(self) -> None:
        tokens = self.tokens
        entity: InferredEntity | None = None
        entity_level = 0
        skip_level = 0  # inside a prose sub-heading of the entity (`### Validation Rules`)
        prose_list = False  # the last paragraph was a prose label (`**Validation Rules**:`)
        relations_label = False  # ... and that label was `**Relationships**:`
        field_list = False  # the last paragraph was a field label (`**Fields**:`)
        prose_group = 0  # the level of a heading whose sub-headings are about something else than tables
        rules_group = 0  # the level of a `## Validation Rules` heading: its sub-headings refine declared entities only
        aside_group = 0  # the level of a `## Performance Considerations` heading: a sub-heading there is a table only over fields
        other_side: tuple[int, str] | None = None  # a `## Linear-side entities` group: its level and words
        existing_group = 0  # the level of a `## Existing Entities (Read-Only)` heading: its entities are the application's
        group_title = ""  # the last heading's title (`## Entities` over bullet entities)
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if tok.type == "heading_open":
                level = int(tok.tag[1])
                raw_title = tokens[i + 1].content
                title = _heading_title(raw_title)
                prose_list = field_list = False
                self.last_paragraph = ""
                if entity is not None and level > entity_level:
                    recalled = W.has(title, "existing_markers") and not W.has(title, "change_markers")
                    if (
                        not entity.columns
                        and (store := STORE_HEADING_RE.match(HEADING_NUMBER_RE.sub("", raw_title.strip())))
                        and self._fields_follow(tok)
                    ):
                        # `## Entity: Daemon` over `### Postgres (`daemons` table)` and its columns: the entity's table,
                        # an existing one too (the document gives it whole)
                        skip_level = 0
                        kept = STORE_TABLE_RE.search(store.group("note") or "")
                        if kept and entity.table is None:
                            entity.table = kept.group("table")
                    elif FIELD_HEADING_RE.search(title) and recalled:
                        skip_level = level  # `### Existing Fields Used by Cancellation`: the table as it is, not what changes
                    elif FIELD_HEADING_RE.search(title) and W.has(title, "computed") and not STORED_WORD_RE.search(title):
                        skip_level = level  # `### Computed Properties`: worked out when read, no columns
                    elif FIELD_HEADING_RE.search(title) and not _is_prose_heading(title):
                        skip_level = 0  # `#### Fields` under `### Task`
                        named = TABLE_NAMED_RE.search(raw_title)
                        if named and entity.table is None and SQL_NAME_RE.match(named.group("table")):
                            entity.table = named.group("table")  # `### Attributes (Table `messages`)`: the table's name
                    elif DESCRIPTION_HEADING_RE.fullmatch(title) and not entity.description and not entity.columns:
                        skip_level = 0  # `### Description` under `## Entity 2: Configuration`: its first paragraph
                    elif not entity.columns and self._names_same(entity, title, tok, raw_title):
                        skip_level = 0  # `## §1 Supplier` then `### `Supplier` (detail)`: the entity again, with its fields
                    elif (
                        not entity.columns
                        and (
                            ENTITY_LIKE_RE.match(title)
                            or len(entity.name.split()) >= 3
                            # `## Prisma / application database` over `### Customer` and its fields: where the tables are
                            or W.find(entity.name, W.words()["database_words"]) is not None
                            and self._fields_follow(tok)
                            # `## 10. 系统` over `### SmsCode（短信验证码）`, not over `### 表结构`
                            or not entity.name.isascii()
                            and re.match(r"[A-Za-z]", title) is not None
                            and self._fields_follow(tok)
                            # `## 1. Tenancy & Identity` over `### `organizations`` and its columns: a table in backticks
                            or TICKED_TABLE_HEADING_RE.match(self.lines[tok.map[0]] if tok.map else "") is not None
                            and self._fields_follow(tok)
                        )
                        and (sub := self._heading_entity(title, tok, raw_title)) is not None
                    ):
                        # the heading above was a group (`## Token Revocation`, `## Mutable runtime state` over `### Event`)
                        entity, entity_level, skip_level = sub, level, 0
                        if tok.map:
                            self.sections[id(entity)] = (tok.map[0], level)
                    else:
                        skip_level = level
                    i = self._close(i) + 1
                    continue
                skip_level = 0
                if prose_group and level <= prose_group:
                    prose_group = 0
                if other_side and level <= other_side[0]:
                    other_side = None
                if existing_group and level <= existing_group:
                    existing_group = 0
                side = OTHER_SIDE_RE.search(title)
                if side and side.group("side").lower() not in W.words()["stored_sides"]:
                    other_side = (level, side.group(0))  # `## 3. Linear-side entities`: records another system keeps
                    i = self._close(i) + 1
                    continue
                bare_title = re.sub(r"[(（][^()（）]*[)）]", " ", title)  # (`## Entities (persisted; drafts in memory)`)
                # (a parenthesis that is only such words counts: `## Runtime objects (not persisted)`)
                noted = [n for n in re.findall(r"[(（]([^()（）]*)[)）]", title) if _whole(n.strip(), "unkept_group_headings")]
                said_unkept = W.find(bare_title, W.words()["unkept_group_headings"]) is not None or bool(noted)
                if (entity is None or level <= entity_level) and said_unkept and ENTITIES_WORD_RE.search(bare_title):
                    other_side = (level, title)  # `## UI-Only Entities (panel-local, not persisted)` over `### TreeNode`
                    i = self._close(i) + 1
                    continue
                if not prose_group and W.find(title, W.words()["prose_group_headings"]) is not None:
                    prose_group = level  # `## Storage Strategies` over `### Delta Reports`: how things are kept, no tables
                elif prose_group and tok.map:
                    self.storage_notes.append((title, tok.map[0], level))  # what it says of Delta Reports counts
                if aside_group and level <= aside_group:
                    aside_group = 0
                if not aside_group and level > 1 and _whole(title, "aside_headings"):
                    aside_group = level
                    i = self._close(i) + 1
                    entity = None
                    continue
                if rules_group and level <= rules_group:
                    rules_group = 0
                if not rules_group and _rules_heading(title):
                    rules_group = level
                    i = self._close(i) + 1
                    entity = None
                    continue
                # `# Data Model: ...` is the document's title
                entity = (
                    self._heading_entity(title, tok, raw_title)
                    if level > 1 and not prose_group and not rules_group and (not aside_group or self._fields_follow(tok))
                    else None
                )
                if rules_group and level > 1 and not prose_group:
                    # `### Order` under `## Validation Rules` refines Order; `### 对话` there names no entity of the document
                    refined = self._heading_entity(title, tok, raw_title, record=False)
                    declared = {W.entity_key(n) for e in self.entities for n in (e.name, *e.aliases)}
                    if refined is not None and declared & {W.entity_key(n) for n in (refined.name, *refined.aliases)}:
                        entity = self._heading_entity(title, tok, raw_title)
                group_title = title if level > 1 else ""
                entity_level = level
                if entity is not None and tok.map:
                    self.sections[id(entity)] = (tok.map[0], level)
                if entity is not None and other_side:
                    self.elsewhere[id(entity)] = f"the data model lists it under '{other_side[1]}'"
                if entity is not None and existing_group:
                    entity.existing = True
                elif entity is None and _existing_group(title):
                    existing_group = level
                i = self._close(i) + 1
                continue
            # (a document with no section heading lists its entities anywhere: `Collections` over `- Posts`)
            grouped = GROUP_HEADING_RE.search(group_title) or SECTION_RE.search(group_title) or not group_title
            if entity is None and grouped and not prose_group and not other_side and tok.type == "bullet_list_open":
                close = self._close(i)
                if self._bullet_entities(i, close, None):  # `## Entities` over `- **Task**: ...` with its fields nested
                    i = close + 1
                    continue
            if entity is None and tok.type == "table_open":
                self.overviews.append((i, self._close(i)))  # `| Entity | Purpose | Key Fields |`: read once every section is
            if entity is None or skip_level:
                i = self._close(i) + 1 if tok.type.endswith("_open") else i + 1
                continue
            if tok.type == "paragraph_open":
                content = tokens[i + 1].content
                self.last_paragraph = content
                close = self._close(i)
                if UNIQUE_LABEL_RE.match(content) and close + 1 < len(tokens) and tokens[close + 1].type == "bullet_list_open":
                    # `**唯一约束**：` over `- uk_course_id (course_id)`: column groups, not fields
                    end = self._close(close + 1)
                    for item in (t.content for t in tokens[close + 1 : end] if t.type == "inline"):
                        group = re.search(r"\(([^()]+)\)", item)
                        columns = [W.snake(c.strip(" `")) for c in group.group(1).split(",")] if group else []
                        single = next((c for c in entity.columns if columns == [c.name]), None)
                        if single is not None:
                            single.unique = True
                        elif columns and all(re.fullmatch(r"[a-z_]\w*", c) for c in columns):
                            entity.unique_groups.append(columns)
                    i = end + 1
                    continue
                if FK_LABEL_RE.match(content):
                    self._foreign_key_text(entity, content[FK_LABEL_RE.match(content).end() :])
                    close = self._close(i)
                    if close + 1 < len(tokens) and tokens[close + 1].type in ("bullet_list_open", "ordered_list_open"):
                        end = self._close(close + 1)
                        self._foreign_key_text(entity, "\n".join(t.content for t in tokens[close + 1 : end] if t.type == "inline"))
                        i = end + 1
                    else:
                        i = close + 1
                    prose_list = False
                    continue
                listed = self._code_span_fields(content, tok, entity)
                if listed is not None:
                    entity = listed  # (`ActionHistoryIntervals`: ... under `### ActionHistories + ActionHistoryIntervals`)
                    i = self._close(i) + 1
                    continue
                described = DESCRIPTION_LABEL_RE.match(content)
                named = NAMED_PARAGRAPH_RE.match(content)
                if (
                    named
                    and not entity.columns
                    and not described
                    and named.group("name").lower() not in W.words()["note_labels"]
                    and not FIELD_LABEL_RE.match(content)
                    and W.entity_key(named.group("name")) != W.entity_key(entity.name)
                ):
                    # `## Sharing` then `**DocumentShare**: Records explicit share relationships.`: the entity's own name
                    entity.aliases.append(entity.name)
                    entity.name = named.group("name")
                    entity.description = entity.description or " ".join(named.group("text").split())[:500]
                    i = self._close(i) + 1
                    continue
                if described and not entity.description:
                    entity.description = " ".join(described.group("text").split())
                    prose_list = False
                elif FIELD_LABEL_RE.match(content):
                    prose_list = False
                    field_list = True
                    i = self._close(i) + 1
                    continue
                elif LABEL_RE.match(content.split("\n")[-1]) or _note_label(content):
                    prose_list = True  # `**Validation Rules**:`, `Indexes:` and the like: the list below is prose
                    relations_label = RELATION_LABEL_RE.fullmatch(content.strip(" :：*")) is not None
                elif not entity.columns and not entity.description and not content.lstrip().startswith(("**", "|", "<")):
                    entity.description = " ".join(content.split())[:500]
                i = self._close(i) + 1
                continue
            if tok.type in ("bullet_list_open", "ordered_list_open"):
                close = self._close(i)
                if prose_list and entity is not None and relations_label:
                    self._many_to_one_items(i, close, entity)  # `- `vehicle`: Many-to-one → Vehicle (required)`
                if not prose_list and self._bullet_entities(i, close, entity):
                    i = close + 1
                    continue
                if field_list and self._untyped_fields(i, close, entity):
                    prose_list = field_list = False
                    i = close + 1
                    continue
                if not prose_list:
                    for item in list_items(self.tokens, i, close):
                        inline = self.tokens[item + 2] if item + 2 < len(self.tokens) else None
                        if (
                            inline is not None
                            and inline.type == "inline"
                            and self._code_span_fields(inline.content, self.tokens[item], entity, bullet=True)
                        ):
                            continue  # `- `WaterLogs`: `volume`, `createdAt``: one entity a bullet
                        if not self._inline_columns(item, entity):
                            before = len(entity.columns)
                            self._bullet(item, entity)
                            self._labelled_field_list(item, entity)
                            untyped = UNTYPED_FIELD_RE.match(inline.content.split("\n")[0]) if inline is not None else None
                            if field_list and len(entity.columns) == before and untyped and self.tokens[item].map:
                                # `- `description`: Human-readable explanation` under `**Attributes**:`: a field all the same
                                self._untyped_field(item, untyped, entity)
                prose_list = field_list = False
                i = close + 1
                continue
            if tok.type == "table_open":
                close = self._close(i)
                self._table(i, close, entity)
                i = close + 1
                continue
            if tok.type == "fence" and not entity.columns and tok.info.strip().lower() in ("json", "jsonc", "json5"):
                self._json_schema(tok, entity)  # `"IncidentId": "string (UUID)"`: a document's fields and their types
            i = self._close(i) + 1 if tok.type.endswith("_open") else i + 1

    def _untyped_fields(self, list_open: int, close: int, entity: InferredEntity) -> bool:
        """A list under `**Fields**:` that names the fields and gives no types: `- primaryContactEmail`, `- venueId
        optional`, `- status: draft, active, archived` (its values). Each is typed from its name, as prose is; a list
        any of whose items gives a type is read item by item instead."""
        items = []
        for item in list_items(self.tokens, list_open, close):
            inline = self.tokens[item + 2] if item + 2 < len(self.tokens) else None
            if inline is None or inline.type != "inline" or not self.tokens[item].map:
                return False
            first = inline.content.split("\n")[0]
            named = UNTYPED_FIELD_RE.match(first)
            if named is None or len(first) > MAX_LINE:
                return False
            rest = named.group("rest") or ""
            if rest and (canonical_type(_split_type(rest)[0], column=W.snake(named.group("name"))).confident or "`" in rest):
                return False  # `- id: UUID`: typed after all
            items.append((item, first, named))
        if len(items) < 2 or all(n.group("rest") for _, _, n in items):
            return False
        for item, _, named in items:
            self._untyped_field(item, named, entity)
        return True

    def _described_field(self, item: int, entity: InferredEntity) -> None:
        """`- **id**: Unique identifier (e.g. UUID).`, `- **createdAt** / **updatedAt**: Optional timestamps` under
        `**Attributes**:`: fields named in bold and described in words, typed from their names and words as prose is."""
        inline = self.tokens[item + 2] if item + 2 < len(self.tokens) else None
        if inline is None or inline.type != "inline" or not self.tokens[item].map:
            return
        said = DESCRIBED_FIELD_RE.match(inline.content.split("\n")[0])
        if said is None:
            return
        rest = said.group("rest").strip()
        names = re.findall(r"\*\*`?([^*`]+?)`?\*\*", said.group("names"))
        labels = {*W.words()["note_labels"], *W.words()["literal_labels"], "required", "optional", "timestamps", "fields"}
        if any(name.lower() in labels for name in names):
            return  # `- **required**: id, name, email`, `- **note**: ...`: about the fields, not one of them
        if W.has(rest, "computed"):
            line0 = self.tokens[item].map[0]
            self.diags.report("W302", f"field '{names[0]}' is computed, not stored; left out", self._span(line0))
            return
        optional = re.match(r"(?i)optional\b[\s,.;:]*", rest)
        rest = rest[optional.end() :] if optional else rest
        # `low, medium or high.`, `` `low` | `high` ``, `Either "bug" or "feature".`: its values, as a list
        bare = re.sub(r"(?i)^(?:either|one of)\s*:?\s*", "", re.sub(r"[`\"']", "", rest.rstrip(". ")))
        if re.fullmatch(r"[\w-]+(?:\s*(?:,|\||/|\bor\b|,\s*or\b)\s*[\w-]+)+", bare):
            rest = ", ".join(v for v in linear_re.split(r"\s*(?:,\s*or\b|,|\||/|\bor\b)\s*", bare) if v)
        for name in names:
            named = UNTYPED_FIELD_RE.match(f"{name} optional {rest}" if optional else f"{name}: {rest}")
            if named is not None:
                self._untyped_field(item, named, entity)

    def _untyped_field(self, item: int, named: re.Match, entity: InferredEntity) -> None:
        """One item of a field list named without a type (`_untyped_fields`)."""
        line0 = self.tokens[item].map[0]
        source = self.lines[line0]
        name = named.group("name")
        span = self._span(line0, max(source.find(name), 0), len(name))
        values = [v.strip(" .") for v in linear_re.split(r"\s*[,|/]\s*", named.group("rest") or "")]
        noted = any(is_modifier(v) for v in values)  # `- email: unique, required`: constraints, not values
        listed = len(values) >= 2 and not noted and all(re.fullmatch(r"[A-Za-z][\w-]*(?: [A-Za-z][\w-]*){0,2}", v) for v in values)
        type_text = enum_type([W.snake(v) for v in values]) if listed else ""
        mods = "optional" if named.group("optional") or named.group("flag") else ""
        if noted:
            mods = ", ".join(m for m in (mods, *(v for v in values if is_modifier(v))) if m)
        note = (named.group("note") or "") if listed or named.group("flag") else (named.group("rest") or "")
        self._column(entity, name, type_text, mods, note.strip(), "", span, "bullet", source.strip())

    def _code_span_fields(self, content: str, tok, entity: InferredEntity, bullet: bool = False) -> InferredEntity | None:
        """`Ключевые поля: `name`, `color` (ARGB), `isGroup`, `pomodoroType?` ...`: a paragraph that lists the
        entity's fields as code spans, each with its type or a note in parentheses (`?`: optional). A list headed
        by another entity's name in backticks (`` `ActionHistoryIntervals`: `startedAt`, ... ``) is that entity's.
        Returns the entity the fields went to, or None when the paragraph is no such list."""
        if len(content) > MAX_LINE or "`" not in content:
            return None
        head = CODE_FIELDS_HEAD_RE.match(content)
        if bullet and (head is None or not head.group("entity") and not FIELDS_BULLET_HEAD_RE.match(content)):
            return None  # a bullet list's item is a list of fields only under another entity's name
        if (
            head
            and RELATION_LIST_RE.fullmatch(content[head.end() :])
            and not head.group("entity")
            and RELATION_LABEL_RE.fullmatch(head.group(0).strip(" :：*"))
            and tok.map
        ):
            self.relation_lists.append((entity, content, tok.map[0]))  # the keys, once every entity is read
            return entity
        body = content[head.end() :] if head else content
        body = re.sub(r"(`[^`\s]+`)\s*/\s*(`[^`\s]+`)\s*(\([^()]*\))?", r"\1 \3, \2 \3", body)  # `columnCount`/`rowCount` (1–5)
        # the list ends at a note after a dash (`` `goalVolume` — fixed for the day ``) or a sentence's end, outside parentheses
        depth, cut = 0, len(body)
        for at, char in enumerate(body):
            depth += (char == "(") - (char == ")")
            if depth <= 0 and (
                char == "."
                and body[at + 1 : at + 2] in ("", " ", "\n")
                or char in "—–"
                and body[at - 1 : at] == " "
                and body[at + 1 : at + 2] == " "
            ):
                cut = at
                break
        # `timestamps` (Rails, Prisma docs), `timestamps()` (Ecto): a convention's pair of columns
        items = [item.strip() for item in split_top(body[:cut], ",;")]
        conventional = next((TIMESTAMP_PAIRS[i.lower()] for i in items if i.lower() in TIMESTAMP_PAIRS), ())
        if conventional and re.search(r"\binserted_?at\b", self.text, re.IGNORECASE):
            conventional = TIMESTAMP_PAIRS["timestamps()"]  # (Ecto's names, which the document's other tables use)
        items = [i for i in items if i.lower() not in TIMESTAMP_PAIRS]
        fields = [CODE_FIELD_ITEM_RE.fullmatch(re.sub(r"^(?:and|or|и|или|e|y|et|oraz)\s+", "", item)) for item in items]
        if len(fields) < (2 if bullet else 3) or not all(fields) or not all(re.search(r"[a-z]", f.group("name")) for f in fields if f):
            return None  # (`CREATE_NOTE`, `UPDATE_NOTE`: values, not fields)
        owner = entity
        named = head.group("entity") if head else None
        by_name = W.type_from_name(named) if named and named.islower() else None
        bare = all(not f.group("paren") and f.group("default") is None for f in fields if f)
        if (
            by_name
            and by_name[0].startswith("string")
            and bare
            and tok.map
            and not any(W.entity_key(e.name) == W.entity_key(named) for e in self.entities)
        ):
            # `` `metric_name`: `events_per_minute`, `top_domains` ``: a field its name types as text, and its values
            line0 = tok.map[0]
            span = self._span(line0, max(self.lines[line0].find(named), 0), len(named))
            values = [f.group("name") for f in fields if f]
            if any(W.snake(v) in {c.name for c in entity.columns} for v in values):
                # `` `display_name`: `first_name`, `last_name` ``: made of its siblings, a text of its own, no values
                self._column(entity, named, "", "", "", "", span, "bullet", self.lines[line0].strip())
                return entity
            self._column(entity, named, enum_type(values), "", "", "", span, "bullet", self.lines[line0].strip())
            return entity
        if named and W.entity_key(named) != W.entity_key(entity.name) and tok.map:
            owner = next((e for e in self.entities if W.entity_key(e.name) == W.entity_key(named)), None)
            if owner is None:
                line0 = tok.map[0]
                owner = InferredEntity(name=W.pascal(named) if "_" in named else named, table=named if "_" in named else None)
                owner.evidence.append(
                    Evidence(self._span(line0, max(self.lines[line0].find(named), 0), len(named)), "table", self.lines[line0].strip()[:200])
                )
                self.entities.append(owner)
        offset = head.end() if head else 0
        for field in fields:
            assert field is not None
            name, paren = field.group("name"), field.group("paren") or ""
            with_values = TYPE_WITH_VALUES_RE.match(paren)
            if with_values:  # `type` (ScheduleEventType: wakeUp/meal/work)
                values = linear_re.split(r"\s*[/|]\s*", with_values.group("values"))
                self.types.setdefault(with_values.group("name").lower(), enum_type(values))
                paren = with_values.group("name") + (f", {with_values.group('rest')}" if with_values.group("rest") else "")
            type_text, mods = _split_type(paren)
            # (`start_step_id` (FK, nullable), `code` (unique): modifiers alone, kept)
            if (
                type_text
                and canonical_type(type_text, column=W.snake(name), types=self.types).type is None
                and not self.types.get(type_text.lower())
            ):
                type_text, mods = "", ""  # `color` (ARGB), `date` (= the day it started): a note, not a type
            default = field.group("default")
            if default is not None and not type_text:  # `shortWorkTime=900`: the default says the type
                type_text = "integer" if re.fullmatch(r"-?\d+", default) else "decimal" if re.fullmatch(r"-?\d+\.\d+", default) else ""
                type_text = "boolean" if default.lower() in ("true", "false") else type_text
            if default is not None:
                mods = ", ".join(m for m in (mods, f"default {default}") if m)
            if field.group("optional"):
                mods = ", ".join(m for m in (mods, "optional") if m)
            at = content.find(f"`{name}", offset)
            offset = max(at, offset)
            line0 = (tok.map[0] if tok.map else 0) + content[: max(at, 0)].count("\n")
            source = self.lines[line0] if line0 < len(self.lines) else ""
            span = self._span(line0, max(source.find(f"`{name}") + 1, 0), len(name))
            self._column(owner, name, type_text, mods, paren, "", span, "bullet", source.strip())
        if conventional and tok.map:
            line0 = tok.map[0] + content[: content.lower().find("timestamps")].count("\n")
            source = self.lines[line0] if line0 < len(self.lines) else ""
            span = self._span(line0, max(source.lower().find("timestamps"), 0), len("timestamps"))
            for name in conventional:
                if all(c.name != name for c in owner.columns):
                    self._column(owner, name, "timestamp", "", "", "", span, "bullet", source.strip())
        return owner

    def _json_schema(self, tok, entity: InferredEntity) -> None:
        """A JSON object under an entity's heading whose values are type names (`"Severity": "enum: High|Low"`,
        `"AlertIds": ["string"]`, `"Owner": {...}`): the entity's fields. Parsed as data (never run); an example
        with real values (`"email": "a@b.c"`) or an object that only wraps others is no schema."""
        if not tok.map or len(tok.content) > MAX_JSON_CHARS:
            return
        document, comments, line_of = _jsonc_object(tok.content, tok.map[0] + 1)
        if document is None or len(document) < 2:
            return
        typed = {k: v for k, v in document.items() if isinstance(v, str)}
        if not typed or sum(canonical_type(v, column=W.snake(k)).type is not None for k, v in typed.items()) < 0.6 * len(typed):
            return
        for key, value in document.items():
            if isinstance(value, str):
                type_text = value
            elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
                element = canonical_type(value[0], column=W.snake(key)).type
                type_text = f"{element}[]" if element and not element.startswith(("enum", "json")) else "json"
            elif isinstance(value, (dict, list)):
                type_text = "json"
            else:
                continue
            line0 = line_of.get(key, tok.map[0] + 1)
            source = self.lines[line0]
            span = self._span(line0, max(source.find(f'"{key}"') + 1, 0), len(key))
            own_key = not any(c.primary_key for c in entity.columns) and _names_own_key(key, entity.name)
            self._column(entity, key, type_text, "primary key" if own_key else "", comments.get(key, ""), "", span, "table", source.strip())

    def _foreign_key_text(self, entity: InferredEntity, text: str) -> None:
        for statement in FK_STATEMENT_RE.finditer(text.replace("**", "")):
            action = ON_DELETE_RE.search(statement.group(0))
            on_delete = None
            if action:
                on_delete = "cascade" if action.group("cascade") else " ".join(action.group("action").lower().split())
            key = statement.group("key") or statement.group("key2")
            self.foreign_keys.append((entity, statement.group("column"), statement.group("target"), key, on_delete))

    def apply_bases(self) -> None:
        """`All entities derive from `BaseEntity` (`Id` UUIDv7, `CreatedDate`, `ModifiedDate`)` and `### Team : BaseEntity`:
        the base's fields come first in each entity that names it (a base declared as an entity gives its columns)."""
        for entity, base, line0 in self.based:
            declared = next((e for e in self.entities if e.name == base and e is not entity), None)
            fields: list[tuple[str, str, int]] = []
            if declared is not None:
                inherited = [c for c in declared.columns if not any(c.name == o.name for o in entity.columns)]
                entity.columns[:0] = inherited
                continue
            for n, line in enumerate(self.lines):
                described = re.search(rf"`{re.escape(base)}`\s*\((?P<fields>[^()]*`[^`]+`[^()]*)\)", line)
                if described:
                    fields = [(f.group(1), f.group(2), n) for f in re.finditer(r"`([^\W\d]\w*)`\s*([\w-]*)", described.group("fields"))]
                    break
            inherited = []
            for raw, word, n in fields:
                if any(c.name == W.snake(raw) for c in entity.columns):
                    continue
                before = len(entity.columns)
                self._column(entity, raw, word or "", "", f"from {base}", "", self._span(n), "table", self.lines[n].strip())
                inherited.extend(entity.columns[before:])
                del entity.columns[before:]
            entity.columns[:0] = inherited

    def apply_statements(self) -> None:
        apply_statements(self.path, self.lines, self.entities)

    def apply_weak_refs(self) -> None:
        """`| squad | UUID | FK, ref team |` beside a Team is a key to it; `ref leve` (a light reference, by id only)
        names no entity of the document, and is none."""
        keys = {k for e in self.entities for k in (W.entity_key(e.name), W.entity_key(e.table or ""), *W.entity_keys(e.name)) if k}
        for column in self.weak_refs:
            if column.references and not {W.entity_key(column.references), *W.entity_keys(column.references)} & keys:
                column.references = column.references_column = None

    def apply_document_ids(self) -> None:
        """A MongoDB document always has its `_id`, an ObjectId, whether or not the field list names it: the key
        of the table it becomes, 24 hexadecimal characters (as `ObjectId` fields that refer to it are typed)."""
        said = BSON_RE.search(self.text)
        keyed_else = any(c.primary_key and c.type != "string(24)" for e in self.entities for c in e.columns)
        if said is None or not self.objectid_typed or keyed_else:
            return  # (a data model that mentions a Mongoose past, with SQL keys, keeps them)
        line0 = self.text.count("\n", 0, said.start())
        col0 = said.start() - (self.text.rfind("\n", 0, said.start()) + 1)
        for entity in self.entities:
            if not entity.stored or not entity.columns or any(c.primary_key or c.composite_key or c.name == "id" for c in entity.columns):
                continue
            column = InferredColumn(name="id", type="string(24)", required=True, primary_key=True, confident=False)
            column.description = "MongoDB's `_id`"
            column.evidence.append(Evidence(self._span(line0, col0, len(said.group(0))), "bullet", self.lines[line0].strip()[:300]))
            entity.columns.insert(0, column)
            self.diags.report(
                "W301",
                f"{entity.name}: a MongoDB document's `_id` (an ObjectId) is its key; typed string(24), check it",
                column.evidence[0].span,
            )

    def _note_type_shape(self, entity: InferredEntity, type_text: str) -> None:
        head = re.split(r"[\s\[<({]", re.sub(r"^(?:\*|\[\])+", "", type_text), maxsplit=1)[0]
        names = set(re.findall(r"\b[A-Z][A-Za-z0-9]+\b", type_text))
        if (head in W.words()["runtime_types"] or names & set(W.words()["runtime_types"])) and id(entity) not in self.runtime:
            self.runtime[id(entity)] = type_text  # `chan LogEntry`, `() => Promise<void>`
        if names:
            self.nested.append((entity, names))

    def mark_not_stored(self) -> None:
        """`Represents KV cache entries ...`: a description that says the entity lives elsewhere; a field only a
        running program holds (`chan LogEntry`); configuration read from a file (`loaded from config.yaml`); and
        a value with no key of its own that only such entities hold (`channels: ChannelEntry[]` of a BotConfig)."""
        from compiler.infer.prose import not_stored_name, not_stored_reason

        for entity in self.entities:
            if not entity.columns:
                continue
            called_a_table = id(entity) in self.sections and self._section_calls_it_a_table(*self.sections[id(entity)])
            if not entity.stored and called_a_table:
                entity.stored, entity.not_stored_reason = True, None  # `### jobs (projection)` over `Cette table est ...`
            # (`### 4. IssueReport (問題回報單 - 新增欄位)`: columns added to an existing table, whose key is declared there)
            changes = bool(entity.evidence) and W.has(entity.evidence[0].text, "column_add_markers")
            keyed = _keyed(entity)
            # a name that says request, config or state is no table unless the entity has a key (`TrainingResponse` with its
            # foreign keys is one)
            named = not keyed and not changes
            reason = not_stored_reason(entity.name, entity.description, by_name=named, keyless=named, keyed=keyed or changes)
            if reason is not None and called_a_table:
                reason = None  # `the source of truth stays in Redis; this table is a projection of it`: a table still
            if reason is None and keyed and not changes and not _own_key(entity):
                reason = not_stored_name(entity.name, only_keyless=True)  # `Upload result` with only a `session_id`
            if reason is None and id(entity) in self.runtime:
                reason = f"it holds runtime objects (`{self.runtime[id(entity)]}`), not a row"
            if reason is None and _read_from_config(entity.description):
                reason = "it is configuration read from a file, not a table"
            if reason is None and (attribute := _private_attribute(entity)):
                reason = f"its fields are a program object's private attributes (`{attribute}`), not columns"
            if reason is None:
                reason = self.elsewhere.get(id(entity))
            if reason is None and id(entity) in self.sections:
                reason = self._section_says_not_stored(*self.sections[id(entity)])
            for title, line0, level in self.storage_notes if reason is None else ():
                if W.entity_key(_heading_title(title)) in (W.entity_key(entity.name), W.entity_key(entity.table or "")):
                    reason = self._section_says_not_stored(line0, level)  # `### Cost Reports` / `- Format: JSON (not persisted)`
            if reason:
                self._not_stored(entity, reason)
        changed = True
        while changed:
            changed = False
            for entity in self.entities:
                if not entity.stored or not entity.columns or _keyed(entity):
                    continue
                holders = [h for h, names in self.nested if entity.name in names and h is not entity]
                if holders and not any(h.stored for h in holders):
                    self._not_stored(entity, f"it is part of {holders[0].name}, which is not stored")
                    changed = True

    def apply_collections(self) -> None:
        """`items: CartItem[]` in Cart: each CartItem row belongs to one Cart, so CartItem gets the key to it that
        a relational table needs (`cart_id`), unless it has one."""
        by_key = {W.entity_key(e.name): e for e in self.entities}
        coded = {W.entity_key(e.name): e for e in self.coded}
        for parent, child_name, span, written in self.collections:
            child = by_key.get(W.entity_key(child_name))
            held = next((c for c in parent.columns if c.evidence and c.evidence[-1].span == span), None)
            shape = coded.get(W.entity_key(child_name))
            if (child is None or not child.columns) and shape is not None and shape.columns and held is not None and not _own_key(shape):
                # `contacts: Contact[]`, Contact an interface of the document's code with no key: a JSON list of them
                held.type, held.references, held.confident = "jsonb", None, False
                self.diags.report(
                    "W301", f"field '{held.name}': a list of {shape.name}, which has no key of its own; typed jsonb, check it", span
                )
                continue
            if child is None or child is parent or not child.columns or not child.stored:
                continue
            name = f"{W.snake(parent.name)}_id"
            if any(c.references == parent.name or c.name == name for c in child.columns):
                if held is not None and any(c.name == name for c in child.columns):
                    parent.columns.remove(held)  # the rows say whose they are (`cart_id`): the list is that key, read back
                continue
            if not self._one_to_many(parent.name, child.name, parent):
                continue  # `series: ChartSeries[]` with nothing more: a part kept inside its holder, as often as not
            key = next((c for c in parent.columns if c.primary_key), None)
            column = InferredColumn(name=name, type=key.type if key is not None and key.type else "uuid", required=True)
            column.references = parent.name
            column.evidence.append(Evidence(span, "table", written))
            child.columns.append(column)
            if held is not None:
                parent.columns.remove(held)  # (one to many: the child's rows hold the key, the parent no list)
        for column, span, message in self.listing_notes.values():
            if column.type != "jsonb" and any(column is c for e in self.entities for c in e.columns):
                self.diags.report("W301", message, span)

    def _one_to_many(self, parent: str, child: str, holder: InferredEntity | None = None) -> bool:
        """A line of the document that relates the two, one to many (`Cart ─── 1:N ──→ CartItem`, `Cart has many
        CartItems`, `Cart 1─* CartItem`, `- Cart → CartItems` under `### One-to-Many Relationships`), or a line of
        the parent's own section that says it has many of the child (`- Has multiple CartItems`)."""
        first, then = re.compile(rf"\b{re.escape(parent)}\b"), re.compile(rf"\b{re.escape(child)}s?\b")

        def pair(line: str) -> bool:  # the parent, then the child after it (two searches: linear on a long line)
            found = first.search(line)
            return found is not None and then.search(line, found.end()) is not None

        heading = ""
        for line in self.lines:
            if line.startswith("#"):
                heading = line
            if pair(line) and (ONE_TO_MANY_RE.search(line) or ONE_TO_MANY_RE.search(heading) and re.search(r"→|->", line)):
                return True
        start = holder.evidence[0].span.line if holder is not None and holder.evidence else None
        if start is None:
            return False
        has_many = W.alternation_of(tuple(W.words()["relationship"]["has_many"]))
        many = re.compile(rf"{ONE_TO_MANY_RE.pattern}|{has_many}", re.IGNORECASE)
        # (its own section, up to the next heading: the window only bounds a document without headings)
        for line in self.lines[start : start + 200]:
            if line.startswith("#"):
                break
            if re.search(rf"\b{re.escape(child)}s?\b", line) and many.search(line):
                return True
        return False

    def apply_object_fields(self) -> None:
        """A field typed by another name (`Location | GeoLocation?`, `owner: User`): a key to that entity when it
        has a key of its own; a value folded into this row as JSON when it is a keyless entity of this document
        (which is then no table of its own) or a value type the name says (`VenueInfo`, `Address`); else left out."""
        from compiler.infer.prose import not_stored_name

        by_key = {W.entity_key(e.name): e for e in self.entities}
        folded: dict[int, str] = {}
        for entity, column, type_name, span in self.object_fields:
            # (`author: UserEntity`: the persistence class named after its record, User)
            target = by_key.get(W.entity_key(type_name)) or by_key.get(W.entity_key(re.sub(r"(?<=[a-z0-9])Entity$", "", type_name)))
            target = target if target is not None and target.columns else None  # `## §7 Gender`: values, no fields
            navigation = any(c.name == f"{column.name}_id" for c in entity.columns)
            said_related = any(RELATION_TYPE_RE.search(e.text) or RELATIONSHIP_ROW_RE.search(e.text) for e in column.evidence)
            if target is not None and (_own_key(target) or id(column) in self.related and _keyed(target)) and not navigation:
                column.references = target.name  # `owner: User`: a key to it; `parent: Section` in a Section: to its own rows
                continue
            value_like = target is not None and not _keyed(target) or target is None and W.value_type_name(type_name)
            if value_like and not navigation:
                column.type, column.references, column.confident = "jsonb", None, False
                self.diags.report(
                    "W301", f"field '{column.name}': {type_name} is a value with no key of its own; typed jsonb, check it", span
                )
                # (a holder that is itself no table, `CustomBlockLoadResult.definition`, keeps nothing: the value stays)
                if (
                    target is not None
                    and entity.stored
                    and not not_stored_name(entity.name, keyless=not _keyed(entity))
                    and not _kept_apart(target, entity)
                ):
                    folded.setdefault(id(target), f"{entity.name}.{column.name}")
                continue
            related = id(column) in self.related or said_related
            if target is None and not navigation and related:  # (`| vehicle | Vehicle? | SwiftData relationship |`)
                column.references = type_name  # `(relation -> Members)`, Members another feature's: a key all the same
                continue
            head = re.findall(r"[A-Z][a-z]+|[a-z]+", type_name)
            listed = enum_values_listed(column.description) if head and head[-1].lower() in W.words()["kind_type_words"] else []
            listed = listed if all(_value_like(v) for v in listed) else []  # (not `Song state, see below`, `Unique, not null`)
            if target is None and not navigation and listed:
                # `status: SongStatus - Not Started, In Progress, Completed`: an enum type the document does not define,
                # its values in the description
                column.type, column.references, column.confident = "enum(" + ", ".join(listed) + ")", None, False
                self.diags.report(
                    "W301", f"field '{column.name}': '{type_name}' is no type name; its values read from its description, check it", span
                )
                continue
            guessed = None if navigation else W.type_from_name(column.name)
            if guessed is not None:
                column.type, column.references, column.confident = guessed[0], None, False
                self.diags.report(
                    "W301", f"field '{column.name}': '{type_name}' is no type name; typed {guessed[0]} from its name, check it", span
                )
                continue
            entity.columns.remove(column)
            self.diags.report(
                "W302", f"cannot type field '{column.name}' ('{type_name}' is no type name; perhaps an entity); left out", span
            )
        for target in self.entities:
            if id(target) in folded and target.stored:
                self._not_stored(target, f"it is a value folded into {folded[id(target)]} as JSON")

    def _section_calls_it_a_table(self, start: int, level: int) -> bool:
        """A line of the entity's own section, outside code, that calls it a table (`Cette table est une projection`)."""
        for line in self.lines[start + 1 : start + 400]:
            heading = re.match(r"^(#{1,6})\s", line)
            if heading and len(heading.group(1)) <= level:
                return False
            for sentence in re.split(r"(?<=[.!?。])\s+", line) if not line.lstrip().startswith("|") else ():
                said = W.find(sentence, W.words()["own_table_phrases"])
                if said and not W.find(sentence, [e["phrase"] for e in W.words()["not_stored"]]):
                    return True  # (`This table is a Redis hash; it is not persisted`: no table of ours)
        return False

    def _section_says_not_stored(self, start: int, level: int) -> str | None:
        """A line of the entity's own section, outside code and tables, that starts by saying it is not kept
        (`- Not persisted in snapshot storage`, `**Storage Format** (JSON, generated on-demand):`)."""
        fence = False
        for line in self.lines[start + 1 : start + 400]:
            heading = re.match(r"^(#{1,6})\s", line)
            if heading and not fence and len(heading.group(1)) <= level:
                break
            if line.lstrip().startswith(("```", "~~~")):
                fence = not fence
            if fence or line.lstrip().startswith("|"):
                continue
            if line.lstrip().startswith("**") and W.find(line, W.words()["api_mapping_labels"]) is not None:
                return "its fields are mapped from another system's API"  # `**OpenWeatherMap API Mapping**:`
            text = re.sub(r"^\s*(?:>\s*)*(?:[-*+]|\d+[.)])?\s*", "", line.replace("**", "").replace("`", ""))
            field_line = re.match(r"^\s*(?:[-*+]|\d+[.)])\s+(?:`[^`]+`|\*\*[^*]+\*\*|[\w.]+)\s*[:：(]", line)  # `` - `x`: ... ``
            anywhere = None if field_line else W.find(text, W.words()["section_not_stored_anywhere"])
            if anywhere is not None and FIELD_HEADING_RE.search(text[: anywhere.start()]):
                anywhere = None  # `**回显字段（不入库，JOIN 取）**`: some fields are not kept, not the table
            if anywhere is not None and re.match(r"\s*(?:$|[^\w\s])", text[anywhere.end() :]):
                return f"its section says '{anywhere.group(0)}'"  # `> ...静态定义，不存储于数据库。`
            text = re.sub(
                r"^(?:storage(?:\s+format)?|persistence|stored|format)\s*[:(]\s*(?:[\w ]{0,20}[,(]\s*)?", "", text, flags=re.IGNORECASE
            )
            found = W.find(text[:60], W.words()["section_not_stored"])
            listed = re.match(r"\s*[:：]\s*(?:an?|the)\s+[^,.;]{1,30},", text[found.end() :]) if found is not None else None
            if found is not None and found.start() == 0 and not listed:
                # (`- **Never stored**: a URL, a host`: a label over the values a field never holds)
                return f"its section says '{found.group(0)}'"
        return None

    def _not_stored(self, entity: InferredEntity, reason: str) -> None:
        entity.stored, entity.not_stored_reason = False, reason
        self.diags.report("W303", f"entity '{entity.name}' is not stored ({reason}); not proposed", entity.evidence[0].span)

    def apply_untargeted_keys(self) -> None:
        """`` `reporter_id` (bigint, foreign key) - User who flagged ``: a key that does not say its table. The
        target is the entity its name or description names, the entity itself for `parent_id`, or else the
        one entity of the document whose key has the column's type (`bigint` when only User has one)."""
        keys = {W.entity_key(e.name): e for e in self.entities} | {W.entity_key(e.table): e for e in self.entities if e.table}
        key_types: dict[str, list[InferredEntity]] = {}
        for entity in self.entities:
            primary = [c for c in entity.columns if c.primary_key]
            if len(primary) == 1 and primary[0].type:
                key_types.setdefault(primary[0].type, []).append(entity)
        for entity, column, said in self.untargeted:
            if column.references is not None:
                continue
            stem = re.sub(r"_?id$", "", column.name)
            named = None
            if said:
                key = W.entity_key(said)
                if key not in keys and len(said.split()) > 1 and _another_systems(*said.split()[-2:]):
                    continue  # `Telegram user ID`: another system's user
                ending = {id(e): e for k, e in keys.items() if k.endswith(key)}
                named = keys.get(key) or (next(iter(ending.values())) if len(ending) == 1 else None)
            named = named or (keys.get(W.entity_key(stem)) if stem else None)
            parts = stem.split("_") if stem else []
            # `root_session_id` -> Session, `tool_profile_version` -> Tool Profile: a part of the name names it
            for size in range(len(parts) - 1, 0, -1):
                if named is None:
                    named = keys.get(W.entity_key("_".join(parts[-size:]))) or keys.get(W.entity_key("_".join(parts[:size])))
            for size in range(len(parts), 0, -1):  # `suite_id` -> Eval Suite, `in_flight_claim_id` -> Idempotency Claim
                tail = W.entity_key("_".join(parts[-size:]))
                if named is None:
                    named = _one_ending(keys, tail, besides=entity)
            if named is None:
                words = re.findall(r"[^\W\d]\w*", column.description)
                named = next(
                    (
                        keys[k]
                        for size in (3, 2, 1)
                        for n in range(len(words))
                        if (k := W.entity_key(" ".join(words[n : n + size]))) in keys and n + size <= len(words) and keys[k] is not entity
                    ),
                    None,
                )
            if named is None:  # `回复管理员ID` beside an Admin（管理员）: the longest name of an entity the words hold
                named = _named_within(column.description, self.entities)
            users = {W.entity_key(w) for w in W.words()["user_entities"]}
            if named is None and stem and W.entity_key(stem) not in users:  # `tool_id`: the one other entity with `tool` in its name
                holding = [e for e in self.entities if e is not entity and W.singular(stem) in map(W.singular, W.snake(e.name).split("_"))]
                named = holding[0] if len(holding) == 1 else None
            if named is None and stem == "parent" and not said:
                named = entity  # (not `Notion parent block ID`: the id of a thing no entity here is)
            keyed_alike = key_types.get(column.type or "", [])  # (`agent_id` in Session, the only uuid key: not Session)
            foreign = bool(parts) and parts[0] in W.words()["other_system_prefixes"]  # `stripe_customer_id`
            if named is None and len(keyed_alike) == 1 and keyed_alike[0] is not entity and not foreign:
                named = keyed_alike[0]
            if named is not None:
                column.references = named.name
                primary = [c for c in named.columns if c.primary_key]
                if not column.confident and len(primary) == 1 and primary[0].type:
                    column.type = primary[0].type  # `workflow_id` (FK) with no type, to a `BIGINT` key: a bigint

    def _many_to_one_items(self, list_open: int, close: int, entity: InferredEntity) -> None:
        """`- `vehicle`: Many-to-one → Vehicle (required)` under `**Relationships**:`: the key this entity holds, read
        with the relation lists (`vehicle_id`, nullable where the note says optional)."""
        for item in list_items(self.tokens, list_open, close):
            inline = self.tokens[item + 2] if item + 2 < len(self.tokens) else None
            said = MANY_TO_ONE_ITEM_RE.match(inline.content.split("\n")[0]) if inline is not None and inline.type == "inline" else None
            if said is None or not self.tokens[item].map:
                continue
            optional = "?" if re.search(r"(?i)\b(?:optional|nullable)\b", inline.content.split("\n")[0]) else ""
            self.relation_lists.append((entity, f"`{said.group('name')}{optional}` ({said.group('target')})", self.tokens[item].map[0]))

    def apply_relation_lists(self) -> None:
        """`Relations: `venue`, `scheduleBlock?`, `user` (registrant), `payment?` (1:1)`: each names an entity this
        one holds a key to (`venue_id`; `?`: it may be null), one of the document's, the application's user for a
        person, else a table of that name. A one-to-one both sides list is keyed on the side that requires it."""
        by_key = {W.entity_key(e.name): e for e in self.entities}

        def target_of(name: str) -> InferredEntity | None:
            key = W.entity_key(name)
            # `org`: Organization, an abbreviation (not `venue` of VenueOrganization, a word of its own)
            starting = {
                id(e): e for k, e in by_key.items() if k.startswith(key) and len(key) >= 3 and key not in W.snake(e.name).split("_")
            }
            return by_key.get(key) or _one_ending(by_key, key) or (next(iter(starting.values())) if len(starting) == 1 else None)

        listed = [(entity, item, line0) for entity, content, line0 in self.relation_lists for item in RELATION_ITEM_RE.finditer(content)]
        order = {id(e): n for n, e in enumerate(self.entities)}
        for entity, item, line0 in listed:
            name, note = item.group("name"), item.group("note") or ""
            if MANY_NOTE_RE.search(note) or W.singular(W.snake(name)) != W.snake(name):
                continue  # `tasks` (1:N), `members` (many-to-many via ...): the other side's keys, or a join table's
            named = re.fullmatch(r"`?([A-Z]\w*)`?", note.strip())  # `owner` (Team): the target in parentheses
            target = target_of(named.group(1)) if named else target_of(name)
            if target is entity:
                continue
            back = [i for e, i, _ in listed if e is target and target_of(i.group("name")) is entity]
            if back and bool(item.group("optional")) != bool(back[0].group("optional")):
                if item.group("optional"):
                    continue  # `payment?` (1:1) here, `registration` there: the payment holds the key
            elif back and order.get(id(target), 0) > order.get(id(entity), 0):
                continue  # a one-to-one both sides state alike: the later table (the dependent one) holds the key
            bare = W.snake(name)
            existing = next((c for c in entity.columns if c.name == bare and not bare.endswith("_id")), None)
            column_name = bare if existing is not None or bare.endswith("_id") else f"{bare}_id"
            person = W.is_person(bare)
            reference = target.name if target is not None else named.group(1) if named else "User" if person else W.pascal(bare)
            source = self.lines[line0 + item.string[: item.start()].count("\n")] if line0 < len(self.lines) else ""
            line = line0 + item.string[: item.start()].count("\n")
            span = self._span(line, max(source.find(name), 0), len(name))
            said = Evidence(span, "bullet", source.strip()[:300])
            column = next((c for c in entity.columns if c.name == column_name), None)
            if column is None:
                column = InferredColumn(name=column_name, type=None, required=not item.group("optional"))
                column.evidence.append(said)
                entity.columns.append(column)
            if column.references is None and _keyable(column.type):
                _refers(column, reference, said)

    def apply_described_ids(self) -> None:
        """`` `senderId` (string, UUID): Sending agent ID ``, `the Project id`, `ID of currently assigned task`: a
        description that calls the column the id of an entity the document defines makes it a key to that entity;
        so does a column named as one (`project` in a Finding, beside a Project)."""
        keys = {W.entity_key(e.name): e for e in self.entities} | {W.entity_key(e.table): e for e in self.entities if e.table}
        for entity in self.entities:
            for column in entity.columns:
                if column.references or column.primary_key or column.name == "id" or id(column) in self.listing:
                    continue
                if not _keyable(column.type):
                    continue
                same = keys.get(W.entity_key(column.name))
                if same is not None and W.snake(same.name).endswith("_record") and not column.name.endswith("record"):
                    same = None  # `answer` text beside an AnswerRecord: the answer itself, not the record of one
                if same is not None and same is not entity and _key_fits(column, same):
                    column.references = same.name  # `project` string in a Finding, beside a Project: the project's key
                    continue
                spans = {id(t): t for t in map(keys.get, map(W.entity_key, re.findall(r"`([A-Za-z_]\w*)`", column.description))) if t}
                spans.pop(id(entity), None)
                stem = set(column.name.removesuffix("_id").split("_"))
                if column.name.endswith("_id") and len(spans) == 1 and stem <= set(W.snake(next(iter(spans.values())).name).split("_")):
                    column.references = next(iter(spans.values())).name  # `submission_id` — 与 `SubmissionPackage` 关联
                    continue
                parts = column.name.split("_")
                if len(parts) >= 3 and parts[-1] == "id" and _another_systems(parts[-3], parts[-2]):
                    continue  # `external_user_id`, `provider_user_id`: named as another system's user, whatever it says
                words = re.findall(r"[^\W\d][\w'’-]*", column.description)
                lowered = [w.lower() for w in words]
                named = []
                for n, word in enumerate(lowered):
                    if word not in ("id", "identifier"):
                        continue
                    if n >= 2 and _another_systems(words[n - 2], words[n - 1]) and W.entity_key(" ".join(words[n - 2 : n])) not in keys:
                        continue  # `Telegram user ID`, `Provider's user ID`: another system's user, no key to ours
                    named += [" ".join(words[max(n - 2, 0) : n]), *words[max(n - 1, 0) : n]]  # `Sending agent ID`
                    if n + 1 < len(words) and lowered[n + 1] == "of":
                        named += words[n + 2 : n + 5]  # `ID of currently assigned task`
                target = next((keys[k] for k in map(W.entity_key, named) if k and k in keys), None)
                if target is not None and target is not entity:  # (`Unit identifier` in Unit: its own natural key)
                    column.references = target.name

    def apply_dotted_keys(self) -> None:
        """`entry_name | TEXT | 关联 memory_entries.name`, `Links to users.id`: a description that names a column of
        another table of the document, as `table.column`, makes a key to it."""
        keys = {W.entity_key(e.name): e for e in self.entities} | {W.entity_key(e.table): e for e in self.entities if e.table}
        for entity in self.entities:
            for column in entity.columns:
                if column.references or not column.description:
                    continue
                for table, name in re.findall(r"(?<![\w./])`?([A-Za-z_]\w*)`?\.`?([A-Za-z_]\w*)`?(?![\w(])", column.description):
                    target = keys.get(W.entity_key(table))
                    if target is not None and target is not entity and any(c.name == W.snake(name) for c in target.columns):
                        column.references, column.references_column = target.name, W.snake(name)
                        break

    def apply_conventions(self) -> None:
        """`- **Tenant**: every domain table has `organization_id text NOT NULL` with FK → `organization.id`` before
        the first table: a key every table with that column has, unless its own row says otherwise."""
        starts = [e.evidence[0].span.line for e in self.entities if e.evidence]
        if not starts:
            return
        first = min(starts) - 1
        every = re.compile(rf"(?i){W.alternation('every_table_words')}\s+(?:[^\W\d]+\s+){{0,2}}?{W.alternation('table_suffixes')}s?\b")
        for tok in self.tokens:
            if tok.type != "inline" or not tok.map or tok.map[0] >= first or len(tok.content) > MAX_LINE:
                continue
            names = {m.group(1) for m in re.finditer(r"`([a-z][a-z0-9_]*_id)\b[^`]*`", tok.content)}
            plain = tok.content.replace("`", "")
            if not every.search(plain):
                continue  # `Categories form a tree: each row's `parent_id` ...`: one table's, said before it
            fk = FK_RE.search(plain) or ARROW_FK_RE.search(plain)
            if len(names) != 1 or fk is None or fk.group("column") is None or fk.group("target").lower() in FK_NON_TARGETS:
                continue
            (name,) = names
            for entity in self.entities:
                for column in entity.columns:
                    if column.name == name and column.references is None:
                        column.references, column.references_column = fk.group("target"), fk.group("column")

    def apply_common_columns(self) -> None:
        """`All models will use `BIGINT` primary keys ... and include `created_at`, `updated_at`` before the first
        table: the key and the columns every table has, unless its own section says otherwise (`no updated_at, no
        soft deletes`: neither `updated_at` nor `deleted_at`, nor the `updated_by` / `deleted_by` that go with them)."""
        starts = [e.evidence[0].span.line for e in self.entities if e.evidence]
        if not starts:
            return
        first = min(starts) - 1
        every = re.compile(rf"(?i){W.alternation('every_table_words')}\s+(?:[^\W\d]+\s+){{0,2}}?{W.alternation('table_suffixes')}s?\b")
        key_type, common = None, []
        for tok in self.tokens:
            if tok.type != "inline" or not tok.map or tok.map[0] >= first or len(tok.content) > MAX_LINE:
                continue
            # (`..., except `audit_logs``: what follows an exception is not every table's)
            content = COMMON_EXCEPT_RE.split(tok.content)[0]
            plain = content.replace("`", "")
            if not every.search(plain) or not W.find(plain, W.words()["common_column_verbs"]) or COMMON_CONDITION_RE.search(plain):
                continue  # `All tables are soft-deleted`, `Any model that has a `deleted_at` column uses ...`: no column named
            keyed = COMMON_KEY_RE.search(plain)
            if keyed and canonical_type(keyed.group("type")).type in (*INTEGER_TYPES, "uuid", "string", "text"):
                key_type = canonical_type(keyed.group("type")).type
            # (a column's name: one a type is read from, a key or an actor; not `snake_case`)
            named = [
                n for n in re.findall(r"`([a-z][a-z0-9]*(?:_[a-z0-9]+)+)`", content) if W.type_from_name(n) or n.endswith(("_id", "_by"))
            ]
            common += [n for n in named if n not in common]
        if key_type is None and not common:
            return
        for entity in self.entities:
            if not entity.stored or not entity.columns or id(entity) not in self.sections:
                continue
            own = self._section_text(entity)
            span, source = entity.evidence[0].span, entity.evidence[0].text
            if key_type and not any(c.primary_key or c.name == "id" for c in entity.columns):
                self._column(entity, "id", key_type, "PK", "", "", span, "table", source)
                entity.columns.insert(0, entity.columns.pop())
            for name in common:
                itself = name.endswith("_id") and W.entity_key(name[:-3]) in {W.entity_key(entity.name), W.entity_key(entity.table or "")}
                if itself or any(c.name == name for c in entity.columns) or _denied(name, own):
                    continue  # (`tenant_id` on every table but Tenant)
                # (`created_by` beside `BIGINT` primary keys: who did it, by the key of the user table, typed alike)
                typed = key_type if key_type and name.endswith("_by") else "" if W.type_from_name(name) else "text"
                self._column(entity, name, typed, "", "", "", span, "table", source)

    def _section_text(self, entity: InferredEntity) -> str:
        """The lines of an entity's own section: from its heading to the next heading of its level or above (a `#`
        line in a code fence is none)."""
        line0, level = self.sections[id(entity)]
        fence, end = False, len(self.lines)
        for n in range(line0 + 1, len(self.lines)):
            if self.lines[n].lstrip().startswith(("```", "~~~")):
                fence = not fence
            elif not fence and (heading := re.match(r"(#{1,6})\s", self.lines[n])) and len(heading.group(1)) <= level:
                end = n
                break
        return "\n".join(self.lines[line0:end])

    def apply_foreign_keys(self) -> None:
        for entity, name, target, key, on_delete in self.foreign_keys:
            column = next((c for c in entity.columns if c.name == W.snake(name)), None)
            if column is not None and column.references is None:
                column.references, column.references_column = target, key
                column.on_delete = column.on_delete or on_delete  # type: ignore[assignment]

    # ------------------------------------------------------------------ entities
    def _heading_entity(self, title: str, tok, raw: str = "", record: bool = True) -> InferredEntity | None:
        """The entity a heading names, if it names one; `record=False` only reads it."""
        if FIELDS_ONLY_RE.fullmatch(title.strip()) or re.fullmatch(r"`?[a-z]+(?:_[a-z0-9]+)+`?\s+(?:field|column)", title.strip()):
            return None  # `### 字段语义`, `#### Field definitions`, `## 3. tenant_id field`: fields, not a table
        name, markers = _split_markers(title)
        if any(ENUM_WORD_RE.fullmatch(m.strip(" `*")) for m in markers):
            return None  # `### OrderStatus (enum)` over its values: a type the tables name, no table
        if MODEL_GROUP_RE.match(name.strip()) or any(_whole(part, "entity_group_headings") for part in (name, *markers)):
            return None  # (`## 2. 엔티티 상세 (Entity Details)` over `### 2.1 Document`; not `## Order — Entity Details`)
        native = None
        whole = next((m for m in (GROUP_HEADING_RE.search(name), SECTION_RE.search(name)) if m), None)
        if whole is not None and whole.group(0).strip() == name.strip():
            return None  # `## 엔티티 (IndexedDB DB `mdeditor`)`: the word for entities, a note on where they are kept
        if english := _english_name(name, markers):
            # `### 用户实体 (User)`: the class's name in the marker; the heading's words name it in the spec's language
            native, name = HEADING_SUFFIX_RE.sub("", name).strip(), english
            markers = [m for m in markers if m.strip(" `*") != english]
        stored_as = STORE_LABEL_RE.match(HEADING_NUMBER_RE.sub("", raw.strip()))
        if stored_as:  # `### Container: \`Worlds\``: the container's name is the table's, whatever words it is
            return self._store_entity(stored_as.group("ticked") or stored_as.group("bare"), tok, record)
        store = STORE_HEADING_RE.match(HEADING_NUMBER_RE.sub("", raw.strip()))
        kept = STORE_TABLE_RE.search(store.group("note") or "") if store else None
        if kept:  # `### Postgres (`executions` table)` with no entity above: the table it names
            return self._store_entity(kept.group("table"), tok, record)
        ticked = re.findall(r"`([^`]+)`", raw)
        rest = re.sub(r"`[^`]*`|\([^()]*\)", " ", raw)
        table_word = W.find(rest, W.words()["table_suffixes"]) or W.find(rest, W.words()["heading_prefixes"])  # (`Tabla nueva:`)
        changed = W.has(rest, "change_markers") or W.has(rest, "existing_markers") or W.find(rest, W.words()["column_add_words"])
        if len(ticked) == 1 and SQL_NAME_RE.match(ticked[0]) and table_word and (_says_only_table(rest) or changed):
            name = ticked[0]  # `## F-005-owned `sessions` table`, `## The `sessions` table`: the table in backticks
        elif len(ticked) >= 2 and SQL_NAME_RE.match(ticked[0]) and table_word and W.find(raw, W.words()["column_add_words"]):
            name = ticked[0]  # `## 既有表变更：`pm_task` 新增 `demand_name``: the table, then the column it gains
        # `## Entity: Note`, `### Table: flows`: the heading says it names an entity, whatever the word
        prefix = HEADING_PREFIX_RE.match(name.strip())
        prefixed = prefix is not None and re.search(r"[:：—–]|\d\s*-", prefix.group(0)) is not None  # `Entity Relationships` is no label
        unprefixed = HEADING_PREFIX_RE.sub("", name).strip()
        if not prefixed and W.find(unprefixed, W.words()["section_heading_words"]):
            unprefixed = name.strip()  # `Entity Relationship` over its fields: the table's name, its first word kept
        name = HEADING_QUALIFIER_RE.sub("", unprefixed).strip().strip("`").strip()
        name = HEADING_CHANGE_RE.sub("", name).strip("` ")
        labelled = HEADING_LABELLED_RE.match(name)
        if labelled and (prefixed or not W.find(labelled.group("name"), W.words()["section_heading_words"])):
            name = labelled.group("name")
        if " / " in name:
            name = name.split(" / ")[0].strip().strip("`").strip()  # `` `Employee` (detail) / `EmployeeListItem` (list) ``
        name = linear_re.sub(r"\s*[—–]\s*.*$", "", name)  # `EventParticipation : BaseEntity — **EXTENDED**`
        pair = re.fullmatch(r"`?([A-Za-z_]\w*)`?\s+[+&]\s+`?[A-Za-z_]\w*`?", name)
        if pair:
            name = pair.group(1)  # `ActionHistories + ActionHistoryIntervals`: the first; a list names the next
        based = re.fullmatch(r"`?([^\W\d]\w*)`?\s*:\s*`?([A-Z]\w*)`?", name)
        base = None
        if based:
            name, base = based.group(1), based.group(2)  # `Team : BaseEntity`: the class and its base
        elif described := HEADING_DESCRIBED_RE.match(name):
            name = described.group("name")
        if GROUP_HEADING_RE.search(name) or SECTION_RE.search(name):
            return None  # `## Data Model`, `## Entities`: entities follow as sub-headings
        name = HEADING_SUFFIX_RE.sub("", name).strip().strip("`").strip()
        if re.fullmatch(W.alternation("heading_qualifiers"), name, re.IGNORECASE):  # (`news` is a table)
            return None  # `新增表` (new tables), `Modified Tables`: a heading over the tables it lists
        if re.fullmatch(W.alternation("heading_prefixes"), name, re.IGNORECASE) and W.find(
            re.sub(r"[(（][^()（）]*[)）]", " ", raw), W.words()["heading_change_suffixes"]
        ):
            return None  # `## Entity Changes`, `## Model Updates`: the word for a table, then a change, over its tables
        said = prefixed and re.fullmatch(r"[^\W\d]\w*", name) is not None  # one word after `Entity:`
        document = DOCUMENT_PATH_RE.fullmatch(name)
        if document:  # `## `contributors/{uid}``: a document of the collection, which is the table
            name, said = document.group("collection"), True
        qualified = SCHEMA_QUALIFIED_RE.fullmatch(name)
        if qualified and qualified.group("table") not in W.words()["file_extensions"]:
            name = qualified.group("table")  # `twizzit.sync_run`: the schema is the database's business, not the entity's
        if not name or len(name.split()) > 4 or not re.match(r"^[^\W\d][\w\s\-]*$", name):
            return None
        # `### Note` over `- id (uuid)`, `- title (string)`, `### Content Access Grant` over a field table: words that
        # usually head prose, naming an entity all the same
        # (`### 2. Entity Relationship`, words that head sections, over fields one of which is its primary key: a table)
        if not said:
            sectioned = W.find(name, W.words()["section_heading_words"]) is not None
            said = self._fields_follow(tok, keyed=True) and len(name.split()) > 1 if sectioned else self._fields_follow(tok)
        if NOT_ENTITY_HEADING_RE.search(name) and not said:
            return None
        if GROUP_HEADING_RE.search(name) or SECTION_RE.search(name):
            return None  # `## Entities`, `## Database Entities`: entities follow as sub-headings
        if _is_prose_heading(name) and not said:
            return None
        table = None
        for marker in markers:
            candidate = re.sub(rf"^{W.alternation('heading_prefixes')}\s*[:=]?\s+", "", marker.strip(), flags=re.IGNORECASE)
            candidate = candidate.strip("`").strip()
            # `(users)`, `(`app_users`)`, `用户表 (users)` name the table; `(new)`, `(extends)` say something else
            named = f"`{candidate}`" in raw or "_" in candidate or W.entity_key(candidate) == W.entity_key(name) or not name.isascii()
            if SQL_NAME_RE.match(candidate) and named:
                table = candidate
        if SQL_NAME_RE.match(name) and (name.endswith("s") or "_" in name):
            table = table or name
            name = W.pascal(name)
        line0 = tok.map[0] if tok.map else 0
        source = self.lines[line0]
        col0 = max(source.find(name), 0)
        entity = InferredEntity(name=name, table=table)
        # `Task（任务）`: the name in the spec's language, which its Key Entities use
        # (`LineBinding (LINE 綁定記錄)`: a few words, one of them in that language)
        entity.aliases += [
            m.strip() for m in markers if not m.strip().isascii() and re.fullmatch(r"[^\W\d_]{1,12}|[^\W_][\w ]{1,22}[^\W_]", m.strip())
        ]
        if native and re.fullmatch(r"[^\W\d_]{1,12}", native):
            entity.aliases.append(native)
        if not record:
            return entity
        entity.evidence.append(Evidence(self._span(line0, col0, len(name)), "table", source.strip()[:200]))
        self.entities.append(entity)
        if base is not None:
            self.based.append((entity, base, line0))
        from compiler.infer.prose import not_stored_name

        for marker in markers:  # `## Entity: TaskCreate (Input Model)`: the heading says what kind of shape it is
            written = marker.strip(" `*")
            kind = re.sub(r"(?i)\s+(?:model|shape|object|schema|dto)$", "", written)
            # only a marker that names a kind of model (`Input Model`, `Response DTO`), not a note (`RSVP`, `single row`)
            reason = not_stored_name(f"shape {kind}") if kind != written and len(kind.split()) <= 2 else None
            said = W.find(written, W.words()["not_stored_markers"])
            rest = written.replace(said.group(0), " ") if said else written  # (`non-persisted` says it itself)
            if said and " " not in said.group(0) and W.find(rest, ["persisted", "persistent", "stored", "saved", "table"]):
                said = None  # `(persisted/audit projection)`: kept, whatever else it is
            reason = reason or (f"its heading calls it '{said.group(0)}'" if said else None)  # `(derived)`, `(API resource)`
            if reason:
                entity.stored, entity.not_stored_reason = False, reason
        return entity

    def _store_entity(self, stored: str, tok, record: bool) -> InferredEntity:
        """The entity of `### Container: Worlds` (the name in backticks or lower case): named after its container or
        collection (`Worlds`, `user_notes` -> `UserNotes`), whose name is its table's."""
        line0 = tok.map[0] if tok.map else 0
        source = self.lines[line0]
        entity = InferredEntity(name=W.pascal(stored) if "_" in stored or stored.islower() else stored, table=stored)
        if record:
            entity.evidence.append(Evidence(self._span(line0, max(source.find(stored), 0), len(stored)), "table", source.strip()[:200]))
            self.entities.append(entity)
        return entity

    def _fields_follow(self, tok, keyed: bool = False) -> bool:
        """Whether the first list under a heading is all fields with their types (at least two), or its first
        table has a type column; `keyed`: a list one of whose fields says it is the primary key."""
        if not tok.map:
            return False
        items: list[str] = []
        for line in self.lines[tok.map[1] : tok.map[1] + 60]:
            if re.match(r"^#{1,6}\s", line) or (items and not line.strip()):
                break
            if not items and line.lstrip().startswith("|"):
                if keyed:
                    return False
                header = [" ".join(re.sub(r"[*_`]", "", c).strip().lower().split()) for c in line.strip().strip("|").split("|")]
                return any(W.header_roles().get(cell) == "type" for cell in header)
            bullet = re.match(r"^[-*+]\s+(.*)$", line)
            if bullet:
                items.append(bullet.group(1))
        fields = 0
        for item in items:
            item = re.sub(r"^(\s*`[^`]+`\s*\(.*\))\s*:\s.*$", r"\1", item)  # `` `Confidence` (FLOAT): a score ``
            match = BARE_PAREN_FIELD_RE.match(item) or PAREN_FIELD_RE.match(item) or TYPED_SPAN_RE.match(item)
            type_text = (match.groupdict().get("paren") or match.groupdict().get("type") or "") if match else ""
            fields += bool(type_text) and canonical_type(_split_type(type_text)[0]).confident
        keys = not keyed or any(W.has(item, "primary_key") or re.search(r"\bPK\b", item) for item in items)
        return len(items) >= 2 and fields == len(items) and keys

    def _names_same(self, entity: InferredEntity, title: str, tok, raw: str) -> bool:
        again = self._heading_entity(title, tok, raw, record=False)
        if again is None or W.entity_key(again.name) != W.entity_key(entity.name):
            return False
        entity.table = entity.table or again.table
        return True

    # ------------------------------------------------------------------ bullets
    def _bullet(self, item: int, entity: InferredEntity, listed: bool = False) -> None:
        """One field bullet; `listed`: the list is known to hold fields (a bullet entity's), so a bare name before a
        colon is a field's however its type is written."""
        tokens = self.tokens
        if item + 2 >= len(tokens) or tokens[item + 2].type != "inline" or not tokens[item].map:
            return
        line0 = tokens[item].map[0]
        source = self.lines[line0]
        if len(source) > MAX_LINE:
            return
        first = tokens[item + 2].content.split("\n")[0]
        col0 = max(source.find(first), 0)
        whole = " ".join(tokens[item + 2].content.split())
        if re.search(r"[{\[<]\s*$", first) and len(whole) <= MAX_LINE and whole.count("{") == whole.count("}"):
            first = whole  # `- glazing: {` with the object's members on the lines below: one field, the object its type
        self.item_text = whole
        first = re.sub(r'^(\s*[A-Za-z_]\w*)"(?=\s*:)', r"\1", first)  # `currency": string`: a quote left from JSON
        pair = re.match(r"^\s*`([^\W\d]\w*)`(?:\s*[/,]\s*`[^\W\d]\w*`)+\s*(\(.*|[:：].*)$", first)
        if pair:  # `` `createdAt` / `updatedAt` (timestamps) ``, `` `createdAt`, `updatedAt`: Date ``: fields with one type
            for name in re.findall(r"`([^\W\d]\w*)`", first[: pair.start(2)]):
                at = col0 + max(first.find(f"`{name}`"), 0)
                self._bullet_text(f"`{name}`{pair.group(2)}", line0, source, at, entity, listed)
            return
        self._bullet_text(first, line0, source, col0, entity, listed)

    def _bullet_entities(self, list_open: int, close: int, section: InferredEntity | None) -> bool:
        """`- **Task**: A thing to do` with its fields as nested bullets: an entity a bullet, at least two fields
        each. Under `### Goal (Base and Type-Specific)`, bullets named after the section's entity (`BaseGoal`,
        `QuantitativeGoal: Extends BaseGoal`) are its variants, kept in its one table: the base's fields as
        written, the variants' nullable (a variant's field is empty in the other variants' rows)."""
        tokens = self.tokens
        found: list[tuple[InferredEntity, str | None, int]] = []
        for item in list_items(tokens, list_open, close):
            inline = tokens[item + 2] if item + 2 < len(tokens) else None
            head = BULLET_ENTITY_RE.match(inline.content.split("\n")[0]) if inline is not None and inline.type == "inline" else None
            end = self._close(item)
            nested = next((j for j in range(item + 3, end) if tokens[j].type in ("bullet_list_open", "ordered_list_open")), None)
            if head is None or nested is None or not tokens[item].map:
                continue
            name = head.group("name")
            if name.lower() in W.words()["note_labels"] or _is_prose_heading(name) or NOT_ENTITY_HEADING_RE.search(name):
                continue
            subs = list_items(tokens, nested, self._close(nested))
            firsts = [tokens[sub + 2].content.split("\n")[0] for sub in subs if sub + 2 < len(tokens) and tokens[sub + 2].type == "inline"]
            typed = sum(_typed_item(first) for first in firsts)
            labels = sum(_labels_a_note(first) for first in firsts)  # `Indexes: ...`, `**Unique constraint**: ...`
            shouted = sum(bool(re.match(r"^\s*`?[A-Z][A-Z0-9]*_[A-Z0-9_]+`?\s*[:(]", first)) for first in firsts)
            if 2 * shouted >= len(firsts):
                continue  # `- Environment Variables` over `FIREBASE_PROJECT: string`: settings, not columns
            if typed < 2 or 2 * typed < len(subs) - labels:
                continue  # `- draft: not yet visible`: values explained, not fields with their types
            entity = InferredEntity(name=name)
            for sub in subs:
                self._bullet(sub, entity, listed=True)
            line0 = tokens[item].map[0]
            source = self.lines[line0]
            entity.evidence.append(Evidence(self._span(line0, max(source.find(name), 0), len(name)), "bullet", source.strip()[:200]))
            rest = head.group("rest") or ""
            base = EXTENDS_RE.search(rest)
            entity.description = " ".join(rest.split())[:500]
            found.append((entity, base.group("base") if base else None, line0))
        if not found:
            return False
        if section is not None and not all(W.entity_key(e.name).endswith(W.entity_key(section.name)) for e, _, _ in found):
            if section.columns or any(" " in e.name or ENTITY_LIKE_RE.match(e.name) for e, _, _ in found):
                return False  # `- **Priority Score**:` below a field table: another entity's bullet, not a group of fields
            for entity, _, _ in found:  # `### User` over `- **Identity**:`, `- **Timestamps**:`: groups of its own fields
                section.columns.extend(c for c in entity.columns if all(c.name != o.name for o in section.columns))
            return True
        if section is not None and not section.columns:
            bases = {b for _, b, _ in found if b}
            for entity, base, _ in found:
                variant = base is not None or entity.name not in bases and not entity.name.startswith("Base")
                for column in entity.columns:
                    if any(c.name == column.name for c in section.columns):
                        continue
                    column.required = column.required and not variant
                    section.columns.append(column)
            return True
        for entity, base, line0 in found:
            self.entities.append(entity)
            if base is not None:
                self.based.append((entity, base, line0))
        return True

    def _inline_columns(self, item: int, entity: InferredEntity) -> bool:
        """`- **Table** `readings`: `id INTEGER PRIMARY KEY`, `observed_at TEXT NOT NULL UNIQUE` (...) and ...`: column
        definitions in SQL, each in its own code span, at least two in one bullet."""
        tokens = self.tokens
        if item + 2 >= len(tokens) or tokens[item + 2].type != "inline" or not tokens[item].map:
            return False
        content = tokens[item + 2].content
        spans = [m for m in re.finditer(r"`([^`\n]+)`", content) if SQL_COLUMN_RE.fullmatch(m.group(1).strip())]
        if len(spans) < 2:
            return False
        table = re.match(rf"^\s*(?:\*\*)?{W.alternation('heading_prefixes')}(?:\*\*)?\s*`([a-z_]\w*)`\s*[:：]", content, re.IGNORECASE)
        if table and not entity.table:
            entity.table = table.group(1)
        first = tokens[item].map[0]
        for span in spans:
            definition = span.group(1).strip()
            name, type_text = definition.split(None, 1)
            line0 = first + content[: span.start()].count("\n")
            source = self.lines[line0] if line0 < len(self.lines) else ""
            at = self._span(line0, max(source.find(definition), 0), len(name))
            self._column(entity, name, type_text, "", "", "", at, "bullet", source.strip())
        return True

    def _labelled_field_list(self, item: int, entity: InferredEntity) -> None:
        """`- **Fields**:` with the fields as its nested bullets (a `**Validation Rules**:` item's are prose), and
        `- **Description**: ...`, the entity's description."""
        tokens = self.tokens
        if item + 2 >= len(tokens) or tokens[item + 2].type != "inline":
            return
        described = DESCRIPTION_LABEL_RE.match(tokens[item + 2].content)
        if described and not entity.description:
            entity.description = " ".join(described.group("text").split())  # `- **Description**: Represents ...`
            return
        first = tokens[item + 2].content.split("\n")[0]
        key = PRIMARY_KEY_ITEM_RE.match(first)
        if key and tokens[item].map:
            # `- Primary key: `DocumentId` (int)`: the key, named and typed in one line
            line0 = tokens[item].map[0]
            source = self.lines[line0]
            at = self._span(line0, max(source.find(key.group("name")), 0), len(key.group("name")))
            self._column(entity, key.group("name"), key.group("type") or "", "primary key", "", "", at, "bullet", source.strip())
            return
        head = FIELDS_BULLET_HEAD_RE.match(first)
        # `- Fields:` (plain, Mongoose- and Ecto-style lists) is the same label as `- **Fields**:`
        labelled = (
            FIELD_LABEL_RE.match(first) or FIELD_GROUP_ITEM_RE.match(first) or (head if head and not first[head.end() :].strip() else None)
        )
        if not labelled:
            return
        which = (labelled.groupdict().get("which") or "").lower()
        close = self._close(item)
        level = tokens[item].level + 1  # (the item's own table, not one under a nested `billingAddress (object)` bullet)
        table = next((j for j in range(item + 3, close) if tokens[j].type == "table_open" and tokens[j].level == level), None)
        if table is not None:  # `- **Fields**:` over an indented `| Field | Type |` table: the item holds it
            had = len(entity.columns)
            self._table(table, self._close(table), entity)
            for column in entity.columns[had:] if which else ():
                column.required = column.primary_key or which != "optional"
        nested = next((j for j in range(item + 3, close) if tokens[j].type in ("bullet_list_open", "ordered_list_open")), None)
        if nested is not None:
            before = len(entity.columns)
            for sub in list_items(tokens, nested, self._close(nested)):
                had = len(entity.columns)
                self._bullet(sub, entity)
                if len(entity.columns) == had:
                    self._described_field(sub, entity)
            if which:  # `- Required fields:` / `- Optional fields:` over the fields: what each of them is
                for column in entity.columns[before:]:
                    if not column.primary_key:
                        column.required = which != "optional"

    def _bullet_text(self, first: str, line0: int, source: str, col0: int, entity: InferredEntity, listed: bool = False) -> None:
        commented = re.match(r"^(\s*[A-Za-z_]\w*\??\s*:\s*[^/]*?)\s+//\s?(.*)$", first)
        if commented:  # `- current: boolean // only one document at a time`: a TypeScript comment, the field's description
            first = f"{commented.group(1)} — {commented.group(2)}" if commented.group(2) else commented.group(1)
        names = BARE_NAMES_TYPE_RE.match(first)
        if names and ("?" in names.group("names") or "," in names.group("names")):
            # `doneAt?: Date`, `createdAt, updatedAt: Date`, `minValue?, maxValue?: number` (TypeScript-like, no backticks)
            for name in re.finditer(r"([^\W\d]\w*)(\?)?", names.group("names")):
                before = len(entity.columns)
                at = col0 + names.start("names") + name.start(1)
                self._bullet_text(f"{name.group(1)}: {names.group('rest')}", line0, source, at, entity, listed)
                for column in entity.columns[before:]:
                    column.required = column.required and not name.group(2)
            return
        # `**FileSizeBytes** `(long, required)` — ...`: the parentheses in a code span are the same parentheses
        first = re.sub(r"^(\s*(?:\*\*[^*]+\*\*|`[^`]+`)\s*)`(\([^`]*\))`", lambda m: m.group(1) + m.group(2) + "  ", first)
        typed = TYPED_SPAN_RE.match(first)
        if typed is not None:
            # `` `id: UUID` - Unique identifier ``: the name and its type in one code span (Swift, Kotlin, TypeScript)
            type_text = typed.group("type").strip()
            optional = bool(typed.group("optional")) or type_text.endswith("?")
            span = self._span(line0, col0 + typed.start("name"), len(typed.group("name")))
            mods = "optional" if optional else ""
            self._column(
                entity, typed.group("name"), type_text.rstrip("?"), mods, typed.group("rest") or "", "", span, "bullet", source.strip()
            )
            return
        if self._plain_fields(first, line0, source, col0, entity):
            return
        match = ATTRIBUTE_RE.match(first) or PAREN_FIELD_RE.match(first) or BARE_PAREN_FIELD_RE.match(first)
        if not match and BARE_SPANS_RE.match(first) and re.search(r"[a-z]", first):
            # `- `id``, `- `inserted_at`, `updated_at``: fields named without a type (typed from their names)
            for name in re.findall(r"`([^`]+)`", first):
                span = self._span(line0, col0 + first.find(f"`{name}`") + 1, len(name))
                self._column(entity, name, "", "", "", "", span, "bullet", source.strip())
            return
        if not match and self._dashed_field(first, line0, source, col0, entity):
            return
        if not match:
            self._spaced_field(first, line0, source, col0, entity)
            return
        group = next(g for g in ("tick", "bold", "bare") if match.groupdict().get(g))
        raw_name = match.group(group).strip()
        tick = group == "tick" or listed and group == "bare"
        if " " in raw_name or ENTITY_LINE_RE.match(raw_name):
            return  # `**Primary Key**: id`, `**Indexes**: email`, `**Family owns data**: ...`: a label, not a field
        literal = re.match(r"\s*[:：]?\s*[{\[\"']", first[match.end(group) :].lstrip("`*"))  # `- Default: { "theme": "light" }`
        if group == "bold" and raw_name.lower() in W.words()["note_labels"] or literal and raw_name.lower() in W.words()["literal_labels"]:
            return  # `**Validations**: `email` required + unique`: a note about fields, no field
        if group == "bold" and _tabled(entity):
            return  # `**Construcción**: ...` under the entity's field table: a note about it, the table gave the fields
        rest = first[match.end() :]
        if match.groupdict().get("dash") is not None:
            type_text, mods = _split_type(match.group("paren"))  # `id` (bigint, primary key) - ...
            description = match.group("dash")
            said = re.split(r"[;(]", description, maxsplit=1)[0].strip(" .")
            if said and all(is_modifier(part) for part in said.split(",")):
                mods = ", ".join(m for m in (mods, said) if m)  # `` `id` (UUID) — primary key ``: what it says is a constraint
            named_as_field = "_" in raw_name or W.snake(raw_name) != raw_name.lower()
            only_mods = not type_text and bool(mods) and named_as_field  # `stripeAccountId` (unique, nullable): typed by name
            if (
                canonical_type(type_text, column=W.snake(raw_name)).type is None
                and not only_mods
                and not re.match(r"^\W*enum\b", type_text, re.IGNORECASE)
                and not RELATION_TYPE_RE.match(type_text)  # `` `author` (relation -> Members) — NOT NULL ``
            ):
                return  # `` `above` (default) - Triggers when ... ``: a term explained, not a field
        elif match.groupdict().get("paren") is not None:
            type_text, mods = _split_type(match.group("paren"))  # `id` (string, PK): ...
            description = rest
            cardinal = CARDINAL_TO_RE.fullmatch(match.group("paren").strip())
            if cardinal:  # `` `user` (1:1 to User) ``, `(N:1 to User)`: a key to the other, on `user_id`
                type_text, mods = "", f"FK → {cardinal.group('target')}"
                raw_name = raw_name if W.snake(raw_name).endswith("_id") else f"{W.snake(raw_name)}_id"
        else:
            cut = _description_cut(rest)
            spec_text = rest[: cut[0]] if cut else rest
            description = rest[cut[1] :] if cut else ""
            type_text, mods = _split_type(spec_text)
            trailing = re.search(r"\(([^()]*)\)\s*$", rest)
            leading = _leading_type(spec_text, W.snake(raw_name), self.types) if tick and spec_text.strip() else None
            if leading is not None and leading[0] != spec_text and canonical_type(type_text, column=W.snake(raw_name)).type is None:
                # `` `episode_title`: optional text for reference and docs ``: the type, then words about it
                read, type_text, mods = leading
                description = " ".join(p for p in (spec_text[len(read) :].strip(" ,"), description) if p)
            if tick and canonical_type(type_text, column=W.snake(raw_name)).type is None and trailing:
                # `` `startTime`: Start time of the session (string, e.g., '10:00', optional) ``: the type comes last
                paren_type, paren_mods = _split_type(trailing.group(1))
                if canonical_type(paren_type, column=W.snake(raw_name)).confident:
                    type_text, mods, description = paren_type, paren_mods, rest[: trailing.start()].strip()
        keyed_in = [
            (k, other)
            for k, other in ((ONLY_KEY_RE.fullmatch(mods.strip()), type_text), (ONLY_KEY_RE.fullmatch(type_text.strip()), mods))
            if k
        ]
        only_key = keyed_in[0][0] if keyed_in and canonical_type(type_text, column=W.snake(raw_name)).type is None else None
        if only_key and _field_name_like(raw_name):  # `- request_id: FK -> TelegramUserCandidate.id`: typed as its target's key
            type_text, mods = "", ", ".join(m for m in (f"FK → {only_key.group('target')}", keyed_in[0][1].strip()) if m)
        guess = canonical_type(type_text, column=W.snake(raw_name))
        # `- heaters: number`, `- **processedBy**: ObjectId (Ref: `User`)`: a type read, if not a sure one, after a name
        # written as a field's or before one word
        field_named = re.fullmatch(r"[a-z][A-Za-z0-9_]*", raw_name) is not None
        one_word = (re.fullmatch(r"[A-Za-z]+", type_text.strip()) is not None or field_named) and guess.type is not None
        if not tick and not only_key and (ENTITY_LINE_RE.match(first) or not guess.confident and not one_word):
            return  # `Email: Must be RFC 5322 compliant`, `indexes: email`: prose under a label, not a field
        # `` `event_ts`: event timestamp from source ``: a field all the same, unless a field table gave the entity's fields
        tabled = _tabled(entity)
        # (`baseCurrency`, written as a field's name in camelCase, is one as much as `base_currency`)
        field_like = "_" in raw_name or W.snake(raw_name) != raw_name.lower()
        worded = (field_like or W.type_in_words(type_text) is not None) and not tabled
        if tick and canonical_type(type_text).type is None and len(type_text.split()) > 4 and not worded:
            return  # `` `above`: Triggers when current > threshold ``: a term explained, not a field
        span = self._span(line0, col0 + match.start(group), len(raw_name))
        self._column(entity, raw_name, type_text, mods, description, "", span, "bullet", source.strip())

    def _plain_fields(self, first: str, line0: int, source: str, col0: int, entity: InferredEntity) -> bool:
        """Terse bullets of field names without backticks: `- title, start, end, description, url`, `- level_min,
        level_max (USA Pickleball 2.0–5.0)`, a group's fields (`- amenities: indoor (bool), lights (bool)`, `-
        contact: url/phone/email`, `- geo (lat, lng)`) and values (`- kind: lesson | clinic | league`). Each name
        is one lower-case word; a parenthesis after it is its type, or a note."""
        text = first.strip().rstrip(".")
        values = PLAIN_VALUES_RE.fullmatch(text)
        if values:
            listed = [v.strip() for v in values.group("values").split("|")]
            span = self._span(line0, col0 + first.find(values.group("name")), len(values.group("name")))
            self._column(entity, values.group("name"), enum_type(listed), "", "", "", span, "bullet", source.strip())
            return True
        group = PLAIN_GROUP_RE.match(text)
        body = text[group.end() :] if group else text
        items = [i.strip() for i in split_top(body, ",/" if group else ",")]
        if group and (len(items) < 2 or any(is_modifier(i) or i.split("(")[0].strip() in W.words()["plain_type_words"] for i in items)):
            return False  # `- id: string (Jira Epic ID)`, `- status: string, required`: a field and its type
        fields: list[tuple[str, str]] = []
        for item in items:
            plain = PLAIN_ITEM_RE.fullmatch(item)
            if plain is None or re.match(r"[A-Za-z_]\w*\(", item):
                return False  # (`findById(id)`: a method's signature)
            inner = [i.strip() for i in split_top(plain.group("paren") or "", ",")]
            if len(inner) >= 2 and all(PLAIN_NAME_RE.fullmatch(i) for i in inner):
                fields += [(i, "") for i in inner]  # `geo (lat, lng)`: the group's fields
            else:
                fields.append((plain.group("name"), plain.group("paren") or ""))
        by_name = (W.type_from_name(fields[0][0]) or ("", False)) if fields else ("", False)
        if not fields or len(fields) == 1 and not group and not fields[0][1] and (not by_name[1] or by_name[0] == "boolean"):
            return False  # (`- notes`, `- tournament_created`: one word, perhaps a note or an event; `signup_url` is a field)
        for name, paren in fields:
            referred = re.fullmatch(r"(?:ref(?:erence)?\s+to\s+)?(?P<target>[A-Z]\w*)(?:\s+(?:ref|reference|id|key|fk))?", paren.strip())
            if referred and name.endswith("_id"):
                paren = f"FK → {referred.group('target')}"  # `location_id (Venue ref)`
            type_text, mods = _split_type(paren)
            if canonical_type(type_text, column=name, types=self.types).type is None and not mods.startswith("FK"):
                type_text, mods = "", ""  # `(USD)`, `(ISO)`, `(if moved)`: a note, not a type
            at = re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", first)  # (`name` in `- username, name`: the second)
            span = self._span(line0, col0 + (at.start() if at else 0), len(name))
            self._column(entity, name, type_text, mods, paren if not type_text else "", "", span, "bullet", source.strip())
        return True

    def _dashed_field(self, first: str, line0: int, source: str, col0: int, entity: InferredEntity) -> bool:
        """`` `source_id` – string (Drive file ID), unique per `source`. ``, `` `etag` / `checksum` – string ``: the
        name in backticks, a dash, then the type in the first words (`string for download proxy`, `UTC timestamp
        for sync`) and notes after a comma. A dash followed by no type (`` `above` – triggers when ... ``) is no field."""
        dashed = DASHED_FIELD_RE.match(first)
        if dashed is None:
            return False
        names = [n for n in dashed.group("name", "name2") if n]
        rest = dashed.group("rest").strip()
        cut = next((m.start() for m in re.finditer(r"[,;]|\.(?:\s|$)", rest) if _balanced(rest[: m.start()])), len(rest))
        head, notes = rest[:cut].strip(), rest[cut + 1 :].strip()
        leading = _leading_type(head, W.snake(names[0]), self.types)
        if leading is None:
            return False
        candidate, type_text, mods = leading
        described = " ".join(p for p in (head[len(candidate) :].strip(" ,"), notes) if p)
        for name in names:
            span = self._span(line0, col0 + first.find(f"`{name}`") + 1, len(name))
            self._column(entity, name, type_text, mods, described, "", span, "bullet", source.strip())
        return True

    def _spaced_field(self, first: str, line0: int, source: str, col0: int, entity: InferredEntity) -> None:
        """`` `id` string, stable slug. ``, `` `status` enum: `active`, `paused`. ``, `` `cve` string or null. ``:
        the name in backticks, then its type with no colon between; the type ends at the first comma,
        period or colon."""
        sql = SQL_SPACED_FIELD_RE.match(first)
        if sql and canonical_type(sql.group("type"), column=W.snake(sql.group("name"))).type is not None:
            # `` `tenant_id` UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE (note) ``: a CREATE TABLE line
            span = self._span(line0, col0 + sql.start("name"), len(sql.group("name")))
            definition = " ".join(sql.group("definition").split())
            self._column(entity, sql.group("name"), definition, "", sql.group("note") or "", "", span, "bullet", source.strip())
            column = next((c for c in entity.columns if c.name == W.snake(sql.group("name"))), None)
            if column is not None:  # SQL's words: a column without NOT NULL takes NULL
                column.required = bool(re.search(r"\bNOT\s+NULL\b|\bPRIMARY\s+KEY\b", definition))
            return
        spaced = re.match(r"^\s*`(?P<name>[^\W\d]\w*)`\s+(?P<type>[A-Za-z][\w ]{0,30}?)\s*(?:(?P<cut>[,.:;])\s*(?P<rest>.*))?$", first)
        if not spaced:
            return
        type_text, rest = spaced.group("type").strip(), spaced.group("rest") or ""
        mods = ""
        nullable = re.fullmatch(r"(?i)(.+?)\s+or\s+(?:null|none|nil|undefined)", type_text)
        if nullable:
            type_text, mods = nullable.group(1), "nullable"
        enum_cut = type_text.lower() == "enum" and spaced.group("cut") == ":"
        if not enum_cut and not canonical_type(type_text, column=W.snake(spaced.group("name"))).confident:
            return  # `` `above` triggers when ... ``: a term explained, not a field
        span = self._span(line0, col0 + spaced.start("name"), len(spaced.group("name")))
        self._column(entity, spaced.group("name"), type_text, mods, rest, "", span, "bullet", source.strip())

    # ------------------------------------------------------------------ tables
    def _table(self, start: int, end: int, entity: InferredEntity) -> None:
        rows = [t.map[0] for t in self.tokens[start:end] if t.type == "tr_open" and t.map]
        if not rows:
            return
        header_line = rows[0]
        header = [self.lines[header_line][a:b] for a, b in _cells(self.lines[header_line])]
        candidates: dict[str, list[int]] = {}
        table_roles = W.header_roles()
        for index, cell in enumerate(header):
            key = " ".join(re.sub(r"[*_`]", "", cell).strip().lower().split())
            role = table_roles.get(key) or table_roles.get(linear_re.sub(r"\s*\(.*\)$", "", key))
            if role is None:  # `Constraints / notes`, `Type & Size`: the first part that names a role
                role = next((table_roles[p] for p in linear_re.split(r"\s*(?:/|&|\+|\band\b)\s*", key) if p in table_roles), None)
            if role:
                candidates.setdefault(role, []).append(index)
        roles = {role: indices[0] for role, indices in candidates.items()}
        relation_cells = [
            i
            for i, cell in enumerate(header)
            if " ".join(re.sub(r"[*_`]", "", cell).strip().lower().split()) in W.words()["relation_headers"]
        ]
        related = "name" not in roles and len(relation_cells) == 1 and self._name_like(rows[1:], relation_cells[0]) >= 0.6 * (len(rows) - 1)
        if related:  # `| Relationship | Type | Delete Rule |` over `` | `costEntry` | `CostEntry?` | ``: each row a key it holds
            roles["name"] = relation_cells[0]
        changes = any(re.search(r"→|->|\bafter\b", cell, re.IGNORECASE) for cell in header)  # `Type (before → after)`
        if len(candidates.get("name", [])) > 1:
            # `Column | Field | Type` in a spreadsheet's model: the column letters are not the fields
            roles["name"] = max(candidates["name"], key=lambda index: self._name_like(rows[1:], index))
        untyped = False
        if ("name" not in roles or "type" not in roles) and not self._roles_from_cells(rows[1:], len(header), roles):
            # `Attribute | Description | Constraints`: fields without a type column, typed from their words below
            if len(header) == 2 and "constraints" in roles and "description" not in roles:
                roles["description"] = roles.pop("constraints")  # `Field | Rules`: what the rules say describes each field
            untyped = "name" in roles and "description" in roles and self._name_like(rows[1:], roles["name"]) >= 0.6 * (len(rows) - 1)
            above = next((self.lines[n].strip() for n in range(rows[0] - 1, max(rows[0] - 4, -1), -1) if self.lines[n].strip()), "")
            if untyped and above.rstrip("*").endswith((":", "：")) and W.find(above, W.words()["data_row_labels"]):
                untyped = False  # `Seed data:` over `| Name | Description |`: rows of the table, not its fields
            if not untyped:
                return
        if len(rows) - 1 > MAX_ROWS:
            extra = len(rows) - 1 - MAX_ROWS
            self.diags.report(
                "W308",
                f"table has {len(rows) - 1} rows; the {extra} past PostgreSQL's {MAX_ROWS}-column limit are skipped",
                self._span(rows[MAX_ROWS + 1]),
            )
        constraint_cells = [roles[r] for r in ("constraints", "notes", "type") if r in roles]
        explicit_not_null = (
            "required" not in roles
            and "nullable" not in roles
            and any(
                re.search(r"\bnot\s+null\b", self.lines[n][a:b], re.IGNORECASE)
                for n in rows[1 : MAX_ROWS + 1]
                for index, (a, b) in enumerate(_cells(self.lines[n]))
                if index in constraint_cells
            )
        )
        before = len(entity.columns)
        self._table_rows(rows, roles, entity, untyped, changes, explicit_not_null)
        if related:
            self.related |= {id(c) for c in entity.columns[before:]}

    def _table_rows(
        self, rows: list[int], roles: dict[str, int], entity: InferredEntity, untyped: bool, changes: bool, explicit_not_null: bool
    ) -> None:
        # Frappe's field types when the document speaks of DocTypes, or a row of an `Options` table has one of its own
        frappe_table = (
            self.frappe
            or "options" in roles
            and any(
                frappe_only_type(_frappe_cell(self.lines[n][a:b])[0])
                for n in rows[1:]
                for a, b in _cells(self.lines[n])[roles.get("type", 0) : roles.get("type", 0) + 1]
            )
        )
        for line0 in rows[1 : MAX_ROWS + 1]:
            source = self.lines[line0]
            if len(source) > MAX_LINE:
                self.diags.report("W308", "table row is too long to be a field; skipped", self._span(line0))
                continue
            spans = _cells(source)

            def cell(role: str, spans=spans, source=source) -> tuple[str, int]:
                index = roles.get(role)
                if index is None or index >= len(spans):
                    return "", 0
                a, b = spans[index]
                return source[a:b].replace("\\|", "|"), a

            name_text, name_col = cell("name")
            type_text, _ = cell("type")
            if " ".join(cell("change")[0].strip(" *`_").lower().split()) in W.words()["removed_changes"]:
                continue  # `| refreshToken | **REMOVE** | ... |`: a field this feature takes away (the cell is the verb)
            if untyped:
                type_text = W.type_in_words(cell("description")[0]) or ""
                listed = INLINE_VALUES_RE.fullmatch(cell("description")[0].strip())
                if not type_text and listed:  # `| lifecycle | `durable`, `working`, or `ephemeral` |`: its values alone
                    type_text = enum_type(re.findall(r"`([^`]+)`", listed.group("values")))
            raw = name_text.strip("`*_ ")
            if re.fullmatch(r"_[^_`]+\s[^_`]*_|\*[^*`]+\s[^*`]*\*", name_text.strip()):
                continue  # `*metric fields*`: a placeholder row for fields the text names elsewhere
            if not raw or not type_text.strip() and not untyped:
                self.diags.report("W308", "table row has no field name or no type; skipped", self._span(line0))
                continue
            mods = " , ".join(t for t in (cell("constraints")[0], cell("notes")[0]) if t.strip())
            required_text = cell("required")[0].strip("`* ").lower()
            nullable_text = cell("nullable")[0].strip("`* ").lower()
            default_text = cell("default")[0].strip()
            extra = []
            unique_cell = re.fullmatch(r"(\S+)\s*(?:[(（]([^()（）]*)[)）])?", cell("unique")[0].strip("`* ").lower())
            if (
                unique_cell is not None
                and unique_cell.group(1) in W.words()["yes"]
                and unique_cell.group(1) not in ("required", "not null")
            ):
                note = unique_cell.group(2)
                if note is None or re.search(r"index|constraint|unique|索引|唯一", note):
                    extra.append("unique")  # `| 唯一 |` over `✅ (Unique Index)`, not `Yes (per project_id)`
            type_text = _sized(type_text, cell("length")[0])
            # the Required or Nullable column's plain no, which a rule in the notes (`Must be >= birthYear if both
            # present`) does not overturn; an explicit NOT NULL does (`Required: No` with `NOT NULL DEFAULT now()`: the
            # caller may omit it, the column holds one)
            answered_no = (required_text in W.words()["no"] or nullable_text in W.words()["yes"]) and not re.search(
                r"\bNOT\s+NULL\b|^\s*(?i:not\s+null)\b", f"{cell('constraints')[0]}\n{cell('notes')[0]}", re.MULTILINE
            )
            if required_text:
                extra.append("required" if required_text in W.words()["yes"] else "optional" if required_text in W.words()["no"] else "")
            if nullable_text:
                extra.append("optional" if nullable_text in W.words()["yes"] else "required" if nullable_text in W.words()["no"] else "")
            if default_text and default_text.strip("`*_ -—") and default_text.lower() not in ("none", "n/a", "null"):
                extra.append(f"default {default_text}")
            description = cell("description")[0] or cell("notes")[0]
            if not ({"required", "nullable", "constraints"} & set(roles)) and _optional_said(description):
                extra.append("optional")  # `| parent_task_id | UUID | FK → Task, nullable |`: said among the notes
            mods = ", ".join([m for m in (mods, *extra) if m])
            linked = None  # the DocType a Frappe `Link` field points at
            if frappe_table:
                kind, said = _frappe_cell(type_text)
                frappe, stored_type = frappe_field_type(kind)
                if frappe and stored_type is None:
                    continue  # `Section Break`, `Table`: a layout element, or the rows of a child DocType
                if frappe:
                    self.frappe_doctypes.add(id(entity))
                    # (`| Select | Create \| Update |` under `Options / Constraints`: the values where the constraints go)
                    constraints_cell = cell("constraints")[0] if kind == "select" else ""
                    listed_there = constraints_cell if re.search(r"\||\\n|\n", constraints_cell) else ""
                    options = (said or cell("options")[0] or listed_there).strip(" `*_")
                    values = [v.strip(" `") for v in linear_re.split(r"\s*(?:\\n|\n|,|/|\|)\s*", options) if v.strip(" `'\"-—")]
                    if kind == "link" and re.fullmatch(r"[^\W\d][\w ]{0,62}", options):
                        linked = options  # `| user | Link | User |`, `| tender | Link | Tender Content Library |`
                    type_text = enum_type(values) if kind == "select" and len(values) >= 2 else stored_type or type_text
            offset = name_text.find(raw)
            span = self._span(line0, name_col + max(offset, 0), len(raw))
            # `createdAt` / `updatedAt` in one cell: two fields with one type; `plan_id` / `plan_version` with
            # `UUID / int (nullable)`: each with its own
            renamed = RENAMED_RE.fullmatch(raw)
            if renamed:  # `CreationDateTime` → `CreatedAtUtc`: the column as the feature leaves it
                raw = renamed.group("after")
            if renamed or changes:
                type_text = _type_after(type_text)
            if self._system_field(name_text, span):
                continue
            parts = linear_re.split(r"\s*/\s*|\s*,\s*", raw) if re.search(r"[/,]", raw) else [raw]
            types = _paired_types(type_text, len(parts))
            for n, part in enumerate(parts):
                type_text = types[n] if types else type_text
                part = linear_re.sub(r"\s*\(.*\)$", "", part).strip("`*_ ")
                nested = re.fullmatch(r"([^\W\d]\w*)\.([^\W\d]\w*)", part)
                if nested:  # `frontmatter.tags`: a field of an embedded object, kept as its own column
                    leaf = nested.group(2)
                    part = leaf if all(c.name != W.snake(leaf) for c in entity.columns) else f"{nested.group(1)}_{leaf}"
                if part and not re.fullmatch(r"[^\W\d][\w\- ]{0,62}", part):
                    self.diags.report("W308", f"'{part[:60]}' is not a field name; row skipped", span)
                elif part:
                    before = len(entity.columns)
                    self._column(
                        entity,
                        part,
                        type_text,
                        mods,
                        description,
                        cell("notes")[0],
                        span,
                        "table",
                        source.strip(),
                        not explicit_not_null,
                        untyped=untyped,
                    )
                    if answered_no and len(entity.columns) > before and not entity.columns[-1].primary_key:
                        entity.columns[-1].required = False
                    if linked and len(entity.columns) > before:
                        entity.columns[-1].references = linked
                    if untyped and len(entity.columns) > before and entity.columns[-1].confident:
                        entity.columns[-1].confident = False
                        self.diags.report(
                            "W301",
                            f"field '{part}': the table gives no type; typed {entity.columns[-1].type} from its words, check it",
                            span,
                        )

    def _roles_from_cells(self, rows: list[int], width: int, roles: dict[str, int]) -> bool:
        """A field table whose header words are not in the vocabulary (`Propriété | Genre`, `Key | Kind`): the
        type column is the one whose cells read as types, the name column the first whose cells read as field
        names. Both must hold for most rows, so a table of values or endpoints is not taken for one."""
        body = rows[:40]
        if len(body) < 2:
            return False

        def share(index: int, test) -> float:
            cells = [self._cell_text(n, index) for n in body]
            return sum(1 for c in cells if c and test(c)) / len(body)

        def typed(text: str) -> bool:
            guess = canonical_type(linear_re.split(r"\s*[(,]", text.replace("`", "").replace("**", ""))[0].strip())
            return guess.type is not None and guess.confident

        free = [i for i in range(width) if i not in roles.values()]
        if "type" not in roles:
            scored = [(share(i, typed), -i) for i in free]
            best = max(scored, default=(0.0, 0))
            if best[0] < 0.6:
                return False
            roles["type"] = -best[1]
        if "name" not in roles:
            # a header word can mislead here (`Key | Kind`): the cells decide
            named = [i for i in range(width) if i != roles["type"] and share(i, _field_name_like) >= 0.6]
            if not named or named[0] > roles["type"]:
                return False  # a name column comes before its type
            for role in [r for r, i in roles.items() if i == named[0]]:
                del roles[role]
            roles["name"] = named[0]
        return True

    def read_sentence_tables(self) -> None:
        """A data model written in sentences: `` `users` holds the local identity: `id` (UUID), `email` (unique),
        and timestamps. `profiles` is a 1:1 extension keyed by `user_id`, holding `full_name` ... `` — each sentence
        that opens with a table's name in backticks and a verb of keeping gives that table the code spans after it,
        typed by their parentheses or names; `nullable` before a span, `(unique)` after it, `timestamps`, and
        `foreign key(s)` after spans (a key to the table their names say) are read too. Tables a heading, a field
        table or code already gave are left as they are."""
        keyed = {k: e for e in self.entities for k in (W.entity_key(e.name), W.entity_key(e.table or e.name))}
        known = {k for k, e in keyed.items() if e.columns}
        empty = {k: e for k, e in keyed.items() if not e.columns}
        for tok in self.tokens:
            if tok.type != "inline" or not tok.map or len(tok.content) > MAX_LINE * 4 or "`" not in tok.content:
                continue
            blocks: list[str] = []  # a table's opening sentence and those after it, up to the next table's
            for sentence in re.split(r"(?<=[.;])\s+", tok.content):
                if SENTENCE_TABLE_RE.match(sentence) or not blocks:
                    blocks.append(sentence)
                else:
                    blocks[-1] = f"{blocks[-1]} {sentence}"
            for sentence in blocks:
                opened = SENTENCE_TABLE_RE.match(sentence)
                if opened is None or W.entity_key(opened.group("table")) in known:
                    continue
                fields = [m for m in SENTENCE_FIELD_RE.finditer(sentence, opened.end()) if m.group("name") != opened.group("table")]
                if len(fields) < 2:
                    continue
                table = opened.group("table")
                line0 = tok.map[0] + tok.content[: tok.content.find(sentence)].count("\n")
                source = self.lines[line0] if line0 < len(self.lines) else ""
                entity = empty.get(W.entity_key(table))  # (`## UserSession` over the sentence: that heading's entity)
                if entity is None:
                    entity = InferredEntity(name=W.pascal(table), table=table)
                    entity.evidence.append(
                        Evidence(self._span(line0, max(source.find(table), 0), len(table)), "table", source.strip()[:200])
                    )
                    self.entities.append(entity)
                entity.table = entity.table or table
                known.add(W.entity_key(table))
                for field in fields:
                    name, paren = field.group("name"), field.group("paren") or ""
                    type_text, mods = _split_type(paren)
                    if canonical_type(type_text, column=name, types=self.types).type is None:
                        type_text, mods = "", ", ".join(m for m in (type_text, mods) if m and is_modifier(m))
                    before = sentence[max(0, field.start() - 20) : field.start()].lower()
                    said = re.search(r"(non-null|not null|required|nullable|optional)\s+(?:`[^`]*`\s*,?\s*)*$", before)
                    mods = ", ".join(m for m in (mods, said.group(1) if said else "") if m)
                    after = sentence[field.end() : field.end() + 120]
                    valued = re.match(r"\s*(?:constrained\s+to|one\s+of|in)\s*:?\s*`(?P<values>[^`|]+(?:\|[^`|]+)+)`", after)
                    if valued and not type_text:  # `role` constrained to `student | supervisor | teacher`
                        type_text = enum_type([v.strip() for v in valued.group("values").split("|")])
                    # `a 1:1 extension keyed by `user_id``, `` `circle_id` and `user_id` foreign keys ``
                    keyed = re.search(r"keyed\s+by\s+$", before) or re.match(
                        r"\s*(?:,?\s*(?:and\s+)?`\w+`\s*)*(?:is\s+a\s+(?:required\s+)?)?foreign\s+keys?\b", after, re.IGNORECASE
                    )
                    if keyed and name.endswith("_id"):
                        mods = ", ".join(m for m in (mods, f"FK → {W.table_name(name.removesuffix('_id'), plural=True)}") if m)
                    at = line0 + sentence[: field.start()].count("\n")
                    text = self.lines[at] if at < len(self.lines) else ""
                    span = self._span(at, max(text.find(f"`{name}`") + 1, 0), len(name))
                    self._column(entity, name, type_text, mods, "", "", span, "bullet", text.strip())
                if re.search(r"\btimestamps\b", sentence):
                    span = self._span(line0, max(source.find("timestamps"), 0), len("timestamps"))
                    for name in TIMESTAMP_PAIRS["timestamps"]:
                        if all(c.name != name for c in entity.columns):
                            self._column(entity, name, "timestamp", "", "", "", span, "bullet", source.strip())

    def read_overviews(self) -> None:
        """`| Entity | Purpose | Key Fields | Notes |`: one entity per row, its fields listed in one cell
        (`` `DatasetId (int)`, `Name`, `SourceType (enum: SqlTable, Api)`, `ParentId (nullable)` ``). A row is
        read only for an entity no section of the document gives fields: the sections say more."""
        roles = W.header_roles()
        sectioned = {W.entity_key(e.name) for e in self.entities if e.columns}
        read: list[InferredEntity] = []
        relations: list[tuple[InferredEntity, int, tuple[int, int]]] = []
        for start, end in self.overviews:
            rows = [t.map[0] for t in self.tokens[start:end] if t.type == "tr_open" and t.map]
            if len(rows) < 2:
                continue
            header = [self.lines[rows[0]][a:b] for a, b in _cells(self.lines[rows[0]])]
            # `Campos propios (mínimos FASE 1)`: a header with a note after it
            keys = [" ".join(linear_re.sub(r"\s*\(.*\)\s*$", "", re.sub(r"[*_`]", "", c)).strip().lower().split()) for c in header]
            named = [i for i, k in enumerate(keys) if roles.get(k) == "entity"]
            listing = [i for i, k in enumerate(keys) if k in W.words()["field_list_headers"]]
            related = [i for i, k in enumerate(keys) if k in W.words()["relation_list_headers"]]
            if not named or not listing:
                continue
            unkept: str | None = None
            for line0 in rows[1:MAX_ROWS]:
                name = self._cell_text(line0, named[0])
                cells = _cells(self.lines[line0])
                if not re.fullmatch(r"[^\W\d][\w ]{0,62}", name) or listing[0] >= len(cells) or len(self.lines[line0]) > MAX_LINE:
                    continue
                if W.entity_key(name) in sectioned:
                    continue
                a, b = cells[listing[0]]
                items = _field_items(self.lines[line0][a:b])
                if len(items) < 2:
                    continue
                entity = self._overview_entity(name, line0)
                read.append(entity)
                if unkept is None:
                    unkept = self._preamble_says_not_stored(rows[0]) or ""
                if unkept:
                    entity.stored, entity.not_stored_reason = False, unkept
                for offset, field, hint in items:
                    span = self._span(line0, a + offset, len(field))
                    self._overview_field(entity, field, hint, span, self.lines[line0].strip())
                if related and related[0] < len(cells):
                    relations.append((entity, line0, cells[related[0]]))
        by_key = {W.entity_key(e.name): e for e in self.entities}
        for entity, line0, (a, b) in relations:
            self._overview_relations(entity, line0, a, self.lines[line0][a:b], by_key)
        # `DatasetId (int)` in one row: the document's keys are integers, and so are the ids it lists untyped
        key_types = [c.type for e in read for c in e.columns if c.confident and c.name.endswith("_id") and c.type in ("integer", "bigint")]
        for entity in read if key_types else ():
            for column in entity.columns:
                if column.name.endswith("_id") and not column.confident and column.type == "uuid":
                    column.type = key_types[0]

    def _overview_relations(self, entity: InferredEntity, line0: int, col0: int, cell: str, by_key: dict) -> None:
        """`` `tenant`; `client Client?`; `tasks Task[]` `` in a Relations column: a key to each entity it names
        once (`client_id`, nullable with `?`); a list (`Task[]`) is the other side's key."""
        for found in re.finditer(r"`(?P<name>[^\W\d]\w*)(?:\s+(?P<type>[A-Z]\w*)(?P<mark>\[\]|\?)?)?(?P<optional>\?)?`", cell):
            if found.group("mark") == "[]":
                continue
            target = by_key.get(W.entity_key(found.group("type") or found.group("name")))
            column_name = f"{W.snake(found.group('name'))}_id"
            if target is None or target is entity or any(c.name == column_name for c in entity.columns):
                continue
            column = InferredColumn(
                name=column_name, type=None, references=target.name, required="?" not in (found.group("mark"), found.group("optional"))
            )
            column.evidence.append(
                Evidence(self._span(line0, col0 + found.start("name"), len(found.group("name"))), "table", self.lines[line0].strip()[:300])
            )
            entity.columns.append(column)

    def _preamble_says_not_stored(self, line0: int) -> str | None:
        """`These are not persisted ...`, said between an overview table and the heading above it."""
        for line in reversed(self.lines[max(0, line0 - 30) : line0]):
            if re.match(r"^#{1,6}\s", line):
                break
            text = re.sub(
                r"^\s*(?:these|they|all|the following)(?:\s+\w+)?\s+(?:are|is)\s+", "", line.replace("**", ""), flags=re.IGNORECASE
            )
            found = W.find(text[:60], W.words()["section_not_stored"])
            if found is not None and found.start() == 0:
                return f"the text above its table says '{found.group(0)}'"
        return None

    def _overview_entity(self, name: str, line0: int) -> InferredEntity:
        table = name if SQL_NAME_RE.match(name) and (name.endswith("s") or "_" in name) else None
        entity = InferredEntity(name=W.pascal(name) if table else name, table=table)
        col0 = max(self.lines[line0].find(name), 0)
        entity.evidence.append(Evidence(self._span(line0, col0, len(name)), "table", self.lines[line0].strip()[:200]))
        self.entities.append(entity)
        return entity

    def _overview_field(self, entity: InferredEntity, field: str, hint: str, span: Span, source: str) -> None:
        values = W.hint_values(hint)
        if values and not any(is_modifier(v) for v in values):  # `(nullable, unique)` are no values
            type_text, mods = "enum", ""  # `Status (Pending, Running, Completed)`, `SourceType (enum: SqlTable, Api)`
            description = f"({', '.join(values)})"
        else:
            type_text, mods = _split_type(hint) if hint else ("", "")
            if type_text and canonical_type(type_text, column=W.snake(field)).type is None:
                type_text, mods = "", hint  # `(nullable)`, `(unique)`: constraints, no type
            description = ""
        before = len(entity.columns)
        guessed = bool(type_text) or W.type_from_name(W.snake(field)) is not None
        # `SourceRef` with no type and no telling name: listed as a field, so a column; text until someone says
        self._column(entity, field, type_text if guessed else "text", mods, description, "", span, "table", source)
        if len(entity.columns) > before and not type_text and entity.columns[-1].confident:
            column = entity.columns[-1]
            column.confident = False
            self.diags.report("W301", f"field '{field}': the table gives no type; typed {column.type} from its name, check it", span)

    def _cell_text(self, line0: int, index: int) -> str:
        spans = _cells(self.lines[line0])
        if index >= len(spans):
            return ""
        a, b = spans[index]
        return self.lines[line0][a:b].strip().strip("`*_ ")

    def _name_like(self, rows: list[int], index: int) -> int:
        """How many of a table's cells in column `index` read as field names (more than a letter or a number)."""
        count = 0
        for line0 in rows[:MAX_ROWS]:
            spans = _cells(self.lines[line0])
            if index < len(spans):
                a, b = spans[index]
                count += bool(re.fullmatch(r"[^\W\d]\w{1,62}", self.lines[line0][a:b].strip("`*_ ")))
        return count

    # ------------------------------------------------------------------ one field
    def _system_field(self, raw_name: str, span: Span) -> bool:
        """`_etag`, `_ts` (Cosmos DB), `_rev` (CouchDB), `__v` (Mongoose): fields the document store keeps itself."""
        name = raw_name.strip("`* ")
        if name not in W.words()["store_system_fields"]:
            return False
        self.diags.report("W302", f"field '{name}' is kept by the document store itself; left out", span)
        return True

    def _column(
        self,
        entity: InferredEntity,
        raw_name: str,
        type_text: str,
        mods: str,
        description: str,
        notes: str,
        span: Span,
        kind: SourceKind,
        source: str,
        unsaid_required: bool = True,
        untyped: bool = False,
    ) -> None:
        """One field. `untyped`: a row of a field table with no type column, a field whatever its words say."""
        name = W.snake(raw_name)
        if not name or not re.match(r"^[^\W\d]\w*$", name):
            return
        if self._system_field(raw_name, span):
            return
        if name == "_id" or name == "id_":
            name = "id"
        type_clean = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", re.sub(r"\*\*", "", type_text)).strip()  # `List\<string\>`
        type_clean = re.sub(r"\*(\([^()*]*\))\*", r"\1", type_clean)  # `jsonb (nullable) *(encrypted)*`: a note in emphasis
        prisma = prisma_cell(type_clean.replace("`", ""))
        prisma_default = None
        if prisma is not None:  # `String @id @default(cuid())`: a Prisma field's type and attributes, in one cell
            # (a model's key is keyed by convention; a cell's `dbgenerated("gen_random_uuid()")` is said here or nowhere)
            prisma.default = prisma.default or prisma.generated
            uuid_key = prisma.default == "(gen_random_uuid())" and prisma.raw == "string"
            type_clean = ("uuid" if uuid_key else prisma.raw) + ("[]" if prisma.many else "") + ("?" if prisma.optional else "")
            prisma_mods = ("primary key" if prisma.primary_key else "", "unique" if prisma.unique else "", mods)
            mods = " , ".join(m for m in prisma_mods if m.strip())
            # (a generator the notation writes for keys only: `String @default(uuid()) @unique` is a uuid, no default)
            prisma_default = None if prisma.default == "(gen_random_uuid())" and not prisma.primary_key else prisma.default
        called = "(" in type_clean
        related = RELATION_CALL_RE.fullmatch(type_clean.replace("`", "") if called else f"{type_clean} ({mods})")
        if related and not is_modifier(related.group("target")) and canonical_type(related.group("target")).type is None:
            # `ForeignKey (Document)`: a key to Document, as `document: Document` is; its arguments say the rest
            args = related.group("args") or ""
            action = re.search(r"on_delete\s*=\s*(?:models\.)?(\w+)", args)
            relation_mods = [
                "nullable" if re.search(r"null\s*=\s*True", args) else "",
                f"on delete {action.group(1).replace('_', ' ').lower()}" if action else "",
                "unique" if re.match(r"(?i)one\s*to\s*one", related.group(0)) else "",
            ]
            type_clean = related.group("target")
            mods = " , ".join(m for m in (*relation_mods, mods if called else "") if m.strip())
        self._note_type_shape(entity, type_clean.replace("`", "").strip())
        self.objectid_typed = self.objectid_typed or re.match(r"\W*(?:Schema\.Types\.)?ObjectId\b", type_clean) is not None
        inner_mods = ""
        # `uuid (PK)`, `varchar(255) (PK part)`: the type, then its modifiers in parentheses
        paren = re.match(r"^(?P<type>[^()]*?(?:\([^()]*\))?)\s+\((?P<mods>[^()]*)\)\s*$", type_clean.replace("`", ""))
        # (`(enum; see “Status lifecycle”)`: an enum whose values are written elsewhere)
        unlisted = not type_clean or re.fullmatch(
            r"(?i)enum(?:eration)?(?:\s*[;,]\s*(?:see|cf)\b.*|\s*\(\s*(?:see|cf)\b[^()]*\))?", type_clean.strip("` ")
        )
        owned_enum = self._owned_enum(entity.name, name) if unlisted else None
        if owned_enum:
            type_clean = owned_enum  # `status` in SessionRegistration, beside `## New enum: SessionRegistrationStatus`
        guess = canonical_type(type_clean, column=name, types=self.types)
        ticked = re.fullmatch(r"`([^`]+)`\s+([^`]+)", type_clean) if guess.type is None else None
        if ticked and canonical_type(ticked.group(1), column=name, types=self.types).type is not None:
            # `` `String` cuid ``, `` `PlanCode` unique ``: the type in backticks, then words about it
            guess = canonical_type(ticked.group(1), column=name, types=self.types)
            mods = " , ".join(m for m in (ticked.group(2), mods) if m.strip())
        if guess.type == "date" and self.bson and re.match(r"date\b(?!\s*only)", type_clean.strip("` ").lower()):
            guess = canonical_type("Date", column=name)  # BSON keeps no days, only moments: `createdAt: date` is a timestamp
        elif guess.type == "date" and self.swift and type_clean.strip("`? ") == "Date" and not re.search(r"birth|dob", name):
            guess = TypeGuess("timestamp", True)  # Foundation's `Date` (SwiftData, Core Data) is a point in time
        if paren and guess.type is not None:
            inner_mods = paren.group("mods")
        elif guess.type is None and paren:
            guess = canonical_type(paren.group("type"), column=name, types=self.types)
            inner_mods = paren.group("mods")
        all_mods = " , ".join(m for m in (inner_mods, mods) if m.strip())
        plain_number = re.fullmatch(r"(?i)number|num|numeric value", type_clean.strip("`* "))
        said_id = re.match(r"(?i)\s*(?:[a-z]+\s+){0,3}(?:id|identifier)\b", description)  # `Parent folder id; ...`
        if plain_number and (W.has(f"{all_mods} {description}".replace("`", ""), "integer_hints") or said_id):
            guess = TypeGuess("integer", True)  # `number` with `integer only` or `Duration in seconds`
        elif plain_number and re.search(r"(?i)\b(?:float|floating[- ]point|double)\b", f"{all_mods} {description}"):
            guess = TypeGuess("double", True)  # `amount: number`, `Stored as float`: not the decimal its name suggests
        if guess.type in ("timestamp", "timestamptz") and re.search(r"YYYY-MM-DD(?!\s*[T ]?\s*[Hh]{2})", f"{all_mods} {description}"):
            guess = TypeGuess("date", True)  # `string (ISO8601)`, `Date of transaction (YYYY-MM-DD)`: a day
        if W.has(f"{inner_mods} , {mods.replace(notes, '') if notes else mods}".replace("`", ""), "computed"):
            # said in the type's parentheses or the constraints, not in a notes column (`Computed server-side.` is stored)
            self.diags.report("W302", f"field '{raw_name}' is computed, not stored; left out", span)
            return
        column = InferredColumn(name=name, type=guess.type, description=_one_line(description))
        column.evidence.append(Evidence(span, kind, source[:300]))
        if guess.nullable is not None:
            column.required = not guess.nullable
        apply_constraints(column, all_mods)
        if prisma_default:
            column.default = prisma_default
        if guess.nullable:
            column.required = False  # `string \| null` with `Required: yes`: the field is always there, and may be null
        link = LINK_RE.match(re.sub(r"^\s*(?:a|an)\s+", "", description.replace("`", ""))) if description else None
        keyed = name.endswith("_id") or W.has(all_mods.replace("`", ""), "foreign_key")
        if link and keyed and column.references is None and link.group("target").lower() not in FK_NON_TARGETS:
            column.references = link.group("target")  # `| PetWalkerId | Guid | FK | Reference to PetWalker |`
        own_head = W.snake(entity.name).split("_")[-1] if name == "parent" else ""
        if own_head and column.references is None and re.search(rf"(?i)\bparent\s+{own_head}s?\s+(?:id|key|identifier)\b", description):
            column.references = entity.name  # `parent | number | Parent folder id` in DbFolder: the folder above it
        described = description.replace("`", "").strip()
        owner = OWNER_FIRST_RE.match(described) or OWNING_RE.match(described) if description and name.endswith("_id") else None
        head = W.snake(owner.group("target")).split("_")[-1] if owner else ""
        named_by_key = owner and (W.entity_key(owner.group("target")) == W.entity_key(name[:-3]) or W.singular(head) == name[:-3])
        if owner and column.references is None and named_by_key and not _role(name):
            column.references = W.pascal(W.snake(owner.group("target")))  # `| tenantId | text | Tenant this pipeline belongs to |`
        exists_in = MUST_EXIST_RE.search(f"{all_mods} ; {description}".replace("`", ""))
        id_of = re.fullmatch(
            r"\s*(?!(?:foreign|primary|unique|natural|surrogate|composite|sort|partition)\b)(?P<target>[A-Za-z][\w ]{0,40}?)\s+(?:id|ID)\s*",
            inner_mods or mods,
        )
        if exists_in and column.references is None:
            self.untargeted.append((entity, column, exists_in.group("target")))  # `Must exist in workout exercises`
        elif id_of and column.references is None:
            self.untargeted.append((entity, column, id_of.group("target")))  # `parent: string (Objective ID)`
        elif (
            column.references is None
            and W.has(KINDS_REFERENCED_RE.sub(" ", all_mods.replace("`", "")), "foreign_key")
            and "(outside this schema)" not in column.description
        ):
            self.untargeted.append((entity, column, None))  # (`FK → auth.users.id`: a key, to a table of no model here)
        if column.references is None and description and (_keyable(column.type) or plain_number):  # (not `JSON - Foreign key ...`)
            fk = FK_RE.match(re.sub(r"^\s*(?:the|a|an)\s+", "", description.replace("`", ""), flags=re.IGNORECASE))
            # `Parent folder id (FK → DbFolder.id); 0 or null = root`: the key, said in the description's parentheses
            keyed_notes = [
                p for p in re.findall(r"\(([^()]*)\)", description.replace("`", "")) if re.search(r"(?i)\bFK\b|foreign\s+key|→|->", p)
            ]
            fk = fk or next((m for m in map(FK_RE.match, keyed_notes) if m), None)  # (not `(references ISO 4217)`)
            into_json = fk is not None and fk.string[fk.end() : fk.end() + 1] == "["  # `references Poll.options[].id`
            if fk and fk.group("target").lower() not in FK_NON_TARGETS and not _schema_qualified(fk) and not into_json:
                column.references, column.references_column = fk.group("target"), fk.group("column")  # `Foreign key to celestial_signs`
        said_refs = [m for m in (FK_RE.search(t.replace("`", "")) for t in (all_mods, description) if t) if m and plain_word_after_ref(m)]
        if column.references is not None and any(m.group("target") == column.references for m in said_refs):
            self.weak_refs.append(column)  # `ref leve`, `ref team`: a key only if the document has that entity (below)
        if column.required is None and description:
            # `Position exit timestamp (nullable)`, `Profit/loss (nullable until closed)`, `Optional notes`: the
            # description's parentheses or its first word say what no type cell did
            noted = " ; ".join(re.findall(r"\(([^()]*)\)", description))
            lead = description.replace("`", "").replace("*", "").strip().split(" ", 1)[0].strip(".,:;")
            if W.has(noted, "optional") and not re.search(r"\bnot\s+null|\bnon[- ]null", noted, re.IGNORECASE) or W.has(lead, "optional"):
                column.required = False
        if column.required is None:
            # a field a table or bullet lists is required unless it says optional, nullable or `?`;
            # in a table that writes NOT NULL where it means it, the rows that do not are nullable
            column.required = unsaid_required
        own_id_type = guess.reference and W.entity_key(re.sub(r"(?:Id|ID)$", "", guess.reference)) == W.entity_key(entity.name)
        if own_id_type and column.name in ("id", f"{W.snake(entity.name)}_id"):
            column.primary_key = column.required = True  # `id: MemberId` in Member: its key, in a type of its own
        elif guess.reference and column.references is None and not guess.many:  # (`items: CartItem[]` is no key)
            column.references = guess.reference
            column.references_column = column.references_column or guess.reference_column
        if guess.primary_key:
            column.primary_key = column.required = True
        if guess.unique:
            column.unique = True
        if column.type is not None and not guess.values and re.fullmatch(r"text|string(\(\d+\))?", column.type):
            limit = max_length(all_mods)
            if limit:
                column.type = f"string({limit})"
        said = next((t for t in map(note_type, re.split(r"[,;，；]", all_mods)) if t), None) if column.type == "text" else None
        if said:
            column.type = said  # `string | UUID 格式`, `string | ISO 8601 format`: what the text holds
        elif column.type == "text" and UUID_ONLY_RE.fullmatch(description):
            column.type = "uuid"  # `| id | TEXT PK | UUID |`: SQLite's text holding a UUID, described as nothing else
        said_uuid = UUID_NOTE_RE.search(f"{all_mods} {description}") and not re.search(
            r"(?i)\bnot\s+(?:an?\s+)?UUID", f"{all_mods} {description}"
        )
        if column.type in ("string(36)", "char(36)") and (self.uuids_as_text or said_uuid):
            column.type = "uuid"  # a UUID kept as text: the key's type, whatever column holds it
            self.uuids_in_36 = True
        if column.type is not None and re.fullmatch(r"text|string(\(\d+\))?", column.type):
            # `string | Valid BodyPart enum`: the notes name an enum the document lists
            said = re.findall(r"`(\w+)`|\b(\w+)\s+(?:enum|type)\b", f"{all_mods} {description}")
            named = next(
                (self.types[w.lower()] for w in (a or b for a, b in said) if self.types.get(w.lower(), "").startswith("enum(")), None
            )
            if named:
                column.type = named
        listed = next((v for v in map(whole_value_list, (notes, description)) if v), [])
        said_enum = next((m for m in (ENUM_SAID_RE.match(t) for t in (notes, description, all_mods) if t) if m), None)
        if said_enum:  # `枚举: pdf, doc, docx, txt`, `enum: a, b`, `Enumeration (Critical, High)`: the values, said so
            listed = [
                v.strip(" '\"`") for v in linear_re.split(r"\s*[,，、/|]\s*", said_enum.group("values").strip(" .。)")) if v.strip(" '\"`")
            ]
            listed = [v for v in listed if not is_modifier(v)]  # (the constraints a cell adds after them: `required`)
            listed = listed if len(listed) >= 2 and all(re.fullmatch(r"[\w\- ]{1,40}", v) for v in listed) else []
        if any(W.snake(v) == name for v in listed):
            listed = []  # `Brand | string? | Brand/maker`: the field's name and another word for it, not its values
        named_type = re.fullmatch(r"[A-Z][A-Za-z0-9]*\??", type_clean.strip("`* "))
        if listed and (
            column.type is None and (named_type or said_enum) or column.type and re.fullmatch(r"text|string(\(\d+\))?", column.type)
        ):
            # `| discipline | TEXT | Slalom/Sprint/WildWater |`, `| LocationKind | LocationKind | InPerson or Virtual. |`
            column.type = "enum(" + ", ".join(listed) + ")"
            if named_type and column.references == guess.reference:
                column.references = None  # the type named an enum, not an entity
            guess = TypeGuess(column.type, True)
        status_like = W.status_like(name)
        enum_written = column.type is None and (
            re.match(r"^\W*enum(?:eration)?\b", type_clean, re.IGNORECASE)
            or paren is not None
            and re.fullmatch(r"\s*enum(?:eration)?\s*", paren.group("mods"), re.IGNORECASE)  # `` `ReminderIntervalUnit` (enum) ``
        )
        if enum_written or (status_like and column.type is not None and re.fullmatch(r"text|string(\(\d+\))?", column.type)):
            # `enum` with `Pending or Completed` in the notes; `String` with `Job status (pending, failed)`
            values = next((v for v in (enum_values(t) for t in (notes, description, all_mods) if t) if v), [])
            said_text = notes if notes == description else f"{notes} {description}"  # (a Notes column is both)
            # `Flag reason (spam, fake, other)`; `推送狀態（Success, Failed）`, not `階段（詳見下方說明, 共五種）`, a clause each
            parenthesised = " ".join(re.findall(r"\(([^()]*)\)", said_text) + re.findall(r"（([\x20-\x7e]*)）", said_text))
            values = values or (W.hint_values(parenthesised) if status_like or enum_written else [])
            identifiers = linear_re.split(r"\s*,\s*", description.strip().rstrip("."))
            if (
                not values
                and len(identifiers) >= 2
                and not W.open_list(description)
                and all(re.fullmatch(r"[a-z][a-z0-9_]*|[A-Z][A-Z0-9_]*", v) and not is_modifier(v) for v in identifiers)
            ):
                values = identifiers  # `` `event_type` (VARCHAR(50)): created, plan_changed, cancelled ``: the values, nothing else
            if not values and enum_written:  # `` `status` (enum) — draft|published|archived ``: the list, then words
                head = re.split(r"\s[(—–-]|\(", description, maxsplit=1)[0]
                after = re.split(r"[:：]", head, maxsplit=1)[-1]  # (`状态：active/archived`)
                mime = re.search(r"(?i)\b(?:image|audio|video|text|application|font|multipart)/[\w.+-]+", head)  # (`MIME: image/png`)
                values = [] if mime else whole_value_list(head) or whole_value_list(after)
            if not values:
                values = self._values_listed(name, span.line)  # `**action_type 枚举值**：` over a list of its values
            values = [v[1:] if self.swift and re.fullmatch(r"\.[A-Za-z]\w*", v) else v for v in values]  # Swift's cases: `.days`
            if values and all(re.fullmatch(r"[\w\- ]{1,60}", v) for v in values):
                column.type = "enum(" + ", ".join(values) + ")"
                column.references = None  # (`` `Status` (enum) ``: the enum's name, no entity)
                if enum_written:
                    guess = TypeGuess(column.type, True)  # `enum` with its values in the text: as sure as `enum(a, b)`
        if not enum_written and column.type and re.fullmatch(r"text|string(\(\d+\))?", column.type):
            # `Permission: string ("view"|"edit")`, `- Permission level: "View", "Download"`: nothing but quoted values,
            # after the field's words (examples, `e.g. "read", "write"`, are none)
            tail: str | None = next((m.group(1) for m in map(_values_said, (all_mods, description)) if m), None)
            said = f"{all_mods} {description}"
            one_of = ONE_OF_VALUES_RE.search(said)
            before = said[: one_of.start()].split()[-2:] if one_of else []
            if before and (
                before[-1].lower() in ("in", "from", "to", "into", "on", "at") or {"not", "never"} & {w.lower() for w in before}
            ):
                one_of = None  # `id of a row in one of `posts`, `comments``, `must not be one of 'admin', 'root'`
            tail = tail or (one_of.group("values") if one_of else None)
            if not tail or W.open_list(said):
                values = []
            elif tail.startswith("{"):
                values = enum_values_listed(tail.strip("{}"))  # `one of {trivial, moderate, complex}`
            else:
                values = [] if W.has(said, "example_openers") else enum_values(tail)
            declared = next((self.types[w.lower()] for w in re.findall(r"\b[A-Z]\w+", said) if w.lower() in self.types), None)
            if not values and declared and re.search(r"(?i)\benum\b|\bone\s+of\b", said):
                values = enum_values_listed(declared[len("enum(") : -1])  # `one of DispatchTarget enum`, declared above
            # (the cell is that, nothing else: not `localized label for the Status enum (Open, Closed)`)
            named_enum = next((m for m in map(ENUM_CELL_VALUES_RE.fullmatch, (*all_mods.split(" , "), description)) if m), None)
            named_values = enum_values_listed(named_enum.group("values")) if named_enum and not values else []
            placeholders = set(W.words()["placeholder_values"])
            if len(named_values) >= 2 and all(re.fullmatch(r"[\w\-]{1,40}", v) and v.lower() not in placeholders for v in named_values):
                values = named_values  # `Enum: IssueStatus (Pending, InProgress, Completed)`
            if values:
                column.type = "enum(" + ", ".join(values) + ")"
                guess = TypeGuess(column.type, True)
        if column.type is None and enum_written and paren is not None:
            # `` `Format` (enum) `` whose values cannot be read (`.pdf`, `.csv`): a text of those values, said to be checked
            column.type, column.confident, column.references = "text", False, None
            self.diags.report("W301", f"field '{raw_name}': an enum whose values cannot be read; typed text, check it", span)
        if column.type is None and guess.reference and not guess.many and name != "id" and not name.endswith("_id"):
            self.object_fields.append((entity, column, guess.reference, span))
            entity.columns.append(column)
            return
        if column.type is None and guess.reference and guess.many:
            self.collections.append((entity, guess.reference, span, source[:300]))  # `items: CartItem[]`
            self.listing.add(id(column))
        if column.type is None:
            # `` `firstSeenUtc`: earliest accepted observation timestamp ``: the words say what the name does not
            worded = W.type_in_words(f"{type_clean} {description}")
            by_name = W.type_from_name(name)
            guessed = by_name or ((worded, False) if worded else None)
            how = "from its name" if by_name else "from its description" if worded else "(no type written)"
            note = guess.note or "no type"
            # (an item of one line, its whole text the names: `source` is that line)
            bare = kind == "bullet" and BARE_FIELD_ITEM_RE.fullmatch(self.item_text) and source.rstrip().endswith(self.item_text)
            # (`Status values:`, `Related entities:` over the list: what it lists is no field; `Key fields:` is)
            label = self.last_paragraph.strip()
            labelled = label.endswith((":", "：")) and W.find(label, W.words()["field_headings"]) is None
            if guessed is None and untyped:
                guessed = ("text", False)  # a row of a field table that has no type column: a field, of a type to check
            if guessed is None and bare and not _tabled(entity) and not labelled and raw_name[:1].islower():
                # `- `storageBucket``, `- `checksum` (optional)`: a field listed without a type (not a list of values
                # under the entity's field table)
                guessed = ("text", False)
            code_named = kind == "bullet" and re.match(rf"\s*[-*+]\s+`{re.escape(raw_name)}`", source) is not None
            if guessed is None and code_named and FIELD_LABEL_RE.match(label) and not _tabled(entity) and raw_name[:1].islower():
                # `- `screenContextEvents`: Captured context events` under `**Key fields**`: a field described, not typed
                guessed = ("text", False)
            if guessed is None:
                self.diags.report("W302", f"cannot type field '{raw_name}' ({note}); left out", span)
                return
            column.type = guessed[0]
            column.confident = False
            message = f"field '{raw_name}': {note}; typed {guessed[0]} {how}, check it"
            if id(column) in self.listing:
                self.listing_notes[id(column)] = (column, span, message)  # said once apply_collections knows the list's fate
            else:
                self.diags.report("W301", message, span)
        elif not guess.confident:
            column.confident = False
            self.diags.report(
                "W301",
                f"field '{raw_name}': type '{type_text.strip()}' read as {column.type} ({guess.note or 'not certain'}), check it",
                span,
            )
        entity.columns.append(column)


def _named_within(description: str, entities: list[InferredEntity]) -> InferredEntity | None:
    """The entity whose CJK name (`管理员` of `Admin（管理员）`) the description holds, the one nearest its end (the head
    noun before `ID`), the longest if tied: CJK writes no spaces between the words, so the name is a substring
    (`推荐人用户ID`, the referring user's id; `回复的用户评论ID`, a comment's)."""
    found = [
        (description.rfind(alias) + len(alias), len(alias), e)
        for e in entities
        for alias in e.aliases
        if W._is_cjk(alias) and alias in description
    ]
    return max(found, key=lambda held: held[:2])[2] if found else None  # (`帖子作者的用户ID`: the user's, not the post's)


def _kept_apart(value: InferredEntity, holder: InferredEntity) -> bool:
    """A keyless entity whose own description says it persists (`Stores the accessibility choices that must persist
    across sessions`) without naming its holder: kept on its own, though a snapshot embeds a copy of it."""
    description = value.description or ""
    names = {n for name in (holder.name, *holder.aliases) for n in (name, W.snake(name).replace("_", " "))}
    names |= {pluralize(W.snake(n)).replace("_", " ") for n in names}  # (`embedded in orders`)
    kept = W.has(description, "kept_apart_phrases") and not W.has(description, "folded_value_phrases")
    return kept and W.find(description, sorted(names)) is None


def _keyable(type_text: str | None) -> bool:
    """Whether a column so typed (or untyped) can be a key to another table's: an id's type, not `JSON` or `date`."""
    return type_text is None or re.fullmatch(r"uuid|text|string(\(\d+\))?|char\(\d+\)|integer|bigint|smallint", type_text) is not None


def _key_fits(column: InferredColumn, target: InferredEntity) -> bool:
    """Whether the column can hold the target's key: `address VARCHAR(255)` is no key to an Address keyed by a
    BIGINT, a string column holds a uuid or string key."""
    keys = [c.type for c in target.columns if c.primary_key]
    if len(keys) != 1 or keys[0] is None or column.type is None:
        return True
    whole = {t.value for t in INTEGER_TYPES}
    short = re.fullmatch(r"string\((\d+)\)", column.type)
    if keys[0] == "uuid" and short and int(short.group(1)) < 32:
        return False  # `category VARCHAR(50)` beside a uuid-keyed Category: a title, too short for the key
    return (keys[0] in whole) == (column.type in whole)


def _says_only_table(words: str) -> bool:
    """`F-005-owned ... table`, `The ... table`, `Table 1 —`: words that say a table is named, and whose (a feature,
    an ordinal), not what is done with it (`Queries on the ... table`)."""
    allowed = {*W.words()["table_suffixes"], *W.words()["heading_prefixes"], *W.words()["existing_markers"]}
    allowed |= {*W.words()["lifecycle_markers"], *W.words()["change_markers"]}  # `Tabla nueva: `pipeline_stage``
    allowed |= {"the", "a", "an", "owned", "base", "main", "core", "our", "its", *W.words()["table_row_words"]}  # (`` `agent_state` row ``)
    tokens = [t.lower() for t in re.split(r"[\s\-—–:.,]+", words) if t]
    return all(t in allowed or re.search(r"\d", t) or len(t) == 1 for t in tokens)  # (`F-005`: a feature's id)


def _labels_a_note(first: str) -> bool:
    """`Indexes: `sub` (unique)`, `**Unique constraint**: ...`: a note about the entity among its fields."""
    label = re.match(r"^\s*(?:\*\*)?([^*:：`]{1,40}?)(?:\*\*)?\s*[:：]", first)
    return label is not None and bool(set(label.group(1).lower().split()) & set(W.words()["note_labels"]))


def _typed_item(first: str) -> bool:
    """`id: string (UUID)`, `` `doneAt`?: Date ``, `type: GoalType`, `kind: 'a' | 'b'`, `` `id` (UUID) ``: a field and a
    type (a name a type library knows, a type's own name, literals), not `draft: not yet visible`."""
    m = re.match(r"^\s*(?:\*\*)?`?[^\W\d]\w*`?\??(?:\*\*)?(?:\s*,\s*`?[^\W\d]\w*`?\??)*\s*[:：]\s*(?P<type>.+)$", first)
    if m is None:  # `` `id` (UUID) — primary key ``: the type in parentheses after the name
        m = re.match(r"^\s*`[^\W\d]\w*`\s*\((?P<type>[^()]+)\)", first)
    if m is None:
        return False
    # (spaces taken from a run's start only: linear on a long run)
    head = re.split(r"(?<!\s)\s+[(—–-]\s*|(?<!\s)\s*\(|,\s", m.group("type").strip().strip("`"), maxsplit=1)[0].strip("` ")
    literals = re.fullmatch(r"'[^']*'(?:\s*\|\s*'[^']*')+|\"[^\"]*\"(?:\s*\|\s*\"[^\"]*\")+", head)
    related = RELATION_TYPE_RE.match(m.group("type").strip("` "))  # `(relation -> Members)`: a key to Members
    return bool(literals or related or re.fullmatch(r"[A-Z]\w*(?:\[\])?\??", head) or canonical_type(head).type is not None)


def _tabled(entity: InferredEntity) -> bool:
    """Whether every field the entity has so far came from a field table (notes and lists under it are no fields)."""
    return bool(entity.columns) and all(c.evidence and c.evidence[0].kind == "table" for c in entity.columns)


def _role(column: str) -> bool:
    """`parent_id`, `owner_id`, `created_by_id`: a key named by the part it plays, not by the table it points at."""
    return W.is_actor(column) or W.is_person(column.removesuffix("_id")) or column.removesuffix("_id") in W.words()["role_prefixes"]


def _keyed(entity: InferredEntity) -> bool:
    """A key of its own or to another table: the shape of a row, not of a value or a message."""
    return bool(entity.unique_groups) or any(
        c.primary_key or c.composite_key or c.name == "id" or c.references or c.name.endswith("_id") for c in entity.columns
    )


def _paired_types(type_text: str, count: int) -> list[str]:
    """`UUID / int (nullable)` for two fields in one row: one type for each, the shared parentheses on both."""
    if count < 2:
        return []
    shared = linear_re.search(r"\s*\([^()]*\)\s*$", type_text)
    head = type_text[: shared.start()] if shared else type_text
    types = [t.strip() for t in head.split("/")]
    if len(types) != count or not all(canonical_type(t).confident for t in types):
        return []
    return [t + (shared.group(0) if shared else "") for t in types]


def _key_named_after(child: InferredEntity, parent: str, target: str, said: Evidence | None = None) -> None:
    """`child`'s column named after `parent` (`user`, `user_id`), if it has no key yet, is a key to `target`;
    `said`: the line that says so, kept as the key's evidence."""
    base = W.snake(parent)
    for column in child.columns:
        if column.name in (base, f"{base}_id") and column.references is None:
            _refers(column, target, said)


def _refers(column: InferredColumn, target: str, said: Evidence | None) -> None:
    column.references = target
    if said is not None:
        column.evidence.append(said)  # a relationship line declares the key: a table outside the specs is stubbed


def _many_side(cardinality: str) -> bool:
    return cardinality.strip("()").lower() in ("n", "m", "*", "many", "0..*", "1..*", "0..n", "1..n")


def _own_key(entity: InferredEntity) -> bool:
    """A key of its own (`id`, a primary or composite key, a unique group), not only a key to another table."""
    return bool(entity.unique_groups) or any(c.primary_key or c.composite_key or c.name == "id" for c in entity.columns)


# `### Stored and Computed Fields`: a heading over stored fields too
STORED_WORD_RE = re.compile(r"(?i)\b(?:stored|persisted)\b")
# `| `_attr_native_value` | `str` |`: a Python object's private attribute (not MongoDB's `_id` nor CouchDB's `_rev`)
PRIVATE_FIELD_RE = re.compile(r"^\W*_(?!_?(?:id|v|rev|key|from|to)\b)_?[A-Za-z]\w*(?<!_)(?!\w)")
PRIVATE_NAME_RE = re.compile(r"(?<![\w.])__?[A-Za-z]\w*")


def _private_attribute(entity: InferredEntity) -> str | None:
    """Its own field table (the first, rows on consecutive lines), or most of its fields, written `_name`: the
    attributes a running object keeps (a Home Assistant sensor's `_attr_native_value`, an in-memory store's
    `_todos`), whatever tables of state it shows after; a table's system columns (`_etag`, `_seq`) are a few."""

    def private(column: InferredColumn) -> bool:
        return bool(column.evidence and PRIVATE_FIELD_RE.match(column.evidence[0].text))

    first = entity.columns[:1]
    for column in entity.columns[1:]:
        if not (column.evidence and first[-1].evidence and column.evidence[0].span.line == first[-1].evidence[0].span.line + 1):
            break
        first.append(column)
    if all(private(c) for c in first) or sum(map(private, entity.columns)) * 2 > len(entity.columns):
        return next(PRIVATE_NAME_RE.search(c.evidence[0].text).group(0) for c in entity.columns if private(c))  # type: ignore[union-attr]
    return None


# `All tables have `created_at`, except `audit_logs``, `Any model that has a `deleted_at` column uses ...`
COMMON_EXCEPT_RE = re.compile(r"(?i)\b(?:except|unless|but\s+not|apart\s+from|other\s+than|excluding|only)\b")
COMMON_CONDITION_RE = re.compile(r"(?i)\b(?:that|which)\s+(?:has|have|include|includes|use|uses)\b|\bwith\s+an?\b")
# `use `BIGINT` primary keys`, `UUID primary keys`: the key type every table has
COMMON_KEY_RE = re.compile(r"(?i)\b(?P<type>[a-z][a-z0-9]*)\s+primary\s+keys?\b")


def _denied(column: str, section: str) -> bool:
    """`no updated_at`, `no soft deletes`: the section says this table lacks the column, or the `_at` it goes with
    (`updated_by` beside `updated_at`)."""
    plain = section.replace("`", "").lower()
    stamp = re.sub(r"_by$", "_at", column)
    if re.search(rf"\bno\s+(?:{re.escape(column)}|{re.escape(stamp)})\b", plain):
        return True
    return stamp == "deleted_at" and re.search(r"\bno\s+soft[- ]?deletes?\b", plain) is not None


def _read_from_config(description: str) -> bool:
    """`Server configuration loaded from environment and config file`, `The [worktree] section of ralph.toml`."""
    suffixes = "|".join(re.escape(x) for x in W.words()["config_file_suffixes"])
    return bool(re.search(rf"[\w~/<>\-]({suffixes})\b", description, re.IGNORECASE) or W.has(description, "config_phrases"))


def _type_after(type_text: str) -> str:
    """`` `int` identity → `Guid` ``, `` `DateTime?` (local) → `DateTime` (UTC) ``: a type cell of a migrated field
    says its type before and after; the column takes the one after. An arrow inside parentheses (`string (FK →
    users.id)`) is a reference, not a change."""
    parts = split_top(type_text, "→")
    if len(parts) == 2 and all(canonical_type(p.replace("`", "").strip()).type for p in parts):
        return parts[1].strip()
    return type_text


def _names_own_key(field: str, entity: str) -> bool:
    """`TriageId` first in TriageResult's document, `SystemAlertId` in SecurityAlert's: an id named after the
    entity (one of its words), or `id`, is the document's key."""
    words = W.snake(field).split("_")
    if words[-1] != "id":
        return False
    return len(words) == 1 or bool(set(words[:-1]) & set(W.snake(entity).split("_")))


ISO_MOMENT_RE = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?")
ISO_DAY_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _example_type(value: object) -> str:
    """The type a JSON example's value shows: `"2026-05-08T14:22:00Z"` a timestamp, `1450` an integer, `0.83` a
    double, a list or object jsonb; a string is text (its comment's `"a" | "b"` make it an enum in `_column`)."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "bigint" if abs(value) >= 2**31 else "integer"
    if isinstance(value, float):
        return "double"
    if isinstance(value, (list, dict)):
        return "jsonb"
    if isinstance(value, str):
        if ISO_MOMENT_RE.fullmatch(value):
            return "timestamp"
        if ISO_DAY_RE.fullmatch(value):
            return "date"
        return "text"
    return "text"  # null: the value's kind is not shown


def _jsonc_object(content: str, line0: int) -> tuple[dict | None, dict[str, str], dict[str, int]]:
    """A fenced JSON (or JSONC) object, parsed as data: the object (None if it is none), each key's `// comment`,
    and each key's first line (0-based, the block's content starting at `line0`; found once, a large document is not
    searched per key). Trailing commas are forgiven."""
    comments: dict[str, str] = {}
    line_of: dict[str, int] = {}
    kept = []
    for n, line in enumerate(content.split("\n")):
        code, comment = _json_comment(line)
        key = re.match(r'^\s*"([^"]+)"\s*:', code)
        if key:
            line_of.setdefault(key.group(1), line0 + n)
            if comment:
                comments.setdefault(key.group(1), comment)
        kept.append(code)
    try:
        document = json.loads(re.sub(r",(\s*[}\]])", r"\1", "\n".join(kept)))
    except (ValueError, RecursionError):
        return None, comments, line_of
    return (document if isinstance(document, dict) else None), comments, line_of


def _json_comment(line: str) -> tuple[str, str]:
    """A line of JSON with comments (JSONC) split into its data and its `// comment`, outside strings."""
    quoted = False
    for i, ch in enumerate(line):
        if ch == '"' and (i == 0 or line[i - 1] != "\\"):
            quoted = not quoted
        elif not quoted and line.startswith("//", i):
            return line[:i], line[i + 2 :].strip()
    return line, ""


def _leading_type(text: str, column: str, types: dict[str, str]) -> tuple[str, str, str] | None:
    """The type a description starts with: the whole text (`UUID primary key`), else its first words after
    qualifiers (`positive integer (>=1)`, `optional text for reference`, `string for download proxy`,
    `map/JSONB for tags`). Returns (the words read, type, modifiers), or None when no type starts it (`Money
    spent`: a sentence's capitalised first word is no type)."""
    type_text, mods = _split_type(text)
    guess = canonical_type(type_text, column=column, types=types)
    if guess.type is not None and guess.confident or not type_text and mods:
        return text, type_text, mods
    words = text.split()
    said: list[str] = []
    while words and words[0].lower().strip(",") in W.words()["type_qualifiers"]:
        said.append(words.pop(0).strip(","))
    if not words or re.fullmatch(r"[A-Z][a-z]+", words[0]) and not said:
        return (text, type_text, mods) if guess.type is not None else None
    readings = []  # (the words read, type, modifiers, whether the type is sure)
    for k in (3, 2, 1):
        if k <= len(words):
            candidate = " ".join(words[:k]).rstrip(",")
            typed_text, typed_mods = _split_type(candidate)
            typed = canonical_type(typed_text, column=column, types=types)
            if typed.type is not None or not typed_text and typed_mods:  # (`FK → users`: a key, typed by its target)
                readings.append((" ".join([*said, *words[:k]]), typed_text, typed_mods, typed.confident or typed.type is None))
    if guess.type is not None:
        readings.append((text, type_text, mods, guess.confident))
    if not readings:
        return None
    read, candidate, candidate_mods, _ = next((r for r in readings if r[3]), readings[0])
    modifiers = ", ".join(w.lower() for w in said if is_modifier(w.lower()))
    return read, candidate, ", ".join(m for m in (modifiers, candidate_mods) if m)


def _balanced(text: str) -> bool:
    """No parenthesis or code span is open at the end of `text`."""
    return text.count("(") <= text.count(")") and text.count("`") % 2 == 0


def _note_label(content: str) -> bool:
    """`Indexes:`, `Validation rules:`: a plain label over a list of notes (data/words.json `note_labels`)."""
    label = re.fullmatch(r"\s*([^\W\d][^:：\n]{0,40}?)\s*[:：]\s*", content)
    if label is None:
        return False
    words = label.group(1).lower().split()
    return label.group(1).lower() in W.words()["note_labels"] or words[-1] in W.words()["note_labels"] and len(words) <= 3


def _english_name(name: str, markers: list[str]) -> str | None:
    """The class name a heading in another script gives in parentheses (`用户实体 (User)`, `知識ポイント (KnowledgePoint)`),
    not a note in capitals (`(MVP)`, `(New)`) nor a table's name (`用户表 (users)`)."""
    if name.isascii():
        return None
    words = W.words()
    for marker in markers:
        written = marker.strip(" `*")
        if not re.fullmatch(r"[A-Z][a-z]+(?:[A-Z][a-z0-9]*)*", written):
            continue
        if any(W.find(written, words[k]) for k in ("new_markers", "heading_qualifiers", "existing_markers", "not_stored_markers")):
            continue
        if written.lower() in words["heading_note_words"]:
            continue  # `### 订单 (Core)`, `(Deprecated)`: a note on the table, not its name
        return written
    return None


def _existing_group(title: str) -> bool:
    """`## Existing Entities (Read-Only for TAT)`: a heading over entities the application has, which this
    feature reads and does not change (`## Existing entities extended`, `## Changes to Existing Entities`
    change them)."""
    words = W.words()
    opening = W.find(re.sub(r"^[\d.\s]+", "", title), words["existing_markers"])
    return opening is not None and opening.start() == 0 and W.find(title, words["change_markers"]) is None


def _whole(text: str, role: str) -> bool:
    """`text` is one phrase of `role` and nothing more."""
    found = W.find(text, W.words()[role])
    return found is not None and not text[: found.start()].strip(" `*") and not text[found.end() :].strip(" `*:：")


def _optional_said(description: str) -> bool:
    """`Optional free text`, `FK → Task, nullable`, `The title (optional)`: a clause of its own that says the field
    may be missing (not `Required unless the optional flag is set`)."""
    clauses = [c.strip(" *`_").lower() for c in re.split(r"[,;()（）.]|\s[—–-]\s", description)]
    starts = re.match(r"(?i)\s*(?:optional|nullable)\b", description) is not None
    return starts or any(c in ("nullable", "optional", "may be null", "can be null", "null allowed", "null if none") for c in clauses)


def _rules_heading(title: str) -> bool:
    """`## Validation Rules`, `## 4. 数据验证规则`: the heading is a rules section (not `## Entities and Validation Rules`)."""
    found = W.find(title, W.words()["rules_headings"])
    if found is None or title[found.end() :].strip(" :：*"):
        return False
    before = title[: found.start()].strip()
    return not before or (len(before.split()) == 1 and not re.search(r"[&/,]|\band\b|与|和", before) and len(before) <= 12)


def _heading_title(raw: str) -> str:
    """A heading's text without links, leading symbols (`👤 User`), numbering or emphasis."""
    text = re.sub(r"\[([^\[\]]+)\]\([^)]*\)", r"\1", raw)  # (no `[` in the text: linear on a run of them)
    text = re.sub(r"^[^\w`*\[(]+", "", text)
    return _clean_heading(HEADING_NUMBER_RE.sub("", text.strip()))


def _field_name_like(text: str) -> bool:
    """`user_id`, `createdAt`, `Email`: one identifier, not a sentence or a value list."""
    return bool(re.fullmatch(r"[^\W\d]\w{1,62}", text)) and not canonical_type(text).confident


def _is_prose_heading(title: str) -> bool:
    from compiler.frontend.markdown import PROSE_SECTION_RE

    return bool(PROSE_SECTION_RE.search(title)) or bool(
        re.search(r"\b(relationships?|validation|transitions?|indexes|constraints|notes|overview)\b", title, re.IGNORECASE)
    )


def _split_type(text: str) -> tuple[str, str]:
    """`string (required, 1-200 chars)` -> ("string", "required, 1-200 chars");
    `VARCHAR(255), unique` -> ("VARCHAR(255)", "unique"); `enum {A, B} (required)` keeps the braces;
    `PK, text` -> ("text", "PK") and `not null` -> ("", "not null"): modifiers first, then the type, or none."""
    head, mods = _split_type_first(text)
    if not head or not is_modifier(head):
        return head, mods
    items = [head, *(split_top(mods, ",") if mods else [])]
    typed = next((i for i in items if not is_modifier(i.strip())), "")
    return typed.strip(), ", ".join(i.strip() for i in items if i is not typed)


def _split_type_first(text: str) -> tuple[str, str]:
    text = text.strip()
    listed = re.match(r"(?i)^enum\s*:\s*(?P<values>[^()|;]+?)\s*(?:;\s*(?P<rest>.*))?$", text)
    values = [v.strip().strip("`") for v in listed.group("values").split(",")] if listed else []
    after = [listed.group("rest").strip()] if listed and listed.group("rest") else []
    while values and is_modifier(values[-1]):
        after.insert(0, values.pop())  # `enum: `bug`, `feature`, required`: the modifiers after the values
    if len(values) >= 2 and all(re.fullmatch(r"[\w-]+", v) and not is_modifier(v) for v in values):
        # `enum: Upload, Download, Delete`: every comma is the list's, up to a `;` (`; default `low``)
        return f"enum({', '.join(values)})", ", ".join(after)
    depth = 0
    for index, ch in enumerate(text):
        if ch in "({[<":
            if ch == "(" and depth == 0 and index > 0 and text[index - 1] == " ":
                head = text[:index].strip()
                if head.lower().rstrip("` ") not in ("enum", "one of"):
                    return head, text[index:].strip().strip("()")
            depth += 1
        elif ch in ")}]>":
            depth = max(0, depth - 1)
        elif ch == "," and depth == 0:
            return text[:index].strip(), text[index + 1 :].strip()
    return text, ""


def _field_items(cell: str) -> list[tuple[int, str, str]]:
    """`` `DatasetId (int)`, `Name`, `SourceType (enum: A, B)`. `` -> [(offset, field, hint)]: the fields a cell
    lists, each with what its parentheses say. Commas inside parentheses belong to the hint. `` `email?` `` is
    optional and `` `order Int` `` gives its type after the name, as Prisma writes a field."""
    items, depth, start = [], 0, 0
    for index, ch in enumerate(cell + ","):
        depth += (ch == "(") - (ch == ")")
        if ch in ",;" and depth <= 0:
            part = cell[start:index]
            match = re.fullmatch(
                r"\s*`?\s*(?P<name>[^\W\d][\w]{0,62})(?P<optional>\?)?\s*(?:\((?P<hint>[^()]*)\))?\s*`?\s*(?:\((?P<after>[^()]*)\))?[\s.]*",
                part,
            )
            typed = re.fullmatch(r"\s*`(?P<name>[^\W\d]\w{0,62})\s+(?P<type>[A-Z]\w*(?:\[\])?\??)`[\s.]*", part)
            if match:
                hint = (match.group("hint") or match.group("after") or "").strip()
                hint = ", ".join(h for h in (hint, "optional" if match.group("optional") else "") if h)
                items.append((start + match.start("name"), match.group("name"), hint))
            elif typed and canonical_type(typed.group("type").rstrip("?")).type is not None:
                hint = typed.group("type").rstrip("?") + (", optional" if typed.group("type").endswith("?") else "")
                items.append((start + typed.start("name"), typed.group("name"), hint))
            start, depth = index + 1, 0
    return items


def _one_line(text: str) -> str:
    return " ".join(text.replace("**", "").split())[:300]


def apply_constraints(column: InferredColumn, text: str) -> None:
    """Constraint words and shapes of a Constraints/Notes cell or a bullet's parentheses."""
    if not text.strip():
        return
    plain = text.replace("`", "").replace("**", "")
    if re.search(r"@unique\b", plain):
        column.unique = True  # Prisma's attribute
    if W.has(plain, "primary_key") or re.search(r"\bPK\b|@id\b", plain):
        if not re.search(
            r"PK\s+(?:component|part)|part\s+of\s+(composite|the)\s+(primary\s+)?key|composite\s+(?:PK|primary\s+key)", plain, re.IGNORECASE
        ):
            column.primary_key = True
            column.required = True
        else:
            column.required = True
            column.composite_key = True
    plain = CONDITIONAL_RE.sub(" ", plain)  # `required when Type == CityTeam`: a rule the service keeps, not NOT NULL
    without_nulls = re.sub(r"\bnot\s+null\b|\bnon[- ]null\b", " ", plain, flags=re.IGNORECASE)
    if re.search(r"\bnull\s*(?:→|->)\s*not\s+null\b", plain, re.IGNORECASE):
        column.required = False  # `NULL → NOT NULL when first deposit approved`: empty until then
    elif re.search(r"\bnot\s+null\b|\bnon[- ]null\b", plain, re.IGNORECASE) or W.has(without_nulls, "required"):
        column.required = True
    elif W.has(plain, "optional"):
        column.required = False
    if W.has(plain, "unique") and not re.search(r"\bunique\s+(per|within|for|across)\b", plain, re.IGNORECASE):
        column.unique = True
    if W.has(plain, "indexed"):
        column.indexed = True
    plain = re.sub(r"(?i)\b(FK|foreign\s+key)\s+relationship\s+(?=to\b)", r"\1 ", plain)  # `FK relationship to Item`
    fk = FK_RE.search(plain) or (ARROW_FK_RE.search(plain) if re.search(r"\bFK\b|→|->", plain) else None)
    if fk is None and (column.name.endswith("_id") or re.search(r"\bFK\b", plain)):
        fk = LINK_RE.search(plain)  # `| PetWalkerId | Guid | FK, Required | Reference to PetWalker |`
    valid = VALID_REFERENCE_RE.search(plain)
    if fk is None and valid and valid.group("target").lower() not in W.words()["other_system_prefixes"]:
        fk = valid  # `Valid User reference` (a `Valid Stripe reference` is Stripe's id)
    if fk and fk.re is FK_RE and fk.group("column") is None and KINDS_REFERENCED_RE.match(plain, fk.start()):
        fk = None  # `references canon entities`: what the text is about, not a key
    if fk and fk.re is ARROW_FK_RE and fk.group("column") is None and re.match(r"\s+(?!on\b|id\b)[a-z]", plain[fk.end() :]):
        fk = None  # `suitable for LLM → user relay`: an arrow in a sentence, not a key
    if fk and fk.re is ARROW_FK_RE and fk.group("column") is None and re.fullmatch(r"[a-z]+(?<!s)", fk.group("target")):
        fk = None  # `set when status → published`: a state reached, not a table (`users`, `User`, `users.id`)
    if fk is not None:
        target = fk.group("target")
        # `int→float` is a conversion, not a key: an arrow to a type name
        to_type = canonical_type(target).confident and not re.search(r"\bFK\b|foreign|references", plain, re.IGNORECASE)
        literal = target.lower() in ("null", "not", "none", "nil", "undefined", "true", "false", "nan")  # `NaN` → `null`: a value mapping
        qualified = _schema_qualified(fk)
        if qualified and target.lower() != "public":
            # `FK → auth.users.id`, `REFERENCES auth.users(id)`: a table of another schema (Supabase's), which no
            # table of this model is; said in the description, as a SQL block's is
            note = f"references {target}.{fk.group('column')} (outside this schema)"
            column.description = f"{column.description}; {note}" if column.description else note
        elif target.lower() not in FK_NON_TARGETS and not to_type and not literal:
            stem = column.name.removesuffix("_id")
            if not qualified and 3 <= len(target) < len(stem) and stem.startswith(target.lower()) and "_" not in stem:
                target = stem  # `organization_id | FK org`: the column's own name, abbreviated
            column.references = fk.group("column") if qualified else target
            key = re.match(r"`?(?:\.`?(\w+)|\s*\(\s*`?(\w+))", plain[fk.end() :]) if qualified else None
            column.references_column = (key.group(1) or key.group(2)) if key else None if qualified else fk.group("column")
    action = ON_DELETE_RE.search(plain)
    if action:
        column.on_delete = "cascade" if action.group("cascade") else " ".join(action.group("action").lower().split())  # type: ignore[assignment]
    default = DEFAULT_RE.search(plain)
    if default:
        column.default = default.group("value").strip("`")
    if W.has(plain, "auto_increment"):
        column.default = column.default or "autoincrement"


def plain_word_after_ref(fk: re.Match) -> bool:
    """`ref leve`, `ref only`: the short `ref` before a plain lower-case word (no table's plural, no `_`, no `.id`)."""
    if "target" not in fk.re.groupindex or "column" not in fk.re.groupindex:
        return False
    said, column = fk.group(0).lower(), fk.group("column")
    plain = re.fullmatch(r"[a-z]+(?<!s)", fk.group("target")) is not None and "." not in said
    return said.startswith("ref") and not said.startswith("refer") and plain and (column is None or column.lower() != "id")


def _another_systems(word: str, user: str) -> bool:
    """`Telegram user`, `Provider's user`, `external account`: a word that puts a user's id in another system (a
    name, a possessive, or data/words.json `other_system_words`); `Sending agent` is no user."""
    if W.singular(user.lower()) not in W.words()["user_entities"]:
        return False
    bare = re.sub(r"['’]s$", "", word)
    return bare.lower() in W.words()["other_system_words"] or word.endswith(("'s", "’s")) or bare[:1].isupper()


def _schema_qualified(fk: re.Match) -> bool:
    """`auth.users.id`, `auth.users(id)`: FK_RE took the schema for the table and the table for the column."""
    if not fk.group("column"):
        return False
    other_schema = fk.group("target").lower() in (*W.words()["other_schemas"], "public")  # `FK to auth.users`
    return other_schema or re.match(r"`?(?:\.`?\w+|\s*\(\s*`?\w+`?\s*\))", fk.string[fk.end() :]) is not None


def max_length(text: str) -> int | None:
    match = MAX_LEN_RE.search(text.replace("`", ""))
    if not match:
        return None
    value = match.group("max") or match.group("high") or match.group("upto")
    number = int(value)
    return number if 1 <= number <= 10485760 else None


def enum_values_listed(text: str) -> list[str]:
    """`Done, In Progress, To Be Deployed, BLOCKED, or empty` -> the values (an open list, `..., etc.`, is none)."""
    text = text.strip().rstrip(".")
    if W.open_list(text):
        return []
    parts = [p.strip(" `'\"") for p in linear_re.split(r"\s*,\s*(?:or\s+)?|\s+or\s+|\s*/\s*|\s*\|\s*", text)]
    values = [p for p in parts if p and p.lower() not in ("empty", "null", "none", "blank", "nil", "unset")]
    if len(values) >= 2 and all(re.fullmatch(r"[\w][\w\- ]{0,59}", v) and len(v.split()) <= 4 for v in values):
        return list(dict.fromkeys(values))
    return []


def whole_value_list(text: str) -> list[str]:
    """A description that is nothing but values: `Slalom/Sprint/WildWater`, `` `PENDING` or `PUBLISHED` ``,
    `InPerson or Virtual.` (one word each, at least one `/`, `|` or `or` between them)."""
    text = text.strip().rstrip(".").replace("`", "").replace("'", "").replace('"', "").strip()
    if not re.search(r"/|\||\bor\b", text) or W.open_list(text):
        return []
    parts = [p for p in linear_re.split(r"\s*(?:,|/|\||\bor\b)\s*", text) if p]
    values = [p for p in parts if p.lower() not in ("null", "none", "empty", "nil")]
    if len(values) >= 2 and all(re.fullmatch(r"[^\W\d][\w\-]{0,39}", v) for v in values):
        return list(dict.fromkeys(values))
    return []


# (each value may carry a note: `` `.days`, `.months` (time) or `.kilometers` (distance) ``)
QUOTED_RUN_RE = re.compile(r"`[^`]+`(?:\s*\([^()\"'`]*\))?(?:\s*(?:\||/|,|\bor\b|\bo\b|\bou\b)\s*`[^`]+`(?:\s*\([^()\"'`]*\))?)+")


# `one of `trivial`, `moderate`, `complex` — CHECK enforced`, `one of {trivial, moderate, complex} or NULL`: a closed set,
# wherever in the note it stands
ONE_OF_VALUES_RE = re.compile(
    r"(?i)\bone\s+of\s*[:：]?\s*(?P<values>(?:([\"'`])[\w\-]{1,40}\2\s*(?:,|\||/|\bor\b)\s*)+([\"'`])[\w\-]{1,40}\3|\{[^{}]{1,300}\})"
)
# `Enum: IssueStatus (Pending, InProgress, Completed)`, `enum [draft, sent]`: the word, maybe the enum's name, its values
ENUM_CELL_VALUES_RE = re.compile(
    r"(?i)\s*enum(?:eration)?\s*[:：]?\s*(?:`?[A-Z]\w*`?\s*)?[(（\[{](?P<values>[^()（）\[\]{}\n]{1,200})[)）\]}]\s*\.?\s*"
)
# a text that ends with two or more quoted values and nothing else, after its words and a colon or on its own
QUOTED_TAIL_RE = re.compile(
    r"(?:^|[:：]\s*|^\s*\(|(?<=\w)\s\()\s*((?:([\"'`])[\w\-]{1,40}\2\s*(?:,|\||/|\bor\b)\s*)+([\"'`])[\w\-]{1,40}\3)\s*\)?\s*\.?\s*$"
)


def _quoted_union(fence: str) -> list[str]:
    """The values a fence gives as a string union: `"inline" | "daemon"` on one line, or one `"label"  -- note` a line."""
    lines = [line.strip() for line in fence.strip().split("\n") if line.strip()]
    if len(lines) == 1:
        values = re.fullmatch(r"\"([\w-]{1,40})\"(?:\s*\|\s*\"[\w-]{1,40}\")+\s*;?", lines[0])
        return re.findall(r"\"([\w-]{1,40})\"", lines[0]) if values else []
    each = [m for m in (re.fullmatch(r"\"([\w-]{1,40})\"\s*(?:(?:--|//|#).*)?", line) for line in lines) if m is not None]
    return [m.group(1) for m in each] if len(each) >= 2 and len(each) == len(lines) else []


def _sized(type_text: str, length: str) -> str:
    """A type with the size a table's Length column gives it (`| `string` | 50 |`, `| decimal | 18,2 |`); a type
    that says its size itself, or has none, as written."""
    size = re.fullmatch(r"\s*(\d{1,5})(?:\s*[,/]\s*(\d{1,2}))?\s*", length.strip("`*_ "))
    written = type_text.strip().strip("`*_ ")
    if size is None or "(" in written:
        return type_text
    if re.fullmatch(r"(?i)string|varchar|nvarchar|character varying", written) and size.group(2) is None:
        return f"varchar({size.group(1)})"
    if re.fullmatch(r"(?i)decimal|numeric", written) and size.group(2) is not None:
        return f"decimal({size.group(1)}, {size.group(2)})"  # (a lone number is a size in bytes, or a scale, not both)
    return type_text


def _values_said(text: str) -> re.Match | None:
    """Quoted values that close a field's words and can only be its values: `("view"|"edit")` on their own, or after
    a label that names a kind of value (`Permission level: "View", "Download"`, `Billing plan: ...`), not after one
    that names samples or a standard's codes (`Sample: "iPhone15"`, `ISO 4217 code: "USD", "EUR"`)."""
    # `` `user` / `codex`(MCP)/ `prestart`(启动拦截) ``: a short note after each value says what it is, not another value
    text = re.sub(r"([`'\"])\s*[(（][^()（）`'\"]{1,60}[)）]", r"\1", text)
    found = QUOTED_TAIL_RE.search(text)
    if found is None:
        return None
    before = text[: found.start(1)].rstrip(" :：(")
    if not before.strip(" ,;-—"):
        # `("view"|"edit")`, `"light" or "dark"`, `` `pass` / `fail` ``: alternatives; a cell of names (`"Alice", "Bob"`)
        # is samples
        return found if re.search(r"[|/]|\bor\b", found.group(1)) else None
    label = re.findall(r"[^\W\d_]+", re.sub(r"\([^()]*\)", " ", before).lower())
    if len(label) >= 2 and label[-2:] == ["one", "of"]:
        return found  # `must be one of: "a", "b"`
    # the label's head word, last in English (`Permission level`), first in Romance languages (`Tipo de documento`);
    # a plural head (`Allowed file types`) holds several values
    named = W.words()["value_label_words"]
    tail = len(label) <= 2 and label[-1] in W.words()["value_label_tails"] if label else False
    return found if label and (label[-1] in named or label[0] in named and len(label) > 1 or tail) else None


def enum_values(text: str) -> list[str]:
    """`'deposit' or 'withdrawal'`, `Pending or Completed`, `Admin, Agent, Buyer, Seller` -> the values
    (examples of an open list, `(e.g., "Main", "FiftyAmp")`, are none)."""
    if W.open_list(text) or re.search(r"\b(?:e\.\s?g|p\.\s?ex|z\.\s?B)\b", text, re.IGNORECASE):
        return []  # (`typically `business` or `enterprise``: examples too)
    if member := SET_MEMBER_RE.search(text):  # `CHECK ∈ {Draft, Open, Paid}`: the set it belongs to
        return enum_values_listed(member.group("values"))
    # `` `normal` | `won` | `lost`. ... `label` editable ``: the longest run of values (the last if tied), not every code
    # span (`Derived from `paid_at`/`shipped_at`: `pending` | `paid` | `shipped``)
    runs = list(QUOTED_RUN_RE.finditer(text))
    run = max(reversed(runs), key=lambda m: len(VALUES_RE.findall(m.group(0)))) if runs else None
    quoted = [a or b or c for a, b, c in VALUES_RE.findall(run.group(0) if run else text)]
    quoted = [q.strip() for q in quoted if q.strip() and len(q.split()) <= 3]
    if len(quoted) >= 2:
        return list(dict.fromkeys(quoted))
    match = re.search(r"(?:^|:\s*)((?:[A-Z][\w-]*\s*(?:,|/|\||\bor\b|\bou\b|\bo\b|\blub\b)\s*)+[A-Z][\w-]*)\s*\.?\s*$", text.strip())
    if match:
        values = [v for v in linear_re.split(r"\s*(?:,|/|\||\bor\b|\bou\b|\bo\b|\blub\b)\s*", match.group(1)) if v]
        if len(values) >= 2:
            return list(dict.fromkeys(values))
    return []


def heading_context(text: str, tokens: list | None = None) -> list[str]:
    """For each line of a data-model.md (0-based), the headings it sits under, joined (`Frontend Data Structures /
    Task Entity (Frontend Representation)`); `tokens`: markdown-it's of that text, when the caller has them."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    tokens = tokens if tokens is not None else _markdown().parse(text)
    starts = [
        (t.map[0], int(t.tag[1]), _clean_heading(tokens[i + 1].content)) for i, t in enumerate(tokens) if t.type == "heading_open" and t.map
    ]
    out, stack, n = [], [], 0
    for index in range(len(lines)):
        while n < len(starts) and starts[n][0] <= index:
            _, level, title = starts[n]
            stack = [(lv, t) for lv, t in stack if lv < level] + [(level, title)]
            n += 1
        out.append(" / ".join(t for _, t in stack))
    return out


def stores_nothing(text: str, context: list[str]) -> str | None:
    """Why a whole data-model.md documents no tables (`No database: state is held in memory`, `Persistence: none`),
    said before its first entity or under a storage heading, or None. A sentence about one entity does not count.
    `context`: `heading_context(text)`, which the caller has already."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    fence = False
    for n, line in enumerate(lines):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
            continue
        heading = context[n].split(" / ")[-1] if context[n] else ""
        # (`### UsageTracking (In-Memory - Optional Persistence)`: one entity's heading, whatever its note says)
        heading = re.sub(r"[(（][^()（）]*[)）]", " ", heading)
        if fence or (heading and not STORAGE_HEADING_RE.search(heading) and n > _first_entity_line(lines)):
            continue
        found = W.find(line, W.words()["document_not_stored"])
        after = line[found.end() :].split()[:1] if found else []
        if found and not (
            after and after[0].strip(".,;:").lower() in ("migration", "migrations", "change", "changes", "schema", "update", "updates")
        ):
            if _interim(lines, n):
                continue  # `- **First iteration**: In-memory only` before `- **Later**: Local persistence (full CRUD for ...)`
            if W.find(" ".join(_paragraph(lines, n)), W.words()["file_store_phrases"]) is not None:
                continue  # `There is no database. Markdown files are the only persistent state`: the files are its records
            return f"the data model says '{found.group(0)}'"  # (`no database changes` is about this feature's migration)
    return kept_outside_a_database(text)


def _frappe_cell(type_text: str) -> tuple[str, str]:
    """A Frappe field's type cell: (its field type, lower case; the options it names): `Link (Memora Subject)`,
    `Link → User`, `Select: Draft, Done`, `Data`."""
    written = re.fullmatch(r"\s*`?(?P<kind>[A-Za-z][A-Za-z ]*?)`?\s*(?:\((?P<inner>[^()]*)\)|[:→]\s*(?P<after>.+))?\s*", type_text)
    if written is None:
        return " ".join(type_text.strip(" `*_").lower().split()), ""
    return " ".join(written.group("kind").lower().split()), written.group("inner") or written.group("after") or ""


def _paragraph(lines: list[str], n: int) -> list[str]:
    """The lines of the paragraph line `n` stands in."""
    start, end = n, n + 1
    while start > 0 and lines[start - 1].strip():
        start -= 1
    while end < len(lines) and lines[end].strip():
        end += 1
    return lines[start:end]


def _phase_label(line: str) -> str:
    """`- **First iteration**: In-memory only` -> `first iteration`: a list item's bold or colon label."""
    label = re.match(r"^\s*(?:[-*+]|\d+[.)])?\s*(?:\*\*(?P<bold>[^*]+)\*\*|(?P<plain>[^:：]{1,30})[:：])", line)
    return (label.group("bold") or label.group("plain") or "").strip(" :：").lower() if label else ""


def _interim(lines: list[str], n: int) -> bool:
    """The line that says nothing is kept speaks of a first phase (`First iteration`, `MVP`), and a line of the
    same list says a later phase persists the records: the data model describes the tables it is heading for."""
    if _phase_label(lines[n]) not in W.words()["interim_phase_labels"]:
        return False
    for line in lines[n + 1 : n + 12]:
        if not line.strip() or line.lstrip().startswith("#"):
            break
        negated = re.search(r"(?i)\b(?:not|no|never|without|out of scope|won't|will not)\b", line)  # `Persistence is not planned`
        if _phase_label(line) in W.words()["later_phase_labels"] and W.find(line, W.words()["persistence_words"]) and not negated:
            return True
    return False


def kept_outside_a_database(text: str) -> str | None:
    """Why a data-model.md that says where its records live (`**Cache**: In-memory storage`, `Stored as Markdown`)
    documents no tables: the place is no database, and no word of it names one."""
    if W.find(text, W.words()["database_words"]) is not None:
        return None
    said = re.search(
        rf"(?<!\w){W.alternation('storage_labels')}\W{{0,4}}(?:\w+\s+){{0,2}}?(?P<medium>{W.alternation('storage_media')})(?!\w)",
        text,
        re.IGNORECASE,
    )
    return f"the data model keeps its records in {said.group('medium')}, in no database" if said else None


def _first_entity_line(lines: list[str]) -> int:
    """The first `###` heading or table (an entity's), after the title and an overview."""
    return next((n for n, line in enumerate(lines) if line.startswith("###") or line.lstrip().startswith("|")), len(lines))
