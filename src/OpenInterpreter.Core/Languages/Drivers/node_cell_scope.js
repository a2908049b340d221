// Rewrites a JavaScript cell with a loop at its top level into a function, for node_driver.js.
//
// Why: run as a script, a cell's top-level variables live on the global object (var) or in the script context
// (let, const), and node 20's V8 boxes every number stored there, so a top-level loop runs 10-15x slower than the
// same loop in a function, whose variables are registers. The rewritten cell declares the same names inside a
// function and hands them back to the global object, so later cells still see them:
// - a name that code outside the loop could read while the cell runs (a function or class of this cell, or one of
//   an earlier cell that mentions it) is kept live: a getter and setter on globalThis reach the variable itself;
// - any other name is copied to globalThis when the cell ends, normally or by an error.
// Only cells that gain (a loop outside any function) and that cannot tell the difference are rewritten; the rest
// run as scripts, exactly as before. A cell with `await` outside any function, which a script cannot run at all, is
// rewritten the same way into an async function (as node's REPL does), whose promise the driver awaits. What differs: a const becomes a writable global, a top-level let may be
// declared again by a later cell, and an interrupt (which ends the code without running its finally blocks) loses
// the copied names' new values; the completion value shown is the value of the last expression statement run,
// reset by each top-level loop, if, switch and try as the language does.
'use strict';

const LOOPS = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement']);
const RESETS = new Set([...LOOPS, 'IfStatement', 'SwitchStatement', 'TryStatement']);
const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);
// Names through which code reaches the global object or the cell's own scope by another way than its variables.
const UNSAFE_NAMES = new Set(['eval', 'arguments', 'globalThis', 'global', 'Function']);
const MAYBE_LOOP = /\b(?:for|while|do)\b/;
const MAYBE_AWAIT = /\bawait\b/;
const NAME = /[A-Za-z_$][\w$]*/g;

let acorn;

// node ships acorn for its REPL; it is not public, so it is read from node's own sources, and a node without it
// simply runs every cell as a script.
function parser() {
  if (acorn === undefined) {
    acorn = null;
    try {
      const source = process.binding('natives')['internal/deps/acorn/acorn/dist/acorn'];
      const module = { exports: {} };
      new Function('exports', 'module', source)(module.exports, module);
      if (typeof module.exports.parse === 'function') acorn = module.exports;
    } catch {
      // No acorn: scripts only.
    }
  }
  return acorn;
}

/** The names mentioned inside functions of the cells run so far: a rewritten cell keeps them live. */
const mentionedInFunctions = new Set();

function children(node, visit) {
  for (const key of Object.keys(node)) {
    const value = node[key];
    if (Array.isArray(value)) {
      for (const item of value) if (item && typeof item.type === 'string') visit(item, node);
    } else if (value && typeof value.type === 'string' && key !== 'type') {
      visit(value, node);
    }
  }
}

function patternNames(pattern, into) {
  switch (pattern.type) {
    case 'Identifier': into.push(pattern.name); break;
    case 'ObjectPattern': for (const p of pattern.properties) patternNames(p.type === 'RestElement' ? p.argument : p.value, into); break;
    case 'ArrayPattern': for (const p of pattern.elements) if (p) patternNames(p, into); break;
    case 'RestElement': patternNames(pattern.argument, into); break;
    case 'AssignmentPattern': patternNames(pattern.left, into); break;
    default: break;
  }
  return into;
}

/** What the rewrite needs to know of a cell, or null when it must run as a script (`awaits`: it has a top-level await). */
function analyse(program, awaits) {
  const vars = new Set();
  const lexical = new Map(); // name -> 'let' | 'const' | 'class'
  const functions = new Set();
  const mentioned = new Set();
  const completions = [];
  const resets = [];
  const declarations = [];
  let loop = false;
  let safe = true;

  function visit(node, parent, inFunction, inNonArrow) {
    if (!safe) return;
    switch (node.type) {
      case 'WithStatement': case 'MetaProperty': case 'ImportExpression': case 'Super':
        safe = false; return;
      case 'ThisExpression':
        if (!inNonArrow) safe = false;
        return;
      case 'Identifier':
        if (UNSAFE_NAMES.has(node.name) && !(node.name === 'arguments' && inNonArrow)) safe = false;
        if (inFunction) mentioned.add(node.name);
        return;
      case 'VariableDeclaration':
        if (!inFunction) {
          if (node.kind === 'var') for (const d of node.declarations) patternNames(d.id, []).forEach((n) => vars.add(n));
          else if (parent.type === 'Program') {
            for (const d of node.declarations) patternNames(d.id, []).forEach((n) => lexical.set(n, node.kind));
            declarations.push(node);
          }
        }
        break;
      case 'FunctionDeclaration':
        if (!inFunction) {
          // A function declared in a block of a sloppy script has Annex B's odd hoisting: not worth copying.
          if (parent.type !== 'Program') { safe = false; return; }
          functions.add(node.id.name);
        }
        break;
      case 'ClassDeclaration':
        if (!inFunction && parent.type === 'Program') {
          lexical.set(node.id.name, 'class');
          declarations.push(node);
        }
        break;
      case 'ExpressionStatement':
        if (!inFunction) {
          if (node.directive !== undefined) { safe = false; return; }
          completions.push(node.expression);
        }
        break;
      default:
        break;
    }
    if (!inFunction && LOOPS.has(node.type)) loop = true;
    if (!inFunction && RESETS.has(node.type) && ['Program', 'BlockStatement', 'SwitchCase'].includes(parent.type)) resets.push(node);
    const entersFunction = FUNCTIONS.has(node.type) || node.type === 'ClassDeclaration' || node.type === 'ClassExpression';
    const entersNonArrow = entersFunction && node.type !== 'ArrowFunctionExpression';
    children(node, (child, p) => visit(child, p, inFunction || entersFunction, inNonArrow || entersNonArrow));
  }

  children(program, (child, p) => visit(child, p, false, false));
  if (!safe || !(loop || awaits)) return null;
  return { vars, lexical, functions, mentioned, completions, resets, declarations };
}

