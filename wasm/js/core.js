// The loader shared by the browser (index.js) and node (node.js) entries:
// it instantiates the module in a global scope of its own, so that nothing
// the module or the toolchain's wasm_exec.js defines lands on the page's
// globalThis, and wraps the module's functions as the Engine of index.d.ts.
import { goClass } from "./wasm_exec.js";

/** The code of a failure of the loader itself (the module did not load or start). */
const codeLoad = "APIG.9999";

/** The code of a module that died: the Go runtime's fatal error (out of memory, ...) ended it. */
export const codeDied = "engine-died";

export class ApigExportError extends Error {
  constructor(message, { code = codeLoad, status = 500, field } = {}) {
    super(message);
    this.name = "ApigExportError";
    this.code = code;
    this.status = status;
    if (field !== undefined && field !== null && field !== "") {
      this.field = field;
    }
  }
}

// asError turns what the module (or a worker) rejects with into an
// ApigExportError, keeping the module's code, status and field.
export function asError(e) {
  if (e instanceof ApigExportError) {
    return e;
  }
  if (e && typeof e === "object") {
    // What is not the engine's (a worker's own error) keeps its field.
    return new ApigExportError(String(e.message ?? e), { code: e.code ?? undefined, status: e.status ?? undefined, field: e.field });
  }
  return new ApigExportError(String(e));
}

// privateScope is what the module sees as globalThis: reads fall through
// to the real globalThis (Object, Promise, JSON, crypto, ...), writes stay
// in the scope and go away with it.
function privateScope() {
  const own = {};
  return new Proxy(own, {
    get: (target, key) => (Object.hasOwn(target, key) ? target[key] : globalThis[key]),
    has: (target, key) => Object.hasOwn(target, key) || key in globalThis,
  });
}

const isBytes = (v) => v instanceof ArrayBuffer || ArrayBuffer.isView(v);

// instantiate compiles source (bytes, a Module, a Response or a promise of
// one, or a URL fetched) with the imports of go.
async function instantiate(source, importObject) {
  source = await source;
  if (source instanceof WebAssembly.Module) {
    return WebAssembly.instantiate(source, importObject);
  }
  if (isBytes(source)) {
    return (await WebAssembly.instantiate(source, importObject)).instance;
  }
  if (typeof source === "string" || source instanceof URL) {
    source = await fetch(source);
  }
  if (typeof Response !== "undefined" && source instanceof Response) {
    if (!source.ok) {
      throw new ApigExportError(`the engine did not load: ${source.url || "the module"} answered ${source.status}`);
    }
    // instantiateStreaming needs application/wasm; a server that sends
    // another type still serves the bytes.
    if ((source.headers.get("content-type") ?? "").startsWith("application/wasm")) {
      return (await WebAssembly.instantiateStreaming(source, importObject)).instance;
    }
    return (await WebAssembly.instantiate(await source.arrayBuffer(), importObject)).instance;
  }
  throw new ApigExportError("the engine did not load: options.wasm must be a URL, a Response, bytes or a WebAssembly.Module", { status: 400, code: "APIG.2012", field: "wasm" });
}

// engineOf wraps call(fn, ...args), a function that runs one of the
// module's functions and resolves to its answer, as an Engine.
export function engineOf(call) {
  const wrap = (fn, ...args) => call(fn, ...args).catch((e) => Promise.reject(asError(e)));
  let version;
  const engine = {
    exportGroup: (bundles, request = {}) => wrap("export", bundles, JSON.stringify(request)),
    validate: (document) => wrap("validate", document),
    importDocument: (document, options = {}) => wrap("import", document, JSON.stringify(options)),
    inspect: (bundles) => wrap("inspect", bundles),
    sample: () => wrap("sample"),
    get version() {
      version ??= wrap("version");
      return version;
    },
  };
  return engine;
}

