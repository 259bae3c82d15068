// The loader shared by the browser (index.js) and node (node.js) entries:
// it instantiates the module in a global scope of its own, so that nothing
// the module or the toolchain's wasm_exec.js defines lands on the page's
// globalThis, and wraps the module's functions as the Engine of index.d.ts.
import { goClass } from "./wasm_exec.js";

/** The code of a failure of the loader itself (the module did not load or start). */
const codeLoad = "APIG.9999";

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

// start instantiates the module from source and resolves to the functions
// it registers (wasm/main.go), held by nothing but the caller. env, the
// module's environment, is for tests: GOMEMLIMIT lowers the memory the
// module counts on, and with it the largest bundle it accepts.
export async function start(source, env = {}) {
  const scope = privateScope();
  const Go = goClass(scope);
  const go = new Go();
  Object.assign(go.env, env);
  let instance;
  try {
    instance = await instantiate(source, go.importObject);
  } catch (e) {
    throw e instanceof ApigExportError ? e : new ApigExportError("the engine did not load: " + e.message);
  }
  // run returns once main has registered the functions and waits for
  // calls; its promise settles only if the module exits.
  go.run(instance);
  const api = scope.apigexport;
  if (go.exited || !api) {
    throw new ApigExportError("the engine did not start: the module exited");
  }
  return api;
}

// createEngine is index.d.ts's, given the module's source.
export async function createEngineFrom(source) {
  const api = await start(source);
  return engineOf((fn, ...args) => api[fn](...args));
}
