"""Specs as they are at a git revision, compiled without touching the work tree.

`spec2db diff --base REV` and `spec2db lint --base REV` compare the project
now with the project at REV: the spec files are listed with `git ls-tree`
and read with `git show REV:path`, then compiled with the current settings.
"""

from __future__ import annotations

import fnmatch
import subprocess
from pathlib import Path, PurePosixPath

from compiler.config import Settings
from compiler.diagnostics import Diagnostics
from compiler.ir import Project


class BaseError(Exception):
    """The revision cannot be read (not a git repository, unknown revision)."""


def _git(args: list[str], cwd: Path) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError as exc:
        raise BaseError(f"cannot run git: {exc}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise BaseError(f"git {' '.join(args[:2])}: {message[-1] if message else 'failed'}")
    return done.stdout


def _wanted(path: str, patterns: list[str]) -> bool:
    """`path` relative to the cwd, against the command's PATHS (or the default glob)."""
    p = PurePosixPath(path)
    for pattern in patterns:
        if pattern.endswith("/"):
            base = pattern.rstrip("/")
            if p.as_posix() == f"{base}/spec.md" or (p.name == "spec.md" and p.parent.parent.as_posix() == base):
                return True
        elif fnmatch.fnmatchcase(p.as_posix(), pattern):
            return True
    return False


def spec_files_at(rev: str, paths: tuple[Path, ...], cwd: Path | None = None) -> list[tuple[str, bytes]]:
    """(path shown in diagnostics, content) of every spec at `rev`, as
    `spec2db build PATHS` would find them in a checkout of `rev`."""
    cwd = (cwd or Path.cwd()).resolve()
    prefix = _git(["rev-parse", "--show-prefix"], cwd).decode().strip()
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], cwd)
    except BaseError:
        raise BaseError(f"unknown revision '{rev}' (not a commit in this repository)") from None
    listing = _git(["ls-tree", "-r", "-z", "--name-only", "--full-tree", rev], cwd).decode("utf-8", "replace").split("\0")
    patterns: list[str] = []
    for path in paths:
        text = path.as_posix().rstrip("/")
        text = "" if text == "." else text
        if path.suffix.lower() == ".md":
            patterns.append(text)
        else:
            patterns.append((text + "/") if text else "/")
    if not patterns:
        from compiler.config import specs_root

        patterns = [f"{specs_root(cwd)}/*/spec.md"]  # the checkout's layout
    found = []
    for full in listing:
        if not full or not full.startswith(prefix):
            continue
        relative = full[len(prefix) :]
        if any(p == "/" for p in patterns) and (relative == "spec.md" or PurePosixPath(relative).match("*/spec.md")):
            hit = True
        else:
            hit = _wanted(relative, patterns)
        if hit:
            found.append((relative, _git(["show", f"{rev}:{full}"], cwd)))
    return sorted(found)


def compile_at(rev: str, paths: tuple[Path, ...], settings: Settings, cwd: Path | None = None) -> tuple[Project, Diagnostics]:
    from compiler.passes import compile_specs, parse_bytes

    diags = Diagnostics()
    specs = []
    for display, data in spec_files_at(rev, paths, cwd):
        spec = parse_bytes(data, f"{rev}:{display}", diags)
        if spec is not None:  # the feature comes from the path, as in a checkout of rev
            specs.append(spec)
    project = compile_specs(specs, settings, diags)
    return project, diags
