"""What `spec2db infer` reads in Key Entities prose: attribute lists in several
languages, parentheticals, references and relationships, not-stored entities;
and the result builds and applies on PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from compiler.cli import main
from compiler.infer import infer_specs
from tests.conftest import apply_sql

SPEC = """# Feature Specification: Prose

## Requirements

### Key Entities

- **User**: An account. Attributes: unique identifier, display name, email address (unique), creation timestamp.
  Relationships: has many alerts, has one watchlist.
- **Alert**: A price alert belonging to a user. Key attributes: unique identifier, threshold price, enabled flag,
  condition (above, below or crosses), note (optional, max 300 chars).
- **Watchlist**: The symbols a user follows. Attributes: unique identifier, name (max 80 chars).
- **Task**: A to-do. Attributes: unique identifier, title, due date (optional), priority level. Many-to-many with Tag.
- **Tag**: A label. Attributes: unique identifier, name (unique).
- **Tarefa**: Uma tarefa. Atributos: identificador, título obrigatório, descrição opcional, data de criação.
- **Sesión**: La sesión del usuario, guardada en Redis. Atributos: token, expiración.
- **LoginRequest**: The body of a login call. Attributes: email, password.
"""


def infer(tmp_path: Path, text: str = SPEC):
    folder = tmp_path / "specs" / "001-prose"
    folder.mkdir(parents=True)
    (folder / "spec.md").write_text(text, encoding="utf-8")
    (result,) = infer_specs([(folder / "spec.md", "spec.md")])
    return result, {e.name: e for e in result.entities}


def columns(entity) -> dict:
    return {c.name: c for c in entity.columns}


def key_entities(tmp_path: Path, *bullets: str) -> dict:
    """infer on a spec whose Key Entities section holds `bullets`: its entities by name."""
    _, entities = infer(tmp_path, "# F\n\n## Requirements\n\n### Key Entities\n\n" + "".join(f"{b}\n" for b in bullets))
    return entities


def test_attribute_lists_and_parentheticals(tmp_path):
    _, entities = infer(tmp_path)
    user = columns(entities["User"])
    assert list(user) == ["id", "display_name", "email", "created_at"]
    assert user["email"].type == "email" and user["email"].unique
    alert = columns(entities["Alert"])
    assert alert["condition"].type == "enum(above, below, crosses)"
    assert alert["note"].type == "string(300)" and alert["note"].required is False
    assert alert["threshold_price"].type == "decimal(12, 2)"
    assert alert["user_id"].references == "User" and alert["user_id"].required
    assert columns(entities["Watchlist"])["name"].type == "string(80)"
    assert columns(entities["Tag"])["name"].unique
    assert columns(entities["Task"])["due_date"].type == "date"


def test_relationships_become_keys_and_join_tables(tmp_path):
    _, entities = infer(tmp_path)
    assert columns(entities["Watchlist"])["user_id"].references == "User"  # `has one watchlist`
    assert entities["Task"].many_to_many == ["Tag"]


def test_portuguese_and_spanish_words(tmp_path):
    _, entities = infer(tmp_path)
    tarefa = columns(entities["Tarefa"])
    assert list(tarefa) == ["id", "title", "description", "created_at"]
    assert tarefa["title"].required is True and tarefa["description"].required is False
    assert not entities["Sesión"].stored and "Redis" in entities["Sesión"].not_stored_reason
    assert not entities["LoginRequest"].stored


def test_every_prose_attribute_has_its_position(tmp_path):
    result, entities = infer(tmp_path)
    lines = SPEC.split("\n")
    for entity in entities.values():
        for column in entity.columns:
            (evidence, *_) = column.evidence
            assert evidence.kind == "prose" and evidence.span.path == "spec.md"
            line = lines[evidence.span.line - 1]
            assert evidence.span.col >= 1 and line[evidence.span.col - 1 :].strip(), (column.name, evidence)
    codes = {d.code for d in result.findings.items}
    assert {"W301", "W303"} <= codes  # guessed types and not-stored entities are said, not silent


def test_prose_only_spec_builds_and_applies_on_postgres(tmp_path, monkeypatch, pg, fresh_db):
    result, _ = infer(tmp_path)
    (tmp_path / "specs" / "001-prose" / "spec.md").write_text(result.proposed, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    build = CliRunner().invoke(main, ["build", "--out", str(tmp_path / "out"), "--no-cache"])
    assert build.exit_code == 0, build.output
    sql = next((tmp_path / "out").rglob("schema.sql")).read_text(encoding="utf-8")
    for table in ("users", "alerts", "watchlists", "tasks", "tags", "task_tags", "tarefas"):
        assert f"CREATE TABLE {table} (" in sql
    assert "sesions" not in sql.lower() and "login_requests" not in sql
    apply_sql(pg, fresh_db, sql)


@pytest.mark.parametrize(
    ("line", "column", "type_"),
    [
        ("Attributes: cover image URL", "cover_image_url", "url"),
        ("Attributes: is archived", "is_archived", "boolean"),
        ("Attributes: item count", "item_count", "integer"),
        ("Attributes: expiry timestamp", "expires_at", "timestamp"),
        ("Attributes: total amount", "total_amount", "decimal(12, 2)"),
        ("Attributes: Telegram ID", "telegram_id", "string(255)"),
        ("Attributes: status (ACTIVE/COMPLETED)", "status", "enum(ACTIVE, COMPLETED)"),
        ("属性: 名前, メールアドレス", "email", "email"),
        ("Attributs : identifiant, nom, date de création, adresse e-mail", "created_at", "timestamp"),
        ("Atrybuty: identyfikator, nazwa, data utworzenia, telefon", "phone", "string(32)"),
        ("Atributos: identificador, nombre, fecha de creación, prioridad (alta, media o baja)", "priority", "enum(alta, media, baja)"),
        ("속성: 이메일, 이름", "name", "string(200)"),
        ("Attributes: redemption timestamp", "redeemed_at", "timestamp"),
        ("Attributes: last access timestamp", "last_accessed_at", "timestamp"),
        ("Attributes: last updated timestamp", "updated_at", "timestamp"),
        ("Attributes: last login time", "last_login_at", "timestamp"),
        ("Attributes: token string, description text", "token", "string(255)"),
        ("Attributes: description text", "description", "text"),
        ("Attributes: alt text", "alt_text", "text"),
        ("Attributes: default value", "default_value", "text"),
        ("Attributes: archive flag", "is_archived", "boolean"),
        ("Attributes: user-defined name, photo count", "name", "string(200)"),
        ("Attributes: filename, dimensions", "width", "integer"),
        ("Attributes: filename, dimensions", "height", "integer"),
        ("Attributes: place, GPS coordinates", "longitude", "double"),
        ("Attributes: place ID, rating", "place_id", "string(255)"),
        ("Attributes: name, quantity, unit of measurement", "quantity", "decimal(12, 3)"),
        ("Attributes: confidence (0.0–1.0), risk score (0-100)", "confidence", "double"),
        ("Attributes: timestamp, IP address, success/failure, details", "success", "boolean"),
        ("Attributes: email, roles (administrator, auditor, member)", "roles", "text[]"),
        ("Attributes: email, status (active, suspended)", "status", "enum(active, suspended)"),
        ("Attributes: confidence (0.0–1.0), risk score (0-100)", "risk_score", "integer"),
        ("Attributes: product, quantity, unit price", "quantity", "integer"),
        ("Attributes: quantity, exchange order ID (for live orders)", "exchange_order_id", "string(255)"),
        ("Attributes: client ID, client secret", "client_id", "string(255)"),
        ("Attributes: external user ID, email", "external_user_id", "string(255)"),
    ],
)
def test_words_to_columns(tmp_path, line, column, type_):
    _, entities = infer(tmp_path, f"# F\n\n## Key Entities\n\n- **Thing**: A thing. {line}\n")
    found = columns(entities["Thing"])
    assert found[column].type == type_, found


MENTIONS = """# Feature Specification: Mentions

