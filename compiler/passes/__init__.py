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
from compiler.diagnostics import Diagnostic, Diagnostics, Span
from compiler.frontend import parse_spec
from compiler.ir import Project
from compiler.passes.conventions import ConventionCache
from compiler.passes.lower import Lowerer
from compiler.passes.resolve import feature_entities, resolve
from compiler.passes.validate import validate


@dataclass
class Compilation:
    specs: list[SpecFile]
    project: Project
    diagnostics: Diagnostics


def parse_bytes(data: bytes, display: str, diags: Diagnostics) -> SpecFile | None:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        diags.report("E001", "cannot read spec: not valid UTF-8", Span(path=display, line=1, col=1, end_line=1, end_col=1))
        return None
    return parse_spec(display, text, diags)


def _parse_job(job: tuple[bytes, str]) -> tuple[SpecFile | None, list[Diagnostic]]:
    diags = Diagnostics()
    return parse_bytes(job[0], job[1], diags), diags.items


# Below this much Markdown, starting worker processes costs more than it saves.
PARALLEL_MIN_BYTES = 256 * 1024


def parse_all(paths: list[tuple[Path, str]], diags: Diagnostics, *, cache=None, jobs: int = 1) -> list[SpecFile]:
    """Parse every spec: from the cache where its content is unchanged, the
    rest across `jobs` processes. The result is the same as a serial run."""
    results: list[tuple[SpecFile | None, list[Diagnostic]] | None] = []
    pending: list[tuple[int, bytes, str, str | None]] = []
    for path, display in paths:
        try:
            data = path.read_bytes()
        except OSError as exc:
            results.append((None, []))
            diags.report("E001", f"cannot read spec: {exc.strerror}", Span(path=display, line=1, col=1, end_line=1, end_col=1))
            continue
        key = cache.key(display, data) if cache is not None else None
        hit = cache.get(key) if key is not None else None
        results.append(hit)
        if hit is None:
            pending.append((len(results) - 1, data, display, key))
    jobs = min(jobs, len(pending))
    if jobs > 1 and sum(len(p[1]) for p in pending) >= PARALLEL_MIN_BYTES:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
        with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context(method)) as pool:
            parsed = list(pool.map(_parse_job, [(data, display) for _, data, display, _ in pending], chunksize=1))
    else:
        parsed = [_parse_job((data, display)) for _, data, display, _ in pending]
    for (index, _, _, key), result in zip(pending, parsed):
        results[index] = result
        if key is not None:
            cache.put(key, result)
    specs = []
    for spec, items in results:
        diags.items.extend(items)
        if spec is not None:
            specs.append(spec)
    return specs


def compile_specs(specs: list[SpecFile], settings: Settings, diags: Diagnostics) -> Project:
    model = resolve(specs, diags)
    lowerer = Lowerer(settings, diags)
    conventions = ConventionCache(settings, diags)
    project = Project()
    for spec, entities in zip(model.specs, feature_entities(model)):
        project.features.append(lowerer.lower(spec, conventions.apply(entities)))
    validate(project, diags)
    return project


def compile_paths(paths: list[tuple[Path, str]], settings: Settings, *, cache=None, jobs: int = 1) -> Compilation:
    """Compile spec files given as (path on disk, path shown in diagnostics)."""
    diags = Diagnostics()
    specs = parse_all(paths, diags, cache=cache, jobs=jobs)
    project = compile_specs(specs, settings, diags)
    return Compilation(specs=specs, project=project, diagnostics=diags)
