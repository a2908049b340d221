#!/usr/bin/env python3
"""Cold start of `interpreter`: `--version`, the time until the first prompt ("> ") is printed, and the memory then held.

Usage: bench/startup.py ["command that starts interpreter"] [runs]
Prints the median, the best and the worst of each, in milliseconds.
"""
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time

# The command to start, e.g. ".build/aot/interpreter" or "dotnet .build/jit/interpreter.dll".
command = shlex.split(sys.argv[1]) if len(sys.argv) > 1 else [os.path.join(os.path.dirname(__file__), "..", ".build", "aot", "interpreter")]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 20
home = tempfile.mkdtemp(prefix="oi-bench-")
env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=os.path.join(home, ".config"), XDG_CACHE_HOME=os.path.join(home, ".cache"))


def version():
    start = time.perf_counter()
    subprocess.run(command + ["--version"], stdout=subprocess.DEVNULL, check=True, env=env)
    return (time.perf_counter() - start) * 1000


rss = []  # resident memory at the first prompt, in MiB


def first_prompt():
    start = time.perf_counter()
    process = subprocess.Popen(command + ["--api_key", "sk-bench", "--api_base", "http://127.0.0.1:9/v1"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
    seen = b""
    while not seen.endswith(b"> "):
        byte = process.stdout.read(1)
        if not byte:
            raise RuntimeError("interpreter exited before its prompt: " + seen.decode())
        seen += byte
    elapsed = (time.perf_counter() - start) * 1000
    with open(f"/proc/{process.pid}/status") as status:
        rss.append(next(int(line.split()[1]) for line in status if line.startswith("VmRSS:")) / 1024)
    process.stdin.close()
    process.wait()
    return elapsed


def report(name, measure):
    measure()  # one untimed run warms the file cache, as a second start would
    samples = [measure() for _ in range(runs)]
    print(f"{name:<22} median {statistics.median(samples):7.1f} ms   best {min(samples):7.1f} ms   worst {max(samples):7.1f} ms   ({runs} runs)")


print("command: " + " ".join(command))
report("--version", version)
report("first prompt", first_prompt)
print(f"{'memory at the prompt':<22} median {statistics.median(rss):7.1f} MiB resident")
