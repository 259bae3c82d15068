// A tool that bundles the package with esbuild (TestPackageBundled): two
// engines on the page's thread, the module fetched from beside the bundle.
import { createEngine, ApigExportError } from "@apigexport/engine";

const own = ["before", "result"];

async function run() {
  const [a, b] = await Promise.all([createEngine(), createEngine({ wasm: fetch(new URL("apigexport.wasm", import.meta.url)) })]);
  const sample = await a.sample();
  const { groups, environments } = await b.inspect([{ name: "sample.json", text: sample }]);
  const release = environments.find((e) => e.name === "RELEASE");
  const request = { group_id: groups[0].id, env_id: release.id, define: "all", type: "yaml", version: "2026-11-27-09:30:00" };
  const res = await a.exportGroup([sample], request);
  let code;
  try {
    await b.exportGroup([sample], { ...request, define: "full" });
  } catch (e) {
    code = e instanceof ApigExportError ? `${e.code} ${e.status} ${e.field}` : `not an ApigExportError: ${e}`;
  }
  return { body: res.body, filename: res.filename, code, version: await a.version };
}

run().then(
  (r) => {
    const globals = Object.getOwnPropertyNames(globalThis).filter((n) => !before.includes(n) && !own.includes(n));
    globalThis.result = { ...r, globals };
  },
  (e) => (globalThis.result = { error: String(e?.stack ?? e) }),
);
