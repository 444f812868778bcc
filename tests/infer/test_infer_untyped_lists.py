"""Data models that name fields without types, and keys said in relationship lines (session 20's classes: a
Chinese heading with the class name in parentheses, `**字段**:` labels, untyped field lists under `**Fields**:`,
`Relations:` lists of code spans, `timestamps`, enums in a paragraph, arrows between entities)."""

from __future__ import annotations

from compiler.diagnostics import Diagnostics
from compiler.infer.datamodel import read_data_model


def _entities(text: str):
    return {e.name: e for e in read_data_model("data-model.md", text, Diagnostics())}


def _types(text: str) -> dict[str, dict[str, str | None]]:
    return {name: {c.name: c.type for c in e.columns} for name, e in _entities(text).items()}


def _keys(text: str) -> dict[str, dict[str, str | None]]:
    return {name: {c.name: c.references for c in e.columns} for name, e in _entities(text).items()}


CHINESE = (
    "# 数据模型\n\n## 实体定义\n\n### 用户实体 (User)\n**描述**: 系统用户\n\n**字段**:\n- `user_id`: UUID, 主键\n"
    "- `username`: String(50), 唯一, 用户名\n\n### 答题记录实体 (AnswerRecord)\n**字段**:\n- `record_id`: UUID, 主键\n"
    "- `user_id`: UUID, 外键, 学生\n\n### 问题资源实体 (QuestionResource)\n**字段**:\n- `question_id`: UUID, 主键\n"
    "- `answer`: Text, 标准答案\n- `created_by`: UUID, 外键, 创建者\n\n## 关系定义\n\n### 一对多关系\n"
    "- User → QuestionResource (created_by)\n- User → AnswerRecord (user_id)\n"
)


def test_a_heading_in_another_script_names_its_class_in_parentheses_and_its_fields_under_a_chinese_label():
    entities = _entities(CHINESE)
    assert set(entities) == {"User", "AnswerRecord", "QuestionResource"}
    assert "用户" in entities["User"].aliases and "问题资源" in entities["QuestionResource"].aliases
    assert _types(CHINESE)["User"] == {"user_id": "uuid", "username": "string(50)"}


def test_an_arrow_between_two_entities_keys_the_column_in_parentheses_on_the_side_that_has_it():
    keys = _keys(CHINESE)
    assert keys["QuestionResource"]["created_by"] == "User" and keys["AnswerRecord"]["user_id"] == "User"
    assert keys["QuestionResource"]["answer"] is None  # the answer's text, not a key to the record of answers


def test_notes_in_capitals_or_table_names_in_parentheses_are_no_class_name():
    assert set(_entities("# DM\n\n### 用户表 (users)\n\n**字段**:\n- `id`: UUID, 主键\n- `name`: String(50)\n")) == {"用户"}
    assert set(_entities("# DM\n\n### 订单 (New)\n\n**字段**:\n- `id`: UUID, 主键\n- `total`: Integer\n")) == {"订单"}


UNTYPED = (
    "# Data Model\n\n### VenueOrganization\n\nThe rink operator.\n\n**Fields**:\n\n- id\n- name\n"
    "- type: rink, arena, skating center, other\n- primaryContactEmail\n- status: draft, active, archived\n- createdById\n"
    "- createdAt\n\n**Relationships**:\n\n- Has many venue profiles\n\n### VenueStaff\n\n**Fields**:\n\n- id\n"
    "- organizationId\n- venueId optional\n- requesterTeamId optional\n- decidedById optional\n- actorId\n\n"
    "**Relationships**:\n\n- Belongs to a venue organization\n- Optionally references a team or league\n"
    "- Belongs to an actor user\n\n### Memo\n\n**Fields**:\n\n- id: UUID\n- body: Text\n- pinned: Boolean\n"
)


