"""The generated Python passes strict type checking: `mypy --strict` on the
models, the session module and the migrations, and pyright in strict mode
on the models, the session module and the migrations, with no
`# type: ignore` anywhere. Header lines stay within 140 characters.

pyright's PyPI wheel carries the pyright npm package, so it needs Node.js
and no download; without Node the test fails, it does not skip.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from compiler.emit.output import HEADER_WIDTH, MARKER
from tests.test_alembic import settings, write_generated


@pytest.fixture(scope="module")
def backend(tmp_path_factory) -> Path:
    root = write_generated(tmp_path_factory.mktemp("typed"))
    return root / Path(settings().outputs.alembic_ini).parent


def python_files(backend: Path) -> list[Path]:
    return sorted(backend.rglob("*.py"))


def test_no_type_ignore_and_short_headers(backend):
    files = python_files(backend)
    assert len(files) > 30
    for path in files:
        text = path.read_text()
        assert "type: ignore" not in text, path
        assert not re.search(r"pyright:\s*ignore(?!\[)", text), f"{path}: a pyright ignore without a rule"
        head = [line for line in text.splitlines()[:3] if line.startswith("#")]
        assert any(MARKER in line for line in head), path
        assert all(len(line) <= HEADER_WIDTH for line in head), (path, head)


def test_mypy_strict(backend, tmp_path):
    src = backend / "src"
    packages = sorted({p.relative_to(src).parts[0] for p in src.rglob("*.py")})
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), *packages, str(backend / "migrations")],
        cwd=src,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout


def test_pyright_strict(backend):
    if shutil.which("node") is None:
        pytest.fail("Node.js is not on PATH: pyright (pip install '.[test]') runs on Node")
    src = backend / "src"
    config = backend / "pyrightconfig.json"
    config.write_text(json.dumps({"typeCheckingMode": "strict", "pythonVersion": "3.10", "extraPaths": [str(src)]}))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pyright",
            "--outputjson",
            "--pythonpath",
            sys.executable,
            "-p",
            str(config),
            str(src),
            str(backend / "migrations"),
        ],
        cwd=backend,
        capture_output=True,
        text=True,
        # no version check against the package index; the wheel's own pyright
        env={**os.environ, "PYRIGHT_PYTHON_IGNORE_WARNINGS": "1"},
        check=False,
    )
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"pyright did not run:\n{result.stdout}{result.stderr}")
    errors = [
        f"{Path(d['file']).relative_to(backend)}:{d['range']['start']['line'] + 1}: {d['message']}"
        for d in report["generalDiagnostics"]
        if d["severity"] == "error"
    ]
    assert report["summary"]["filesAnalyzed"] >= len(list(src.rglob("*.py"))), report["summary"]
    assert not errors, "\n".join(errors)