## Requirements

### Key Entities

- **User**: Attributes: unique identifier, email.
- **Room**: Attributes: unique identifier, name.
- **Post**: Attributes: unique identifier, title.
- **Booking**: Links a user to a room for a date range; includes check-in date, check-out date.
- **Comment**: Text written by a user on a post. Attributes: body.
- **Digest**: Collects many posts for the users who follow them. Attributes: sent date.
- **Category** (name, description, parent category)
- **Label** *(reused, not newly introduced)*: a name shown on posts.
- **Invoice**: Attributes - invoice number, issue date, amount
- **Pedido**: Una compra. Atributos: código, fecha, total.
"""


def test_an_entity_named_once_in_the_singular_is_a_key_to_it_and_a_plural_is_not(tmp_path):
    _, entities = infer(tmp_path, MENTIONS)
    booking = columns(entities["Booking"])
    assert (booking["user_id"].references, booking["room_id"].references) == ("User", "Room")
    comment = columns(entities["Comment"])
    assert (comment["user_id"].references, comment["post_id"].references) == ("User", "Post")
    assert "post_id" not in columns(entities["Digest"]) and "user_id" not in columns(entities["Digest"])


def test_lists_after_the_name_or_a_dash_label_and_accented_names(tmp_path):
    _, entities = infer(tmp_path, MENTIONS)
    category = columns(entities["Category"])
    assert list(category) == ["name", "description", "parent_id"] and category["parent_id"].references == "Category"
    assert "reused" not in columns(entities["Label"])  # `*(...)*` is a marker, not attributes
    assert list(columns(entities["Invoice"])) == ["invoice_number", "issue_date", "amount"]
    assert list(columns(entities["Pedido"])) == ["code", "date", "total"]  # `código`: read in English, as `fecha` is


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("- **Bestellung**: Eine Bestellung. Attribute: Datum, Betrag, Status.", ["date", "amount", "status"]),
        ("- **Pesanan**: Pesanan pelanggan. Atribut: tanggal, total harga, catatan (opsional).", ["date", "total_price", "notes"]),
        ("- **Alamat**: Alamat pengiriman. Memiliki nomor telepon, kota, kode pos.", ["phone", "city", "postal_code"]),
        ("- **Заказ**: Заказ клиента. Атрибуты: номер, дата создания, сумма.", ["number", "created_at", "amount"]),
        ("- **Ordine**: Un ordine. Attributi: numero, data di creazione, importo, stato.", ["number", "created_at", "amount", "status"]),
        ("- **Đơn hàng**: Thuộc tính: ngày tạo, trạng thái.", ["created_at", "status"]),
        # head noun first: read word by word, head last (data/words.json `head_first_words`)
        (
            "- **Alamat**: Alamat pengiriman — nama penerima, alamat lengkap, tanggal bergabung.",
            ["recipient_name", "full_address", "joined_at"],
        ),
        (
            "- **Cliente**: Un cliente de la tienda. Atributos: nombre del cliente, numero de documento.",
            ["customer_name", "document_number"],
        ),
        ("- **Klient**: Klient sklepu. Atrybuty: data urodzenia, adres dostawy.", ["birth_date", "delivery_address"]),
        ("- **Customer**: A buyer. Attributes: display name, data source.", ["display_name", "data_source"]),
    ],
)
def test_attribute_lists_in_more_languages(tmp_path, line, expected):
    entities = key_entities(tmp_path, line)
    (entity,) = entities.values()
    assert list(columns(entity)) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "- **Audit entry**: append-only record of one action — acting administrator, action, subject, timestamp.",
            ["acting_administrator", "action", "subject", "timestamp"],
        ),
        (
            "- **Stock**: Links a shop to goods, tracking quantity, purchase date, and storage location.",
            ["quantity", "purchase_date", "storage_location"],
        ),
        (
            "- **Contact**: existing entity; identified via its id on submissions; name derived from `firstName` + `lastName`.",
            ["first_name", "last_name"],
        ),
        ("- **Recipe**: A meal with name, servings, and a shared flag.", ["name", "servings", "is_shared"]),
    ],
)
def test_lists_after_a_dash_or_a_participle_and_fields_in_code(tmp_path, line, expected):
    entities = key_entities(tmp_path, line)
    (entity,) = entities.values()
    assert list(columns(entity)) == expected


def test_a_participle_is_a_yes_no_column_and_servings_a_count(tmp_path):
    entities = key_entities(tmp_path, "- **Visit**: Has attended, servings, speed.")
    visit = columns(entities["Visit"])
    assert (visit["attended"].type, visit["servings"].type) == ("boolean", "integer")
    assert visit["speed"].type != "boolean"


SENTENCES = """# F

## Requirements

### Key Entities

- **Customer**: a buyer.
- **Agent**: a support agent.
- **Order**: An order placed by a customer. Each order has an order number, a status, and a shipping address.
- **Shipment**: Tracks delivery of an order: carrier, tracking number, shipped date.
- **Reservation**: Captures who booked which table and when (party size, date, time slot).
- **Vehicle**: make, model, owner (Customer)
- **Event**: Contains the event's name, its venue, and the maximum capacity.
- **Student**: A learner. Key fields: `student_id`, `full_name`.
- **Invoice**
  - Invoice number (unique, auto-generated)
  - Status: draft, sent, paid
