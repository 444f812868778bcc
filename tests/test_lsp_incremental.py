"""The language server's analysis keeps the compiler's per-entity work from
one edit to the next (compiler.passes.PassCaches, and the breaking-change
diffs and namespace checks of unchanged features). Over a run of random
edits, each incremental analysis must equal a from-scratch one: the same
diagnostics, in the same order, and the same compiled schemas."""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

import pytest

from compiler.lsp.analysis import Project

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from generate import generate

# Lines an edit may put under an entity: new attributes, errors, references
# to entities of this or other features, entity lines.
LINES = [
    "  - `note`: string(80)",
    "  - `note`: text, required",
    "  - `size`: integer, min(0), max(10)",
    "  - `state`: enum(a, b, c), default a",
    "  - `state`: enum(a, b), default zz",
    "  - `broken`: strnig",
    "  - `owner_id`: uuid, references User, on delete cascade",
    "  - `task_id`: uuid, references Task",
    "  - `item_id`: uuid, references Item00001",
    "  - `other`: Item00007",
    "  - `ghost_id`: uuid, references Ghost",
    "  - `name`: string(10)",
    # Conditions typed over enum values (E221, validate.conditions: kept per table while its enums' values are equal).
    "  - check: status <> 'gone'",
    "  - `id`: integer, primary key",
    "  - indexes: (name), (note)",
    "  - unique: (note)",
    "  - soft delete",
    "  - relationships: belongs to Item00003",
    "  - relationships: belongs to User",
    "  - relationships: many to many Item00004",
    "  - removed: body",
    "  - table: renamed_table",
    # Names PostgreSQL's namespaces already hold (E213, E214): the full namespace check, not the per-table summaries.
    "  - table: item00003s_pkey",
    "  - table: item00002_status",
]
STEPS = 15
ENTITIES = [
    "- **Extra**: A new entity.\n  - `id`: uuid, primary key\n  - `label`: string(40)",
    "- **Item00002** *(extends)*:\n  - `extra`: string(20)",
    "- **Item00002**:\n  - `again`: text",
    "- **Item00009** *(extends)*:\n  - removed: code",
    # A later feature retypes a column under a check, or changes the values of an enum a check compares with.
    "- **Item00003** *(extends)*:\n  - `quantity`: date",
    "- **Item00004** *(extends)*:\n  - `status`: enum(draft, gone)",
    "- **Task** *(extends)*:\n  - `points`: integer",
    "- **Ghost** *(extends)*:\n  - `x`: text",
    "- **Item00001** *(removed)*",
]