def test_a_field_list_without_types_is_typed_by_its_names_and_its_values_are_enums():
    types = _types(UNTYPED)
    assert types["VenueOrganization"] == {
        "id": "uuid",
        "name": "string(200)",
        "type": "enum(rink, arena, skating_center, other)",
        "primary_contact_email": "email",
        "status": "enum(draft, active, archived)",
        "created_by_id": "uuid",
        "created_at": "timestamp",
    }
    staff = {c.name: c for c in _entities(UNTYPED)["VenueStaff"].columns}
    assert not staff["venue_id"].required and staff["organization_id"].required


def test_relationship_lines_key_the_columns_named_after_their_targets_or_after_the_last_words():
    keys = _keys(UNTYPED)["VenueStaff"]
    assert keys["organization_id"] == "VenueOrganization"  # `a venue organization`: the entity, on its last word's column
    assert keys["requester_team_id"] == "Team"  # `a team or league`: each, on the one column ending with it
    assert keys["actor_id"] == "User"  # `an actor user`: a person


def test_a_typed_list_under_a_field_label_is_read_item_by_item():
    assert _types(UNTYPED)["Memo"] == {"id": "uuid", "body": "text", "pinned": "boolean"}


RELATIONS = (
    "# Data Model\n\nAmounts are cents.\n\n## New enum: SessionRegistrationStatus\n\n`PENDING | CONFIRMED | CANCELED`\n\n"
    "## Extended: VenueOrganization (Stripe Connect)\n\nNew fields on the existing model:\n\n"
    "- `stripeAccountId` (unique, nullable) — connected account id.\n- `stripeChargesEnabled` (bool) — mirrors Stripe.\n\n"
    "## New model: SessionRegistration\n\nFields: `id`, `status`, `participantName`, `quantity` (default 1), timestamps.\n\n"
    "Relations: `venue` (denormalized), `scheduleBlock?`, `user` (registrant), `canceledBy?`, `payment?` (1:1).\n\n"
    "## New model: Payment\n\nFields: `id`, `amount`, `paidAt?`, timestamps.\n\n"
    "Relations: `registration` (unique 1:1), `organization`.\n\n"
    "## Refund\n\n- `id` (UUID)\n- `reason` (text)\n\n**Relationships**: 一对一关联 `Payment`; 多对多关联 `SessionRegistration`\n"
)


def test_a_relations_list_of_code_spans_gives_keys_and_a_one_to_one_is_keyed_on_the_side_that_requires_it():
    entities = _entities(RELATIONS)
    registration = {c.name: c for c in entities["SessionRegistration"].columns}
    assert registration["venue_id"].references == "Venue" and registration["venue_id"].required
    assert registration["schedule_block_id"].references == "ScheduleBlock" and not registration["schedule_block_id"].required
    assert registration["user_id"].references == "User" and registration["canceled_by_id"].references == "User"
    assert "payment_id" not in registration
    payment = {c.name: c.references for c in entities["Payment"].columns}
    assert payment["registration_id"] == "SessionRegistration" and payment["organization_id"] == "VenueOrganization"


def test_timestamps_in_a_field_list_and_an_enum_named_after_its_entity_s_field():
    types = _types(RELATIONS)
    assert types["SessionRegistration"]["created_at"] == "timestamp" and types["Payment"]["updated_at"] == "timestamp"
    assert types["SessionRegistration"]["status"] == "enum(PENDING, CONFIRMED, CANCELED)"


def test_a_heading_that_says_extended_names_the_table_and_a_field_with_only_constraints_is_typed_by_name():
    columns = {c.name: c for c in _entities(RELATIONS)["VenueOrganization"].columns}
    assert columns["stripe_account_id"].type is not None and not columns["stripe_account_id"].required
    assert columns["stripe_charges_enabled"].type == "boolean"


def test_relationship_words_around_code_spans_are_no_relations_list():
    assert [c.name for c in _entities(RELATIONS)["Refund"].columns] == ["id", "reason"]


def test_an_id_described_as_associated_with_one_entity_in_backticks_is_a_key_to_it():
    text = (
        "# DM\n\n## SubmissionPackage\n- `id` (UUID)\n- `source_path` (Path) — 文件路径\n\n## DocumentProfile\n- `id` (UUID)\n"
        "- `submission_id` (UUID) — 与 `SubmissionPackage` 关联\n- `owner_id` (UUID) — unlike `SubmissionPackage`, no key\n"
    )
    keys = _keys(text)["DocumentProfile"]
    assert keys["submission_id"] == "SubmissionPackage" and keys["owner_id"] is None
    assert _types(text)["SubmissionPackage"]["source_path"] == "text"


