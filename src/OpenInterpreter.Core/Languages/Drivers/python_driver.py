# Runs cells of Python for OpenInterpreter.Core's PythonSession in one persistent namespace.
#
# Protocol (see DriverProcess.cs): requests "cell<TAB>fence<TAB>byte-count", each followed by that many bytes of the
# cell's UTF-8 code, arrive on the requests FIFO (argv[1]);
# "ready", "start<TAB>fence", "line<TAB>n" and "done<TAB>fence<TAB>ok|error|interrupted<TAB>message" go to the control
# FIFO (argv[2]); "start" says a SIGINT from now on interrupts the cell (the host holds an interrupt back until then).
# After each cell the fence is written to stdout and stderr so the host knows it has all of the cell's output.
# Nothing here prints to stdout or stderr except what the user's code would print itself (tracebacks, displays).
import ast
import linecache
import os
import signal
import sys
import traceback
import types
import _thread

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
_figure_count = 0


def _save_figures():
    """Saves every open matplotlib figure as a PNG in $OI_FILES_DIR, reports it, and closes it."""
    global _figure_count
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is None:
        return
    directory = os.environ.get("OI_FILES_DIR") or os.path.join(os.path.dirname(_DRIVER_FILE), "figures")
    for number in pyplot.get_fignums():
        figure = pyplot.figure(number)
        _figure_count += 1
        os.makedirs(directory, exist_ok=True)
        path = os.path.join(directory, "figure-%d-%d-%d.png" % (os.getpid(), _figure_count, number))
        try:
            figure.savefig(path, format="png")
        except Exception as error:
            os.write(_stderr_copy, ("Could not save the figure: %s\n" % error).encode("utf-8", "replace"))
            continue
        finally:
            pyplot.close(figure)
        _send("image", path)