"""


def test_attribute_lists_in_the_sentences_people_write(tmp_path):
    _, entities = infer(tmp_path, SENTENCES)
    assert list(columns(entities["Order"]))[:3] == ["order_number", "status", "shipping_address"]
    assert list(columns(entities["Shipment"]))[:3] == ["carrier", "tracking_number", "shipped_at"]  # `shipped date`: when
    assert columns(entities["Shipment"])["tracking_number"].type == "string(50)"  # a number people read, not count
    assert list(columns(entities["Reservation"])) == ["party_size", "date", "time_slot"]
    vehicle = columns(entities["Vehicle"])
    assert vehicle["owner_id"].references == "Customer"
    event = columns(entities["Event"])
    assert list(event) == ["name", "venue", "maximum_capacity"] and event["maximum_capacity"].type == "integer"
    assert columns(entities["Student"])["student_id"].references is None  # its own id, not a key to itself
    invoice = columns(entities["Invoice"])
    assert invoice["invoice_number"].type == "string(50)" and invoice["status"].type == "enum(draft, sent, paid)"


def test_japanese_and_chinese_compound_attribute_names_are_read_part_by_part(tmp_path):
    entities = key_entities(
        tmp_path,
        "- **文書 (Document)**: 管理される文書。属性として文書ID、ファイル名、ファイルサイズ、アップロード日時、削除フラグを持つ",
        "- **保存された検索条件 (SavedSearch)**: 属性として検索条件ID、条件名、タグフィルタを持つ",
        "- **Permission（権限）**: アクセス権を表す。権限名（例: user.create, report.view）と説明を持つ。ロールに紐付けられる。",
    )
    assert list(columns(entities["文書"])) == ["id", "file_name", "file_size", "uploaded_at", "is_deleted"]
    assert list(columns(entities["保存された検索条件"])) == ["id", "name", "tag_filter"]
    # two items joined by と, and a colon inside an example in parentheses, which labels nothing
    assert list(columns(entities["Permission"])) == ["name", "description"]


def test_related_to_lists_keys_for_single_entities_and_nothing_for_plurals(tmp_path):
    entities = key_entities(
        tmp_path,
        "- **User**: An account with an email.",
        "- **Lesson**: A lesson with a title.",
        "- **Submission**: A submission with submission data in JSONB format, and a score. Related to User, Lesson.",
        "- **Course**: A course with a title, a price and a level. Related to Lessons, Users.",
    )
    submission = columns(entities["Submission"])
    assert submission["submission_data"].type == "jsonb"  # `in JSONB format`: the type, not part of the name
    assert (submission["user_id"].references, submission["lesson_id"].references) == ("User", "Lesson")
    assert list(columns(entities["Course"])) == ["title", "price", "level"]  # plurals: the other side holds the key


def test_an_entity_named_after_two_others_as_their_association_is_a_join_table(tmp_path):
    entities = key_entities(
        tmp_path,
        "- **Task**: a task with a title and a status.",
        "- **Tag**: a label with a name and a color.",
        "- **TaskTag**: links tasks and tags.",
        "- **角色 (Role)**: 角色。屬性：角色名稱（必填，唯一，字串）、角色描述。",
        "- **權限 (Permission)**: 權限。",
        "- **角色權限關聯 (Role-Permission)**: 記錄角色與權限之間的多對多關聯關係。",
    )
    assert [(c.name, c.references) for c in entities["TaskTag"].columns] == [("task_id", "Task"), ("tag_id", "Tag")]
    join = columns(entities["角色權限關聯"])
    assert list(join) == ["role_id", "permission_id"]
    assert join["role_id"].references in ("角色", "Role") and join["permission_id"].references in ("權限", "Permission")
    assert list(columns(entities["角色"])) == ["name", "description"]  # `（必填，唯一，字串）` stays one item


def test_bold_values_a_quantity_of_collections_and_counters(tmp_path):
    entities = key_entities(
        tmp_path,
        "- **Party**: A group. Attributes: roster cap, status (**open** — being filled / **applied** — listed / **disbanded**), "
        "arrival order. Has one or more party admins, party members, and news posts.",
    )
    party = columns(entities["Party"])
    assert list(party) == ["roster_cap", "status", "arrival_order"]
    assert party["status"].type == "enum(open, applied, disbanded)"
    assert (party["roster_cap"].type, party["arrival_order"].type) == ("integer", "integer")


def test_a_slash_list_of_event_names_is_neither_a_join_table_nor_stored(tmp_path):
    entities = key_entities(
        tmp_path,
        "- **Transfer**: a transfer with an amount and a status.",
        "- **TransferRequested / TransferCompleted / TransferFailed**: Domain events on topics `payment.transfer.requested`",
    )
    events = entities["TransferRequested / TransferCompleted / TransferFailed"]
    assert events.columns == [] and events.stored is False


def test_an_entity_named_with_assignment_is_a_key_to_it(tmp_path):
    entities = key_entities(tmp_path, "- **Album**: Attributes: name.", "- **Photo**: An image with filename and album assignment.")
    assert columns(entities["Photo"])["album_id"].references == "Album"


def test_a_field_table_in_the_spec_under_a_heading_naming_an_entity_types_it(tmp_path):
    """`#### Museum field reference` with a Field/Type table, in spec.md itself: Museum's columns; the other prose
    entities are still read from their prose, and a table under any other heading is not read."""
    _, entities = infer(
        tmp_path,
        "# F\n\n## Requirements\n\n### Key Entities\n\n- **Museum**: A museum with its metadata.\n"
        "- **Visit**: Attributes: visit date, museum reference.\n\n#### Museum field reference (authoritative)\n\n"
        "| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| museum_id | string | Yes | Slug. |\n"
        "| city | string | Yes | City. |\n| latitude | number \\| null | No | Latitude. |\n\n"
        "### Success Criteria\n\n| Field | Type |\n| --- | --- |\n| budget | integer |\n",
    )
    assert [(c.name, c.required) for c in entities["Museum"].columns] == [("museum_id", True), ("city", True), ("latitude", False)]
    assert {"visit_date", "museum_id"} <= set(columns(entities["Visit"]))
    assert not any("budget" in columns(e) for e in entities.values())


def test_nested_bullets_that_group_attributes_under_a_label(tmp_path):
    entities = key_entities(
        tmp_path,
        "- **Museum**: A cultural institution",
        "  - Identity: Unique identifier, official name, alternate names, website URL",
        "  - Location: Country, state/province, city, street address, postal code",
        "  - Status: draft, published, archived",
        "  - Title: max 200 chars, required, unique",
    )
    found = columns(entities["Museum"])
    assert {"official_name", "alternate_names", "city", "street_address", "postal_code"} <= set(found)
    assert found["status"].type == "enum(draft, published, archived)" and "max_200_chars" not in found


def test_values_before_a_status_name_are_its_values_and_one_or_more_and_p_and_l_are_one_phrase(tmp_path):
    """`a Pending/Paid payment status`: an enum named payment_status; `open/close times` are no values;
    `P&L` is one word and `one or more signal rules` one phrase (no `one` column)."""
    from compiler.diagnostics import Diagnostics
    from compiler.frontend.markdown import parse_spec
    from compiler.infer.prose import entity_blocks, read_prose

    text = (
        "# F\n\n## Key Entities\n\n- **Order**: A purchase; has a Pending/Paid payment status, open/close times and a total amount.\n"
        "- **Strategy**: A configuration with a name, a P&L figure and one or more signal rules.\n"
        "- **Plan**: A named configuration that targets one asset; has an Active/Paused lifecycle status.\n"
    )
    spec = parse_spec("spec.md", text, Diagnostics())
    lines = text.split("\n")
    blocks = entity_blocks(text, spec)
    names = [b.decl.name for b in blocks]
    order, strategy, plan = (read_prose("spec.md", lines, b, names, Diagnostics()).entity for b in blocks)
    # one item after `;`, and `A named configuration` has a name
    assert [(c.name, c.type) for c in plan.columns] == [("lifecycle_status", "enum(Active, Paused)"), ("name", "string(200)")]
    assert ("payment_status", "enum(Pending, Paid)") in [(c.name, c.type) for c in order.columns]
    assert not any(c.type and c.type.startswith("enum(open") for c in order.columns)
    assert "one" not in [c.name for c in strategy.columns] and not any(c.name in ("p", "l") for c in strategy.columns)


def test_source_assigned_and_associated_name_a_key_when_an_entity_follows():
    from compiler.diagnostics import Diagnostics
    from compiler.frontend.markdown import parse_spec
    from compiler.infer.prose import entity_blocks, read_prose

    text = (
        "# F\n\n## Key Entities\n\n- **Meal Plan**: a week of meals.\n"
        "- **Grocery List**: Key attributes: generation date, source meal plan, source language.\n"
    )
    spec = parse_spec("spec.md", text, Diagnostics())
    blocks = entity_blocks(text, spec)
    grocery = read_prose("spec.md", text.split("\n"), blocks[1], [b.decl.name for b in blocks], Diagnostics()).entity
    columns = {c.name: c.references for c in grocery.columns}
    assert columns.get("meal_plan_id") == "Meal Plan" and "source_language" in columns and columns["source_language"] is None


def test_qualified_keys_hyphened_moments_alternatives_and_collections(tmp_path):
    entities = key_entities(
        tmp_path,
        "- **Project**: A workspace. Key attributes: unique identifier, name.",
        "- **Conversation**: A chat thread. Key attributes: unique identifier, owning session reference, user-editable"
        " title, last-updated timestamp, associated project identifier, name/title. It belongs to one session and"
        " contains zero or more messages, proposals, and recommendations.",
        "- **Recipe**: A dish. Key attributes: unique identifier, cook time, dietary tags, ingredients through a"
        " many-to-many relationship.",
    )
    conversation = columns(entities["Conversation"])
    assert list(conversation) == ["id", "session_id", "title", "updated_at", "project_id", "name"]
    assert conversation["project_id"].references == "Project"
    assert conversation["updated_at"].type == "timestamp"
    recipe = columns(entities["Recipe"])
    assert list(recipe) == ["id", "cook_time", "dietary_tags"]
    assert recipe["cook_time"].type == "integer" and recipe["dietary_tags"].type == "text[]"


def test_owned_and_scoped_keys_and_a_plural_subject_saying_not_persisted(tmp_path):
    entities = key_entities(
        tmp_path,
        "- **User**: An account. Key attributes: unique identifier, email.",
        "- **Strategy**: A named, user-owned configuration. Key attributes: unique identifier, name.",
        "- **Chat Panel**: A viewport. Key attributes: panel identifier, width percentage. Panels are not persisted on the server.",
        "- **Alert**: An event. Key attributes: unique identifier, trigger timestamp.",
    )
    assert columns(entities["Strategy"])["user_id"].references == "User"
    assert not entities["Chat Panel"].stored
    assert "triggered_at" in columns(entities["Alert"])


def test_a_partly_typed_entity_gets_only_its_unparsed_lines_rewritten(tmp_path):
    text = (
        "# F\n\n## Key Entities\n\n### Entity: Link\n- Id: GUID (primary key)\n"
        "- OriginalUrl: string (required, validated)\n- IsActive: boolean\n"
    )
    result, _ = infer(tmp_path, text)
    assert "- `original_url`: text, required" in result.proposed
    assert "- Id: GUID (primary key)\n" in result.proposed and "- IsActive: boolean\n" in result.proposed
    assert "OriginalUrl: string (required, validated)" not in result.proposed
    (tmp_path / "specs" / "001-prose" / "spec.md").write_text(result.proposed, encoding="utf-8")
    (again,) = infer_specs([(tmp_path / "specs" / "001-prose" / "spec.md", "spec.md")])
    assert again.proposed == result.proposed  # idempotent


def test_a_list_opened_after_a_clause_an_association_and_an_actor_noun(tmp_path):
    entities = key_entities(
        tmp_path,
        "- **User**: An account. Key attributes: unique identifier, email.",
        "- **Project**: A workspace. Key attributes: unique identifier, name.",
        "- **Document**: Represents an uploaded file and its metadata, including title, category, size, project"
        " association, uploader, and current access state.",
    )
    document = columns(entities["Document"])
    assert "represents_an_uploaded_file" not in document and "title" in document
    assert document["project_id"].references == "Project"
    assert document["uploader"].references == "User"


def test_a_name_with_its_type_in_parentheses_then_its_text(tmp_path):
    entities = key_entities(
        tmp_path,
        "- **Task**: A to-do item with the following attributes:",
        "  - ID (GUID): Unique identifier assigned at creation",
        '  - Status (enum): Either "incomplete" or "complete"',
        "  - CreatedAt (UTC timestamp): When the task was created",
        "  - DueDate (date in YYYY-MM-DD format, optional): Target completion date",
    )
    task = columns(entities["Task"])
    assert task["status"].type == "enum(incomplete, complete)"
    assert task["created_at"].type == "timestamp" and task["due_date"].type == "date" and task["due_date"].required is False


def test_a_bold_name_a_paragraph_and_field_bullets_are_one_entity(tmp_path):
    text = (
        "# F\n\n## Requirements\n\n### Key Entities\n\n**Document Entity**\n\nRepresents an uploaded document.\n\n"
        "- **DocumentId**: Integer, primary key, auto-increment\n- **Title**: String (200 max), required - the title\n"
        "- **FileSize**: Long, required - file size in bytes\n"
    )
    result, entities = infer(tmp_path, text)
    assert set(entities) == {"Document"}
    document = columns(entities["Document"])
    assert document["document_id"].type == "integer" and document["title"].type == "string(200)"
    assert document["file_size"].type == "bigint"
    assert "- **Document**: Represents an uploaded document.\n" in result.proposed
    assert "- **Title**: String" not in result.proposed


def test_an_instance_of_another_entity_and_a_participle_before_its_name_are_keys(tmp_path):
    entities = key_entities(
        tmp_path,
        "- **Task**: A unit of work. Key attributes: unique identifier, title.",
        "- **Project**: A workspace. Key attributes: unique identifier, name.",
        "- **Task Run**: Represents execution instances of tasks. Key attributes: started at, finished at.",
        "- **Watch**: An association between a tracked project and its watchers. Key attributes: created at, status tracking.",
    )
    assert columns(entities["Task Run"])["task_id"].references == "Task"
    watch = columns(entities["Watch"])
    assert watch["project_id"].references == "Project" and "status" in watch


def test_an_associated_entity_nobody_declares_is_still_a_key_column(tmp_path):
    entities = key_entities(
        tmp_path,
        "- **Document**: A file. Key attributes: title, associated project, associated email, related articles.",
    )
    document = columns(entities["Document"])
    assert "project_id" in document and document["project_id"].references is None  # W304: no Project to point at
    assert "associated_email" in document or "email" in document


def test_an_entity_without_attributes_that_others_refer_to_keeps_its_key(tmp_path):
    """`User` names no attribute, yet Coin and FeaturedCoin refer to it: proposed with its key only (W316),
    so their foreign keys stay; one the prose calls existing is an *(external)* table instead."""
    result, entities = infer(
        tmp_path,
        "# F\n\n## Requirements\n\n### Key Entities\n\n"
        "- **User**: authenticated principal; owns coins.\n"
        "- **Coin**: a coin with a title, belonging to a user.\n"
        "- **Account**: kept by the existing billing feature.\n"
        "- **Grant**: Key attributes: name, account reference.\n",
    )
    assert [(c.name, c.type, c.primary_key) for c in entities["User"].columns] == [("id", "uuid", True)]
    assert columns(entities["Coin"])["user_id"].references == "User"
    assert entities["Account"].external and not entities["Account"].columns
    assert columns(entities["Grant"])["account_id"].references == "Account"
    assert sorted(d.code for d in result.findings.items if d.code == "W316") == ["W316", "W316"]
    assert "- **Account** *(external)*:" in result.proposed and "- `id`: uuid, primary key" in result.proposed


def test_a_field_described_as_another_entity_is_a_key_to_it(tmp_path):
    entities = key_entities(
        tmp_path,
        "- **User**: A person with an email and a name.",
        "- **Shopping List**: A list of items with a name and a description.",
        "- **List Collaborator**: A user's access to a list",
        "  - **User**: The user with access to the list",
        "  - **List**: The shopping list being accessed",
        "  - **Title**: The user's title",
        "  - **Label**: The shopping list name",
    )
    collaborator = columns(entities["List Collaborator"])
    assert (collaborator["user_id"].references, collaborator["list_id"].references) == ("User", "shopping_lists")
    assert collaborator["title"].references is None and collaborator["label"].references is None


def test_a_sentence_about_the_entitys_head_noun_and_the_table_it_is_stored_in(tmp_path):
    entities = key_entities(
        tmp_path,
        "- **Sentiment Score**: A periodic classification. Each score carries a confidence value, a rationale, "
        "and a label. Stored in `app_sentiment_scores` and optionally pushed to Telegram.",
    )
    score = entities["Sentiment Score"]
    assert score.table == "app_sentiment_scores"
    assert {"confidence", "rationale", "label"} <= set(columns(score)) and "app_sentiment_scores" not in columns(score)


def test_a_participle_before_an_entity_still_names_it(tmp_path):
    entities = key_entities(
        tmp_path,
        "- **Alert**: A fired signal with a title and a value.",
        "- **Strategy**: A plan with a name and a status.",
        "- **Trade Order**: A trade with a side and a quantity. Links to the originating alert and the selected strategy.",
    )
    order = columns(entities["Trade Order"])
    assert (order["alert_id"].references, order["strategy_id"].references) == ("Alert", "Strategy")


def test_a_groups_qualifier_names_its_generic_members(tmp_path):
    entities = key_entities(
        tmp_path,
        "- **RefreshToken**: A token with token string, creation details (timestamp, IP), revocation details "
        "(timestamp, IP, reason), and profile information (name, image).",
    )
    names = list(columns(entities["RefreshToken"]))
    assert {"created_at", "creation_ip", "revoked_at", "revocation_ip", "revocation_reason", "name", "image"} <= set(names)


def test_a_user_the_prose_names_with_no_user_entity_is_an_external_users_table(tmp_path):
    """`owner`, `target user`, `DeletedById reference`: keys to the application's users, which no spec declares
    here, so a foreign key to an *(external)* User (W304), not an unlinked id."""
    result, entities = infer(
        tmp_path,
        "# F\n\n## Requirements\n\n### Key Entities\n\n"
        "- **Shopping List**: A list with a name, an owner, and a description.\n"
        "- **Invitation**: An invitation with a kind, a target user, and an expiry timestamp.\n"
        "- **Category**: A category with a name and a DeletedById reference (nullable, user who deleted it).\n",
    )
    assert entities["User"].external
    assert columns(entities["Shopping List"])["owner"].references == "User"
    assert columns(entities["Invitation"])["target_user"].references == "User"
    assert "deleted_by_id" in columns(entities["Category"])
    assert "- **User** *(external)*" in result.proposed
    assert any(d.code == "W304" and "Shopping List.owner" in d.message for d in result.findings.items)


def test_parentheses_of_examples_are_no_attributes(tmp_path):
    entities = key_entities(
        tmp_path,
        "- **Permission**: Represents specific system permissions (e.g., role.read, category.create) with a code and a description.",
        "- **Amenity**: Feature checklist item (such as Pool, Gym) with a name and a status (e.g., active, hidden).",
    )
    assert list(columns(entities["Permission"])) == ["code", "description"]
    amenity = columns(entities["Amenity"])
    assert list(amenity) == ["name", "status"] and amenity["status"].type == "string(50)"  # examples: no closed list


def test_one_attribute_after_with_when_its_words_name_a_field(tmp_path):
    entities = key_entities(
        tmp_path,
        "- **Role**: Represents user authorization roles with a unique name.",
        "- **Ticket**: Something handled with care.",
    )
    role = columns(entities["Role"])
    assert list(role) == ["name"] and role["name"].unique
    assert not entities["Ticket"].columns


def test_an_entity_named_by_its_last_word_is_the_one_whose_name_ends_so(tmp_path):
    entities = key_entities(
        tmp_path,
        "- **PropertyCategory**: High-level category with unique slug, display order, and status.",
        "- **PropertyType**: Specific property classification belonging to a Category.",
    )
    assert columns(entities["PropertyType"])["property_category_id"].references == "PropertyCategory"


def test_a_list_about_all_the_entitys_records_names_each_records_attributes(tmp_path):
    entities = key_entities(tmp_path, "- **File**: Tracks uploaded files, storage paths, MIME types, and checksums.")
    assert list(columns(entities["File"])) == ["storage_path", "mime_type", "checksum"]


def test_where_an_entity_is_written_down_is_no_attribute(tmp_path):
    entities = key_entities(
        tmp_path,
        "- **ClientTemplate**: reusable limit template — table `client_template`, schema `api/schemas/ClientTemplate.yaml`, "
        "model `app/Models/ClientTemplate.php`, template type, name.",
        "- **MailUserFilter**: mailbox filter rule — table `mail_user_filter`, requests "
        "`app/Http/Requests/{Store,Update}MailUserFilterRequest.php` + `MailUserFilterRequest.php`, rendering "
        "`app/Services/MailUserFilterService.php`, rule name.",
    )
    template = entities["ClientTemplate"]
    assert template.table == "client_template" and list(columns(template)) == ["template_type", "name"]
    assert list(columns(entities["MailUserFilter"])) == ["rule_name"]  # a file, whatever the word before it


def test_shared_heads_lifecycle_values_and_computed_phrases(tmp_path):
    result, entities = infer(
        tmp_path,
        "# F\n\n## Requirements\n\n### Key Entities\n\n"
        "- **Invoice**: Header-detail pattern with status lifecycle (Draft→Posted→Cancelled), payment type, "
        "financial totals computed in domain, purchase/sale prices, success/failure.\n",
    )
    invoice = columns(entities["Invoice"])
    assert list(invoice) == ["status", "payment_type", "purchase_price", "sale_price", "success"]
    assert invoice["status"].type == "enum(Draft, Posted, Cancelled)"
    assert any(d.code == "W302" and "financial totals computed" in d.message for d in result.findings.items)


def test_parentheses_after_the_name_qualify_when_the_text_lists_the_attributes(tmp_path):
    entities = key_entities(
        tmp_path,
        "- **Act** (PF, provisório): mesmo núcleo do Collaborator — nome, email, CPF, área de atuação.",
        "- **Shelf** (name, position, capacity)",
    )
    assert "pf" not in columns(entities["Act"]) and {"name", "email", "cpf"} <= set(columns(entities["Act"]))
    assert set(columns(entities["Shelf"])) == {"name", "position", "capacity"}


def test_qualifiers_counts_and_a_named_entity(tmp_path):
    """`a short LLM-generated rationale` is a rationale, `the count of news items analysed` a news_item_count,
    and `A named, user-owned configuration` has a name."""
    entities = key_entities(
        tmp_path,
        "- **Sentiment Score**: Each score carries a confidence value (0.0–1.0), a short LLM-generated rationale, "
        "and the count of news items analysed.",
        "- **Strategy**: A named, user-owned configuration; has an Active/Paused status.",
        "- **Shelf**: has a label, the number of books and a cached summary.",
    )
    assert set(columns(entities["Sentiment Score"])) == {"confidence", "rationale", "news_item_count"}
    assert columns(entities["Sentiment Score"])["news_item_count"].type == "integer"
    assert {"name", "status"} <= set(columns(entities["Strategy"]))
    assert set(columns(entities["Shelf"])) == {"label", "book_count", "summary"}


def test_sentences_about_entities_under_a_cardinalities_heading_are_no_fields(tmp_path):
    """`#### Cardinalities` under Key Entities holds sentences about the entities, never rewritten as columns;
    `references to `PRODUCER`` is a key to it."""
    text = (
        "# F\n\n## Requirements\n\n### Key Entities\n\n"
        "- **PRODUCER**: Canonical producer.\n"
        "- **WINE**: Wine master data. Core attributes: name, wine type, references to `PRODUCER`.\n"
        "- **BOTTLE**: One bottle.\n  - `WINE` references exactly one `PRODUCER`.\n\n"
        "#### Cardinalities\n\n- `WINE` references exactly one `PRODUCER`.\n- `BOTTLE` belongs to exactly one `WINE`.\n"
    )
    result, entities = infer(tmp_path, text)
    assert "Cardinalities" not in entities
    assert columns(entities["WINE"])["producer_id"].references == "PRODUCER"
    assert "wine_references_exactly_one_producer" not in columns(entities["BOTTLE"])
    assert "- `WINE` references exactly one `PRODUCER`.\n- `BOTTLE` belongs to exactly one `WINE`.\n" in result.proposed


def test_a_phrase_with_a_preposition_inside_is_a_clause_unless_it_ends_in_a_unit(tmp_path):
    entities = key_entities(
        tmp_path,
        "- **Chart**: Key attributes: name, installable via helm install command, GPS coordinates as latitude, "
        "total time spent in minutes, date of birth.",
    )
    assert list(columns(entities["Chart"])) == ["name", "total_time_spent_in_minutes", "date_of_birth"]


def test_a_constant_after_an_attribute_is_its_value_not_part_of_its_name(tmp_path):
    entities = key_entities(
        tmp_path,
        "- **Import Event**: Records the actor, event type `CSV_IMPORT`, and rows skipped count.",
        "- **Flag**: Key attributes: name, FEATURE_FLAG_KEY.",
    )
    assert "event_type" in columns(entities["Import Event"])
    assert list(columns(entities["Flag"])) == ["name", "feature_flag_key"]


def test_the_kinds_a_log_records_are_the_values_of_a_column(tmp_path):
    """`Document Activity: an auditable action taken on a document, such as upload, download, delete, or share`:
    an `action` column with those values; a non-log entity's examples stay examples."""
    entities = key_entities(
        tmp_path,
        "- **Document**: A stored file with a title.",
        "- **Document Activity**: Represents an auditable action taken on a document, such as upload, download, delete, or share.",
        "- **Room**: A bookable space, such as office, lab or hall, with a name.",
    )
    assert columns(entities["Document Activity"])["action"].type == "enum(upload, download, delete, share)"
    assert "action" not in columns(entities["Room"]) and "office" not in columns(entities["Room"])


