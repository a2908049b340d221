# Runs cells of Python for OpenInterpreter.Core's PythonSession in one persistent namespace.
#
# Protocol (see DriverProcess.cs): requests "run<TAB>fence<TAB>cell-path" arrive on the requests FIFO (argv[1]);
# "ready", "line<TAB>n" and "done<TAB>fence<TAB>ok|error|interrupted<TAB>message" go to the control FIFO (argv[2]).
# After each cell the fence is written to stdout and stderr so the host knows it has all of the cell's output.
# Nothing here prints to stdout or stderr except what the user's code would print itself (tracebacks, displays).
import ast
import linecache
import os
import signal
import sys
import traceback
import types

_DRIVER_FILE = os.path.abspath(__file__)
_requests = open(sys.argv[1], "rb")
_control = os.open(sys.argv[2], os.O_WRONLY)
# Private, non-inheritable copies of stdout and stderr: the fence still reaches the host when the user's code
# closes or redirects fd 1 or 2.
_stdout_copy = os.dup(1)
_stderr_copy = os.dup(2)

# The user's code runs in a fresh __main__ module, as at the interactive prompt (pickle and multiprocessing look there).
_main = types.ModuleType("__main__")
sys.modules["__main__"] = _main
sys.argv = [""]
sys.path[0] = ""

_running = False


def _on_sigint(signum, frame):
    # A SIGINT is meant for the user's code; one that lands between cells must not kill the session.
    if _running:
        raise KeyboardInterrupt


signal.signal(signal.SIGINT, _on_sigint)


def _send(*fields):
    line = "\t".join(str(f).replace("\t", " ").replace("\r", " ").replace("\n", " ") for f in fields) + "\n"
    data = line.encode("utf-8", "replace")
    while data:
        data = data[os.write(_control, data):]


class _LineTracer:
    """Reports the running line of the cell's own frames, not of the libraries it calls."""

    def __init__(self, filename):
        self.filename = filename
        self.last = None

    def on_call(self, frame, event, arg):
        return self.on_line if frame.f_code.co_filename == self.filename else None

    def on_line(self, frame, event, arg):
        if event == "line" and frame.f_lineno != self.last:
            self.last = frame.f_lineno
            _send("line", frame.f_lineno)
        return self.on_line


def _compile(source, filename):
    # Like a notebook cell: a final bare expression is compiled in "single" mode so sys.displayhook shows its repr.
    tree = ast.parse(source, filename, "exec")
    body = tree.body
    if body and isinstance(body[-1], ast.Expr):
        codes = [compile(ast.Module(body=body[:-1], type_ignores=[]), filename, "exec")] if len(body) > 1 else []
        codes.append(compile(ast.Interactive(body=[body[-1]]), filename, "single"))
        return codes
    return [compile(tree, filename, "exec")]


def _print_exception(error):
    # The driver's frames (the exec call, the SIGINT handler, the line tracer) mean nothing to the user.
    report = traceback.TracebackException.from_exception(error)
    report.stack = traceback.StackSummary.from_list([f for f in report.stack if f.filename != _DRIVER_FILE])
    text = "".join(report.format())
    try:
        sys.stderr.write(text)
    except Exception:
        os.write(_stderr_copy, text.encode("utf-8", "replace"))


def _one_line(error):
    return traceback.format_exception_only(type(error), error)[-1].strip()


def _run_cell(number, path):
    filename = "<cell-%d>" % number
    with open(path, encoding="utf-8") as f:
        source = f.read()
    # Registered so tracebacks show the cell's lines, now and when a function defined here fails later.
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    try:
        codes = _compile(source, filename)
    except SyntaxError as error:
        _print_exception(error)
        return "error", _one_line(error)
    try:
        _start_user_code(_LineTracer(filename))
        for code in codes:
            exec(code, _main.__dict__)
        _stop_user_code()
    except BaseException as error:
        _stop_user_code()
        return _outcome(error)
    return "ok", ""


def _start_user_code(tracer):
    global _running
    _running = True
    sys.settrace(tracer.on_call)


def _stop_user_code():
    global _running
    sys.settrace(None)
    _running = False


def _outcome(error):
    if isinstance(error, SystemExit):
        # sys.exit() ends the cell, not the session.
        if error.code is None or error.code == 0:
            return "ok", ""
        return "error", "SystemExit: %s" % (error.code,)
    _print_exception(error)
    if isinstance(error, KeyboardInterrupt):
        return "interrupted", "KeyboardInterrupt"
    return "error", _one_line(error)


def _flush():
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        try:
            stream.flush()
        except Exception:
            pass


def _write_fence(fd, fence):
    try:
        os.write(fd, fence.encode("ascii"))
    except OSError:
        pass


def _serve():
    number = 0
    _send("ready")
    for raw in _requests:
        parts = raw.decode("utf-8").rstrip("\n").split("\t")
        if len(parts) != 3 or parts[0] != "run":
            continue
        fence, path = parts[1], parts[2]
        number += 1
        try:
            status, message = _run_cell(number, path)
        except KeyboardInterrupt:
            # The interrupt landed in the driver's own code just before or after the cell.
            status, message = "interrupted", "KeyboardInterrupt"
        except Exception as error:
            status, message = "error", _one_line(error)
        _flush()
        _write_fence(_stdout_copy, fence)
        _write_fence(_stderr_copy, fence)
        _send("done", fence, status, message)


_serve()