def _install_matplotlib_backend():
    # When the code imports matplotlib, its backend is set to this module: Agg (no window, no display needed) whose
    # show() hands the figures to the host. Nothing is imported before the code does, so a session that draws nothing
    # does not pay for matplotlib; and no MPLBACKEND is set, which programs the code starts would inherit.
    source = (
        "from matplotlib.backends.backend_agg import FigureCanvasAgg as FigureCanvas\n"
        "from matplotlib.backend_bases import FigureManagerBase as FigureManager\n"
        "import sys\n"
        "def show(*args, **kwargs):\n"
        "    sys.modules['_oi_python_driver'].save_figures()\n"
    )
    loader = types.ModuleType("_oi_python_driver")
    loader.save_figures = _save_figures
    sys.modules["_oi_python_driver"] = loader

    import importlib.abc
    import importlib.util

    class _BackendFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
        def find_spec(self, name, path=None, target=None):
            return importlib.util.spec_from_loader(name, self) if name == "_oi_matplotlib_backend" else None

        def create_module(self, spec):
            return None

        def exec_module(self, module):
            exec(compile(source, "<oi-matplotlib-backend>", "exec"), module.__dict__)

    class _MatplotlibHook(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name != "matplotlib":
                return None
            for finder in sys.meta_path:
                if finder is self or not hasattr(finder, "find_spec"):
                    continue
                spec = finder.find_spec(name, path, target)
                if spec is not None and spec.loader is not None:
                    break
            else:
                return None
            load = spec.loader.exec_module

            def exec_module(module):
                load(module)
                # As matplotlib.use() before pyplot: a later matplotlib.use() in the code still wins.
                module.rcParams["backend"] = "module://_oi_matplotlib_backend"

            spec.loader.exec_module = exec_module
            return spec

    sys.meta_path.append(_BackendFinder())
    sys.meta_path.insert(0, _MatplotlibHook())


_install_matplotlib_backend()


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
    """Reports the running line of the cell's own frames, not of the libraries it calls.

    Exact tracing costs the code a trace call per line, and the host a control message per line change, so it only
    lasts for the cell's first TRACE_LINES lines: a short cell is followed line by line however loaded the machine
    is, and a loop is handed to a sampler thread after a fraction of a millisecond, which reads the running frame
    SAMPLE_SECONDS apart and costs the code nothing measurable. (Tracing on for a fixed time as well sent a tight
    loop's ~18,000 line changes of its first 20 ms to the host, a write each, for changes nobody can see.)
    """

    TRACE_LINES = 500
    SAMPLE_SECONDS = 0.05

    def __init__(self, filename):
        self.filename = filename
        self.last = None
        self.lines = 0
        self.stop = None
        self.stopped = None

    def on_call(self, frame, event, arg):
        return self.on_line if frame.f_code.co_filename == self.filename else None

    def on_line(self, frame, event, arg):
        if event == "line":
            if frame.f_lineno != self.last:
                self.last = frame.f_lineno
                _send("line", frame.f_lineno)
            self.lines += 1
            if self.lines >= self.TRACE_LINES:
                self._start_sampling()
                return None
        return self.on_line

    def _start_sampling(self):
        sys.settrace(None)
        # _thread, not threading: the sampler stays out of threading.enumerate() and the user's thread bookkeeping.
        self.stop = _thread.allocate_lock()
        self.stopped = _thread.allocate_lock()
        self.stop.acquire()
        self.stopped.acquire()
        _thread.start_new_thread(self._sample, (_thread.get_ident(),))

    def _sample(self, main):
        try:
            while not self.stop.acquire(timeout=self.SAMPLE_SECONDS):
                frame = sys._current_frames().get(main)
                while frame is not None and frame.f_code.co_filename != self.filename:
                    frame = frame.f_back
                if frame is not None and frame.f_lineno != self.last:
                    self.last = frame.f_lineno
                    _send("line", frame.f_lineno)
                frame = None
        finally:
            self.stopped.release()

    def finish(self):
        """Stops the sampler and waits for it, so no line report of this cell arrives after its "done"."""
        if self.stop is not None:
            self.stop.release()
            # Bounded: an interrupt that landed between making the locks and starting the thread leaves no one to
            # release it.
            self.stopped.acquire(timeout=1.0)
            self.stop = None


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


def _run_cell(number, fence, source):
    filename = "<cell-%d>" % number
    # Registered so tracebacks show the cell's lines, now and when a function defined here fails later.
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    try:
        codes = _compile(source, filename)
    except SyntaxError as error:
        _print_exception(error)
        return "error", _one_line(error)
    tracer = _LineTracer(filename)
    try:
        _start_user_code(tracer, fence)
        for code in codes:
            exec(code, _main.__dict__)
        _stop_user_code(tracer)
    except BaseException as error:
        _stop_user_code(tracer)
        return _outcome(error)
    return "ok", ""


def _start_user_code(tracer, fence):
    global _running
    _running = True
    _send("start", fence)
    sys.settrace(tracer.on_call)


def _stop_user_code(tracer):
    global _running
    sys.settrace(None)
    _running = False
    tracer.finish()


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
        if len(parts) != 3 or parts[0] != "cell" or not parts[2].isdigit():
            continue
        fence = parts[1]
        source = _requests.read(int(parts[2])).decode("utf-8", "replace")
        number += 1
        try:
            status, message = _run_cell(number, fence, source)
        except KeyboardInterrupt:
            # The interrupt landed in the driver's own code just before or after the cell.
            status, message = "interrupted", "KeyboardInterrupt"
        except Exception as error:
            status, message = "error", _one_line(error)
        try:
            # A figure the code drew but did not show is shown at the end of the run, as in a notebook.
            _save_figures()
        except Exception as error:
            os.write(_stderr_copy, ("Could not save the figures: %s\n" % error).encode("utf-8", "replace"))
        _flush()
        _write_fence(_stdout_copy, fence)
        _write_fence(_stderr_copy, fence)
        _send("done", fence, status, message)


_serve()
