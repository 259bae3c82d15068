// The package's entry for browsers and bundlers (index.d.ts documents it).
// The module is fetched from beside this file unless options.wasm says
// where it is; createWorkerEngine runs the same engine in worker.js.
import { ApigExportError, asError, createEngineFrom, engineOf } from "./core.js";

export { ApigExportError };

const defaultWasm = () => new URL("./apigexport.wasm", import.meta.url);

export function createEngine(options = {}) {
  return createEngineFrom(options.wasm ?? defaultWasm());
}

// workerSource is options.wasm in a form a worker can receive: a URL as
// an absolute address (a relative one is the page's, not the worker's),
// a Response as its bytes.
async function workerSource(wasm) {
  wasm = await wasm;
  if (wasm === undefined) {
    return undefined;
  }
  if (typeof wasm === "string" || wasm instanceof URL) {
    return new URL(wasm, globalThis.location?.href).href;
  }
  if (typeof Response !== "undefined" && wasm instanceof Response) {
    return wasm.arrayBuffer();
  }
  return wasm;
}

export async function createWorkerEngine(options = {}) {
  if (typeof Worker === "undefined") {
    throw new ApigExportError("createWorkerEngine needs Web Workers (a browser's); use createEngine here");
  }
  const worker = new Worker(options.workerURL ?? new URL("./worker.js", import.meta.url), { type: "module" });
  const pending = new Map();
  let next = 1;
  let failed;
  const failAll = (e) => {
    failed = asError(e);
    for (const { reject } of pending.values()) {
      reject(failed);
    }
    pending.clear();
  };
  worker.onmessage = ({ data: { id, value, error } }) => {
    const p = pending.get(id);
    if (!p) {
      return;
    }
    pending.delete(id);
    if (error) {
      p.reject(asError(error));
    } else {
      p.resolve(value);
    }
  };
  worker.onerror = (ev) => {
    ev.preventDefault?.();
    failAll(new ApigExportError("the engine's worker failed: " + (ev.message || "it did not load")));
  };
  const call = (fn, ...args) =>
    new Promise((resolve, reject) => {
      if (failed) {
        reject(failed);
        return;
      }
      const id = next++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, fn, args });
    });
  // The first message starts the engine; it answers once it is ready, so
  // that a module that does not load rejects createWorkerEngine itself.
  const source = await workerSource(options.wasm);
  await call("start", source).catch((e) => {
    worker.terminate();
    throw e;
  });
  const engine = engineOf(call);
  engine.call = call;
  engine.terminate = () => {
    worker.terminate();
    failAll(new ApigExportError("the engine's worker was terminated"));
  };
  return engine;
}
