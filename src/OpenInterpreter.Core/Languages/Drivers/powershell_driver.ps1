# Runs cells of PowerShell for OpenInterpreter.Core's PowerShellSession in one persistent script scope.
#
# Protocol (see DriverProcess.cs): requests "run<TAB>fence<TAB>cell-path" arrive on the requests FIFO (first
# argument); "ready", "start<TAB>fence" and "done<TAB>fence<TAB>ok|error|interrupted<TAB>message" go to the control FIFO (second).
# Each cell is dot-sourced here, so its variables, functions and location live on. Every name here starts with
# __oi_ to stay out of the user's way. A Ctrl-C stops this script as a whole, so an interrupt restarts the session.
param([string] $__oi_requestsPath, [string] $__oi_controlPath)

$ErrorActionPreference = 'Continue'
$ProgressPreference = 'SilentlyContinue'
$__oi_requests = [System.IO.StreamReader]::new([System.IO.FileStream]::new($__oi_requestsPath, 'Open', 'Read', 'ReadWrite'))
$__oi_control = [System.IO.StreamWriter]::new([System.IO.FileStream]::new($__oi_controlPath, 'Open', 'Write', 'ReadWrite'))
$__oi_control.AutoFlush = $true
$__oi_stdout = [Console]::OpenStandardOutput()
$__oi_stderr = [Console]::OpenStandardError()

function __oi_send([string[]] $fields) {
    $__oi_control.Write((($fields | ForEach-Object { $_ -replace "[`t`r`n]", ' ' }) -join "`t") + "`n")
}

function __oi_fence([System.IO.Stream] $stream, [string] $fence) {
    [Console]::Out.Flush()
    [Console]::Error.Flush()
    $bytes = [System.Text.Encoding]::ASCII.GetBytes($fence)
    $stream.Write($bytes, 0, $bytes.Length)
    $stream.Flush()
}

__oi_send 'ready'
while ($null -ne ($__oi_line = $__oi_requests.ReadLine())) {
    $__oi_parts = $__oi_line.Split("`t")
    if ($__oi_parts.Length -ne 3 -or $__oi_parts[0] -ne 'run') { continue }
    $__oi_status = 'ok'
    $__oi_message = ''
    try {
        $__oi_block = [scriptblock]::Create([System.IO.File]::ReadAllText($__oi_parts[2]))
        __oi_send 'start', $__oi_parts[1]
        # Errors go to stderr as they come; everything else is formatted as at the prompt, tables grouped.
        . $__oi_block 2>&1 | ForEach-Object {
            if ($_ -is [System.Management.Automation.ErrorRecord]) {
                $__oi_status = 'error'
                $__oi_message = $_.ToString()
                [Console]::Error.WriteLine("Error: $__oi_message")
            } else {
                $_
            }
        } | Out-Default
        if ($__oi_status -eq 'ok' -and $LASTEXITCODE -is [int] -and $LASTEXITCODE -ne 0) {
            $__oi_status = 'error'
            $__oi_message = "exit status $LASTEXITCODE"
        }
    } catch {
        $__oi_status = 'error'
        $__oi_message = $_.ToString()
        [Console]::Error.WriteLine("Error at line $($_.InvocationInfo.ScriptLineNumber): $__oi_message")
    }
    $global:LASTEXITCODE = 0
    __oi_fence $__oi_stdout $__oi_parts[1]
    __oi_fence $__oi_stderr $__oi_parts[1]
    __oi_send 'done', $__oi_parts[1], $__oi_status, $__oi_message
}
