# Runs cells of the stateless languages (Java, AppleScript) for OpenInterpreter.Core's SnippetSession: each cell is
# compiled and run on its own, in a child of this shell, as Open Interpreter does.
#
# Protocol (see DriverProcess.cs): requests "run<TAB>fence<TAB>cell-path" arrive on the requests FIFO ($1);
# "ready", "start<TAB>fence" and "done<TAB>fence<TAB>ok|error|interrupted<TAB>message" go to the control FIFO ($2). $OI_SNIPPET_LANGUAGE
# says how to run a cell. Nothing here writes to stdout or stderr except the compiler, the program and the fence.

exec {requests}<"$1" {control}>"$2"
running=0
interrupted=0
# A SIGINT is meant for the program; it reaches it through the process group, and this shell only notes it.
trap '(( running )) && interrupted=1' INT

# Compiles the cell into its own directory and runs its main class: the public class, else the first class declared.
run_java() {
    local cell=$1 directory class
    directory=$(dirname "$cell")/java-$(basename "$cell" .java)
    mkdir -p "$directory/classes" || return 1
    class=$(sed -nE 's/^(.*[[:space:];}])?public[[:space:]]+((final|abstract|static)[[:space:]]+)*class[[:space:]]+([A-Za-z_$][A-Za-z0-9_$]*).*/\4/p' "$cell" | head -n 1)
    [[ -n $class ]] || class=$(sed -nE 's/^(.*[[:space:];}])?class[[:space:]]+([A-Za-z_$][A-Za-z0-9_$]*).*/\2/p' "$cell" | head -n 1)
    [[ -n $class ]] || class=Main
    cp "$cell" "$directory/$class.java"
    javac -encoding UTF-8 -nowarn -d "$directory/classes" "$directory/$class.java" || { compile_failed=1; return 1; }
    java -Dfile.encoding=UTF-8 -Dstdout.encoding=UTF-8 -cp "$directory/classes" "$class"
}

run_cell() {
    case $OI_SNIPPET_LANGUAGE in
        java) run_java "$1" ;;
        applescript) osascript "$1" ;;
        *) printf 'unknown snippet language %s\n' "$OI_SNIPPET_LANGUAGE" >&2; return 2 ;;
    esac
}

printf 'ready\n' >&"$control"
while :; do
    IFS=$'\t' read -r -u "$requests" verb fence cell
    status=$?
    # A status above 128 means a signal interrupted the wait; any other failure means the host has gone.
    (( status > 128 )) && continue
    (( status != 0 )) && exit 0
    [[ $verb == run ]] || continue
    interrupted=0
    compile_failed=0
    running=1
    printf 'start\t%s\n' "$fence" >&"$control"
    run_cell "$cell"
    status=$?
    running=0
    printf '%s' "$fence"
    printf '%s' "$fence" >&2
    if (( interrupted )); then
        printf 'done\t%s\tinterrupted\tinterrupted\n' "$fence" >&"$control"
    elif (( compile_failed )); then
        printf 'done\t%s\terror\tcompilation failed\n' "$fence" >&"$control"
    elif (( status != 0 )); then
        printf 'done\t%s\terror\texit status %s\n' "$fence" "$status" >&"$control"
    else
        printf 'done\t%s\tok\t\n' "$fence" >&"$control"
    fi
done
