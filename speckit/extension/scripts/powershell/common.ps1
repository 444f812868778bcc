# Shared by the spec2db extension's scripts: run from the project root (the
# folder holding .specify/), with spec2db on the PATH.

function Get-Spec2dbProjectRoot {
    $dir = (Get-Location).Path
    while ($dir) {
        if (Test-Path (Join-Path $dir '.specify') -PathType Container) { return $dir }
        $parent = Split-Path $dir -Parent
        if ($parent -eq $dir) { break }
        $dir = $parent
    }
    # The scripts live in <root>/.specify/extensions/spec2db/scripts/powershell.
    return (Resolve-Path (Join-Path $PSScriptRoot '../../../../..')).Path
}

function Assert-Spec2db {
    if (-not (Get-Command spec2db -ErrorAction SilentlyContinue)) {
        [Console]::Error.WriteLine('spec2db is not installed or not on the PATH: pip install spec2db')
        exit 127
    }
}
