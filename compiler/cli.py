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

DEFAULT_GLOB = "specs/*/spec.md"


class Failure(click.ClickException):
    """A clean, traceback-free exit with a message and a code."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.exit_code = code

    def show(self, file=None) -> None:
        click.echo(f"spec2db: {self.format_message()}", err=True)


def discover(paths: tuple[Path, ...]) -> list[tuple[Path, str]]:
    """Spec files to compile, as (path, path shown in diagnostics)."""
    cwd = Path.cwd()
    found: list[Path] = []
    if not paths:
        found = sorted(cwd.glob(DEFAULT_GLOB))
        if not found:
            raise Failure(f"no spec found: {DEFAULT_GLOB} matches nothing under {cwd}", 2)
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


def compile_or_fail(paths: tuple[Path, ...]):
    from compiler.passes import compile_paths

    settings, _ = settings_or_fail()
    compilation = compile_paths(discover(paths), settings)
    print_diagnostics(compilation.diagnostics.sorted())
    if compilation.diagnostics.has_errors:
        errors = sum(1 for d in compilation.diagnostics.items if d.severity.value == "error")
        raise Failure(f"{errors} error{'s' if errors != 1 else ''}; nothing written", 1)
    return compilation, settings


def internal_errors(function):
    """Turn an unexpected exception into exit 2 with one line, not a traceback."""
    import functools

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except (click.ClickException, click.exceptions.Exit, click.Abort, KeyboardInterrupt):
            raise
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            if os.environ.get("SPEC2DB_DEBUG"):
                raise
            raise Failure(f"internal error: {type(exc).__name__}: {exc} (set SPEC2DB_DEBUG=1 for a traceback)", 2) from None

    return wrapper


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
@internal_errors
def build(paths: tuple[Path, ...], out: Path | None, check: bool, force: bool, emitters: tuple[str, ...]) -> None:
    """Compile specs and write the outputs (schema.sql, data-model.md, ...)."""
    from compiler.emit import EMITTERS, emit_all
    from compiler.emit.output import OutputError, diff, write

    unknown = [e for e in emitters if e not in EMITTERS]
    if unknown:
        raise Failure(f"unknown emitter '{unknown[0]}'; known: {', '.join(EMITTERS)}", 2)
    compilation, settings = compile_or_fail(paths)
    outputs = emit_all(compilation.project, settings, list(emitters) or None)
    root = out if out is not None else Path.cwd()
    try:
        if check:
            diffs = diff(outputs, root)
            for text in diffs:
                click.echo(text, nl=False)
            if diffs:
                raise Failure(f"{len(diffs)} of {len(outputs)} outputs differ; run `spec2db build` to update them", 1)
            click.echo(f"{len(outputs)} outputs up to date", err=True)
            return
        written = write(outputs, root, force=force)
    except OutputError as exc:
        raise Failure(str(exc), 1) from None
    for path in written:
        click.echo(f"wrote {path}", err=True)
    click.echo(f"{len(outputs)} outputs, {len(written)} changed", err=True)


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
    """Print the documentation of a diagnostic CODE (or --all)."""
    from compiler.codes import CODES

    if show_all or code is None:
        for entry in CODES.values():
            click.echo(f"{entry.code}  {entry.severity.value:<7}  {entry.name}")
        return
    entry = CODES.get(code.upper())
    if entry is None:
        raise Failure(f"unknown code '{code}'; `spec2db rule --all` lists them", 2)
    click.echo(f"{entry.code} ({entry.name}, {entry.severity.value})\n\n{entry.doc}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
