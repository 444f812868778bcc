"""Entities whose names sound like request or configuration shapes, but whose prose says they are records."""

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
    assert {"card_id", "deducted_amount", "remaining_balance", "timestamp"} <= set(columns)
    # a value list after its attribute stays one field's values, and a sentence in parentheses no fields
    valued = _columns(tmp_path / "b", "- **Ticket**: A support ticket with a status (open, pending, closed).\n", "Ticket")
    assert set(valued) == {"status"}