// runtimeOutput replaces the writeSync of the scope's fs, which
// wasm_exec.js defines (one that logs stdout and stderr alike with
// console.log) and through which the Go runtime writes: stdout goes to
// console.log and stderr to console.error, a line at a time, and the lines
// that say why the runtime died (fatal error, panic, runtime:) are kept for
// cause(). fs's other members are wasm_exec.js's.
export function runtimeOutput(scope, console = globalThis.console) {
  const decoders = new Map(); // fd -> TextDecoder, so that a character split across writes is whole
  const partial = new Map(); // fd -> the text after the last newline
  const causes = [];
  const found = scope.fs;
  const writeSync = (fd, buf) => {
    let decoder = decoders.get(fd);
    if (!decoder) {
      decoder = new TextDecoder("utf-8");
      decoders.set(fd, decoder);
    }
    const text = (partial.get(fd) ?? "") + decoder.decode(buf, { stream: true });
    const nl = text.lastIndexOf("\n");
    partial.set(fd, text.slice(nl + 1));
    if (nl >= 0) {
      const lines = text.slice(0, nl);
      if (fd === 2) {
        console.error(lines);
        for (const line of lines.split("\n")) {
          if (causes.length < 8 && /^(fatal error|panic|runtime): /.test(line)) {
            causes.push(line);
          }
        }
      } else {
        console.log(lines);
      }
    }
    return buf.length;
  };
  // An object of the scope's own, whose other members are those of the fs
  // found (wasm_exec.js's, or a global fs if the page has one, left as it is).
  scope.fs = Object.assign(Object.create(found ?? null), { writeSync });
  return {
    writeSync,
    // cause is why the module died, as the runtime said it: "fatal error:
    // out of memory" first, then the runtime's detail, or "" if it said nothing.
    cause() {
      const lines = [...causes];
      for (const [fd, rest] of partial) {
        if (fd === 2 && /^(fatal error|panic|runtime): /.test(rest)) {
          lines.push(rest);
        }
      }
      lines.sort((a, b) => rank(a) - rank(b));
      return lines.join("; ");
    },
  };
}

const rank = (line) => (line.startsWith("fatal error: ") ? 0 : line.startsWith("panic: ") ? 1 : 2);

// guard wraps the functions the module registered so that a call rejects
// with died() once the module has exited, and so do the calls in flight
// when it exits, whose promises would never settle otherwise: the caller
// calls the onExit it returns when the module exits.
export function guard(api, died) {
  const pending = new Set();
  const guarded = {};
  for (const [name, fn] of Object.entries(api)) {
    guarded[name] = (...args) => {
      const error = died();
      if (error) {
        return Promise.reject(error);
      }
      return new Promise((resolve, reject) => {
        pending.add(reject);
        let answer;
        try {
          answer = fn(...args);
        } catch (e) {
          pending.delete(reject);
          reject(died() ?? e);
          return;
        }
        Promise.resolve(answer).then(resolve, reject).finally(() => pending.delete(reject));
      });
    };
  }
  const onExit = () => {
    const error = died();
    for (const reject of pending) {
      reject(error);
    }
    pending.clear();
  };
  return { api: guarded, onExit };
}

// start instantiates the module from source and resolves to the functions
// it registers (wasm/main.go), held by nothing but the caller. env, the
// module's environment, is for tests: GOMEMLIMIT lowers the memory the
// module counts on, and with it the largest bundle it accepts. If the Go
// runtime dies (a fatal error such as running out of memory), its message
// goes to console.error, and every call in flight or made afterwards
// rejects with code engine-died and a message that says why.
export async function start(source, env = {}) {
  const scope = privateScope();
  const Go = goClass(scope);
  const go = new Go();
  Object.assign(go.env, env);
  const output = runtimeOutput(scope);
  let died = null;
  let onExit = () => {};
  go.exit = (code) => {
    const cause = output.cause();
    died = new ApigExportError(`the engine died (exit code ${code})${cause ? ": " + cause : ""}`, { code: codeDied, status: 500 });
    onExit();
  };
  let instance;
  try {
    instance = await instantiate(source, go.importObject);
  } catch (e) {
    throw e instanceof ApigExportError ? e : new ApigExportError("the engine did not load: " + e.message);
  }
  // run returns once main has registered the functions and waits for
  // calls; its promise settles only if the module exits.
  go.run(instance).catch((e) => {
    died ??= new ApigExportError(`the engine died: ${e?.message ?? e}`, { code: codeDied, status: 500 });
    onExit();
  });
  if (died) {
    throw new ApigExportError("the engine did not start: " + died.message.replace(/^the engine /, "it "), { code: codeDied, status: 500 });
  }
  const api = scope.apigexport;
  if (go.exited || !api) {
    throw new ApigExportError("the engine did not start: the module exited");
  }
  const guarded = guard(api, () => died);
  onExit = guarded.onExit;
  return guarded.api;
}

// createEngine is index.d.ts's, given the module's source.
export async function createEngineFrom(source) {
  const api = await start(source);
  return engineOf((fn, ...args) => api[fn](...args));
}