function globalIsLexical(name) {
  // A let, const or class of an earlier script cell is in the script scope, not on globalThis: a copy written there
  // would be hidden behind it. Reading the name from a script tells which: it resolves through the script scope.
  if (Object.prototype.hasOwnProperty.call(globalThis, name)) return false;
  try {
    new Function(`return ${name};`)(); // eslint-disable-line no-new-func -- resolves in the global scope, as a script
    return true;
  } catch (error) {
    return !(error instanceof ReferenceError && /is not defined/.test(error.message));
  }
}

const q = JSON.stringify;

/**
 * The cell as the source of a function expression `function (__oi_g, __oi_put)` (async when the cell awaits at its
 * top level) that runs it and returns its completion value, on the cell's own lines; or null when the cell runs as a
 * script.
 */
function rewrite(code) {
  if (!(MAYBE_LOOP.test(code) || MAYBE_AWAIT.test(code)) || !parser()) {
    remember(code);
    return null;
  }
  let program;
  let awaits = false;
  try {
    program = acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'script' });
  } catch {
    try {
      // Not a script: perhaps because it awaits at its top level.
      program = acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'script', allowAwaitOutsideFunction: true });
      awaits = true;
    } catch {
      // The script reports the syntax error as it always did.
      return null;
    }
  }
  const cell = analyse(program, awaits);
  if (!cell) {
    remember(code);
    return null;
  }
  const declared = [...cell.vars, ...cell.functions, ...cell.lexical.keys()];
  for (const name of declared) {
    const existing = Object.getOwnPropertyDescriptor(globalThis, name);
    // An accessor is a name an earlier rewritten cell keeps live: only a script's declaration reaches its variable.
    const accessor = existing && !('value' in existing);
    if (name.startsWith('__oi_') || accessor || globalIsLexical(name) || (existing && !existing.configurable && !existing.writable)) {
      remember(code);
      return null;
    }
  }
  // Functions are kept live too: a function declared in the try block below is block-scoped, so only a closure made
  // there reaches it (and functions hold no numbers to box).
  const live = new Set(declared.filter((name) => cell.functions.has(name) || cell.mentioned.has(name) || mentionedInFunctions.has(name)));
  for (const name of declared) {
    const existing = Object.getOwnPropertyDescriptor(globalThis, name);
    if (live.has(name) && existing && !existing.configurable) {
      remember(code);
      return null;
    }
  }
  for (const name of cell.mentioned) mentionedInFunctions.add(name);

  // Edits at source positions, applied from the end so earlier positions stay valid.
  const edits = [];
  for (const expression of cell.completions) edits.push([expression.start, '__oi_v = ('], [expression.end, ')']);
  for (const statement of cell.resets) edits.push([statement.start, '__oi_v = void 0; ']);
  // Top-level let, const and class become var, so the finally block, outside the try block they are in, sees them.
  for (const declaration of cell.declarations) {
    if (declaration.type === 'ClassDeclaration') edits.push([declaration.start, `var ${declaration.id.name} = `], [declaration.end, ';']);
    else edits.push([declaration.start, 'var', declaration.kind.length]);
  }
  edits.sort((a, b) => b[0] - a[0]);
  let body = code;
  for (const [at, text, removed = 0] of edits) body = body.slice(0, at) + text + body.slice(at + removed);

  // Everything added stays on the cell's first line, so errors keep their line numbers.
  const prologue = ['var __oi_v;'];
  // `var x;` of a name that exists keeps its value, as in a script.
  if (cell.vars.size) prologue.push(`var ${[...cell.vars].map((n) => `${n} = __oi_g[${q(n)}]`).join(', ')};`);
  const accessors = [...live].map((name) =>
    `Object.defineProperty(__oi_g, ${q(name)}, { get: () => ${name}, set: (__oi_x) => { ${name} = __oi_x; }, enumerable: true, configurable: true });`);
  const epilogue = declared.filter((name) => !live.has(name)).map((name) => `__oi_put(${q(name)}, ${name});`).join(' ');
  return `(${awaits ? 'async ' : ''}function (__oi_g, __oi_put) { ${prologue.join(' ')} try { ${accessors.join(' ')} ${body}\n;return __oi_v; } finally { ${epilogue} } })`;
}

/** Writes a copied name to the global object: a property like a var's, configurable so a later cell may rewrite it. */
function put(name, value) {
  const existing = Object.getOwnPropertyDescriptor(globalThis, name);
  if (existing && !existing.configurable) globalThis[name] = value;
  else Object.defineProperty(globalThis, name, { value, writable: true, enumerable: true, configurable: true });
}

function remember(code) {
  // A cell run as a script is not parsed: every name in it counts as one its functions may read later.
  for (const [name] of code.matchAll(NAME)) mentionedInFunctions.add(name);
}

module.exports = { rewrite, put };
