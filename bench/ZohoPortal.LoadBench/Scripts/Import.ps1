# Time of one Import-Module in a fresh pwsh process, measured around the command alone.
param([Parameter(Mandatory)][string] $Path)
$sw = [Diagnostics.Stopwatch]::StartNew()
Import-Module $Path
$sw.Stop()
[Console]::Out.WriteLine('RESULT ' + (@{ WallMs = $sw.Elapsed.TotalMilliseconds } | ConvertTo-Json -Compress))
