// The engine in a module worker, for createWorkerEngine (index.js).
// Messages in: {id, fn, args}, the first one {fn: "start", args: [wasm]};
// out: {id, value} or {id, error: {message, code, status, field}}.
import { start } from "./core.js";

let api;

onmessage = async ({ data: { id, fn, args } }) => {
  try {
    let value;
    if (fn === "start") {
      api = await start(args[0] ?? new URL("./apigexport.wasm", import.meta.url));
    } else {
      value = await (await api)[fn](...args);
    }
    postMessage({ id, value });
  } catch (e) {
    postMessage({ id, error: { message: String(e?.message ?? e), code: e?.code, status: e?.status, field: e?.field } });
  }
};