def test_bullets_under_a_relationships_sub_heading_of_an_entity_heading_are_no_fields(tmp_path):
    _, entities = infer(
        tmp_path,
        "# F\n\n## Requirements\n\n### Key Entities\n\n#### Task\n\nA to-do. Key attributes: title, due date.\n\n"
        "##### Relationships\n\n- **User** has many tasks\n- belongs to a project board\n",
    )
    # (the relationship is read as one: a key to the project board, which no spec declares; no field named after a bullet)
    assert set(columns(entities["Task"])) == {"title", "due_date", "project_board_id"}


def test_entities_after_a_heading_that_gives_a_bullet_entitys_fields_are_read(tmp_path):
    _, entities = infer(
        tmp_path,
        "# F\n\n## Requirements\n\n### Key Entities\n\n- **Museum**: A venue. Key attributes: name, city.\n\n"
        "#### Museum field reference\n\n| Field | Type | Notes |\n|---|---|---|\n| name | string(100) | required |\n\n"
        "- **Exhibit**: An exhibit in a museum. Key attributes: title, museum reference, start date.\n",
    )
    assert set(entities) == {"Museum", "Exhibit"}
    assert set(columns(entities["Exhibit"])) == {"title", "museum_id", "start_date"}


def test_etc_ends_a_list_and_is_no_column(tmp_path):
    entities = key_entities(tmp_path, "- **Order**: A purchase. Key attributes: total amount, status, and so on, etc.")
    assert set(columns(entities["Order"])) == {"total_amount", "status"}


