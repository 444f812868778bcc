# Check that every generated output matches the specs (spec2db build --check).
# Exit status: 0 up to date, 1 drift, 127 spec2db missing.
. (Join-Path $PSScriptRoot 'common.ps1')
Assert-Spec2db
Enter-Spec2dbProjectRoot
spec2db build --check @args
exit $LASTEXITCODE
