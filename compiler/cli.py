"""The `spec2db` command line.

Exit codes: 0 ok, 1 diagnostics at error severity or differences (--check),
2 usage or internal error. Heavy modules are imported inside the commands
that use them, so `--version` and `--help` stay fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from compiler import __version__


class Failure(click.ClickException):
    """A clean, traceback-free exit with a message and a code."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.exit_code = code

    def show(self, file=None) -> None:
        from compiler.escape import visible

        click.echo(f"spec2db: {visible(self.format_message())}", err=True)


def discover(paths: tuple[Path, ...]) -> list[tuple[Path, str]]:
    """Spec files to compile, as (path, path shown in diagnostics)."""
    cwd = Path.cwd()
    found: list[Path] = []
    if not paths:
        pattern = spec_glob(cwd)
        found = sorted(cwd.glob(pattern))
        if not found:
            raise Failure(f"no spec found: {pattern} matches nothing under {cwd}", 2)
    for path in paths:
        if path.is_dir():
            direct = path / "spec.md"
            found.extend([direct] if direct.is_file() else sorted(path.glob("*/spec.md")))
        elif path.exists():
            found.append(path)
        else:
            raise Failure(f"{path}: no such file or directory", 2)
    unique = list(dict.fromkeys(p.resolve() for p in found))
    return [(p, _display(p, cwd)) for p in unique]


def _sibling_specs(asked: list[tuple[Path, str]]) -> list[tuple[Path, str]]:
    """The other features of the `specs/` trees the asked specs sit in (`billing/specs/002-late` meets
    `billing/specs/001-...`, not the features of the project the command runs in)."""
    roots = sorted({path.parent.parent for path, _ in asked})
    found = [spec.resolve() for root in roots for spec in sorted(root.glob("*/spec.md"))]
    return [(p, _display(p, Path.cwd())) for p in dict.fromkeys(found)]


def spec_glob(cwd: Path) -> str:
    """`specs/*/spec.md`, or `.specify/specs/*/spec.md` where only that holds specs."""
    from compiler.config import specs_root

    return f"{specs_root(cwd)}/*/spec.md"


def _display(path: Path, cwd: Path) -> str:
    try:
        return path.relative_to(cwd.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def print_diagnostics(diagnostics, stream=None) -> None:
    for diagnostic in diagnostics:
        click.echo(f"{diagnostic}", err=True)


def settings_or_fail():
    from compiler.config import ConfigError, load_settings

    try:
        return load_settings(Path.cwd())
    except ConfigError as exc:
        raise Failure(str(exc), 2) from None


def spec_cache(use_cache: bool = True):
    """The parse cache every compiling command shares (None: off)."""
    if not use_cache:
        return None
    from compiler.cache import SpecCache

    return SpecCache()


def compile_or_fail(paths: tuple[Path, ...], *, jobs: int | None = None, use_cache: bool = True):
    from compiler.passes import compile_paths

    settings, _ = settings_or_fail()
    compilation = compile_paths(discover(paths), settings, cache=spec_cache(use_cache), jobs=jobs or os.cpu_count() or 1)
    print_diagnostics(compilation.diagnostics.sorted())
    if compilation.diagnostics.has_errors:
        errors = compilation.diagnostics.error_count
        raise Failure(f"{errors} error{'s' if errors != 1 else ''}; nothing written", 1)
    return compilation, settings


def _pause_gc() -> None:
    """A compile allocates hundreds of thousands of small objects that live
    until exit; the cyclic collector rescanned them over and over (40% of a
    1,000-entity build, bench/README.md), and even rare young-generation
    passes cost a tenth. The AST and IR hold no reference cycles that become
    garbage (peak memory is the same with the collector off, at 1,000 and
    10,000 entities), so it is paused for the command and resumed after."""
    import gc

    gc.freeze()
    gc.disable()


def _resume_gc() -> None:
    import gc

    gc.enable()
    gc.unfreeze()


def internal_errors(function):
    """Turn an unexpected exception into exit 2 with one line, not a traceback."""
    import functools

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        _pause_gc()
        try:
            return function(*args, **kwargs)
        except (click.ClickException, click.exceptions.Exit, click.Abort, KeyboardInterrupt):
            raise
        except Exception as exc:
            if os.environ.get("SPEC2DB_DEBUG"):
                raise
            raise Failure(f"internal error: {type(exc).__name__}: {exc} (set SPEC2DB_DEBUG=1 for a traceback)", 2) from None
        finally:
            _resume_gc()

    return wrapper


def run() -> None:
    """The `spec2db` command: `main`, then an exit that skips tearing the heap
    down. Freeing a build's hundreds of thousands of objects one by one, and
    the interpreter's last collection, cost 7% of a 1,000-entity build
    (bench/README.md). Exit handlers still run and output is flushed."""
    import atexit

    try:
        main()
        code = 0
    except SystemExit as exc:  # click ends every run with one
        code = exc.code
    if isinstance(code, str):
        print(code, file=sys.stderr)
        code = 1
    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)
    if run_exit_handlers is None:  # not CPython: exit the ordinary way
        sys.exit(code)
    run_exit_handlers()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`| head`): nothing more to say
            pass
    os._exit(code or 0)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="spec2db")
