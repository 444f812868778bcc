# Shared by the spec2db extension's scripts: run from the project root (the
# folder holding .specify/), with spec2db on the PATH.

function Get-Spec2dbProjectRoot {
    # As common.sh: the nearest folder above the current one that holds .specify/, the file system's root excluded.
    $dir = (Get-Location).Path
    while ($dir) {
        $parent = Split-Path $dir -Parent
        if (-not $parent -or $parent -eq $dir) { break }
        if (Test-Path (Join-Path $dir '.specify') -PathType Container) { return $dir }
        $dir = $parent
    }
    # Not inside a spec-kit project: the scripts live in
    # <root>/.specify/extensions/spec2db/scripts/powershell.
    return (Resolve-Path (Join-Path $PSScriptRoot '../../../../..')).Path
}

function Enter-Spec2dbProjectRoot {
    # As `cd "$(spec2db_project_root)" || exit 2` in the bash scripts.
    try {
        Set-Location -LiteralPath (Get-Spec2dbProjectRoot) -ErrorAction Stop
    } catch {
        [Console]::Error.WriteLine("cannot enter the project root: $_")
        exit 2
    }
}

function Assert-Spec2db {
    if (-not (Get-Command spec2db -ErrorAction SilentlyContinue)) {
        [Console]::Error.WriteLine('spec2db is not installed or not on the PATH: pip install spec2db')
        exit 127
    }
}
