#!/usr/bin/env python3
"""Loads every Open Interpreter profile in a folder through the real `interpreter` command line and prints a Markdown
table: each profile's state (loads / loads with warnings / error), the settings that took effect, and the lines it
printed. OI's own built-in profiles are AGPL-3.0 and are not kept in this repository: point OI_PROFILES_DIR at a copy of
OI's `interpreter/terminal_interface/profiles/defaults/` folder.

Usage: OI_PROFILES_DIR=/path/to/defaults bench/oi_profiles.py ["command that starts interpreter"]

Each profile is loaded with `--profile FILE --save_profile loaded --stdin` and nothing on standard input, in a home of
its own: the settings that took effect are the keys `--save-profile` writes (those that differ from the defaults; the
starting `messages` too), the warnings are the `interpreter: warning:` lines, and a profile that cannot be loaded is
the `interpreter: error:` line. Nothing is sent to any model: the run stops at the empty standard input.
"""
import os
import re
import shlex
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
command = shlex.split(sys.argv[1]) if len(sys.argv) > 1 else [os.path.join(here, "..", "interpreter")]
folder = os.environ.get("OI_PROFILES_DIR") or sys.exit("Set OI_PROFILES_DIR to a folder of OI profiles.")
EMPTY_INPUT = "--stdin was given but standard input was empty"


def saved_keys(path):
    """The dotted keys of a YAML profile written by --save-profile (two levels: `llm:` then `  model: …`)."""
    if not os.path.exists(path):
        return []
    keys, section = [], None
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        name = line.split(":", 1)[0]
        if not line.startswith(" ") and line.rstrip().endswith(":"):
            section = name
        elif line.startswith("  ") and section:
            keys.append(f"{section}.{name.strip()}")
        else:
            section = None
            if name != "version":
                keys.append(name)
    return keys


def load(profile):
    home = tempfile.mkdtemp(prefix="oi-profile-check-")
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    env.update(HOME=home, XDG_CONFIG_HOME=os.path.join(home, ".config"), XDG_CACHE_HOME=os.path.join(home, ".cache"))
    run = subprocess.run(command + ["--profile", profile, "--save_profile", "loaded", "--stdin"], stdin=subprocess.DEVNULL,
                         capture_output=True, text=True, env=env, timeout=120)
    lines = run.stderr.splitlines()
    errors = [l[len("interpreter: error: "):] for l in lines if l.startswith("interpreter: error: ")]
    warnings = [l[len("interpreter: warning: "):] for l in lines if l.startswith("interpreter: warning: ")]
    tracebacks = [l for l in lines if l.startswith("Traceback") or "Unhandled exception" in l]
    keys = saved_keys(os.path.join(home, ".config", "open-interpreter", "profiles", "loaded.yaml"))
    if errors or tracebacks or EMPTY_INPUT not in run.stderr:
        state = "error"
    else:
        state = "loads" if not warnings else f"loads, {len(warnings)} warning{'s' if len(warnings) > 1 else ''}"
    return state, keys, warnings, errors + tracebacks


def short(line, profile):
    """A warning without the profile's path (the row names it): `line N:` where it has one."""
    line = re.sub(re.escape(profile) + r":(\d+)(:\d+)?: ", r"line \1: ", line)
    line = line.replace(profile + ": ", "").replace(profile, "")
    return re.sub(r"\s+", " ", line).strip()


def cell(text):
    return text.replace("|", "\\|")


names = sorted(n for n in os.listdir(folder) if n.endswith((".py", ".yaml", ".yml")))
print("| profile | state | settings that took effect | warnings and errors |")
print("|---|---|---|---|")
counts = {}
for name in names:
    path = os.path.join(folder, name)
    state, keys, warnings, errors = load(path)
    counts[state.split(",")[0]] = counts.get(state.split(",")[0], 0) + 1
    notes = "; ".join(short(l, path) for l in errors + warnings)
    print(f"| `{name}` | {state} | {cell(', '.join(f'`{k}`' for k in keys))} | {cell(notes)} |")
print()
print(", ".join(f"{n} {state}" for state, n in sorted(counts.items())) + f" (of {len(names)})")
sys.exit(1 if counts.get("error") else 0)