def test_a_description_in_clauses_is_no_list_of_fields(tmp_path):
    entities = key_entities(
        tmp_path,
        "- **User** — authenticated principal; owns coins; may hold passkey credentials and an admin role.",
        "- **Coin** — a coin a user owns. Key attributes: name, year.",
    )
    assert not {"owns_coins", "may_hold_passkey_credentials", "authenticated_principal"} & set(columns(entities["User"]))


def test_a_later_features_change_notes_name_the_fields_they_add(tmp_path):
    entities = key_entities(
        tmp_path,
        "- **Meal Plan**: A plan. Key attributes: name, start date.",
        "- **Grocery List**: Add optional relationship to meal plan (nullable). Add name/title attribute for standalone lists.",
        '- **Grocery Item**: Add "source type" attribute to distinguish generated items. Add "deleted at" soft delete timestamp.',
        "- **Tarea**: Agregar campo prioridad. Add a new feature for users.",
    )
    grocery_list = columns(entities["Grocery List"])
    assert set(grocery_list) == {"meal_plan_id", "name"} and not grocery_list["meal_plan_id"].required
    assert set(columns(entities["Grocery Item"])) == {"source_type", "deleted_at"}
    assert columns(entities["Grocery Item"])["deleted_at"].type == "timestamp"
    assert set(columns(entities["Tarea"])) == {"priority"}


