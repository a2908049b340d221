# Runs cells of bash for OpenInterpreter.Core's ShellSession in one persistent shell.
#
# Protocol (see DriverProcess.cs): requests "run<TAB>fence<TAB>cell-path" arrive on the requests FIFO ($1);
# "ready", "start<TAB>fence", "line<TAB>n" and "done<TAB>fence<TAB>ok|error|interrupted<TAB>message" go to the control FIFO ($2).
# Each cell is sourced in this shell, so a cd, a variable, a function or an export lives on. Every name here starts
# with __oi_ to stay out of the user's way, and nothing here writes to stdout or stderr except the fence.

__oi_self=${BASH_SOURCE[0]}
# Private copies of stdout and stderr, so the fence reaches the host even after `exec >file` or `exec 1>&-`.
exec {__oi_requests}<"$1" {__oi_control}>"$2" {__oi_stdout}>&1 {__oi_stderr}>&2
shopt -s expand_aliases
__oi_cell=
__oi_line=
__oi_in_cell=0
__oi_interrupted=0
__oi_flags=

# Tracing every command costs a tight loop of builtins several times its speed, so the DEBUG trap removes itself once
# the cell has run __oi_trace_commands commands and __oi_trace_micros microseconds (both, so a short cell on a loaded
# machine is still followed line by line); an interrupt puts it back, since it is what stops a loop of builtins.
__oi_trace_commands=500
__oi_trace_micros=20000
__oi_trace() {
    # The driver's own commands are let through in the trap itself: a function call each costs a trivial run more
    # than its cell.
    trap '[[ ${BASH_SOURCE[0]} == "$__oi_self" ]] || __oi_on_debug "$LINENO" "${BASH_SOURCE[0]}"' DEBUG
}

# A SIGINT is meant for the cell; one that lands between cells must not end the session.
trap '(( __oi_in_cell )) && { __oi_interrupted=1; __oi_trace; }' INT

# Runs before every command while a cell runs (extdebug makes functions and subshells inherit it). After an interrupt,
# returning 2 makes bash return from every function and from the sourced cell, which ends even `while :; do :; done`.
__oi_on_debug() {
    (( __oi_interrupted )) && return 2
    if [[ $2 == "$__oi_cell" && $1 != "$__oi_line" ]]; then
        __oi_line=$1
        printf 'line\t%s\n' "$1" >&"$__oi_control"
    fi
    if (( ++__oi_traced >= __oi_trace_commands )); then
        __oi_now=$EPOCHREALTIME
        (( ${__oi_now/./} - ${__oi_started/./} >= __oi_trace_micros )) && trap - DEBUG
    fi
    return 0
}

__oi_send_done() {
    printf '%s' "$1" >&"$__oi_stdout"
    printf '%s' "$1" >&"$__oi_stderr"
    printf 'done\t%s\t%s\t%s\n' "$1" "$2" "$3" >&"$__oi_control"
}

printf 'ready\n' >&"$__oi_control"
while :; do
    IFS=$'\t' read -r -u "$__oi_requests" __oi_verb __oi_fence __oi_cell
    __oi_status=$?
    # A status above 128 means a signal interrupted the wait; any other failure means the host has gone.
    (( __oi_status > 128 )) && continue
    (( __oi_status != 0 )) && exit 0
    [[ $__oi_verb == run ]] || continue
    __oi_line=
    __oi_interrupted=0
    __oi_in_cell=1
    printf 'start\t%s\n' "$__oi_fence" >&"$__oi_control"
    # The user's own shell options (set -e, set -u, ...) apply to their cells, not to this loop.
    [[ $__oi_flags == *e* ]] && set -e
    [[ $__oi_flags == *u* ]] && set -u
    __oi_traced=0
    __oi_started=$EPOCHREALTIME
    shopt -s extdebug
    __oi_trace
    # The one-pass loops keep a `break` or `continue` in the cell (up to three levels) from leaving the loop above.
    for __oi_pass in 1; do for __oi_pass in 1; do for __oi_pass in 1; do
        source "$__oi_cell"
    done; done; done
    __oi_status=$?
    trap - DEBUG
    shopt -u extdebug
    __oi_flags=$-
    set +eu
    __oi_in_cell=0
    if (( __oi_interrupted )); then
        __oi_send_done "$__oi_fence" interrupted "interrupted"
    elif (( __oi_status != 0 )); then
        __oi_send_done "$__oi_fence" error "exit status $__oi_status"
    else
        __oi_send_done "$__oi_fence" ok ""
    fi
done
