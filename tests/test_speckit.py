"""The spec-kit extension and preset (speckit/), installed by `spec2db init`
into a project that spec-kit's real `specify` CLI created.

What a coding agent reads is what spec-kit renders: Claude's skills and
Gemini's TOML commands, with each command's script path resolved. The
scripts those files name are then run as the agent would run them, with
spec2db (this checkout) on the PATH.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ".specify/extensions/spec2db/scripts/bash"
PS_SCRIPTS = ".specify/extensions/spec2db/scripts/powershell"
PWSH = shutil.which("pwsh")
# The PowerShell scripts (speckit/extension/scripts/powershell/) run only where PowerShell 7 is installed
# (GitHub's hosted runners have it); Debian's archive has no package of it.
needs_pwsh = pytest.mark.skipif(PWSH is None, reason="PowerShell 7 (pwsh) is not installed: the .ps1 scripts are not run")


def _specify() -> str | None:
    beside = Path(sys.executable).parent / "specify"  # the venv's, even when its bin/ is not on the PATH
    return str(beside) if beside.is_file() else shutil.which("specify")


SPECIFY = _specify()
needs_specify = pytest.mark.skipif(SPECIFY is None, reason="spec-kit's CLI is not installed (pip install specify-cli)")


def run(args, cwd: Path, env: dict | None = None, ok: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False)
    if ok:
        assert result.returncode == 0, f"{' '.join(map(str, args))} -> {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def bin_dir(tmp_path_factory) -> Path:
    """A PATH entry with `spec2db` (this checkout) and `specify`."""
    folder = tmp_path_factory.mktemp("bin")
    shim = folder / "spec2db"
    shim.write_text(f'#!/bin/sh\nPYTHONPATH="{ROOT}" exec "{sys.executable}" -m compiler "$@"\n')
    shim.chmod(0o755)
    if SPECIFY is not None:
        (folder / "specify").symlink_to(SPECIFY)
    return folder


def environment(bin_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "SPEC2DB_DEBUG")}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    env["COLUMNS"] = "200"
    return env


@pytest.fixture(scope="module")
def project(tmp_path_factory, bin_dir) -> Path:
    """`specify init` for Claude, `spec2db init`, then Gemini as a second integration."""
    if SPECIFY is None:
        pytest.skip("spec-kit's CLI is not installed (pip install specify-cli)")
    root = tmp_path_factory.mktemp("project")
    env = environment(bin_dir)
    run([SPECIFY, "init", "--here", "--force", "--non-interactive", "--integration", "claude", "--ignore-agent-tools"], root, env)
    result = run(["spec2db", "init"], root, env)
    assert "installed the spec-kit extension 'spec2db'" in result.stderr
    # spec-kit renders an extension's commands for the active integration;
    # another one gets them when it becomes the active one.
    run([SPECIFY, "integration", "install", "gemini"], root, env)
    run([SPECIFY, "integration", "use", "gemini"], root, env)
    return root


@needs_specify
def test_claude_skills_carry_the_commands_with_their_scripts(project):
    entities = (project / ".claude/skills/speckit-spec2db-entities/SKILL.md").read_text()
    check = (project / ".claude/skills/speckit-spec2db-check/SKILL.md").read_text()
    assert f"{SCRIPTS}/lint-build.sh" in entities
    assert f"{SCRIPTS}/check.sh" in check
    for text in (entities, check):
        assert "{SCRIPT}" not in text
    # The command asks for the typed notation, infer where there is prose, lint and build until clean.
    for phrase in ("spec2db infer", "spec2db lint", "spec2db build", "`id`: uuid, primary key", "*(extends)*", "lint clean"):
        assert phrase in entities, phrase
    assert "spec2db build --check" in check


@needs_specify
def test_gemini_commands_carry_the_commands_with_their_scripts(project):
    for name, script in (("entities", "lint-build.sh"), ("check", "check.sh")):
        command = tomllib.loads((project / f".gemini/commands/speckit.spec2db.{name}.toml").read_text())
        prompt = command["prompt"]
        assert f"{SCRIPTS}/{script}" in prompt
        assert "{SCRIPT}" not in prompt and "$ARGUMENTS" not in prompt
        assert "{{args}}" in prompt  # Gemini's argument placeholder
        assert command["description"]


@needs_specify
def test_resolved_scripts_exist_and_run(project):
    for script in ("lint-build.sh", "check.sh", "common.sh"):
        path = project / SCRIPTS / script
        assert path.is_file() and os.access(path, os.X_OK), path
    for script in ("lint-build.ps1", "check.ps1", "common.ps1"):  # what an agent on Windows runs
        assert (project / PS_SCRIPTS / script).is_file(), script


@needs_specify
def test_check_runs_after_plan(project):
    import yaml  # spec-kit's own dependency

    hooks = yaml.safe_load((project / ".specify/extensions.yml").read_text())["hooks"]["after_plan"]
    assert [(h["extension"], h["command"], h["optional"]) for h in hooks] == [("spec2db", "speckit.spec2db.check", False)]


@needs_specify
def test_manifest_requires_spec2db(project):
    import yaml

    manifest = yaml.safe_load((project / ".specify/extensions/spec2db/extension.yml").read_text())
    assert [t["name"] for t in manifest["requires"]["tools"]] == ["spec2db"]
    assert all(c["name"].startswith("speckit.spec2db.") for c in manifest["provides"]["commands"])


@needs_specify
def test_preset_template_is_typed_and_links_the_notation(project, bin_dir):
    resolved = run([SPECIFY, "preset", "resolve", "spec-template"], project, environment(bin_dir)).stdout
    assert ".specify/presets/spec2db/templates/spec-template.md" in resolved.replace("\n", "").replace(" ", "")
    template = (project / ".specify/presets/spec2db/templates/spec-template.md").read_text()
    section = template.split("### Key Entities", 1)[1].split("\n## ", 1)[0]
    assert "  - `id`: uuid, primary key" in section
    link = "../../.specify/presets/spec2db/notation.md"
    assert f"]({link})" in section
    feature = project / "specs" / "001-example"
    assert (feature / link).resolve() == (project / ".specify/presets/spec2db/notation.md").resolve()
    assert (project / ".specify/presets/spec2db/notation.md").read_text() == (ROOT / "docs/notation.md").read_text()


@pytest.fixture
def workspace(project, tmp_path) -> Path:
    """A copy of the installed project, so each test writes its own specs."""
    copy = tmp_path / "project"
    shutil.copytree(project, copy, symlinks=True)
    return copy


def typed_feature(workspace: Path) -> Path:
    """The example feature 001, typed, copied into the spec-kit project."""
    feature = workspace / "specs" / "001-task-management"
    feature.mkdir(parents=True)
    shutil.copyfile(ROOT / "specs/001-task-management/spec.md", feature / "spec.md")
    return feature


@needs_specify
def test_installed_script_builds_a_typed_spec(workspace, bin_dir):
    env = environment(bin_dir)
    feature = typed_feature(workspace)
    result = run(["bash", f"{SCRIPTS}/lint-build.sh"], workspace, env)
    assert "lint clean; schema built" in result.stdout
    # The same schema the checkout's golden files hold for this spec.
    assert (feature / "schema.sql").read_bytes() == (ROOT / "golden/specs/001-task-management/schema.sql").read_bytes()
    assert (workspace / "backend/migrations/versions/001_task_management.py").is_file()
    # The after-plan check: clean now, drift once the spec changes.
    assert run(["bash", f"{SCRIPTS}/check.sh"], workspace, env).returncode == 0
    spec = feature / "spec.md"
    spec.write_text(spec.read_text().replace("  - `due_date`: date, indexed\n", "  - `due_date`: date, indexed\n  - `estimate`: integer\n"))
    drift = run(["bash", workspace / SCRIPTS / "check.sh"], feature, env, ok=False)  # from a subfolder: the script finds the root
    assert drift.returncode == 1
    assert "+    estimate INTEGER," in drift.stdout


@needs_specify
@needs_pwsh
def test_installed_powershell_script_builds_a_typed_spec(workspace, bin_dir):
    """The .ps1 scripts do what the bash ones do (the test above), run by PowerShell 7."""
    env = environment(bin_dir)
    feature = typed_feature(workspace)
    pwsh = [PWSH, "-NoLogo", "-NoProfile", "-NonInteractive", "-File"]
    result = run([*pwsh, f"{PS_SCRIPTS}/lint-build.ps1"], workspace, env)
    assert "lint clean; schema built" in result.stdout
    assert (feature / "schema.sql").read_bytes() == (ROOT / "golden/specs/001-task-management/schema.sql").read_bytes()
    assert (workspace / "backend/migrations/versions/001_task_management.py").is_file()
    assert run([*pwsh, f"{PS_SCRIPTS}/check.ps1"], workspace, env).returncode == 0
    spec = feature / "spec.md"
    spec.write_text(spec.read_text().replace("  - `due_date`: date, indexed\n", "  - `due_date`: date, indexed\n  - `estimate`: integer\n"))
    drift = run([*pwsh, workspace / PS_SCRIPTS / "check.ps1"], feature, env, ok=False)  # from a subfolder: the script finds the root
    assert drift.returncode == 1
    assert "+    estimate INTEGER," in drift.stdout
    spec.write_text(spec.read_text().replace("  - `estimate`: integer\n", "  - `estimate`: intger\n"))
    failed = run([*pwsh, f"{PS_SCRIPTS}/lint-build.ps1"], workspace, env, ok=False)
    assert failed.returncode == 1 and "E102" in failed.stdout + failed.stderr


@needs_specify
def test_script_reports_findings_until_lint_is_clean(workspace, bin_dir):
    env = environment(bin_dir)
    feature = workspace / "specs" / "001-notes"
    feature.mkdir(parents=True)
    spec = feature / "spec.md"
    spec.write_text("# Notes\n\n### Key Entities\n\n- **Note**: A note.\n  - `id`: uuid, primary key\n  - `body`: strng\n")
    failed = run(["bash", f"{SCRIPTS}/lint-build.sh"], workspace, env, ok=False)
    assert failed.returncode == 1
    assert "specs/001-notes/spec.md:7:13: E102" in failed.stdout + failed.stderr
    assert not (feature / "schema.sql").exists()
    spec.write_text(spec.read_text().replace("strng", "text, required"))
    assert "lint clean; schema built" in run(["bash", f"{SCRIPTS}/lint-build.sh"], workspace, env).stdout
    assert "CREATE TABLE notes" in (feature / "schema.sql").read_text()


@needs_specify
def test_new_spec_from_the_preset_template_builds(workspace, bin_dir):
    """A spec started from the preset's template compiles before it is filled in."""
    feature = workspace / "specs" / "001-from-template"
    feature.mkdir(parents=True)
    shutil.copyfile(workspace / ".specify/presets/spec2db/templates/spec-template.md", feature / "spec.md")
    result = run(["bash", f"{SCRIPTS}/lint-build.sh"], workspace, environment(bin_dir))
    assert "lint clean; schema built" in result.stdout
    assert "CREATE TABLE" in (feature / "schema.sql").read_text()


def test_init_outside_a_spec_kit_project(tmp_path, bin_dir):
    result = run(["spec2db", "init"], tmp_path, environment(bin_dir), ok=False)
    assert result.returncode == 2
    assert "not a spec-kit project (no .specify/); run `specify init --here` first" in result.stderr
    assert "Traceback" not in result.stderr


def test_init_without_specify_says_how_to_get_it(tmp_path, bin_dir):
    (tmp_path / ".specify").mkdir()
    only_spec2db = tmp_path / "bin"
    only_spec2db.mkdir()
    (only_spec2db / "spec2db").symlink_to(bin_dir / "spec2db")
    env = environment(bin_dir)
    env["PATH"] = f"{only_spec2db}{os.pathsep}/usr/bin{os.pathsep}/bin"
    result = run(["spec2db", "init"], tmp_path, env, ok=False)
    assert result.returncode == 1
    assert "`specify` command is not on the PATH: `pip install specify-cli`" in result.stderr
    assert not (tmp_path / ".specify" / "extensions").exists()