def test_whose_an_entity_is_and_what_it_is_related_to_are_keys(tmp_path):
    entities = key_entities(
        tmp_path,
        "- **User**: An account. Key attributes: email, name.",
        "- **Product**: An item for sale. Key attributes: name, sku.",
        "- **Meal Plan**: Represents a user's planned meals for a date range. Attributes include name, start date.",
        "- **Product Price**: A product's price on one price list. Attributes: price (monetary). Updated when the user's mood changes.",
        "- **RefreshToken**: Represents a refresh token with token string. Related to User with cascade delete.",
    )
    assert columns(entities["Meal Plan"])["user_id"].references == "User"
    assert set(columns(entities["Product Price"])) == {"price", "product_id"}  # the first sentence says whose it is
    assert columns(entities["RefreshToken"])["user_id"].references == "User"


def test_an_entitys_own_id_named_by_its_name_is_its_key_not_a_key_to_another(tmp_path):
    entities = key_entities(
        tmp_path,
        "- **User**: An account. Key attributes: user ID, name, email.",
        "- **Service Principal**: A service account. Key attributes: service ID, service name.",
        "- **Task**: A to-do. Key attributes: task ID, title.",
        "- **Task Run**: One run of a task. Key attributes: task ID, started at.",
    )
    assert columns(entities["User"])["user_id"].primary_key and columns(entities["User"])["user_id"].references is None
    assert columns(entities["Service Principal"])["service_id"].primary_key
    run = columns(entities["Task Run"])["task_id"]
    assert run.references == "Task" and not run.primary_key


