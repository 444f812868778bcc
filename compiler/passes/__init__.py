"""The pass driver: spec files in, one relational `Schema` per feature out.

    parse       Markdown -> AST (compiler.frontend), one spec at a time
    resolve     entity names across all specs, types, references
    conventions project settings: keys, timestamps, indexes, table names
    lower       AST -> relational IR, one Schema per feature
    validate    checks on the IR as a whole (names PostgreSQL would truncate)

Every pass reports to one `Diagnostics` and goes on; emitters run only when
no error was reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from compiler.ast import SpecFile
from compiler.config import Settings
from compiler.diagnostics import Diagnostics, Span
from compiler.frontend import parse_spec
from compiler.ir import Project
from compiler.passes.conventions import apply_conventions
from compiler.passes.lower import Lowerer
from compiler.passes.resolve import entities_as_of, resolve
from compiler.passes.validate import validate


@dataclass
class Compilation:
    specs: list[SpecFile]
    project: Project
    diagnostics: Diagnostics


def read_spec(path: Path, display: str, diags: Diagnostics) -> SpecFile | None:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not valid UTF-8"
        diags.report("E001", f"cannot read spec: {reason}", Span(path=display, line=1, col=1, end_line=1, end_col=1))
        return None
    return parse_spec(display, text, diags)


def compile_specs(specs: list[SpecFile], settings: Settings, diags: Diagnostics) -> Project:
    model = resolve(specs, diags)
    lowerer = Lowerer(settings, diags)
    project = Project()
    for index, spec in enumerate(model.specs):
        entities = apply_conventions(entities_as_of(model, index), settings, diags)
        project.features.append(lowerer.lower(spec, entities))
    validate(project, diags)
    return project


def compile_paths(paths: list[tuple[Path, str]], settings: Settings) -> Compilation:
    """Compile spec files given as (path on disk, path shown in diagnostics)."""
    diags = Diagnostics()
    specs = [spec for path, display in paths if (spec := read_spec(path, display, diags)) is not None]
    project = compile_specs(specs, settings, diags)
    return Compilation(specs=specs, project=project, diagnostics=diags)
