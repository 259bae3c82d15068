// The package's entry for node (index.d.ts documents it): the module is
// read from beside this file unless options.wasm says where it is.
import { readFile } from "node:fs/promises";
import { ApigExportError, createEngineFrom } from "./core.js";

export { ApigExportError };

export async function createEngine(options = {}) {
  let wasm = (await options.wasm) ?? new URL("./apigexport.wasm", import.meta.url);
  if (wasm instanceof URL ? wasm.protocol === "file:" : typeof wasm === "string" && !/^[a-z][a-z0-9+.-]*:/i.test(wasm)) {
    // node's fetch takes no file: URLs; a string without a scheme is a path.
    try {
      wasm = await readFile(wasm);
    } catch (e) {
      throw new ApigExportError("the engine did not load: " + e.message);
    }
  }
  return createEngineFrom(wasm);
}

export async function createWorkerEngine() {
  throw new ApigExportError("createWorkerEngine needs Web Workers (a browser's); on node use createEngine");
}
