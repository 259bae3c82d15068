// A tool written in TypeScript against the package's declarations:
// package.test.mjs runs tsc --strict --noEmit on it in a project that has
// installed the tarball. The @ts-expect-error lines fail the check if the
// types let a mistake through (or are any).
import {
  ApigExportError,
  createEngine,
  createWorkerEngine,
  type Engine,
  type ExportRequest,
  type ExportResult,
  type Finding,
  type ImportResult,
  type Summary,
  type WorkerEngine,
} from "@apigexport/engine";
import { serve } from "@apigexport/engine/serve.js";

const engine: Engine = await createEngine({ wasm: new URL("https://cdn.example/apigexport.wasm") });
await createEngine({ wasm: fetch("/apigexport.wasm") });
await createEngine({ wasm: new Uint8Array(8) });
const inWorker: WorkerEngine = await createWorkerEngine({ workerURL: "/engine/worker.js" });
const fromWorker: unknown = await inWorker.call("apis", 1);
inWorker.terminate();
// A worker of the tool's own (this module stands for its file).
serve(async (module) => {
  const sample: string = await module.sample();
  return { count: async () => (await module.inspect([sample])).apis.length };
});
// @ts-expect-error serve takes a function of the module's functions
serve({ count: () => 1 });

const bundle: string = await engine.sample();
const summary: Summary = await engine.inspect([{ name: "shop.json", text: bundle }]);
const request: ExportRequest = {
  group_id: summary.groups[0].id,
  env_id: summary.environments[0].id,
  define: "all",
  type: "yaml",
  oas_version: "2.0",
  resolve_vars: true,
};
const result: ExportResult = await engine.exportGroup([bundle], request);
const body: string = result.body;
const warnings: string[] = result.warnings;
const findings: Finding[] = await engine.validate(body);
const severity: "error" | "warning" | undefined = findings[0]?.severity;
const imported: ImportResult = await engine.importDocument(body, { env_name: "RELEASE" });
const again: string | null = imported.bundle;
const version: string = await engine.version;

try {
  await engine.exportGroup(bundle, { group_id: "none" });
} catch (e) {
  if (e instanceof ApigExportError) {
    const code: string = e.code;
    const status: number = e.status;
    const field: string | undefined = e.field;
    console.log(code, status, field, e.message);
  }
}

const oas3: ExportResult = await engine.exportGroup([bundle], { ...request, oas_version: "3.0" });
// @ts-expect-error oas_version is "2.0" or "3.0"
const badOAS: ExportRequest = { group_id: "g", oas_version: "3.1" };
// @ts-expect-error define is one of the scopes
const badScope: ExportRequest = { group_id: "g", define: "full" };
// @ts-expect-error group_id is required
const noGroup: ExportRequest = { env_id: "e" };
// @ts-expect-error version is a Promise, not a string
const notAwaited: string = engine.version;
// @ts-expect-error a bundle is text, not a number
await engine.inspect([42]);

console.log(fromWorker, body.length, oas3.body.length, badOAS, warnings, severity, again, version, badScope, noGroup, notAwaited);
