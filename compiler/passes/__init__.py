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
from compiler.frontend.decode import decode_spec
from compiler.frontend.markdown import EntityBlocks
from compiler.ir import ObjectMemo, Project, SchemaMemo
from compiler.parallel import balanced_shares, can_fork, fork_map
from compiler.passes.conventions import ConventionCache
from compiler.passes.lower import Lowerer
from compiler.passes.resolve import EntityMemo, TypeCache, feature_entities, resolve
from compiler.passes.validate import validate


@dataclass
class Compilation:
    specs: list[SpecFile]
    project: Project
    diagnostics: Diagnostics


def parse_bytes(data: bytes, display: str, diags: Diagnostics, blocks: EntityBlocks | None = None) -> SpecFile | None:
    decoded = decode_spec(data)
    decoded.report(display, diags)
    return parse_spec(display, decoded.text, diags, blocks)


def _parse_job(job: tuple[bytes, str]) -> tuple[SpecFile | None, list[Diagnostic]]:
    diags = Diagnostics()
    return parse_bytes(job[0], job[1], diags), diags.items


# Parsing in parallel pays only from three processes on: a parsed spec costs
# its receiver about half its parse time to pickle and unpickle, so with two
# the second process saves nothing (bench/README.md has the figures). Below
# this much Markdown, starting workers costs more than it saves.
PARALLEL_MIN_JOBS = 3
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
    if jobs >= PARALLEL_MIN_JOBS and sum(len(p[1]) for p in pending) >= PARALLEL_MIN_BYTES and can_fork():
        # A worker's result costs this process about a fifth of its parse
        # time to unpickle, so this process's own share is a little smaller.
        shares = balanced_shares([len(p[1]) for p in pending], jobs, own_share_weight=1.3)
        per_share = fork_map(_parse_job, [[(pending[i][1], pending[i][2]) for i in share] for share in shares])
        by_index = {i: result for share, results_of_share in zip(shares, per_share) for i, result in zip(share, results_of_share)}
        parsed = [by_index[i] for i in range(len(pending))]
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


class PassCaches:
    """Work kept from one compile to the next (the language server compiles
    after every edit): scalar types by parsed node, each entity's
    resolution, conventions and lowering (and each feature's table list), the
    identifier and condition checks of each table, the namespace checks of
    each schema, and for the lint runner the diffs between features and the
    table rules' findings. What an edit left alone is not worked out again,
    and what it reported is reported again, so the result equals a fresh
    compile's (tests/test_lsp_incremental.py)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.conventions = ConventionCache(settings, Diagnostics())
        self.lowerer = Lowerer(settings, Diagnostics())
        self.types = TypeCache()
        self.resolutions = EntityMemo()
        self.namespaces = SchemaMemo()
        self.namespace_names = ObjectMemo()  # what each table puts in the namespaces (validate.namespaces_clear)
        self.table_names = ObjectMemo()
        self.typings = ObjectMemo()  # each table's checks and predicates type-checked (validate.conditions)
        self.diffs = SchemaMemo()  # for the lint runner's breaking-change rules
        self.lint_tables: dict = {}  # the lint runner's table rules' findings (compiler.lint.rule.TableRule)


def compile_specs(specs: list[SpecFile], settings: Settings, diags: Diagnostics, caches: PassCaches | None = None) -> Project:
    if caches is not None and caches.settings == settings:
        for kept in (caches.types, caches.resolutions, caches.namespaces, caches.table_names, caches.namespace_names, caches.typings):
            kept.restart()
        caches.lowerer.restart(diags)
        caches.conventions.restart(diags)
        lowerer, conventions = caches.lowerer, caches.conventions
        model = resolve(specs, diags, caches.types, caches.resolutions)
    else:
        caches = None
        lowerer, conventions = Lowerer(settings, diags), ConventionCache(settings, diags)
        model = resolve(specs, diags)
    project = Project()
    for spec, entities in zip(model.specs, feature_entities(model)):
        project.features.append(lowerer.lower(spec, conventions.apply(entities)))
    if caches is None:
        validate(project, diags)
    else:
        validate(project, diags, caches.namespaces, caches.table_names, caches.namespace_names, caches.typings)
    return project


def compile_paths(paths: list[tuple[Path, str]], settings: Settings, *, cache=None, jobs: int = 1) -> Compilation:
    """Compile spec files given as (path on disk, path shown in diagnostics)."""
    diags = Diagnostics()
    specs = parse_all(paths, diags, cache=cache, jobs=jobs)
    project = compile_specs(specs, settings, diags)
    return Compilation(specs=specs, project=project, diagnostics=diags)