def test_identifiers_in_the_plural_are_a_list_of_ids(tmp_path):
    entities = key_entities(tmp_path, "- **Organization**: A tenant. Key attributes: name, approved blockchain identifiers.")
    assert columns(entities["Organization"])["approved_blockchain_ids"].type == "jsonb"


def test_a_key_value_entity_has_a_key_and_a_value_and_a_key_value_store_is_where_not_what(tmp_path):
    entities = key_entities(
        tmp_path,
        "- **AppSetting** — key-value admin configuration (AI provider, schedule windows, etc.).",
        "- **Preference**: A user preference, mirrored to a key-value store. Key attributes: theme, language.",
    )
    setting = columns(entities["AppSetting"])
    assert set(setting) == {"key", "value"} and setting["key"].unique
    assert not {"key", "value"} & set(columns(entities["Preference"]))


def test_a_clause_in_a_list_is_no_field(tmp_path):
    entities = key_entities(
        tmp_path, "- **Comment**: A note on a class. Attributes: principle, justification, when applicable, to its interface."
    )
    assert set(columns(entities["Comment"])) == {"principle", "justification"}


def test_a_listed_field_is_required_unless_optional_conditional_a_later_moment_or_usually_left_empty(tmp_path):
    entities = key_entities(
        tmp_path,
        "- **Note**: A note. Key attributes: title, description, cover image URL, email address,"
        " completed at, area (customers only), parent ID.",
    )
    required = {name: column.required for name, column in columns(entities["Note"]).items()}
    assert required["title"] is True and required["email"] is True
    assert not required["description"] and not required["cover_image_url"] and not required["completed_at"]
    assert not required["area"] and not required["parent_id"]


def test_a_description_that_lists_what_the_entity_holds_inside_another(tmp_path):
    """`Product and quantity inside a cart`, `Product, quantity, and unit price within an order`: the items are
    fields (an entity a key to it) and the container a key; `A record of the payment for an order` lists nothing."""
    entities = key_entities(
        tmp_path,
        "- **Cart**: Active collection of products a customer intends to buy.",
        "- **Product**: An item for sale with name and price.",
        "- **Cart Item**: Product and quantity inside a cart.",
        "- **Order Line**: Product, quantity, and unit price within an order.",
        "- **Order**: A confirmed purchase.",
        "- **Receipt**: A record of the payment for an order.",
    )
    item = columns(entities["Cart Item"])
    assert item["product_id"].references == "Product" and item["quantity"].type == "integer"
    assert item["cart_id"].references == "Cart"
    line = columns(entities["Order Line"])
    assert {"product_id", "quantity", "unit_price", "order_id"} <= set(line)
    assert not {"a_record", "record"} & set(columns(entities["Receipt"]))


def test_a_request_object_is_still_no_table(tmp_path):
    from compiler.infer.prose import not_stored_name

    assert not_stored_name("LeaveRequest") is None and not_stored_name("CreateBookingRequest") is not None


def test_a_description_that_is_only_a_list_in_parentheses_with_values_in_brackets(tmp_path):
    """`- **Source**: (Type [RSS, X, LinkedIn], URL/Handle, Tags, ReliabilityScore).`: the fields, the first with its
    values in brackets; `PullRequest` is GitHub's record, not a request object."""
    entities = key_entities(
        tmp_path,
        "- **Source**: (Type [RSS, X, LinkedIn], URL/Handle, Tags, ReliabilityScore).",
        "- **PullRequest**: A specific PR (Title, Body, State, CreatedAt, Author, IsMerged).",
    )
    source = columns(entities["Source"])
    assert source["type"].type == "enum(RSS, X, LinkedIn)" and {"url", "tags", "reliability_score"} <= set(source)
    assert entities["PullRequest"].stored and {"title", "body", "is_merged"} <= set(columns(entities["PullRequest"]))


def test_a_link_between_two_entities_keys_both(tmp_path):
    entities = key_entities(
        tmp_path,
        "- **SourceRegistration**: A followed source. Attributes: `providerId`, `displayName`.",
        "- **SourceTag**: Link between a `SourceRegistration` and a `Tag` entity to track interests per source.",
    )
    tag = columns(entities["SourceTag"])
    # Tag is declared by no spec: its key stays a plain column (W304), at the word that names it
    assert {n: (c.type, c.references) for n, c in tag.items()} == {
        "source_registration_id": ("uuid", "SourceRegistration"),
        "tag_id": ("uuid", None),
    }
    line = "- **SourceTag**: Link between a `SourceRegistration` and a `Tag` entity to track interests per source."
    assert tag["tag_id"].evidence[0].span.col == line.index("Tag`") + 1
    # two capitalised words that are no entities are no link (`between USD and EUR`)
    rate = key_entities(tmp_path / "rate", "- **Exchange Rate**: The mapping between USD and EUR. Has a value, a date.")
    assert not {"usd_id", "eur_id"} & set(columns(rate["Exchange Rate"]))


def test_a_markdown_link_to_an_entity_is_its_name(tmp_path):
    entities = key_entities(
        tmp_path,
        "- **Customer**: A buyer. Has a name, an email.",
        "- **Order**: A purchase. Has a total, a [Customer](#customer) reference.",
    )
    assert columns(entities["Order"])["customer_id"].references == "Customer"


def test_contains_lists_whether_flags_and_references_to_a_word_that_ends_an_entity(tmp_path):
    """`Contains reference to sample, reference to tag, ..., and whether it was inherited from parent`: keys to
    Sample and to the Sample Metadata Tag (the one entity whose name ends with `tag`), a flag named by its
    participle; `tag name` of the tag is its name."""
    entities = key_entities(
        tmp_path,
        "- **Sample Metadata Tag**: A reusable tag. Contains tag name and standard data dictionary attributes.",
        "- **Sample Tag Association**: Links a sample to tags. Contains reference to sample, reference to tag, "
        "and whether it was inherited from parent.",
        "- **Sample**: A specimen. Has a barcode, a collection date.",
    )
    assert "name" in columns(entities["Sample Metadata Tag"])
    link = columns(entities["Sample Tag Association"])
    # (a reference names an entity whose name has spaces by its table)
    assert link["sample_id"].references == "Sample" and link["tag_id"].references == "sample_metadata_tags"
    assert link["is_inherited"].type == "boolean"
    flags = key_entities(tmp_path / "flags", "- **Coupon**: A discount. Has a code, and whether it is still valid.")
    assert "is_valid" in columns(flags["Coupon"]) and "is_still" not in columns(flags["Coupon"])


