# Runs an Open Interpreter Python profile (OI's main profile format since 0.2.5) against a small stand-in
# `interpreter` module, and prints what the profile set as one JSON object on stdout:
#   {"settings": [{"key", "value", "line"}], "warnings": [{"line", "text"}], "error": {"line", "message"} | null}
# The profile's own prints and display_message() go to stderr, where the user sees them. Calls the stand-in cannot
# honour become no-ops or one warning each; modules that are not installed are stood in for, so a profile written
# for OI's own dependencies (pyautogui, inquirer, psutil…) still gets to its settings.
import ast
import builtins
import datetime
import getpass
import importlib.abc
import importlib.machinery
import io
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import textwrap
import time
import traceback
import types

PROFILE = os.path.abspath(sys.argv[1])
CONFIG_DIR = sys.argv[2] if len(sys.argv) > 2 else os.path.expanduser("~/.config/open-interpreter")
# The result goes to a copy of standard output; standard output itself becomes standard error, for the profile's
# prints and for what the commands it runs (os.system, subprocess) print, which would otherwise land in the result.
RESULT = os.fdopen(os.dup(1), "w", encoding="utf-8")
os.dup2(2, 1)
sys.stdout = sys.stderr

settings = []
warnings = []
stood_in = []

# What a profile reads before it sets it: OI 0.4.3's defaults (settings it reads back, as codestral.py does).
DEFAULTS = {
    "llm.model": "gpt-4o",
    "llm.temperature": 0,
    "llm.context_window": None,
    "llm.max_tokens": None,
    "llm.api_base": None,
    "llm.api_key": None,
    "llm.api_version": None,
    "llm.supports_functions": None,
    "llm.supports_vision": None,
    "llm.max_budget": None,
    "auto_run": False,
    "verbose": False,
    "debug": False,
    "offline": False,
    "os": False,
    "safe_mode": "off",
    "loop": False,
    "max_output": 2800,
    "system_message": "",
    "custom_instructions": "",
    "messages": [],
    "user_message_template": "{content}",
    "always_apply_user_message_template": False,
    "code_output_sender": "user",
    "speak_messages": False,
    "multi_line": True,
    "highlight_active_line": True,
    "computer.import_computer_api": False,
    "computer.import_skills": False,
    "computer.system_message": "",
}


def profile_line():
    """The line of the profile that is running now (the innermost frame in the profile file)."""
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_filename == PROFILE:
            return frame.f_lineno
        frame = frame.f_back
    return 0


def warn(text):
    warnings.append({"line": profile_line(), "text": text})


class Stub:
    """Stands in for anything from a module that is not installed: callable, falsy, empty, and never an error."""

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return Stub()

    def __setattr__(self, name, value):
        pass

    def __call__(self, *args, **kwargs):
        return Stub()

    def __bool__(self):
        return False

    def __len__(self):
        return 0

    def __iter__(self):
        return iter(())

    def __getitem__(self, key):
        return Stub()

    def __setitem__(self, key, value):
        pass

    def __contains__(self, item):
        return False

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def __str__(self):
        return ""

    def __repr__(self):
        return "<stand-in>"

    def __format__(self, spec):
        return ""

    def __int__(self):
        return 0

    def __float__(self):
        return 0.0

    def __index__(self):
        return 0

    def __eq__(self, other):
        return other is self

    def __hash__(self):
        return id(self)

    def _false(self, other):
        return False

    def _self(self, *other):
        return self

    __lt__ = __le__ = __gt__ = __ge__ = _false
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _self
    __truediv__ = __rtruediv__ = __floordiv__ = __rfloordiv__ = __mod__ = __pow__ = __neg__ = _self


class StubModule(types.ModuleType):
    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return Stub()


class Language:
    """OI's language classes (interpreter.core.computer.terminal.languages.*): only their name matters here."""

    def __init__(self, name):
        self.name = name


# OI's languages, for profiles that filter them (`[l for l in interpreter.computer.languages if l.name in …]`).
# Where OI keeps skills (oi_dir/skills); OI's assistant-style profiles read it back.
DEFAULTS["computer.skills.path"] = os.path.join(CONFIG_DIR, "skills")

DEFAULTS["computer.languages"] = [
    Language(name) for name in ("python", "shell", "javascript", "html", "applescript", "r", "powershell", "react", "ruby", "java")
]


class LanguagesModule(types.ModuleType):
    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return Language(name.lower())


class StandInLoader(importlib.abc.Loader):
    def __init__(self, factory):
        self.factory = factory

    def create_module(self, spec):
        module = self.factory(spec.name)
        module.__path__ = []
        return module

    def exec_module(self, module):
        pass


class InterpreterSubmodules(importlib.abc.MetaPathFinder):
    """`from interpreter.core.computer.terminal.languages.python import Python` and the like."""

    def find_spec(self, name, path, target=None):
        if name.startswith("interpreter."):
            return importlib.machinery.ModuleSpec(name, StandInLoader(LanguagesModule), is_package=True)
        return None


