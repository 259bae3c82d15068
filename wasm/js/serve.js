// The engine's side of createWorkerEngine (index.js): serve(functions)
// answers the messages of a worker. The package's worker.js serves the
// engine alone; a worker of a tool's own calls serve with functions of its
// own, which WorkerEngine.call reaches (index.d.ts).
//
// Messages in: {id, fn, args}, the first one {fn: "start", args: [wasm]};
// out: {id, value} or {id, error: {message, code, status, field}}.
import { start } from "./core.js";

export function serve(functions) {
  let module;
  let own = {};
  onmessage = async ({ data: { id, fn, args } }) => {
    try {
      let value;
      if (fn === "start") {
        module = await start(args[0] ?? new URL("./apigexport.wasm", import.meta.url));
        own = functions ? await functions(module) : {};
      } else {
        const f = Object.hasOwn(own, fn) ? own[fn] : module[fn];
        if (typeof f !== "function") {
          throw { message: `the worker has no function ${fn}`, code: "APIG.2012", status: 400, field: "fn" };
        }
        value = await f(...args);
      }
      postMessage({ id, value });
    } catch (e) {
      postMessage({ id, error: { message: String(e?.message ?? e), code: e?.code, status: e?.status, field: e?.field } });
    }
  };
}