def test_words_that_end_an_entitys_name_are_a_key_to_it_named_as_written(tmp_path):
    """`Cached mean and standard deviation for a control lot` beside a QC Control Lot: control_lot_id, a key to it."""
    entities = key_entities(
        tmp_path,
        "- **QC Control Lot**: A lot of control material. Has a lot number, an expiry date.",
        "- **QC Statistics**: Cached mean and standard deviation for a control lot, recalculated per method.",
    )
    assert columns(entities["QC Statistics"])["control_lot_id"].references == "qc_control_lots"


def test_current_state_and_irregular_participles_of_moments(tmp_path):
    """`current state (Draft, Sent)` is the state; `sent date/time` is sent_at, as `creation date/time` is created_at."""
    entities = key_entities(
        tmp_path,
        "- **Box**: A container. Key attributes: unique Box ID, creation date/time, current state (Draft, Sent), sent date/time, notes",
    )
    box = columns(entities["Box"])
    assert box["state"].type == "enum(Draft, Sent)"
    assert box["sent_at"].type == box["created_at"].type == "timestamp"


def test_rows_that_nest_have_a_parent_of_their_own_kind(tmp_path):
    """`supports parent-child relationships`, `层级分类` beside 分类, `hierarchical categories`: a `parent_id` key to
    the entity itself; `the org hierarchy` in a User says nothing of users nesting, and a clause after the list
    (`supports parent-child threads`) is no attribute."""
    entities = key_entities(
        tmp_path,
        "- **Category (分类)**: 笔记的层级分类组织，支持多种视图",
        "- **Folder**: Hierarchical folders of documents, with name and path.",
        "- **Comment**: A text on a post, with author and body; supports parent-child threads.",
        "- **Employee**: A person in the org hierarchy, with name and email.",
    )
    for name in ("Category", "Folder", "Comment"):
        parent = columns(entities[name])["parent_id"]
        assert parent.references == name and not parent.required
    assert "parent_id" not in columns(entities["Employee"])
    assert "supports_parent_child_threads" not in columns(entities["Comment"])


def test_chinese_names_joined_by_and_are_two_attributes(tmp_path):
    """`包含偏好设置和权限信息` (contains preferences and permissions): two names joined by 和; `角色與權限之間的多對多關聯`
    (the many-to-many link between roles and permissions) is a phrase, not a list."""
    entities = key_entities(
        tmp_path,
        "- **User (用户)**: 笔记的所有者，包含偏好设置和权限信息",
        "- **Note (笔记)**: 核心数据实体，包含标题、内容、元数据、AI处理结果",
    )
    assert list(columns(entities["User"])) == ["preferences", "permissions"]
    assert list(columns(entities["Note"])) == ["title", "content", "metadata", "ai_result"]


def test_nested_attributes_typed_in_their_parentheses(tmp_path):
    """`(string, required)` is a type and a modifier, no values; `ISO date string` a date kept as text, `number in
    minutes` an integer, `array of actor names` text[]; a colon inside the parentheses belongs to the hint; `array of
    Movie Release objects` is the other side of a one-to-many, a key in each release."""
    entities = key_entities(
        tmp_path,
        "- **Movie Release**: Represents a release with attributes:\n  - Genre (string, required)\n"
        "  - Release date (ISO date string, required)\n  - Runtime (number in minutes, optional)\n"
        "  - Cast (array of actor names, top 3-4)\n",
        '- **Distribution Category**: Groups movies:\n  - Category name (string: "Wide Release", "Bollywood / Hindi")\n'
        "  - Releases (array of Movie Release objects)\n",
    )
    release = columns(entities["Movie Release"])
    assert release["genre"].type == "text" and release["genre"].required
    assert release["release_date"].type == "date" and release["runtime"].type == "integer" and not release["runtime"].required
    assert release["cast"].type == "text[]"
    assert release["distribution_category_id"].references in ("Distribution Category", "distribution_categories")
    assert "name" in columns(entities["Distribution Category"]) and "releases" not in columns(entities["Distribution Category"])


def test_what_looks_like_the_new_prose_rules_but_is_not(tmp_path):
    """Review of session 17: `can approve leave` stays a flag; `Project and Task form a parent-child relationship`
    is between two entities; `non-hierarchical` and `no nested` say no parent; `array of Track IDs` is no
    one-to-many (no key in Track); 成绩及格线 (the passing mark) is one word, not two joined by 及."""
    entities = key_entities(
        tmp_path,
        "- **Role**: A set of rights, with a name, can approve leave, can edit policies.",
        "- **Project**: A body of work. Project and Task form a parent-child relationship.",
        "- **Task**: A piece of work, with title and due date.",
        "- **Tag**: Flat, non-hierarchical tags (no parent-child nesting), with name and color.",
        "- **Track**: A song, with title and duration.",
        "- **Playlist**: A list of songs, with name; Tracks (array of Track IDs).",
        "- **Event (活动)**: 包含参与者名单、成绩及格线",
    )
    assert {"can_approve_leave", "can_edit_policies"} <= set(columns(entities["Role"]))
    assert "parent_id" not in columns(entities["Project"]) and "parent_id" not in columns(entities["Tag"])
    assert "playlist_id" not in columns(entities["Track"])
    assert columns(entities["Event"]) == {}  # (two words W302 reports, not 成绩 and a fragment 格线)


def test_parentheses_stay_with_their_item_when_and_splits_the_list_and_two_moments_share_a_head(tmp_path):
    """`a mode (focus/mixed) and a name`: the values stay with `mode`; `start/end time` and `start and end time` are
    two moments."""
    entities = key_entities(
        tmp_path,
        "- **Walk**: A walk with start/end time and a mode (focus/mixed).",
        "- **Trip**: A trip with start and end time, and a name.",
    )
    walk = columns(entities["Walk"])
    assert list(walk) == ["started_at", "ended_at", "mode"] and walk["mode"].type == "enum(focus, mixed)"
    assert list(columns(entities["Trip"])) == ["started_at", "ended_at", "name"]


def test_the_date_something_happened_is_a_moment_and_a_calendar_date_a_day(tmp_path):
    """`upload date`, `shared date`, `transaction date`: when it happened (a timestamp, W301); `due date`, `start date`,
    `birth date`: a day."""
    entities = key_entities(
        tmp_path, "- **Document**: Has an upload date, a shared date, a transaction date, a due date, a start date and a birth date."
    )
    types = {name: column.type for name, column in columns(entities["Document"]).items()}
    assert types == {
        "upload_date": "timestamp",
        "shared_at": "timestamp",  # (`shared date`: the moment it was shared)
        "transaction_date": "timestamp",
        "due_date": "date",
        "start_date": "date",
        "birth_date": "date",
    }
