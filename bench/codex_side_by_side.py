#!/usr/bin/env python3
"""The scripted one-shot task of issue 10 (ask -> run `echo hello` -> answer), end to end, for `interpreter` and for
OpenAI Codex CLI side by side, against one local fake model server; runs alternate in pairs and the ratio is the
median of the pairs' ratios.

Usage: bench/codex_side_by_side.py CODEX ["command that starts interpreter"] [pairs]
CODEX is a `codex` executable, e.g. from `npm install @openai/codex` in a scratch folder (not in this repository):
    mkdir /tmp/codex && (cd /tmp/codex && npm install @openai/codex) && bench/codex_side_by_side.py /tmp/codex/node_modules/.bin/codex
The server answers `interpreter` over OpenAI chat completions (as the tests' fake server does) and Codex over the
Responses API, which is all Codex speaks: the first request of a task gets a call of the tool that runs a command
(`execute` for us, Codex's `exec_command`), the request that carries its result gets "It printed hello.". Neither
program is sandboxed or asks: `-y` for us, `--dangerously-bypass-approvals-and-sandbox` for Codex.
"""
import http.server
import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import threading
import time

if len(sys.argv) < 2:
    sys.exit(__doc__)
# Absolute: both run in a scratch home folder.
codex = os.path.abspath(sys.argv[1]) if os.sep in sys.argv[1] else sys.argv[1]
command = shlex.split(sys.argv[2]) if len(sys.argv) > 2 else [os.path.join(os.path.dirname(__file__), "..", ".build", "aot", "interpreter")]
command[0] = os.path.abspath(command[0]) if os.sep in command[0] else command[0]
pairs = int(sys.argv[3]) if len(sys.argv) > 3 else 10
home = tempfile.mkdtemp(prefix="oi-bench-codex-")
env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=os.path.join(home, ".config"), XDG_CACHE_HOME=os.path.join(home, ".cache"),
           CODEX_HOME=os.path.join(home, ".codex"), OPENAI_API_KEY="sk-bench")
os.makedirs(env["CODEX_HOME"], exist_ok=True)
ANSWER = "It printed hello."
tool_results = []  # what each program sent back as the command's result: it must hold the output of echo


class FakeModel(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        if self.path.endswith("/responses"):
            self.responses_api(body)
        else:
            self.chat(body)
        self.wfile.flush()

    def event(self, data, name=None):
        self.wfile.write((f"event: {name}\n" if name else "").encode() + b"data: " + json.dumps(data).encode() + b"\n\n")

    def chat(self, body):
        def chunk(delta, finish=None):
            self.event({"id": "chatcmpl-bench", "object": "chat.completion.chunk", "created": 1764000000, "model": body["model"],
                        "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}]})

        chunk({"role": "assistant", "content": ""})
        results = [m for m in body["messages"] if m.get("role") == "tool"]
        tool_results.extend(json.dumps(m.get("content")) for m in results)
        if results:
            chunk({"content": ANSWER})
            chunk({}, "stop")
        else:
            arguments = json.dumps({"language": "shell", "code": "echo hello"})
            chunk({"tool_calls": [{"index": 0, "id": "call_bench", "type": "function", "function": {"name": "execute", "arguments": arguments}}]})
            chunk({}, "tool_calls")
        self.wfile.write(b"data: [DONE]\n\n")

    def responses_api(self, body):
        results = [item for item in body.get("input", []) if item.get("type") == "function_call_output"]
        tool_results.extend(json.dumps(item.get("output")) for item in results)
        answered = bool(results)
        self.event({"type": "response.created", "response": {"id": "resp_bench"}}, "response.created")
        if answered:
            item = {"type": "message", "role": "assistant", "id": "msg_bench", "content": [{"type": "output_text", "text": ANSWER}]}
        else:
            item = {"type": "function_call", "id": "fc_bench", "call_id": "call_bench", "name": "exec_command",
                    "arguments": json.dumps({"cmd": "echo hello"})}
        self.event({"type": "response.output_item.done", "output_index": 0, "item": item}, "response.output_item.done")
        usage = {"input_tokens": 100, "input_tokens_details": None, "output_tokens": 10, "output_tokens_details": None, "total_tokens": 110}
        self.event({"type": "response.completed", "response": {"id": "resp_bench", "usage": usage}}, "response.completed")

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FakeModel)
threading.Thread(target=server.serve_forever, daemon=True).start()
base = f"http://127.0.0.1:{server.server_address[1]}/v1"
prompt = "Run echo hello in the shell and tell me what it printed."
ours = command + ["--api_key", "sk-bench", "--api_base", base, "--model", "gpt-4o", "--stdin", "-y"]
theirs = [codex, "exec", "--skip-git-repo-check", "--dangerously-bypass-approvals-and-sandbox", "-m", "gpt-4o",
          "-c", "model_provider=bench", "-c", "check_for_update_on_startup=false", "-c", "analytics.enabled=false",
          "-c", "feedback.enabled=false", "-c", "history.persistence=\"none\"",
          "-c", f'model_providers.bench={{name="bench", base_url="{base}", env_key="OPENAI_API_KEY", request_max_retries=0, stream_max_retries=0}}',
          prompt]


def run(arguments, stdin):
    tool_results.clear()
    start = time.perf_counter()
    done = subprocess.run(arguments, input=stdin, capture_output=True, env=env, cwd=home, timeout=120)
    elapsed = (time.perf_counter() - start) * 1000
    if done.returncode != 0 or ANSWER.encode() not in done.stdout:
        raise RuntimeError(f"{arguments[0]} failed ({done.returncode}): {done.stdout.decode(errors='replace')[-500:]} {done.stderr.decode(errors='replace')[-800:]}")
    if not any("hello" in result for result in tool_results):
        raise RuntimeError(f"{arguments[0]} did not run echo: {tool_results}")
    return elapsed


run(ours, prompt.encode())  # one untimed pair warms the file cache
run(theirs, b"")
ours_ms, theirs_ms = [], []
for _ in range(pairs):
    ours_ms.append(run(ours, prompt.encode()))
    theirs_ms.append(run(theirs, b""))
version = subprocess.run([codex, "--version"], capture_output=True, text=True, env=env).stdout.strip()
print(f"one-shot task (ask, run echo, answer), {pairs} alternating pairs, medians; {version}")
print(f"{'interpreter':<14} median {statistics.median(ours_ms):7.1f} ms   best {min(ours_ms):7.1f} ms   worst {max(ours_ms):7.1f} ms")
print(f"{'codex exec':<14} median {statistics.median(theirs_ms):7.1f} ms   best {min(theirs_ms):7.1f} ms   worst {max(theirs_ms):7.1f} ms")
print(f"interpreter / codex: {statistics.median(o / t for o, t in zip(ours_ms, theirs_ms)):.2f}x")
