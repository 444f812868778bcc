"""Records named like request or configuration shapes, and the prose lists, groups and pairs that name their fields
(session 21), each next to the ordinary inputs the rule must leave alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from compiler.infer import infer_specs


def _stored(tmp_path: Path, bullets: str) -> dict[str, bool]:
    feature = tmp_path / "specs" / "001-a"
    feature.mkdir(parents=True)
    (feature / "spec.md").write_text(f"# A\n\n## Key Entities\n\n{bullets}")
    [result] = infer_specs([(feature / "spec.md", "specs/001-a/spec.md")])
    return {e.name: e.stored for e in result.entities}


@pytest.mark.parametrize(
    ("name", "stored"),
    [
        ("DataDeletionRequest", True),  # what it asks for names a record of the business
        ("Account Deletion Request", True),
        ("LeaveRequest", True),
        ("CreateDeletionRequest", False),  # an operation's request object
        ("CancelBookingRequest", False),
        ("SearchRequest", False),
    ],
)
def test_a_request_named_by_what_it_asks_for_is_a_record(tmp_path, name, stored):
    bullets = f"- **{name}**: Attributes: email, status (pending, done), created at.\n"
    assert _stored(tmp_path, bullets)[name] is stored


@pytest.mark.parametrize(
    ("description", "stored"),
    [
        ("Per-(tenant, persona) configuration. Fields: mode, threshold.", True),
        ("AI chatbot configuration per tenant. Contains: system prompt, confidence threshold, greeting.", True),
        ("Validity settings (type B2C: 24 months, modifiable par admin).", True),
        ("Data class representing the resolved configuration of the system.", False),
        ("Configuration loaded at start. Contains: system prompt, confidence threshold, greeting.", False),
        ("Per-tenant configuration, held in memory. Contains: system prompt, threshold, greeting.", False),
    ],
)
def test_configuration_kept_per_tenant_or_edited_by_admins_is_a_record(tmp_path, description, stored):
    assert _stored(tmp_path, f"- **ChatbotConfig**: {description}\n")["ChatbotConfig"] is stored


def _columns(tmp_path: Path, bullets: str, entity: str) -> dict[str, tuple[str | None, str | None]]:
    feature = tmp_path / "specs" / "001-a"
    feature.mkdir(parents=True)
    (feature / "spec.md").write_text(f"# A\n\n## Key Entities\n\n{bullets}")
    [result] = infer_specs([(feature / "spec.md", "specs/001-a/spec.md")])
    [found] = [e for e in result.entities if e.name == entity]
    return {c.name: (c.type, c.references) for c in found.columns}


def test_a_linking_list_names_keys_and_fields_and_either_of_two_entities_is_two_keys(tmp_path):
    columns = _columns(
        tmp_path,
        "- **SavingsRecord**: A tracked savings event linking user, deal/coupon, amount saved, and timestamp.\n"
        "- **User**: a person.\n- **Deal**: an offer.\n- **Coupon**: a code.\n",
        "SavingsRecord",
    )
    assert columns["user_id"][1] == "User" and columns["deal_id"][1] == "Deal" and columns["coupon_id"][1] == "Coupon"
    assert columns["amount_saved"][0] == "decimal(12, 2)" and "timestamp" in columns


def test_links_before_one_phrase_is_a_sentence_and_two_values_are_one_field(tmp_path):
    columns = _columns(
        tmp_path,
        "- **Attendance**: Links volunteers to events they attended.\n"
        "- **Session**: A meeting with name/title, success/failure outcome, and notes.\n",
        "Attendance",
    )
    assert columns == {}
    named = _columns(tmp_path / "b", "- **Session**: A meeting with name/title, duration, and notes.\n", "Session")
    assert "name" in named and "title" not in named


def test_a_trailing_parenthesis_keeps_one_longer_field_and_a_time_clause_ends_its_name(tmp_path):
    columns = _columns(
        tmp_path,
        "- **Gift Card Transaction**: Historique d'utilisation (card_id, montant déduit, solde restant après transaction, timestamp)\n",
        "Gift Card Transaction",
    )
    assert {"card_id", "deducted_amount", "remaining_balance_after", "timestamp"} <= set(columns)
    # a value list after its attribute stays one field's values, and a sentence in parentheses no fields
    valued = _columns(tmp_path / "b", "- **Ticket**: A support ticket with a status (open, pending, closed).\n", "Ticket")
    assert not {"queued", "running", "done"} & set(valued)


def test_groups_of_someone_else_shared_heads_and_who_did_it(tmp_path):
    columns = _columns(
        tmp_path,
        "- **Order**: A customer order with properties including order number, customer information (name, email), "
        "creation and modification timestamps, and who created/modified it.\n"
        "- **OrderDetail**: A line item containing product information (ID, name, SKU), quantity, and unit price.\n"
        "- **Product**: An item for sale.\n",
        "Order",
    )
    assert {"customer_name", "customer_email", "created_at", "updated_at", "created_by", "updated_by"} <= set(columns)
    detail = _columns(
        tmp_path / "b",
        "- **OrderDetail**: A line item containing product information (ID, name, SKU), quantity.\n- **Product**: An item.\n",
        "OrderDetail",
    )
    assert {"product_id", "product_name", "product_sku", "quantity"} <= set(detail)
    # the entity's own group keeps its members as they are
    profile = _columns(tmp_path / "c", "- **Member**: A person with profile information (name, email), and a join date.\n", "Member")
    assert {"name", "email"} <= set(profile)


def test_two_alternatives_after_shared_words_are_two_fields_unless_they_are_values(tmp_path):
    columns = _columns(tmp_path, "- **Credential**: provider key, label, client id/secret, enabled, local user class/id.\n", "Credential")
    assert {"client_id", "client_secret"} <= set(columns) and any(name.endswith("user_id") for name in columns)
    for values in ("is featured yes/no", "sync enabled/disabled", "currency USD/EUR", "theme light/dark"):
        said = _columns(tmp_path / values.split()[0], f"- **Item**: name, {values}, label.\n", "Item")
        assert len(said) == 3, (values, said)
    valued = _columns(tmp_path / "b", "- **Card**: code, amount, type B2B/B2C, label.\n", "Card")
    assert valued["type"][0].startswith("enum(") and "type_b2b" not in valued


def test_examples_after_such_as_are_no_fields_and_field_names_after_a_status_word_are(tmp_path):
    columns = _columns(
        tmp_path,
        "- **Alert category**: A selectable filter such as issue levels (`fatal`, `error`, `warning`) or signals (`n_plus_one`).\n"
        "- **Destination**: A per-project outbound channel (type, endpoint, label, enabled, selected categories).\n",
        "Destination",
    )
    assert {"type", "endpoint", "label", "enabled"} <= set(columns)
    assert (
        _columns(tmp_path / "b", "- **Alert category**: A filter such as levels (`fatal`, `error`, `warning`).\n", "Alert category") == {}
    )
    valued = _columns(
        tmp_path / "c", "- **Notice**: A message sent on a channel (email, sms, push), with a body and a subject.\n", "Notice"
    )
    assert "sms" not in valued and "push" not in valued


@pytest.mark.parametrize(
    ("name", "description"),
    [
        ("ExportDataRequest", "Request body sent to POST /api/exports: format (csv, json), date range, include attachments."),
        ("CreateOrderRequest", "Body of POST /orders, sent once per customer checkout: items, address, coupon."),
        ("AccessTokenJwt", "Signed token issued per user with claims: sub, exp, roles."),
        ("CartState", "Cart contents per user in the client: items, total, coupon."),
        ("RateLimitConfig", "Defined in config/rate-limits.yaml: max requests per user per minute, burst, window."),
        ("RetryConfig", "Retry policy applied per channel: attempts, backoff, jitter. Hard-coded in the worker."),
        ("BuildConfig", "Build settings, not editable by admins at runtime: target, flags, mode."),
    ],
)
def test_shapes_that_sound_kept_per_user_stay_unstored(tmp_path, name, description):
    assert _stored(tmp_path, f"- **{name}**: {description}\n")[name] is False


def test_sentences_and_value_lists_stay_what_they_were(tmp_path):
    cases = [
        ("Integration", "Connects the workspace to Slack, GitHub, Jira, and Linear.", {"git_hub", "jira", "linear"}),
        ("Trip", "A journey connecting cities, airports, and hotels.", {"cities", "airports", "hotels"}),
        ("Ticket", "A request raised through a channel (email, chat, phone, sms), with a subject.", {"email", "chat", "sms"}),
        ("Venue", "A place that hosts events (concerts, talks, workshops, private parties with catering).", {"concerts", "talks"}),
    ]
    for n, (entity, description, never) in enumerate(cases):
        columns = _columns(tmp_path / str(n), f"- **{entity}**: {description}\n", entity)
        assert not never & set(columns), (entity, columns)
    balances = _columns(
        tmp_path / "fr", "- **Mouvement**: Historique (montant, solde avant transaction, solde après transaction, date)\n", "Mouvement"
    )
    assert len([c for c in balances if "balance" in c]) == 2, balances
    own = _columns(tmp_path / "own", "- **Customer**: A buyer with customer information (name, email, phone).\n", "Customer")
    assert {"name", "email"} <= set(own)
    liked = _columns(tmp_path / "like", "- **Post**: Content that members like and share (title, body, link, published at).\n", "Post")
    assert {"title", "body"} <= set(liked)


def test_an_association_between_two_entities_in_lower_case_keys_both(tmp_path):
    columns = _columns(
        tmp_path,
        "- **User**: a person.\n- **Project**: a crypto project.\n"
        "- **Watchlist Entry**: An association between a User and a tracked crypto project; drives the digest.\n",
        "Watchlist Entry",
    )
    assert columns["user_id"][1] == "User" and columns["project_id"][1] == "Project"
    # words that name no entity are no keys
    plain = _columns(
        tmp_path / "b", "- **User**: a person.\n- **Pairing**: An association between morning and evening shifts.\n", "Pairing"
    )
    assert not any(name.endswith("_id") for name in plain)


def test_a_parenthesised_list_before_a_short_purpose_names_fields(tmp_path):
    columns = _columns(
        tmp_path,
        "- **Document**: a file.\n"
        "- **DocumentAuditLog**: Record of document operations (action type, timestamp, user, document reference) for compliance\n",
        "DocumentAuditLog",
    )
    assert {"action_type", "timestamp", "document_id"} <= set(columns)
    valued = _columns(tmp_path / "b", "- **Job**: A task with a status (queued, running, done) for the scheduler.\n", "Job")
    assert not {"queued", "running", "done"} & set(valued)


def test_an_enumeration_entity_types_the_field_its_name_ends_with_and_is_no_table(tmp_path):
    bullets = (
        "- **Order**: A customer order with an order number, status, and total amount.\n"
        "- **OrderStatus**: Enumeration of valid order states (Pending, Confirmed, Shipped) with transition rules.\n"
        "- **VacationRequest**: A request with a start date, an end date, and a state.\n"
        "- **Request State**: Exactly one of `Pending`, `Approved`, or `Rejected`.\n"
    )
    assert _columns(tmp_path, bullets, "Order")["status"][0] == "enum(Pending, Confirmed, Shipped)"
    stored = _stored(tmp_path / "b", bullets)
    assert stored["OrderStatus"] is False and stored["Request State"] is False
    assert _columns(tmp_path / "c", bullets, "VacationRequest")["state"][0] == "enum(Pending, Approved, Rejected)"
    # no field of that name, or no values: the entity stays as it was
    lone = _stored(tmp_path / "d", "- **Candidate Configuration**: One of 2-5 slots; a worker with a chosen model.\n")
    assert lone["Candidate Configuration"] is True


def test_one_key_said_to_be_an_integer_sets_the_feature_s_key_convention(tmp_path):
    bullets = (
        "- **Document**: An uploaded file. Attributes include: DocumentId (integer key), Title, UploaderUserId, FileSize.\n"
        "- **DocumentTag**: A tag. Attributes include: TagId, DocumentId (foreign key), TagName.\n"
    )
    tag = _columns(tmp_path, bullets, "DocumentTag")
    assert tag["tag_id"][0] == "integer" and tag["document_id"] == ("integer", "Document")
    assert _columns(tmp_path / "b", bullets, "Document")["uploader_user_id"] == ("integer", "User")
    # a key said to be a UUID keeps the default
    uuid_said = bullets.replace("TagId,", "TagId (UUID),")
    assert _columns(tmp_path / "c", uuid_said, "DocumentTag")["tag_id"][0] == "uuid"


@pytest.mark.parametrize(
    ("column", "family"),
    [
        ("message_history", "jsonb"),
        ("tool_results", "jsonb"),
        ("user_permissions", "jsonb"),
        ("total_duration", "integer"),
        ("points_spent", "integer"),
        ("current_step", "integer"),
        ("acceptance_criteria", None),  # a text of its own, not a structure
    ],
)
def test_names_that_say_a_structure_or_a_count(column, family):
    from compiler.infer import words as W

    guessed = W.type_from_name(column)
    assert (guessed[0] if guessed else None) == family


def test_rows_kept_per_an_entity_key_it_and_a_leading_list_may_end_in_a_clause(tmp_path):
    bullets = (
        "- **QC Control Lot**: A lot of control material. Tracks lifecycle status (establishment, active, expired)\n"
        "  and statistical calculation method.\n"
        "- **QC Rule Violation**: An audit record created when a rule triggers.\n"
        "- **QC Alert**: Notification record per user per violation, with read tracking.\n"
        "- **QC Statistics**: Cached mean and standard deviation for a control lot, recalculated per the lot's method.\n"
        "- **Daily Total**: A sum kept per day and per page.\n"
    )
    alert = _columns(tmp_path, bullets, "QC Alert")
    # no User entity, and `violation` only ends an entity's name: no key either way (`per item` beside an Order Item)
    assert "user_id" not in alert and "violation_id" not in alert
    lot = _columns(tmp_path / "lot", bullets.replace("Notification record per user", "Notification record per qc control lot"), "QC Alert")
    assert lot["qc_control_lot_id"][1] in ("QC Control Lot", "qc_control_lots")
    stats = _columns(tmp_path / "b", bullets, "QC Statistics")
    assert stats["mean"][0] == "double" and stats["standard_deviation"][0] == "double"
    assert stats["control_lot_id"][1] in ("QC Control Lot", "qc_control_lots")
    assert {"lifecycle_status", "calculation_method"} <= set(_columns(tmp_path / "c", bullets, "QC Control Lot"))
    assert not any(n.endswith("_id") for n in _columns(tmp_path / "d", bullets, "Daily Total"))


def test_rates_limits_capitalised_values_and_the_wrong_owner_stay_out(tmp_path):
    bullets = (
        "- **Order**: A purchase with a status.\n- **PurchaseOrder**: A supplier order with a status.\n"
        "- **OrderStatus**: Enumeration of valid order states (Pending, Confirmed, Shipped) with transition rules.\n"
        "- **Event**: A concert; tickets are limited to 4 per order.\n"
        "- **Report**: A generated export in one of several formats (PDF, CSV, XLSX) for download.\n"
    )
    assert _columns(tmp_path, bullets, "Order")["status"][0].startswith("enum(")
    assert not _columns(tmp_path / "b", bullets, "PurchaseOrder")["status"][0].startswith("enum(")
    assert "order_id" not in _columns(tmp_path / "c", bullets, "Event")
    assert not {"pdf", "csv", "xlsx"} & set(_columns(tmp_path / "d", bullets, "Report"))


def test_an_integer_key_convention_types_references_alike_and_leaves_correlation_ids(tmp_path):
    bullets = (
        "- **Document**: A file. Attributes include: DocumentId (integer key), Title.\n"
        "- **Tag**: A label. Attributes include: TagId, Name.\n"
        "- **DocumentTag**: A link. Attributes include: DocumentId, TagId.\n"
        "- **ApiLog**: A log. Attributes include: LogId, RequestId, TraceId, Message.\n"
    )
    assert _columns(tmp_path, bullets, "DocumentTag")["tag_id"] == ("integer", "Tag")
    log = _columns(tmp_path / "b", bullets, "ApiLog")
    assert log["request_id"][0] == "uuid" and log["trace_id"][0] == "uuid"
    said = bullets + "- **Customer**: A buyer, identified by a UUID.\n"
    assert _columns(tmp_path / "c", said, "Tag")["tag_id"][0] == "uuid"
