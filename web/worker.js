// The engine runs here, off the page's thread: the page stays responsive
// while a large bundle is exported. Messages in: {id, fn, args}; out:
// {id, value} or {id, error: {message, code, status, field}}.
importScripts("wasm_exec.js");

const ready = (async () => {
  const go = new Go();
  const url = "apigexport.wasm";
  let result;
  try {
    result = await WebAssembly.instantiateStreaming(fetch(url), go.importObject);
  } catch (e) {
    // A server that does not send application/wasm: compile from bytes.
    const bytes = await (await fetch(url)).arrayBuffer();
    result = await WebAssembly.instantiate(bytes, go.importObject);
  }
  go.run(result.instance);
  return self.apigexport.version();
})();

ready.then(
  (version) => postMessage({ id: 0, value: version }),
  (e) => postMessage({ id: 0, error: { message: "the engine did not load: " + e.message } }),
);

onmessage = async ({ data: { id, fn, args } }) => {
  try {
    await ready;
    const value = await self.apigexport[fn](...args);
    postMessage({ id, value });
  } catch (e) {
    postMessage({ id, error: { message: e.message, code: e.code, status: e.status, field: e.field } });
  }
};
