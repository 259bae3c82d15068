// Loads the built module (make wasm) in node with the page's loader, as the page's worker does,
// and checks its answers against the engine's golden files.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { start } from "../core.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const web = path.join(here, "..");
const golden = (name) => fs.readFileSync(path.join(web, "..", "testdata", "golden", name), "utf8");

const groupID = "7c1f0e9d4b6a4e2f8a3b5c6d7e8f9a01";
const release = "DEFAULT_ENVIRONMENT_RELEASE_ID";
let api; // the module's functions
let sample;

before(async () => {
  // The package's loader (make wasm copies it beside the page, as core.js):
  // the module's functions, with no global set.
  const names = new Set(Reflect.ownKeys(globalThis));
  api = await start(fs.readFileSync(path.join(web, "apigexport.wasm")));
  assert.deepEqual(Reflect.ownKeys(globalThis).filter((n) => !names.has(n)), [], "the loader left globals");
  sample = await api.sample();
});

test("export resolves to the golden document", async () => {
  const res = await api.export([sample], JSON.stringify({
    group_id: groupID, env_id: release, define: "all", type: "yaml", version: "2026-11-27-09:30:00",
  }));
  assert.equal(res.body, golden("sample-all.yaml"));
  assert.equal(res.filename, "shop_api-RELEASE-all-2026-11-27-09_30_00.yaml");
  assert.equal(res.contentType, "application/yaml");
  assert.deepEqual(res.warnings, []);
});

test("export with oas_version 3.0 resolves to the OpenAPI 3.0 goldens, every scope, JSON and YAML", async () => {
  for (const define of ["spec", "proxy", "all", "dev"]) {
    for (const type of ["json", "yaml"]) {
      const request = { group_id: groupID, env_id: release, define, type, version: "2026-11-27-09:30:00" };
      const res = await api.export([sample], JSON.stringify({ ...request, oas_version: "3.0" }));
      assert.equal(res.body, golden(`sample-${define}.oas3.${type}`), `define=${define} type=${type}`);
      assert.deepEqual(res.warnings, []);
      // The file name and type are the Swagger export's.
      const swagger = await api.export([sample], JSON.stringify(request));
      assert.equal(swagger.body, golden(`sample-${define}.${type}`));
      assert.equal(res.filename, swagger.filename);
      assert.equal(res.contentType, swagger.contentType);
    }
  }
  await assert.rejects(
    api.export([sample], JSON.stringify({ group_id: groupID, env_id: release, oas_version: "3.1" })),
    (e) => e.code === "APIG.2012" && e.status === 400 && e.field === "oas_version",
  );
});

test("outline lists an OpenAPI 3.0 document's operations as the Swagger document's", async () => {
  // The page's table (worker.js) shows these rows, and the findings of
  // each document's own version: none on either.
  const swagger = await api.outline(golden("sample-all.yaml"));
  const oas3 = await api.outline(golden("sample-all.oas3.yaml"));
  const rows = (o) => o.operations.map(({ findings, ...op }) => op);
  assert.equal(oas3.operations.length, 10);
  assert.deepEqual(rows(oas3), rows(swagger));
  assert.deepEqual(oas3.findings, []);
  assert.deepEqual(swagger.findings, []);
});

test("named bundles merge like files", async () => {
  const res = await api.export([{ name: "shop.json", text: sample }], JSON.stringify({
    group_id: groupID, env_id: release, define: "dev", version: "2026-11-27-09:30:00",
  }));
  assert.equal(res.body, golden("sample-dev.json"));
});

test("a bad request rejects with the engine's code, status and field", async () => {
  await assert.rejects(
    api.export([sample], JSON.stringify({ group_id: groupID, env_id: release, define: "full" })),
    (e) => e instanceof Error && e.code === "APIG.2012" && e.status === 400 && e.field === "define" &&
      e.message === "Invalid parameter value,parameterName:define. Please refer to the support documentation",
  );
  await assert.rejects(
    api.export([sample], JSON.stringify({ group_id: groupID, define: "all" })),
    (e) => e.code === "APIG.2001" && e.field === "env_id",
  );
});

test("a broken bundle rejects naming the file and the JSON path", async () => {
  await assert.rejects(
    api.inspect([{ name: "broken.json", text: '{"groups": [{"id": 5}]}' }]),
    (e) => e.field === "bundle" && e.status === 400 && e.message.startsWith("broken.json: groups[0].id: expected a string"),
  );
});

test("inspect lists what the form offers", async () => {
  const s = await api.inspect([sample]);
  assert.deepEqual(s.groups, [{ id: groupID, name: "shop_api", apis: 13 }]);
  assert.deepEqual(s.environments.map((e) => e.name), ["RELEASE", "TEST"]);
  const files = s.apis.find((a) => a.name === "Files");
  assert.deepEqual(files, { id: "a1000000000000000000000000000007", name: "Files", group_id: groupID, method: "ANY", path: "/files/{path+}", published: [release] });
});

