"""The wheel is complete: it carries the Lark grammar, and an installed
`spec2db` (not this checkout) builds the example specs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def run(*args, cwd: Path, env: dict | None = None, timeout: int = 600) -> subprocess.CompletedProcess:
    result = subprocess.run([str(a) for a in args], check=False, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{' '.join(map(str, args))}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    # Copy the sources so the build leaves no trace in the checkout.
    src = tmp_path_factory.mktemp("src") / "spec2db"
    shutil.copytree(
        ROOT,
        src,
        ignore=shutil.ignore_patterns(
            ".git", ".spec2db-cache", ".ruff_cache", "__pycache__", "*.egg-info", "build", "dist", ".pytest_cache", "backend"
        ),
    )
    try:
        import hatchling  # noqa: F401  the backend is here: build without an isolated env

        run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", out, src, cwd=src)
    except ImportError:
        run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", out, src, cwd=src)
    wheels = list(out.glob("spec2db-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def test_wheel_contains_the_grammar(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert "compiler/grammar/spec2db.lark" in names
        grammar = archive.read("compiler/grammar/spec2db.lark").decode()
    assert grammar == (ROOT / "grammar" / "spec2db.lark").read_text(encoding="utf-8")
    # spec2db infer: the Prisma grammar and the word tables of the code-block reader
    assert {"compiler/grammar/prisma.lark", "compiler/infer/data/types.json", "compiler/infer/data/code.json"} <= names
    assert any(n.endswith(".j2") for n in names), "templates are missing"
    assert any(n.endswith("entry_points.txt") for n in names)


def test_wheel_carries_the_spec_kit_extension_and_preset(wheel):
    """`spec2db init` installs them from the package."""
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for path in sorted((ROOT / "speckit").rglob("*")):
            if path.is_file():
                assert f"compiler/speckit/{path.relative_to(ROOT / 'speckit').as_posix()}" in names, path
        notation = archive.read("compiler/speckit/notation.md").decode()
    assert notation == (ROOT / "docs" / "notation.md").read_text(encoding="utf-8")


def test_installed_wheel_builds_the_examples(wheel, tmp_path):
    venv = tmp_path / "venv"
    # The venv sees this interpreter's packages for the dependencies (no
    # network needed); spec2db itself comes only from the wheel.
    run(sys.executable, "-m", "venv", "--system-site-packages", venv, cwd=tmp_path)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / "python"
    run(python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", wheel, cwd=tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "SPEC2DB_DEBUG")}
    where = run(python, "-c", "import compiler; print(compiler.__file__)", cwd=tmp_path, env=env).stdout.strip()
    assert Path(where).resolve().is_relative_to(venv.resolve()), where

    out = tmp_path / "out"
    result = run(bindir / "spec2db", "build", "--out", out, cwd=ROOT, env=env)
    assert "Traceback" not in result.stderr
    built = sorted(p.parent.name for p in out.glob("specs/*/schema.sql"))
    assert built == sorted(p.parent.name for p in (ROOT / "specs").glob("*/spec.md"))
    for schema in out.glob("specs/*/schema.sql"):  # the installed compiler writes what the checkout does
        assert schema.read_bytes() == (ROOT / "golden" / schema.relative_to(out)).read_bytes()
