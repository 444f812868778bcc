"""Infer on small projects written for a test: several features in one run, as `spec2db infer` takes a `specs/` tree."""

from __future__ import annotations

from pathlib import Path

from compiler.diagnostics import Diagnostics
from compiler.infer import infer_specs
from compiler.infer.datamodel import read_data_model


def infer_run(tmp_path: Path, features: list[tuple[str, str, str | None]]) -> dict:
    """Each (folder, spec.md, data-model.md or None) under `tmp_path/specs/`, inferred in one run:
    {folder: {entity name: (action, entity)}}."""
    specs = []
    for folder, spec, data_model in features:
        feature = tmp_path / "specs" / folder
        feature.mkdir(parents=True)
        (feature / "spec.md").write_text(spec)
        if data_model:
            (feature / "data-model.md").write_text(data_model)
        specs.append((feature / "spec.md", f"specs/{folder}/spec.md"))
    return {r.path.parent.name: {p.entity.name: (p.action, p.entity) for p in r.proposals} for r in infer_specs(specs)}


def data_model_entities(tmp_path: Path, data_model: str, key_entities: str = "- **Thing**: something kept.\n") -> dict:
    """One feature with this data-model.md and Key Entities, inferred: {entity name: entity}."""
    feature = tmp_path / "specs" / "001-a"
    feature.mkdir(parents=True)
    (feature / "spec.md").write_text(f"# A\n\n## Key Entities\n\n{key_entities}")
    (feature / "data-model.md").write_text(data_model)
    [result] = infer_specs([(feature / "spec.md", "specs/001-a/spec.md")])
    return {e.name: e for e in result.entities}


def read_model(text: str) -> dict:
    """The entities a data-model.md's tables and bullets give: {name: entity}."""
    return {e.name: e for e in read_data_model("data-model.md", text, Diagnostics())}


def columns_of(entity) -> dict:
    return {c.name: c for c in entity.columns}


def code_entities(text: str) -> dict:
    """The entities a data-model.md's code blocks declare: {name: entity}."""
    from compiler.infer.code import read_code_blocks

    return {e.name: e for e in read_code_blocks("data-model.md", text)[0]}