def _edit(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    bullets = [i for i, line in enumerate(lines) if line.startswith(("- **", "  - "))]
    choice = rng.random()
    if choice < 0.45 and bullets:
        at = rng.choice(bullets)
        lines.insert(at + 1, rng.choice(LINES))
    elif choice < 0.7 and bullets:
        at = rng.choice([i for i in bullets if lines[i].startswith("  - ")] or bullets)
        del lines[at]
    elif choice < 0.8:
        lines.append(rng.choice(ENTITIES))
    elif bullets:
        at = rng.choice([i for i in bullets if lines[i].startswith("- **")] or bullets)
        # Renaming an entity changes what other features' references resolve to.
        lines[at] = lines[at].replace("**", "**X", 1)
    return "\n".join(lines)


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    generate(root, 40, 4)
    # The example specs too: extensions, relationships, removals, externals.
    for spec in sorted(ROOT.glob("specs/*/spec.md")):
        target = root / "specs" / f"1{spec.parent.name}" / "spec.md"
        target.parent.mkdir(parents=True)
        shutil.copyfile(spec, target)
    return root


@pytest.mark.parametrize("seed", [0, 1, *(pytest.param(seed, marks=pytest.mark.slow) for seed in range(2, 10))])
def test_incremental_analysis_equals_a_fresh_one(tmp_path, seed):
    root = _project(tmp_path)
    rng = random.Random(seed)
    incremental = Project(root)
    displays = [incremental.display(p) for p in sorted(root.glob("specs/*/spec.md"))]
    texts = {d: (root / d).read_text() for d in displays}
    examples = [d for d in displays if "/1" in d]
    unsaved: dict[str, tuple[str, int]] = {}
    for step in range(STEPS):
        display = rng.choice(examples if rng.random() < 0.7 else displays)
        if rng.random() < 0.15 and display in unsaved:
            text = texts[display]  # back to the text on disk
        else:
            text = _edit(unsaved.get(display, (texts[display], 0))[0], rng)
        unsaved[display] = (text, step + 1)
        got = incremental.analyze(dict(unsaved))
        want = Project(root).analyze(dict(unsaved))
        assert got.diagnostics == want.diagnostics, f"seed {seed}, step {step}, {display}"
        assert got.project.model_dump() == want.project.model_dump(), f"seed {seed}, step {step}, {display}"
    assert any(d.code.startswith("E") for d in got.diagnostics) or step == STEPS - 1


OWNER = "# Feature Specification: A\n\n### Key Entities\n\n- **Owner**: An owner.\n  - `id`: uuid, primary key\n  - `name`: string(40)\n"
PET = (
    "# Feature Specification: B\n\n### Key Entities\n\n- **Pet**: A pet.\n  - `id`: uuid, primary key\n"
    "  - `owner`: Owner, required\n  - `vet_id`: uuid, references Vet\n  - `kind`: Kind\n"
    "- **Owner** *(extends)*:\n  - `nickname`: string(20)\n"
)
# Edits to feature 001 only: what feature 002 (not edited) resolves to changes.
EDITS = [
    OWNER.replace("**Owner**", "**Person**"),
    OWNER,
    # "did you mean 'Vets'?" under feature 002's unknown Vet, then not.
    OWNER + "- **Vets**: Vets.\n  - `id`: integer, primary key\n",
    OWNER,
    OWNER + "- **Vet**: A vet.\n  - `id`: integer, primary key\n",
    OWNER + "- **Vet**: A vet.\n  - `id`: integer, primary key\n- **Kind**: A kind.\n  - `id`: uuid, primary key\n",
    OWNER.replace("`id`: uuid", "`id`: integer") + "- **Kind**: A kind.\n  - `code`: string(4), primary key\n",
    OWNER.replace("`name`: string(40)", "`name`: string(40)\n  - `nickname`: text"),
    OWNER + "- **Kind**: A kind.\n",
    OWNER,
]


def test_an_edit_changes_what_an_unedited_feature_resolves_to(tmp_path):
    for feature, text in (("001-a", OWNER), ("002-b", PET)):
        (tmp_path / "specs" / feature).mkdir(parents=True)
        (tmp_path / "specs" / feature / "spec.md").write_text(text)
    incremental = Project(tmp_path)
    incremental.analyze({})
    for step, text in enumerate(EDITS):
        unsaved = {"specs/001-a/spec.md": (text, step + 1)}
        got = incremental.analyze(unsaved)
        want = Project(tmp_path).analyze(unsaved)
        assert got.diagnostics == want.diagnostics, f"step {step}"
        assert got.project.model_dump() == want.project.model_dump(), f"step {step}"


@pytest.mark.parametrize("seed", [0, 1])
def test_a_spec_parsed_again_with_its_entity_blocks_equals_a_fresh_parse(tmp_path, seed):
    """compiler.frontend.markdown.EntityBlocks: entities an edit left alone, in place or moved by some lines,
    with the diagnostics of their parse (W102, W105, W106, errors) moved with them."""
    from compiler.diagnostics import Diagnostics
    from compiler.frontend.markdown import EntityBlocks, parse_spec

    rng = random.Random(seed)
    text = (ROOT / "specs" / min(p.name for p in (ROOT / "specs").iterdir()) / "spec.md").read_text()
    text += "\n- **Odd**: prose.\n  - just words here\n  - `id` (UUID, PK)\n  - `when`: Timestamp when it happened\n  - `x`: strnig\n"
    blocks = EntityBlocks()
    for step in range(40):
        text = _edit(text, rng)
        kept, fresh = Diagnostics(), Diagnostics()
        got = parse_spec("specs/001-a/spec.md", text, kept, blocks)
        want = parse_spec("specs/001-a/spec.md", text, fresh)
        assert got == want, f"seed {seed}, step {step}"
        assert kept.items == fresh.items, f"seed {seed}, step {step}"