def main() -> None:
    """Compile Markdown feature specs (specs/*/spec.md) into database code."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), help="Root of the output tree (default: the current directory).")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 and show a diff for every output that differs.")
@click.option("--force", is_flag=True, help="Overwrite files that spec2db did not generate.")
@click.option("--emit", "emitters", multiple=True, help="Only these emitters (repeatable), e.g. --emit postgres.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="Run emitters, and from 3 on also parsing, in this many processes (default: the CPU count).",
)
@click.option("--no-cache", is_flag=True, help="Ignore and do not write the parse cache (~/.cache/spec2db).")
@internal_errors
def build(
    paths: tuple[Path, ...], out: Path | None, check: bool, force: bool, emitters: tuple[str, ...], jobs: int | None, no_cache: bool
) -> None:
    """Compile specs and write the outputs (schema.sql, data-model.md, ...)."""
    from compiler.emit import EMITTERS, emit_all
    from compiler.emit.output import EmitError, OutputError, diff, place, remove, stale, write

    unknown = [e for e in emitters if e not in EMITTERS]
    if unknown:
        raise Failure(f"unknown emitter '{unknown[0]}'; known: {', '.join(EMITTERS)}", 2)
    compilation, settings = compile_or_fail(_with_project(paths), jobs=jobs, use_cache=not no_cache)
    root = out if out is not None else Path.cwd()
    try:
        outputs = emit_all(compilation.project, settings, list(emitters) or None, jobs=jobs or os.cpu_count() or 1)
        if paths:
            outputs, chosen = _subset(outputs, compilation, settings, discover(paths))
            if chosen and len(chosen) < len(compilation.project.features):  # (a path over every feature is the whole build)
                click.echo(
                    f"building {', '.join(sorted(chosen))} of the whole project: other features' own outputs left as they are", err=True
                )
        outputs, notes = place(outputs, root, force=force)
        for note in notes:
            click.echo(f"note: {note}", err=True)
        # Only a build of everything knows which generated files are left over.
        inputs = frozenset(p for p, _ in discover(paths)) if not paths and not emitters else frozenset()
        leftovers = stale(outputs, root, inputs) if not paths and not emitters else []
        if check:
            from compiler.escape import visible

            diffs = diff(outputs, root)
            for text in diffs:
                click.echo(text, nl=False)
            for path in leftovers:
                click.echo(f"stale generated file (no spec produces it any more): {visible(_display(path, Path.cwd()))}")
            if diffs or leftovers:
                problems = f"{len(diffs)} of {len(outputs)} outputs differ" + (f", {len(leftovers)} stale" if leftovers else "")
                raise Failure(f"{problems}; run `spec2db build` to update them", 1)
            click.echo(f"{len(outputs)} outputs up to date", err=True)
            return
        written = write(outputs, root, force=force)
        remove(leftovers)
    except OutputError as exc:
        raise Failure(str(exc), 1) from None
    except EmitError as exc:
        raise Failure(f"internal error: {exc}; nothing written", 2) from None
    from compiler.escape import visible

    for path in written:
        click.echo(f"wrote {visible(path)}", err=True)
    for path in leftovers:
        click.echo(f"removed stale {visible(_display(path, Path.cwd()))}", err=True)
    click.echo(f"{len(outputs)} outputs, {len(written)} changed" + (f", {len(leftovers)} stale removed" if leftovers else ""), err=True)


def _with_project(paths: tuple[Path, ...]) -> tuple[Path, ...]:
    """A build of some specs compiles them with the whole project
    (specs/*/spec.md): the migration chain, the cumulative schema.sql and the
    models' `__init__` depend on every feature."""
    if not paths:
        return paths
    return (*paths, *sorted(Path.cwd().glob(spec_glob(Path.cwd()))))


def _subset(outputs, compilation, settings, chosen: list[tuple[Path, str]]):
    """The outputs a build of the `chosen` specs writes: the per-feature
    outputs of their features and every project-wide output (models, Alembic
    scaffold), all computed from the whole project. Returns them and the
    names of the chosen features."""
    from compiler.emit.output import output_path

    wanted = {display for _, display in chosen}
    templates = (settings.outputs.schema_sql, settings.outputs.data_model, settings.outputs.alembic_versions)
    by_source = {s.source: s for s in compilation.project.features}
    others = set()
    for schema in compilation.project.features:
        if schema.source not in wanted:
            others.update(output_path(t, schema.feature, schema.number) for t in templates)
    mine = {output_path(t, s.feature, s.number) for s in by_source.values() if s.source in wanted for t in templates}
    kept = [o for o in outputs if o.path in mine or o.path not in others]
    return kept, {s.feature for s in by_source.values() if s.source in wanted}


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--write", is_flag=True, help="Rewrite each spec.md in place (only its Key Entities section changes).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["diff", "json"]),
    default="diff",
    show_default=True,
    help="A unified diff, or the proposals with their evidence.",
)
@internal_errors
def infer(paths: tuple[Path, ...], write: bool, fmt: str) -> None:
    """Propose typed Key Entities from the prose and the sibling data-model.md (a codemod)."""
    import json

    from compiler.emit.output import _write_atomically
    from compiler.infer import InferError, infer_specs

    settings, _ = settings_or_fail()
    asked = discover(paths)
    wanted = {p for p, _ in asked}
    # a feature named alone still meets what the project's other features declare (a table it recalls, a key
    # to an entity an earlier feature types): they are read too, and only the features asked for are shown
    context = [s for s in _sibling_specs(asked) if s[0] not in wanted] if paths else []

    def run(specs: list[tuple[Path, str]]) -> list:
        return infer_specs(specs, default_key=settings.primary_key, plural=settings.table_names == "plural")

    try:
        try:
            results = run(asked + context)
        except InferError:
            if not context:
                raise
            results = run(asked)  # (another feature unreadable: without it)
    except InferError as exc:
        raise Failure(f"{exc}; nothing written", 1) from None
    results = [r for r in results if r.path.resolve() in wanted]
    if fmt == "json":
        click.echo(json.dumps({"version": 1, "specs": [r.to_json() for r in results]}, indent=2, ensure_ascii=False))
    else:
        print_diagnostics([d for r in results for d in r.findings.sorted()])
        if not write:
            for result in results:
                click.echo(result.diff(), nl=False)
    changed = [r for r in results if r.changed]
    if write:
        for result in changed:
            try:
                _write_atomically(result.path, result.proposed)
            except OSError as exc:
                raise Failure(f"{result.spec}: cannot write: {exc.strerror or exc}", 1) from None
            click.echo(f"wrote {result.spec}", err=True)
    verb = "rewritten" if write else "with proposals"
    click.echo(f"{len(results)} spec{'s' if len(results) != 1 else ''}, {len(changed)} {verb}", err=True)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@internal_errors
def ir(paths: tuple[Path, ...]) -> None:
    """Print the compiled relational IR as JSON."""
    compilation, _ = compile_or_fail(paths)
    click.echo(compilation.project.model_dump_json(indent=2))


@main.command()
@click.argument("code", required=False)
@click.option("--all", "show_all", is_flag=True, help="List every code.")
def rule(code: str | None, show_all: bool) -> None:
    """Print the documentation of a diagnostic CODE or lint rule (or --all)."""
    from compiler.codes import CODES
    from compiler.lint.registry import RULES

    if show_all or code is None:
        for entry in CODES.values():
            click.echo(f"{entry.code}  {entry.severity.value:<7}  {entry.name}")
        for lint_code, lint_rule in RULES.items():
            click.echo(f"{lint_code}  {lint_rule.severity.value:<7}  {lint_rule.name}")
        return
    lint_rule = RULES.get(code.upper())
    if lint_rule is not None:
        click.echo(f"{code.upper()} ({lint_rule.name}, {lint_rule.severity.value})\n\n{lint_rule.doc()}")
        return
    entry = CODES.get(code.upper())
    if entry is None:
        raise Failure(f"unknown code '{code}'; `spec2db rule --all` lists them", 2)
    click.echo(f"{entry.code} ({entry.name}, {entry.severity.value})\n\n{entry.doc}")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "sarif", "github"]), default="text", show_default=True, help="Output format."
)
@click.option("--strict", is_flag=True, help="Exit 1 on any finding, warnings included.")
@click.option("--select", "select", metavar="CODES", help="Only these codes or prefixes, comma-separated (replaces the configured select).")
@click.option("--ignore", "ignore", metavar="CODES", help="Also ignore these codes or prefixes, comma-separated.")
@click.option("--base", "base", metavar="REV", help="Also report breaking changes (B codes) from the specs at this git revision.")
@internal_errors
def lint(paths: tuple[Path, ...], fmt: str, strict: bool, select: str | None, ignore: str | None, base: str | None = None) -> None:
    """Lint specs (default specs/*/spec.md; files or folders, as pre-commit passes them)."""
    from compiler.config import ConfigError
    from compiler.lint import LintInternalError, lint_paths
    from compiler.lint.config import load_lint_config
    from compiler.lint.report import render

    settings, _ = settings_or_fail()
    try:
        config = load_lint_config(Path.cwd())
        config.override(select=select, ignore=ignore)
    except ConfigError as exc:
        raise Failure(str(exc), 2) from None
    base_project = _base_or_fail(base, paths, settings) if base else None
    try:
        result = lint_paths(discover(paths), settings, config, base=base_project, cache=spec_cache(), jobs=os.cpu_count() or 1)
    except LintInternalError as exc:
        raise Failure(f"internal error: {exc}", 2) from None
    click.echo(render(result.diagnostics, fmt, result.sources), nl=False)
    count = len(result.diagnostics)
    if fmt == "text":
        files = len(result.files)
        summary = f"{count} finding{'s' if count != 1 else ''} ({result.errors} error{'s' if result.errors != 1 else ''}) in {files} file{'s' if files != 1 else ''}"
        click.echo(summary if count else f"all clean: {files} file{'s' if files != 1 else ''}", err=True)
    if result.errors or (strict and count):
        raise click.exceptions.Exit(1)


def _base_or_fail(rev: str, paths: tuple[Path, ...], settings):
    """The project as of git revision `rev` (current settings)."""
    from compiler.gitbase import BaseError, compile_at

    try:
        project, diags = compile_at(rev, paths, settings)
    except BaseError as exc:
        raise Failure(f"--base {rev}: {exc}", 2) from None
    if diags.has_errors:
        print_diagnostics([d for d in diags.sorted() if d.severity.value == "error"])
        raise Failure(f"--base {rev}: the specs at that revision do not compile", 1)
    return project


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--base", "base", metavar="REV", required=True, help="Git revision whose specs are the starting point (e.g. main, HEAD~1).")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), help="Write the migration to this file instead of printing it.")
@click.option("--revision", metavar="ID", help="Revision id of the migration (default: BASE_to_HEAD feature numbers).")
@click.option("--force", is_flag=True, help="Overwrite an --out file that spec2db did not generate.")
@internal_errors
def diff(paths: tuple[Path, ...], base: str, out: Path | None, revision: str | None, force: bool = False) -> None:
    """Print the Alembic migration from the specs at git revision REV to the specs now."""
    from compiler.emit.alembic import migration, revision_id
    from compiler.naming import revision_name

    compilation, settings = compile_or_fail(paths)
    before = _base_or_fail(base, paths, settings)
    if not compilation.project.features:
        raise Failure("no feature to compare", 2)
    previous = before.features[-1] if before.features else None
    current = compilation.project.features[-1]
    down = revision_id(previous) if previous else None
    rid = revision or (revision_name(f"{down}_to_{revision_id(current)}") if down else revision_id(current))
    note = f"Generated by `spec2db diff --base {base}`."
    text = migration(previous, current, revision=rid, down_revision=down, note=note, live=settings.migrations)
    if out is None:
        click.echo(text, nl=False)
    else:
        from compiler.emit.output import MARKER, OutputError, is_generated, write_file

        if out.exists() and not force and not is_generated(out):
            raise Failure(f"{out}: exists and was not generated by spec2db (no '{MARKER}' header); pass --force to overwrite it", 1)
        try:
            write_file(out, text)
        except OutputError as exc:
            raise Failure(str(exc), 1) from None
        click.echo(f"wrote {out}", err=True)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--database-url",
    envvar="DATABASE_URL",
    metavar="URL",
    help="PostgreSQL server to use (default: $DATABASE_URL, else 127.0.0.1:5432, else an embedded pgserver); "
    "needs CREATEDB, scratch databases are dropped after.",
)
@internal_errors
def verify(paths: tuple[Path, ...], database_url: str | None) -> None:
    """Check on a real PostgreSQL that the Alembic migrations build what schema.sql builds (up, down, up)."""
    from compiler.verify import VerifyError, default_server
    from compiler.verify import verify as run_verify

    compilation, settings = compile_or_fail(paths)
    try:
        with default_server(database_url, progress=lambda line: click.echo(line, err=True)) as url:
            report = run_verify(compilation.project, settings, url, progress=lambda line: click.echo(line, err=True))
    except VerifyError as exc:
        raise Failure(str(exc), 2) from None
    click.echo(report.text(), nl=False)
    if not report.ok:
        raise Failure("the migrations do not build what schema.sql builds (differences above)", 1)


@main.command("seed")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--rows", type=click.IntRange(min=1, max=100_000), default=10, show_default=True, help="Rows per table.")
@click.option(
    "--seed", "seed_value", type=int, default=0, show_default=True, help="Seed of the generator: the same seed writes the same bytes."
)
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), help="Root of the output tree (default: the current directory).")
@click.option("--force", is_flag=True, help="Overwrite a file that spec2db did not write.")
@internal_errors
def seed_command(paths: tuple[Path, ...], rows: int, seed_value: int, out: Path | None, force: bool) -> None:
    """Write deterministic, FK-consistent INSERTs for every table of the latest feature (specs/<feature>/seed.sql)."""
    from compiler.emit.output import Output, OutputError, output_path, safe_target, write
    from compiler.seed import diagnostics, is_seed_file, seed

    compilation, settings = compile_or_fail(paths)
    if not compilation.project.features:
        raise Failure("no feature to seed", 2)
    schema = compilation.project.features[-1]
    result = seed(schema, rows, seed_value, schema.source)
    print_diagnostics(diagnostics(result.problems))
    root = out if out is not None else Path.cwd()
    path = output_path(settings.outputs.seed_sql, schema.feature, schema.number)
    try:
        written = write([Output(path, result.sql)], root, force=force or is_seed_file(safe_target(root, path)))
    except OutputError as exc:
        raise Failure(str(exc), 1) from None
    total = sum(result.counts.values())
    click.echo(f"{'wrote' if written else 'unchanged'} {path}: {total} rows in {len(result.counts)} tables", err=True)


# --- spec-kit: `spec2db init` installs the extension and preset (speckit/) ---

SPECKIT_EXTENSION_ID = "spec2db"
SPECKIT_PRESET_ID = "spec2db"


def _speckit_bundle() -> tuple[Path, Path]:
    """The extension and preset folders, and the notation page the preset's
    template links to: beside the package in the wheel (compiler/speckit),
    at the top of a checkout (speckit/, docs/)."""
    package = Path(__file__).resolve().parent
    for bundle, notation in (
        (package / "speckit", package / "speckit" / "notation.md"),
        (package.parent / "speckit", package.parent / "docs" / "notation.md"),
    ):
        if (bundle / "extension" / "extension.yml").is_file() and notation.is_file():
            return bundle, notation
    raise Failure("the spec-kit extension is missing next to the package (is the wheel complete?)", 2)


def _stage_speckit(bundle: Path, notation: Path, staging: Path) -> tuple[Path, Path]:
    """Copies to install from: the preset carries the notation page (its
    template links to .specify/presets/spec2db/notation.md), and the scripts
    are made executable whatever the archive kept of their mode."""
    import shutil
    import stat

    extension = shutil.copytree(bundle / "extension", staging / "extension")
    preset = shutil.copytree(bundle / "preset", staging / "preset")
    shutil.copyfile(notation, preset / "notation.md")
    for script in extension.glob("scripts/bash/*.sh"):
        script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return extension, preset


def _specify(specify: str, args: list[str], project: Path) -> None:
    import subprocess

    # A wide, colourless console keeps spec-kit's messages readable when relayed.
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    result = subprocess.run([specify, *args], cwd=project, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()
        raise Failure(f"`specify {' '.join(args)}` failed:\n{output}", 1)


@main.command()
@click.argument("project", required=False, type=click.Path(path_type=Path, file_okay=False, exists=True))
@internal_errors
def init(project: Path | None) -> None:
    """Install the spec2db extension and preset into a spec-kit project (default: here)."""
    import shutil
    import tempfile

    project = (project or Path.cwd()).resolve()
    if not (project / ".specify").is_dir():
        raise Failure(f"{_display(project, Path.cwd())}: not a spec-kit project (no .specify/); run `specify init --here` first", 2)
    specify = shutil.which("specify")
    if specify is None:
        raise Failure(
            "spec-kit's `specify` command is not on the PATH: `pip install specify-cli` (or `uv tool install specify-cli`), "
            "then run `spec2db init` again",
            1,
        )
    bundle, notation = _speckit_bundle()
    with tempfile.TemporaryDirectory(prefix="spec2db-speckit-") as staging:
        extension, preset = _stage_speckit(bundle, notation, Path(staging))
        _specify(specify, ["extension", "add", "--dev", str(extension), "--force"], project)
        # `preset add` refuses an installed preset; replacing it keeps `init` re-runnable (an upgrade).
        if (project / ".specify" / "presets" / SPECKIT_PRESET_ID).is_dir():
            _specify(specify, ["preset", "remove", SPECKIT_PRESET_ID], project)
        _specify(specify, ["preset", "add", "--dev", str(preset)], project)
    click.echo(
        f"installed the spec-kit extension '{SPECKIT_EXTENSION_ID}' (/speckit.spec2db.entities, /speckit.spec2db.check after the plan)"
        f" and the preset '{SPECKIT_PRESET_ID}' (typed Key Entities in new specs) into {project}",
        err=True,
    )


# --- `spec2db lsp`: the language server (compiler/lsp/) ---


@main.command()
@click.option("--stdio", is_flag=True, help="Talk over stdin/stdout (the default and only transport; accepted for editors that pass it).")
def lsp(stdio: bool) -> None:
    """Run the language server for specs/*/spec.md over stdio (diagnostics, hover, completion, definition, fixes)."""
    # Not wrapped in internal_errors: that pauses the garbage collector, which
    # a long-lived server needs running.
    try:
        from compiler.lsp.server import main as serve
    except ImportError as exc:
        raise Failure(f'the language server needs pygls ({exc.name} is missing): pip install "spec2db[lsp]"', 2) from None
    serve()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
