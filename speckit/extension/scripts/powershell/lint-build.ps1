# Lint the specs, then build them. Arguments go to `spec2db build`.
# Exit status: 0 lint clean and built, 1 findings to fix, 2 usage or internal
# error, 127 spec2db missing.
. (Join-Path $PSScriptRoot 'common.ps1')
Assert-Spec2db
Enter-Spec2dbProjectRoot

Write-Output '== spec2db lint --strict'
spec2db lint --strict
$lintStatus = $LASTEXITCODE
if ($lintStatus -gt 1) { exit $lintStatus }
Write-Output "== spec2db build $args"
spec2db build @args
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
if ($lintStatus -ne 0) {
    Write-Output 'built, but lint is not clean: fix the findings above and run this again'
    exit 1
}
Write-Output 'lint clean; schema built'
