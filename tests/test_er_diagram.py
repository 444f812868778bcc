"""The ER diagram in data-model.md says what the schema says, read back by
Mermaid's own parser (npm `mermaid`, pinned in tests/node/package.json and
its lockfile, run in Node): every foreign key between two entities of the
diagram is a relationship, dashed unless the key is inside the child's
primary key (identifying), with the cardinalities of the columns; every
column carries PK, FK and UK (unique alone) exactly as the IR has them.

Node.js and npm are required: without them the test fails, it does not
skip. The npm packages are installed with `npm ci` into a cache folder
named after the lockfile's hash, so later runs need no registry.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from compiler.emit import emit_all
from compiler.emit.datamodel import _entity_id
from compiler.ir import Schema
from tests.test_alembic import project, settings

NODE_DIR = Path(__file__).parent / "node"


@pytest.fixture(scope="session")
def node_tools() -> Path:
    """A folder with tests/node's packages installed and its scripts."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.fail("Node.js and npm are required (Node 20): the ER diagrams are read back with Mermaid's parser")
    lock = (NODE_DIR / "package-lock.json").read_bytes()
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folder = cache / "spec2db-tests" / f"node-{hashlib.sha256(lock).hexdigest()[:16]}"
    if not (folder / "node_modules" / ".package-lock.json").exists():
        folder.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copyfile(NODE_DIR / name, folder / name)
        install = subprocess.run(
            [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline"],
            cwd=folder,
            capture_output=True,
            text=True,
            check=False,
        )
        assert install.returncode == 0, f"npm ci in {folder} failed:\n{install.stdout}{install.stderr}"
    for script in NODE_DIR.glob("*.mjs"):
        shutil.copyfile(script, folder / script.name)
    return folder


def mermaid_blocks() -> list[tuple[Schema, str]]:
    outputs = {o.path: o.content for o in emit_all(project(), settings(), ["data-model"])}
    blocks = []
    for schema in project().features:
        text = next(content for path, content in outputs.items() if f"/{schema.feature}/" in f"/{path}")
        found = re.findall(r"```mermaid\n(.*?)```", text, re.DOTALL)
        if found:
            blocks.append((schema, found[0]))
    return blocks


def expected(schema: Schema) -> dict:
    """What the diagram must say, from the IR alone."""
    own = [t for t in schema.tables if t.feature == schema.feature or schema.feature in t.extended_in]
    shown = {t.name for t in own} | {fk.ref_table for t in own for fk in t.foreign_keys}
    ids = {t.name: _entity_id(t.entity) for t in [*schema.tables, *schema.external_tables]}
    relationships, entities = [], {}
    for table in schema.tables:
        if table.name not in shown:
            continue
        pk = table.primary_key.columns if table.primary_key else []
        for fk in table.foreign_keys:
            if fk.ref_table not in shown:
                continue
            nullable = any(table.column(c).nullable for c in fk.columns)
            unique = pk == fk.columns or any(u.columns == fk.columns for u in table.uniques)
            relationships.append(
                {
                    "parent": ids[fk.ref_table],
                    "child": ids[table.name],
                    "role": ", ".join(fk.columns),
                    "type": "IDENTIFYING" if set(fk.columns) <= set(pk) else "NON_IDENTIFYING",
                    "parent_side": "ZERO_OR_ONE" if nullable else "ONLY_ONE",
                    "child_side": "ZERO_OR_ONE" if unique else "ZERO_OR_MORE",
                }
            )
        alone_unique = {u.columns[0] for u in table.uniques if len(u.columns) == 1}
        alone_unique |= {i.columns[0] for i in table.indexes if i.unique and not i.where and len(i.columns) == 1}
        entities[ids[table.name]] = {
            c.name: sorted(
                k
                for k, on in (
                    ("PK", c.name in pk),
                    ("FK", any(c.name in fk.columns for fk in table.foreign_keys)),
                    ("UK", c.name in alone_unique and pk != [c.name]),
                )
                if on
            )
            for c in table.columns
        }
    for external in schema.external_tables:
        if external.name in shown:
            entities[ids[external.name]] = {external.key: ["PK"]}
    return {"relationships": relationships, "entities": entities}


def _key(relationship: dict) -> tuple:
    return tuple(sorted(relationship.items()))


def test_er_diagrams_read_back_by_mermaid_match_the_ir(node_tools):
    blocks = mermaid_blocks()
    assert len(blocks) == len(project().features)
    result = subprocess.run(
        ["node", str(node_tools / "er_diagram.mjs")],
        input=json.dumps([source for _, source in blocks]),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    parsed = json.loads(result.stdout)
    total = 0
    for (schema, _), diagram in zip(blocks, parsed):
        want = expected(schema)
        got_keys = {name: {a["name"]: sorted(a["keys"]) for a in attributes} for name, attributes in diagram["entities"].items()}
        assert got_keys == want["entities"], schema.feature
        got = sorted(map(_key, diagram["relationships"]))
        assert got == sorted(map(_key, want["relationships"])), schema.feature
        total += len(got)
    assert total > 50  # the example specs' diagrams hold more than 50 relationships
