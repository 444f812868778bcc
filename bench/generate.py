"""Generate a synthetic spec2db project (and the equivalent DBML).

    python bench/generate.py OUT --entities 1000 --features 10

writes OUT/specs/NNN-feature-N/spec.md (entities spread evenly over the
features, every type and modifier in use, references to entities of earlier
features), OUT/pyproject.toml and OUT/schema.dbml with the same tables.
"""

from __future__ import annotations

import argparse
from pathlib import Path

# (attribute line, DBML column) — nine attributes per entity besides the key.
ATTRIBUTES = [
    ("`name`: string(200), required, check(length(trim(name)) > 0) — Display name", "name varchar(200) [not null]"),
    ("`code`: varchar(40), unique", "code varchar(40) [unique]"),
    ("`body`: text", "body text"),
    ("`quantity`: integer, required, default 0, min(0)", "quantity integer [not null, default: 0]"),
    ("`price`: decimal(12,2), default 0", "price decimal(12,2) [default: 0]"),
    ("`active`: boolean, required, default true", "active boolean [not null, default: true]"),
    ("`status`: enum(draft, active, archived), required, default draft, indexed", "status {enum} [not null, default: 'draft']"),
    ("`due_on`: date, indexed", "due_on date"),
    ("`meta`: jsonb", "meta jsonb"),
]


def entity_name(i: int) -> str:
    return f"Item{i:05d}"


def generate(out: Path, entities: int, features: int) -> None:
    per_feature = max(1, -(-entities // features))
    specs = out / "specs"
    specs.mkdir(parents=True, exist_ok=True)
    (out / "pyproject.toml").write_text('[tool.spec2db]\nprimary-key = "uuid"\n')
    dbml = ["Table users {\n  id uuid [pk]\n}\n"]
    for f in range(features):
        lo, hi = f * per_feature, min(entities, (f + 1) * per_feature)
        if lo >= hi:
            break
        lines = [
            f"# Feature Specification: Synthetic feature {f + 1}\n",
            "## Requirements\n",
            "- **FR-001**: The system MUST store the items below.\n",
            "### Key Entities\n",
        ]
        if f == 0:
            lines.append("- **User** *(external: users)*: Accounts from the auth provider.\n")
        for i in range(lo, hi):
            name = entity_name(i)
            lines.append(f"- **{name}**: Synthetic entity number {i}.")
            lines.append("  - `id`: uuid, primary key")
            lines.append("  - `user_id`: uuid, required, references User, on delete cascade")
            for attribute, _ in ATTRIBUTES:
                lines.append(f"  - {attribute}")
            columns = ["  id uuid [pk, default: `gen_random_uuid()`]", "  user_id uuid [not null, ref: > users.id]"]
            enum = f"{name.lower()}_status"
            dbml.append(f"Enum {enum} {{\n  draft\n  active\n  archived\n}}\n")
            for _, column in ATTRIBUTES:
                columns.append("  " + column.format(enum=enum))
            if i > 0:
                parent = entity_name(i - 1)
                lines.append(f"  - `parent_id`: {parent}, on delete set null")
                columns.append(f"  parent_id uuid [ref: > {parent.lower()}s.id]")
            lines.append("  - indexes: (user_id, status)")
            lines.append("")
            columns.append("  created_at timestamp [not null, default: `now()`]")
            columns.append("  updated_at timestamp [not null, default: `now()`]")
            dbml.append(f"Table {name.lower()}s {{\n" + "\n".join(columns) + "\n  indexes {\n    (user_id, status)\n  }\n}\n")
        folder = specs / f"{f + 1:03d}-feature-{f + 1}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "spec.md").write_text("\n".join(lines) + "\n")
    (out / "schema.dbml").write_text("\n".join(dbml))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--entities", type=int, default=1000)
    parser.add_argument("--features", type=int, default=10)
    args = parser.parse_args()
    generate(args.out, args.entities, args.features)


if __name__ == "__main__":
    main()
