// Runs cells of JavaScript for OpenInterpreter.Core's JavaScriptSession in one persistent global scope.
//
// Protocol (see DriverProcess.cs): requests "cell<TAB>fence<TAB>byte-count", each followed by that many bytes of the
// cell's UTF-8 code, arrive on the requests FIFO (argv[2]);
// "ready", "start<TAB>fence" and "done<TAB>fence<TAB>ok|error|interrupted<TAB>message" go to the control FIFO (argv[3]).
// Each cell is a vm.Script run in this context: like successive <script> tags, its top-level let, const, class and
// function declarations stay visible to later cells, and its completion value is shown as the REPL would. A cell with
// a loop at its top level runs as a function instead, whose variables V8 keeps unboxed (see node_cell_scope.js).
'use strict';
const fs = require('fs');
const net = require('net');
const path = require('path');
const util = require('util');
const vm = require('vm');
const { createRequire } = require('module');
const cellScope = require(path.join(__dirname, 'node_cell_scope.js'));

const [requestsPath, controlPath] = process.argv.slice(2);
const control = fs.openSync(controlPath, 'w');
let cellCount = 0;
let requireCwd = null;
let cellRequire = null;
// Straight-line code of names, numbers, strings and operators calls nothing and cannot loop (short of a valueOf or
// getter an earlier cell defined), so it runs without breakOnSigint, whose watchdog thread costs about 0.3 ms to
// start and join: most of a trivial run.
const INERT = /^[\w$\s=+\-*/%<>!&|^~?:,;'"]*$/;
const NEW = /\bnew\b/;
// A rewritten cell is a function; this script calls it, so breakOnSigint covers the call.
const callCell = new vm.Script('globalThis[Symbol.for("oi.cell")]()', { filename: 'oi-cell-call' });
let interruptWaiting = null;

function send(...fields) {
  fs.writeSync(control, fields.map((f) => String(f).replace(/[\t\r\n]/g, ' ')).join('\t') + '\n');
}

// While a script runs, breakOnSigint turns SIGINT into an exception; while a cell awaits a promise, this handler
// abandons the wait; between cells it keeps the session alive.
process.on('SIGINT', () => {
  if (interruptWaiting) interruptWaiting();
});
// An error thrown by a callback after its cell ended must not end the session.
process.on('uncaughtException', (error) => process.stderr.write(`Uncaught ${describe(error, true)}\n`));
process.on('unhandledRejection', (reason) => process.stderr.write(`Uncaught (in promise) ${describe(reason, true)}\n`));

class Interrupted extends Error {}

function describe(error, withStack) {
  if (!(error instanceof Error)) return util.inspect(error);
  if (!withStack || typeof error.stack !== 'string') return `${error.name}: ${error.message}`;
  // Drop the frames below the last one in a cell: they are this driver and node's vm module.
  const lines = error.stack.split('\n');
  let last = -1;
  lines.forEach((line, i) => { if (line.includes('<cell-')) last = i; });
  return lines.filter((line, i) => !(line.startsWith('    at ') && i > last)).join('\n');
}

function awaitInterruptibly(promise) {
  return new Promise((resolve, reject) => {
    interruptWaiting = () => reject(new Interrupted());
    promise.then(resolve, reject);
  }).finally(() => { interruptWaiting = null; });
}

async function runCell(fence, code) {
  const filename = `<cell-${++cellCount}>`;
  // Like the REPL, require resolves from the current directory; made again only when that changed (it costs a
  // good part of a trivial run).
  const cwd = process.cwd();
  if (cwd !== requireCwd || globalThis.require !== cellRequire) {
    requireCwd = cwd;
    cellRequire = createRequire(path.join(cwd, '<cell>'));
    globalThis.require = cellRequire;
  }
  try {
    const rewritten = cellScope.rewrite(code);
    const script = new vm.Script(rewritten ?? code, { filename });
    let run = script;
    if (rewritten !== null) {
      // displayErrors off: node would quote the rewritten line, not the user's.
      const cell = script.runInThisContext({ displayErrors: false });
      globalThis[Symbol.for('oi.cell')] = () => cell.call(globalThis, globalThis, cellScope.put);
      run = callCell;
    }
    // breakOnSigint watches from the next call on: a SIGINT in the instant between the two is missed.
    send('start', fence);
    let value;
    try {
      const breakOnSigint = !INERT.test(code) || NEW.test(code);
      value = run.runInThisContext({ breakOnSigint, displayErrors: rewritten === null });
    } finally {
      delete globalThis[Symbol.for('oi.cell')];
    }
    if (util.types.isPromise(value)) value = await awaitInterruptibly(value);
    if (value !== undefined) process.stdout.write(util.inspect(value) + '\n');
    return ['ok', ''];
  } catch (error) {
    if (error instanceof Interrupted || (error && error.code === 'ERR_SCRIPT_EXECUTION_INTERRUPTED')) {
      process.stderr.write('Interrupted\n');
      return ['interrupted', 'interrupted'];
    }
    process.stderr.write(describe(error, true) + '\n');
    return ['error', describe(error, false)];
  }
}

function writeFence(stream, fence) {
  // Nothing queued (the usual case): the fence can go out at once, without waiting for a turn of the event loop.
  if (stream.writableLength === 0 && !stream.destroyed && typeof stream.fd === 'number') {
    try {
      fs.writeSync(stream.fd, fence);
      return null;
    } catch {
      // A closed or odd descriptor: through the stream, as below.
    }
  }
  // The callback runs once this and every earlier write reached the pipe.
  return new Promise((resolve) => {
    try {
      stream.write(fence, () => resolve());
    } catch {
      resolve();
    }
  });
}

// The requests as [fence, code], each once its header line and all of its code have arrived.
async function* readRequests(input) {
  let pending = Buffer.alloc(0);
  for await (const chunk of input) {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    let end;
    while ((end = pending.indexOf(10)) >= 0) {
      const [verb, fence, count] = pending.toString('latin1', 0, end).split('\t');
      const size = /^\d+$/.test(count ?? '') ? Number(count) : -1;
      if (verb !== 'cell' || size < 0) {
        pending = pending.subarray(end + 1);
        continue;
      }
      if (pending.length < end + 1 + size) break;
      const code = pending.toString('utf8', end + 1, end + 1 + size);
      pending = pending.subarray(end + 1 + size);
      yield [fence, code];
    }
  }
}

async function serve() {
  send('ready');
  // A socket over the FIFO reads it through the event loop. A file stream would block a thread-pool thread in
  // read(), and node waits for those threads on exit, so process.exit() in a cell would hang.
  const input = new net.Socket({ fd: fs.openSync(requestsPath, 'r'), readable: true, writable: false });
  for await (const [fence, code] of readRequests(input)) {
    const [status, message] = await runCell(fence, code);
    const pending = [writeFence(process.stdout, fence), writeFence(process.stderr, fence)].filter((p) => p !== null);
    if (pending.length) await Promise.all(pending);
    send('done', fence, status, message);
  }
  process.exit(0);
}

serve();
