"""Key Entities prose that lists fields as code: names in code spans typed together, `name: gloss` items, values after
the attribute, and head-first languages' words; each result builds."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from compiler.cli import main
from compiler.infer.typemap import canonical_type


def _written(tmp_path: Path, monkeypatch, entities: str) -> str:
    feature = tmp_path / "specs" / "001-a"
    feature.mkdir(parents=True)
    (feature / "spec.md").write_text(f"# A\n\n## Key Entities\n\n{entities}", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["infer", "--write"]).exit_code == 0
    assert CliRunner().invoke(main, ["infer"]).stdout == ""  # a second run proposes nothing
    built = CliRunner().invoke(main, ["build", "--out", "out"])
    assert built.exit_code == 0, built.output
    return (feature / "spec.md").read_text(encoding="utf-8")


def test_nested_bullets_that_name_fields_in_code_spans_type_each_and_keep_the_words_after_a_dash(tmp_path, monkeypatch):
    written = _written(
        tmp_path,
        monkeypatch,
        "- **res_shipments**:\n    - `id` (UUID, PK)\n    - `order_id` (UUID, FK, Unique) - Link to `res_orders`\n"
        "    - `auth_user_id` (String) - The employee who created the shipment (Required)\n"
        "    - `city`, `state`, `postal_code` (Optional Strings)\n    - `status` (Enum/String: pending, shipped, delivered)\n"
        "    - `shipped_at`, `delivered_at` (Timestamps)\n- **res_orders**: the existing orders table.\n",
    )
    assert "`order_id`: uuid, references res_orders, unique — Link to `res_orders`" in written
    assert "`auth_user_id`: text, required — The employee who created the shipment (Required)" in written
    assert "`city`: string(200) —" in written and "`postal_code`:" in written and "city_state" not in written
    assert "`status`: enum(pending, shipped, delivered), required" in written
    assert "`shipped_at`: timestamp —" in written and "`delivered_at`: timestamp —" in written
    assert "**res_orders** *(external)*" in written


def test_a_trailing_parenthesis_of_code_names_with_glosses_lists_the_fields(tmp_path, monkeypatch):
    written = _written(
        tmp_path,
        monkeypatch,
        "- **Tip (tips)**: Pourboire donné par un client (reservation_id, amount: montant tip, stripe_fee: frais Stripe déduits, "
        "stripe_payment_intent_id, status: pending/succeeded/failed, created_at)\n"
        "- **Payment Transaction (payment_transactions)**: Enregistre les mouvements (type: pre_authorization, capture, refund; "
        "montant, statut, timestamps)\n"
        "- **Tip Rule**: Une règle (tip_enabled: boolean, tip_time_limit_days: int nullable pour limite de temps)\n",
    )
    tip = written.split("**Payment Transaction")[0]
    assert "`stripe_fee`: decimal(12, 2), required — stripe_fee (frais Stripe déduits)" in tip
    assert "`stripe_payment_intent_id`: string(255), required" in tip  # another system's id, not a uuid
    assert "`status`: enum(pending, succeeded, failed), required" in tip
    assert "`type`: enum(pre_authorization, capture, refund), required" in written and "`capture`" not in written
    assert "`tip_enabled`: boolean, required" in written and "`tip_time_limit_days`: integer —" in written


def test_values_after_the_attribute_and_head_first_words_in_french(tmp_path, monkeypatch):
    written = _written(
        tmp_path,
        monkeypatch,
        "- **Gift Card (gift_cards)**: Représente une carte cadeau (code unique, montant initial, solde actuel, type B2B/B2C, "
        "date de création, statut actif/expiré/révoqué)\n"
        "- **Calendar Connection**: Connexion (provider Google/Outlook, token OAuth chiffré, statut actif/erreur)\n",
    )
    assert "`current_balance`: decimal(12, 2), required" in written
    assert "`type`: enum(B2B, B2C), required" in written and "`status`: enum(actif, expiré, révoqué), required" in written
    assert "`provider`: enum(Google, Outlook), required" in written and "`encrypted_oauth_token`" in written


def test_a_generated_thing_in_french_is_no_gender_in_spanish():
    from compiler.infer.prose import _translated

    assert _translated("CSV généré") == "generated csv"
    assert _translated("género del cliente") == "customer gender"
    assert canonical_type("text").type == "text"


def test_keys_written_as_code_in_prose_point_at_the_application_s_tables(tmp_path, monkeypatch):
    written = _written(
        tmp_path,
        monkeypatch,
        "- **Workflow**: An automation belonging to an ISP (organization_id). Contains name, status (active/draft/paused).\n"
        "- **WorkflowExecution**: Record of a workflow running for a specific subscriber. Tracks: workflow_id, subscriber_id, "
        "session_id, status (running/completed/failed), started_at.\n"
        "- **Lead**: A prospect, perhaps a subscriber already. Contains: name, score.\n",
    )
    assert "`organization_id`: uuid, required, references Organization" in written
    assert "`subscriber_id`: uuid, required, references Subscriber" in written
    assert "`workflow_id`: uuid, required, references Workflow" in written
    assert "`session_id`: string(255), required\n" in written  # no session is spoken of: no key to guess
    assert "**Subscriber** *(external)*" in written and "**Session**" not in written


def test_a_verb_opens_a_list_of_fields_only_before_a_colon(tmp_path, monkeypatch):
    written = _written(
        tmp_path,
        monkeypatch,
        "- **Delivery**: Tracks delivery of an order: carrier, tracking number, shipped date.\n"
        "- **Audit Entry**: Captures audit entries; attributes include actor, action, occurred_at.\n",
    )
    assert "`carrier`" in written and "`tracking_number`" in written
    assert "captures_audit" not in written and "attributes_include" not in written


def test_one_attribute_said_by_a_sentence_and_groups_of_named_parts(tmp_path, monkeypatch):
    """`Has a flag indicating whether it's a sample pack.` is a switch; `Has a position for ordering.` and `with a
    position for ordering within ...` are the position; `option values (size, material, colour)` stays one attribute
    and `; provides name and category` lists none. Each builds."""
    written = _written(
        tmp_path,
        monkeypatch,
        "- **Collection**: A curated group of products. Has a flag indicating whether it's a sample pack. Has a position for ordering.\n"
        "- **Collection Item**: A join record linking a collection to an item, with a position for ordering within the collection.\n"
        "- **Variant**: The purchasable unit with SKU, price, and option values (size, material, colour).\n"
        "- **Product**: Parent product that variants belong to; provides name and category.\n"
        "- **Service**: A component that provides notifications to users.\n",
    )
    assert "`sample_pack`: boolean" in written and written.count("`position`: integer") == 2
    assert "`size`" not in written  # (`option values (S, M, L)` are as often values as fields: left as one attribute)
    assert "**Product**: Parent product that variants belong to; provides name and category." in written  # (`provides` opens no list)
    assert "**Service**:" in written and "`notifications`" not in written


def test_a_link_said_in_words_a_described_service_and_a_json_map_stay_what_they_are(tmp_path, monkeypatch):
    written = _written(
        tmp_path,
        monkeypatch,
        "- **Comment**: A comment on a post. Has a link to the parent comment.\n"
        "- **Dashboard**: Provides an overview of sales, refunds and churn.\n"
        "- **Item**: An item with a name and properties (JSON key/value pairs).\n",
    )
    assert "`link`" not in written and "`overview" not in written and "`refunds`" not in written
    assert "`properties`:" in written and "`json_key`" not in written and "`key`" not in written