def imported_by_profile():
    """Whether the import being resolved is written in the profile itself (not in a library probing for a module)."""
    frame = sys._getframe(2)
    while frame is not None and frame.f_code.co_filename.startswith("<frozen importlib"):
        frame = frame.f_back
    return frame is not None and frame.f_code.co_filename == PROFILE


class MissingModules(importlib.abc.MetaPathFinder):
    """Last in line: a module the profile imports that no other finder has is stood in for, and named in a warning.
    Libraries keep their own ImportErrors (subprocess probes for msvcrt to learn it is not on Windows)."""

    def find_spec(self, name, path, target=None):
        if not imported_by_profile() and name.split(".")[0] not in stood_in:
            return None
        top = name.split(".")[0]
        if top not in stood_in:
            stood_in.append(top)
        return importlib.machinery.ModuleSpec(name, StandInLoader(StubModule), is_package=True)


def plain(value, key):
    """The value as JSON can carry it; OI's language classes become their names."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [plain(item, key) for item in value]
    if isinstance(value, dict):
        return {str(k): plain(v, key) for k, v in value.items()}
    name = getattr(value, "name", None)
    if isinstance(name, str):
        return name.lower()
    if isinstance(value, type):
        return value.__name__.lower()
    raise TypeError(f"{key}: a value of type {type(value).__name__} cannot be carried over; ignored.")


class Node:
    """`interpreter`, `interpreter.llm`, `interpreter.computer`… : records every attribute a profile sets."""

    def __init__(self, path):
        object.__setattr__(self, "_path", path)
        object.__setattr__(self, "_values", {})

    def _key(self, name):
        return f"{self._path}.{name}" if self._path else name

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        key = self._key(name)
        if key in METHODS:
            return METHODS[key]
        if key in DEFAULTS:
            return DEFAULTS[key]
        child = Node(key)
        object.__setattr__(self, name, child)
        return child

    def __setattr__(self, name, value):
        key = self._key(name)
        line = profile_line()
        object.__setattr__(self, name, value)
        if callable(value) and not isinstance(value, type):
            # A profile may put in its own display_message (or another method): its own calls then use it.
            warnings.append({"line": line, "text": f"interpreter.{key} was replaced by the profile: its own calls use the new one, this program's display and conversation do not."})
            return
        try:
            settings.append({"key": key, "value": plain(value, key), "line": line})
        except TypeError as e:
            warnings.append({"line": line, "text": str(e)})

    def __call__(self, *args, **kwargs):
        if rendering:
            key, line = rendering
            warnings.append({"line": line, "text": f"{key}: a {{{{ }}}} block called interpreter.{self._path}(), which does not exist here; it shows nothing."})
        else:
            warn(f"interpreter.{self._path}() is not supported here; ignored.")
        return Stub()

    def __bool__(self):
        return False

    def __str__(self):
        # An attribute of OI's that is not known here, read into a text (an f-string of interpreter.computer.…).
        warn(f"interpreter.{self._path} was read, which has no value here; it reads as empty.")
        return ""

    def __format__(self, spec):
        return format(str(self), spec)

    def __repr__(self):
        return f"<interpreter.{self._path}>"


def display_message(markdown, *args, **kwargs):
    print(markdown, file=sys.stderr)


def computer_run(language=None, code=None, *args, **kwargs):
    warn(f"computer.run({language!r}, …) was not run: a profile cannot run code in the sessions here.")
    return []


def said(text, result=None):
    """A call that is not honoured, with the one line that says why."""
    def call(*args, **kwargs):
        warn(text)
        return result
    return call


METHODS = {
    "display_message": display_message,
    # Models are connected to on the first request; there is nothing to load first.
    "llm.load": lambda *args, **kwargs: None,
    "computer.run": computer_run,
    # OI's local profiles ping the model with it to load it, as llm.load() does.
    "computer.ai.chat": said("interpreter.computer.ai.chat() was not sent: models are connected to on the first request here.", ""),
    "chat": said("interpreter.chat() was not run: a profile only sets settings here; the conversation starts once it has loaded.", []),
    "local_setup": said("interpreter.local_setup() (OI's local model menu) is not run from a profile here; use interpreter --local to pick a local model."),
    "reset": lambda *args, **kwargs: None,
    "get_oi_dir": lambda *args, **kwargs: CONFIG_DIR,
}

interpreter = Node("")


def open_interpreter(*args, **kwargs):
    return interpreter


package = types.ModuleType("interpreter")
package.__path__ = []
package.interpreter = interpreter
package.OpenInterpreter = open_interpreter
package.AsyncInterpreter = open_interpreter
sys.modules["interpreter"] = package
sys.meta_path.insert(0, InterpreterSubmodules())
sys.meta_path.append(MissingModules())


class NoInput(BaseException):
    """input() in a profile: there is no terminal to answer it. A BaseException, like SystemExit, so that the profile's
    own `except Exception:` does not take it for an answer and go on as if the user had said something."""


def no_input(prompt=""):
    raise NoInput()


builtins.input = no_input
# Profiles sleep only to pace what they display; loading should not wait for it.
time.sleep = lambda seconds: None


def called_by_profile():
    frame = sys._getframe(2)
    return frame is not None and frame.f_code.co_filename == PROFILE


def ollama_words(args):
    words = args.split() if isinstance(args, str) else [str(a) for a in args] if isinstance(args, (list, tuple)) else []
    return words[1:] if words and os.path.basename(words[0]) == "ollama" else None


def answered(args, kwargs, stdout):
    text = kwargs.get("text") or kwargs.get("universal_newlines") or kwargs.get("encoding")
    return subprocess.CompletedProcess(args, 0, stdout if text else stdout.encode(), "" if text else b"")


real_run = subprocess.run


def profile_run(args, *rest, **kwargs):
    """OI's local profiles run `ollama list` to see whether the model is there and `ollama pull` to fetch it. The list is
    read for real when Ollama is installed (it only reads), and is empty otherwise, so the profile goes on to its
    settings instead of stopping; a pull, which can take many minutes, is never run from a profile."""
    words = ollama_words(args) if called_by_profile() else None
    if words is None:
        return real_run(args, *rest, **kwargs)
    if words[:1] == ["list"]:
        if shutil.which("ollama"):
            return real_run(args, *rest, **kwargs)
        warn("Ollama is not installed here: `ollama list` was answered with no models so that the profile could go on.")
        return answered(args, kwargs, "NAME\tID\tSIZE\tMODIFIED\n")
    warn(f"`ollama {' '.join(words)}` was not run: a profile only sets settings here (run it yourself if Ollama does not have the model yet).")
    return answered(args, kwargs, "")


subprocess.run = profile_run
real_getlogin = os.getlogin


def getlogin():
    # OI runs a profile in the user's terminal; here it has none, and os.getlogin() needs one.
    try:
        return real_getlogin()
    except OSError:
        return getpass.getuser()


os.getlogin = getlogin


rendering = None  # (key, line) of the value whose {{ }} blocks are being run, while they are


def render_blocks(text, key, line):
    """OI runs each {{ … }} block of a system message in its Python session before every request and puts in what the
    block shows, as a notebook cell does: what it prints, then the value of a last bare expression (`{{ tasks }}`).
    Here once, at load, with the stand-in's `computer` (whose calls are named in a warning) and the modules OI's own
    blocks use without importing them (its session had imported them)."""
    def run(match):
        global rendering
        output = io.StringIO()
        scope = {"computer": interpreter.computer, "interpreter": interpreter, "datetime": datetime, "os": os, "platform": platform, "sys": sys}
        saved = sys.stdout
        sys.stdout = output
        rendering = (key, line)
        try:
            tree = ast.parse(textwrap.dedent(match.group(1)).strip(), "<{{ }} block>")
            last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
            exec(compile(tree, "<{{ }} block>", "exec"), scope)
            if last is not None:
                value = eval(compile(ast.Expression(last.value), "<{{ }} block>", "eval"), scope)
                if value is not None and not isinstance(value, Stub):
                    print(repr(value))
        except Exception as e:
            warnings.append({"line": line, "text": f"{key}: a {{{{ }}}} block raised {type(e).__name__}: {e}; left out."})
        finally:
            sys.stdout = saved
            rendering = None
        return output.getvalue()
    return re.sub(r"\{\{(.*?)\}\}", run, text, flags=re.S)


def raised_at(exception):
    """The innermost line of the profile in the exception's traceback."""
    line = 0
    for frame, lineno in traceback.walk_tb(exception.__traceback__):
        if frame.f_code.co_filename == PROFILE:
            line = lineno
    return line


