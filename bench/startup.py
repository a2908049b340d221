#!/usr/bin/env python3
"""Cold start of `interpreter`: `--version`, the time until the first prompt ("> ") is printed, and the memory then held;
the time from start until the first request reaches a model server, and a scripted one-shot task end to end (ask, run
`echo` in the shell, answer) with its peak memory.

Usage: bench/startup.py ["command that starts interpreter"] [runs]
Prints the median, the best and the worst of each, in milliseconds. The model server is a small one in this script
that answers as the tests' fake server does (OpenAI chat completions over SSE, the tool call's arguments in fragments).
"""
import http.server
import json
import os
import threading
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


class FakeModel(http.server.BaseHTTPRequestHandler):
    """The first request of a conversation gets an `execute` call of `echo`; the one with its result gets a text answer."""

    arrivals = []  # perf_counter() when each request's headers arrived

    def do_POST(self):
        FakeModel.arrivals.append(time.perf_counter())
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        answered = any(m.get("role") == "tool" for m in body["messages"])
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()

        def chunk(delta, finish=None):
            data = {"id": "chatcmpl-bench", "object": "chat.completion.chunk", "created": 1764000000, "model": body["model"],
                    "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}]}
            self.wfile.write(b"data: " + json.dumps(data).encode() + b"\n\n")

        chunk({"role": "assistant", "content": ""})
        if answered:
            chunk({"content": "It printed hello."})
            chunk({}, "stop")
        else:
            arguments = json.dumps({"language": "shell", "code": "echo hello"})
            chunk({"tool_calls": [{"index": 0, "id": "call_bench", "type": "function", "function": {"name": "execute", "arguments": ""}}]})
            for at in range(0, len(arguments), 8):
                chunk({"tool_calls": [{"index": 0, "function": {"arguments": arguments[at:at + 8]}}]})
            chunk({}, "tool_calls")
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FakeModel)
threading.Thread(target=server.serve_forever, daemon=True).start()
api = ["--api_key", "sk-bench", "--api_base", f"http://127.0.0.1:{server.server_address[1]}/v1", "--model", "gpt-4o"]
first_request_ms = []
peak_mib = []  # peak resident memory of the whole one-shot task


def one_shot():
    FakeModel.arrivals.clear()
    start = time.perf_counter()
    process = subprocess.Popen(command + api + ["--stdin", "-y"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, env=env)
    process.stdin.write(b"Run echo hello in the shell and tell me what it printed.")
    process.stdin.close()
    output = process.stdout.read()
    # wait4, not wait: its rusage has the task's peak memory (the interpreter's, or the shell's it ran if larger).
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = (time.perf_counter() - start) * 1000
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0 or b"It printed hello." not in output or len(FakeModel.arrivals) != 2:
        raise RuntimeError("the one-shot task failed: " + output.decode(errors="replace"))
    first_request_ms.append((FakeModel.arrivals[0] - start) * 1000)
    peak_mib.append(usage.ru_maxrss / 1024)
    return elapsed


def report(name, measure):
    measure()  # one untimed run warms the file cache, as a second start would
    samples = [measure() for _ in range(runs)]
    print(f"{name:<22} median {statistics.median(samples):7.1f} ms   best {min(samples):7.1f} ms   worst {max(samples):7.1f} ms   ({runs} runs)")


print("command: " + " ".join(command))
report("--version", version)
report("first prompt", first_prompt)
print(f"{'memory at the prompt':<22} median {statistics.median(rss):7.1f} MiB resident")
report("one-shot task", one_shot)
print(f"{'first request sent':<22} median {statistics.median(first_request_ms):7.1f} ms   best {min(first_request_ms):7.1f} ms   worst {max(first_request_ms):7.1f} ms   (after the process started)")
print(f"{'one-shot peak memory':<22} median {statistics.median(peak_mib):7.1f} MiB   worst {max(peak_mib):7.1f} MiB resident")