test("validate resolves to the findings", async () => {
  assert.deepEqual(await api.validate(golden("sample-all.json")), []);
  const findings = await api.validate("swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\nx-apigateway-colour: red\n");
  assert.deepEqual(findings.map((f) => f.code), ["paths-empty", "apig-unknown-extension"]);
});

test("version answers", async () => {
  assert.match(await api.version(), /\S/);
});

test("import turns an export back into a bundle that exports the same bytes", async () => {
  const res = await api.import(golden("sample-all.yaml"), "");
  assert.equal(res.filename, "shop_api.bundle.json");
  assert.equal(res.version, "2026-11-27-09:30:00");
  assert.deepEqual(res.findings, []);
  const bundle = JSON.parse(res.bundle);
  const again = await api.export([res.bundle], JSON.stringify({
    group_id: bundle.groups[0].id, env_id: release, define: "all", type: "yaml", version: res.version,
  }));
  assert.equal(again.body, golden("sample-all.yaml"));
});

test("import of the gateway's OpenAPI 3.0 files resolves with their bundles", async () => {
  const examples = path.join(web, "..", "testdata", "examples");
  const files = fs.readdirSync(examples).filter((n) => n.includes("oas3") && n.endsWith(".yaml"));
  assert.ok(files.length >= 4, "the OpenAPI 3.0 samples");
  for (const name of files) {
    const res = await api.import(fs.readFileSync(path.join(examples, name), "utf8"), "");
    assert.deepEqual(res.findings, [], name);
    const bundle = JSON.parse(res.bundle);
    assert.equal(bundle.apis.length, 1, name);
    assert.match(res.filename, /\.bundle\.json$/, name);
  }
});

test("import of a document the gateway refuses resolves with its findings and no bundle", async () => {
  const res = await api.import("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n", "");
  assert.equal(res.bundle, null);
  assert.equal(res.findings[0].code, "import-version");
  assert.equal(res.findings[0].path, "/openapi");
  await assert.rejects(api.import("{", ""), (e) => e.code === "APIG.3600" && e.status === 400);
});

test("export with body_bytes resolves to the document's bytes", async () => {
  const res = await api.export([sample], JSON.stringify({
    group_id: groupID, env_id: release, define: "all", type: "yaml", version: "2026-11-27-09:30:00", body_bytes: true,
  }));
  assert.ok(res.body instanceof Uint8Array);
  assert.equal(new TextDecoder().decode(res.body), golden("sample-all.yaml"));
  assert.equal(res.filename, "shop_api-RELEASE-all-2026-11-27-09_30_00.yaml");
});

test("outline lists the operations and places each finding on its row", async () => {
  const bytes = new TextEncoder().encode(golden("sample-all.json"));
  const o = await api.outline(bytes);
  assert.equal(o.operations.length, 10);
  assert.deepEqual(o.findings, []);
  const files = o.operations.find((op) => op.name === "Files");
  assert.deepEqual(files, { method: "ANY", path: "/files/{path+}", name: "Files", auth: "APP", backend: "HTTP-VPC",
    throttle: "", acl: "", pointer: "/paths/~1files~1{path+}/x-apigateway-any-method", findings: [] });
  const bad = await api.outline(
    "swagger: '2.0'\ninfo: {title: t, version: '1'}\nx-apigateway-colour: red\npaths:\n  /a:\n    get: {responses: {default: {description: d}}, x-apigateway-ratelimit: nope}\n");
  assert.equal(bad.findings.length, 2);
  assert.deepEqual(bad.operations[0].findings.map((i) => bad.findings[i].code), ["apig-ratelimit-undefined"]);
  assert.deepEqual(bad.other.map((i) => bad.findings[i].code), ["apig-unknown-extension"]);
  await assert.rejects(api.outline(42), (e) => e.code === "APIG.2012" && e.field === "document");
});

test("load keeps the bundle that export(null, ...) exports", async () => {
  const s = await api.load([{ name: "shop.json", text: sample }]);
  assert.deepEqual(s, await api.inspect([sample]));
  const res = await api.export(null, JSON.stringify({
    group_id: groupID, env_id: release, define: "all", type: "yaml", version: "2026-11-27-09:30:00",
  }));
  assert.equal(res.body, golden("sample-all.yaml"));
  await assert.rejects(api.export(null, JSON.stringify({ group_id: groupID, env_id: release, strict: true })),
    (e) => e.code === "APIG.2012" && e.field === "bundle");
  // A load that fails forgets the bundle before.
  await assert.rejects(api.load(["{"]), (e) => e.field === "bundle");
  await assert.rejects(api.export(null, JSON.stringify({ group_id: groupID, env_id: release })),
    (e) => e.code === "APIG.2001" && e.field === "bundle");
});