error = None
try:
    with open(PROFILE, encoding="utf-8") as f:
        source = f.read()
    code = compile(source, PROFILE, "exec")
    scope = {"__name__": "__oi_profile__", "__file__": PROFILE, "__builtins__": builtins}
    sys.path.insert(0, os.path.dirname(PROFILE))
    exec(code, scope)
except SyntaxError as e:
    error = {"line": e.lineno or 0, "message": f"SyntaxError: {e.msg}"}
except SystemExit as e:
    warnings.append({"line": raised_at(e), "text": f"the profile stopped early (exit({'' if e.code is None else e.code})); the settings made before apply."})
except NoInput as e:
    warnings.append({"line": raised_at(e), "text": "the profile asked for input, which a profile cannot get here (no terminal); it stopped there, and the settings made before apply."})
except BaseException as e:
    error = {"line": raised_at(e), "message": f"{type(e).__name__}: {e}".rstrip(": ")}

# Only the value each key ends with is run: an earlier one is replaced before it is ever sent.
final = {entry["key"]: entry for entry in settings}
for key in ("system_message", "custom_instructions"):
    entry = final.get(key)
    if entry is not None and isinstance(entry["value"], str) and "{{" in entry["value"]:
        entry["value"] = render_blocks(entry["value"], key, entry["line"])

if stood_in:
    warnings.append({"line": 0, "text": "modules not installed here were stood in for: " + ", ".join(stood_in) + "."})

RESULT.write(json.dumps({"settings": settings, "warnings": warnings, "error": error}))
RESULT.flush()
sys.stderr.flush()
# A profile may leave threads running (a recorder, a server); the settings are all there is to take.
os._exit(0)