TYPESCRIPT_BULLETS = (
    "# DM\n\n### product_configurations\n- id (UUID)\n- size: { widthM: number, depthM: number }\n- heaters: number\n"
    "- glazing: {\n    windows: Array<{widthM:number}>,\n    skylights: Array<{widthM:number}>\n}\n"
    '- current: boolean // only one document at a time marked true\n- currency": string\n'
    "- flags: Array<{ code:string, label:string }>\n- createdAt, updatedAt\n\n### NoteRepositoryPort\nMethods:\n"
    "- create(noteDraft)\n- findById(id)\n"
)


def test_bullets_in_typescript_s_words_objects_inline_or_over_lines_comments_and_name_lists():
    types = _types(TYPESCRIPT_BULLETS)
    assert types["ProductConfiguration"] == {
        "id": "uuid",
        "size": "json",
        "heaters": "double",
        "glazing": "json",
        "current": "boolean",
        "currency": "text",
        "flags": "json",
        "created_at": "timestamp",
        "updated_at": "timestamp",
    }
    assert not types.get("NoteRepositoryPort")  # method signatures are no fields


def test_a_dataclass_whose_first_field_is_named_after_it_is_keyed_by_it_unless_another_holds_it_in_a_list():
    from compiler.infer.code import read_code_blocks

    text = (
        "# DM\n\n```python\n@dataclass(frozen=True)\nclass AuditEvent:\n    event_id: str\n    action: str\n\n"
        "@dataclass\nclass IdempotencyKey:\n    key: str\n    status: str\n\n@dataclass\nclass DocumentChunk:\n"
        "    chunk_id: str\n    text: str\n\n@dataclass\nclass Context:\n    chunks: List[DocumentChunk]\n```\n"
    )
    entities = {e.name: e for e in read_code_blocks("data-model.md", text)[0]}
    assert entities["AuditEvent"].stored and entities["AuditEvent"].columns[0].primary_key
    assert entities["IdempotencyKey"].stored and not entities["DocumentChunk"].stored and not entities["Context"].stored


def test_a_heading_about_one_field_is_no_table():
    text = "# DM\n\n## 3. tenant_id field\n\n| Field | Type |\n|---|---|\n| `tenant_id` | string |\n\n## Conventions\n\n- `x: str` a\n"
    assert _entities(text) == {}


def test_a_field_label_with_a_note_and_a_field_that_says_its_cardinality_to_an_entity():
    text = (
        "# DM\n\n### 1) User (canonical auth identity)\n\n**Key fields (typical Django fields)**:\n\n"
        "- `id` (integer primary key)\n- `email` (string)\n- `is_active`, `is_staff`\n\n### 2) UserProfile\n\n**Fields**:\n\n"
        "- `uuid` (UUID)\n- `user` (1:1 to User)\n- `bio` (text, optional)\n"
    )
    assert set(_types(text)["User"]) == {"id", "email", "is_active", "is_staff"}
    assert _keys(text)["UserProfile"]["user_id"] == "User"


def test_bold_field_names_with_types_read_if_not_sure_and_a_request_of_the_business_is_a_table():
    text = (
        "# DM\n\n## New Entities\n\n### EnrollmentRequest\n- **student**: ObjectId (Ref: `User`)\n"
        "- **status**: String\n- **feeAtTimeOfApplication**: Number\n- **appliedAt**: Date (default: `Date.now`)\n"
        "- **Email**: Must be valid\n"
    )
    entity = _entities(text)["EnrollmentRequest"]
    columns = {c.name: c for c in entity.columns}
    assert entity.stored and columns["student"].references == "User" and columns["fee_at_time_of_application"].type
    assert "email" not in columns  # a rule under a capitalised label, not a field


def test_a_field_typed_only_by_the_key_it_refers_to_and_timestamps_in_utc():
    text = (
        "# DM\n\n## Candidate\n\nFields:\n\n- id: UUID (PK)\n- created_at: TIMESTAMP UTC\n\n## AdminAction\n\nFields:\n\n"
        "- id: UUID (PK)\n- request_id: FK -> Candidate.id\n- admin_user_id: FK -> User.id (must have Administrator role)\n"
        "- created_at, updated_at: TIMESTAMP UTC\n"
    )
    keys, types = _keys(text)["AdminAction"], _types(text)["AdminAction"]
    assert keys["request_id"] == "Candidate" and keys["admin_user_id"] == "User"
    assert types["created_at"] == "timestamptz" and types["updated_at"] == "timestamptz"


def test_values_said_in_a_note_and_described_fields_of_an_attribute_list():
    text = (
        "# DM\n\n### Document\n\n| 字段 | 类型 | 必填 | 说明 | 约束 |\n|---|---|---|---|---|\n| id | UUID | 是 | 主键 | |\n"
        "| format | String(50) | 是 | 文件格式 | 枚举: pdf, doc, txt |\n\n### Issue\n\n**Attributes**:\n\n- `id`: Unique identifier\n"
        "- `severity`: Enumeration (Critical, High, Low)\n- `description`: Human-readable explanation of the issue\n"
    )
    types = _types(text)
    assert types["Document"]["format"] == "enum(pdf, doc, txt)"
    assert types["Issue"]["severity"] == "enum(Critical, High, Low)" and types["Issue"]["description"] == "text"


def test_a_past_participle_then_on_in_french_spanish_or_portuguese_is_a_moment():
    from compiler.infer import words as W

    assert W.type_from_name("demande_le") == ("timestamp", False) and W.type_from_name("criado_em")[0] == "timestamp"
    assert W.type_from_name("title")[0] != "timestamp"


def test_an_interface_named_like_a_shape_that_the_ddl_creates_is_a_table():
    from compiler.infer.code import read_code_blocks

    text = (
        "# DM\n\n```typescript\ninterface DrillResponse {\n  id: string;\n  content?: string;\n}\n"
        "interface LoginResponse {\n  token: string;\n}\n```\n\n```sql\nCREATE TABLE drill_responses (\n"
        "  id UUID PRIMARY KEY,\n  content TEXT\n);\n```\n"
    )
    entities = {e.name: e for e in read_code_blocks("data-model.md", text)[0]}
    assert entities["DrillResponse"].stored and not entities["LoginResponse"].stored


SENTENCES = (
    "# Data Model\n\n## User and Profile\n\n`users` holds the local identity: `id` (UUID), `firebase_uid` (unique), `email` "
    "(unique), and timestamps. `profiles` is a 1:1 extension keyed by `user_id`, holding `full_name`, `bio`, and "
    "timestamps.\n\n## UserSession\n\n`user_sessions` holds a server-generated UUID `id`; `user_id` is a required foreign "
    "key. It also stores nullable `device_name`, non-null `expires_at`, and timestamps.\n\n## Members\n\n`circle_members` "
    "is the authorization table with `circle_id` and `user_id` foreign keys, `role` constrained to `student | teacher`.\n\n"
    "## Notes\n\n`orders` has many `items`.\n"
)


def test_a_data_model_written_in_sentences_gives_each_table_its_columns():
    types, keys = _types(SENTENCES), _keys(SENTENCES)
    assert types["User"] == {"id": "uuid", "firebase_uid": "text", "email": "email", "created_at": "timestamp", "updated_at": "timestamp"}
    assert keys["Profile"]["user_id"] == "users" and "bio" in types["Profile"]
    session = {c.name: c for c in _entities(SENTENCES)["UserSession"].columns}
    assert session["user_id"].references == "users" and not session["device_name"].required and session["expires_at"].required
    assert types["CircleMember"]["role"] == "enum(student, teacher)" and keys["CircleMember"]["circle_id"] == "circles"
    assert "Order" not in types  # one code span after the verb is no column list
