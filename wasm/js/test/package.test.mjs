// The package as a consumer meets it: make npm's tarball installed into an
// empty project from the file (npm install --offline, no registry), then
// imported by name. Run make npm first (make test does).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { npmVersion } from "../pack.mjs";
import { tools } from "../tools/tools.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, "..", "..", "..");
const tarball = path.join(root, "bin", "apigexport-engine.tgz");
const maxTarball = 3 << 20; // the budget, BENCHMARKS.md records the size

const groupID = "7c1f0e9d4b6a4e2f8a3b5c6d7e8f9a01";
const release = "DEFAULT_ENVIRONMENT_RELEASE_ID";
const version = "2026-11-27-09:30:00";

let project; // the consumer's project, with the package installed
let pkg; // the package's exports, imported by the consumer's module
let cli; // apigexport, built from this checkout

// A Go that runs the tests for GOOS=js must not build the command for it.
const hostEnv = () => {
  const env = { ...process.env };
  delete env.GOOS;
  delete env.GOARCH;
  return env;
};

before(() => {
  assert.ok(fs.existsSync(tarball), `${tarball} is missing: run make npm first`);
  project = fs.mkdtempSync(path.join(os.tmpdir(), "apigexport-npm-"));
  fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", "--cache", path.join(project, ".npm"), tarball], { cwd: project, stdio: ["ignore", "ignore", "inherit"] });
  // The consumer's own module imports the package by name, so that node
  // resolves it through node_modules and the exports map.
  fs.writeFileSync(path.join(project, "consumer.mjs"), 'export * from "@apigexport/engine";\n');
  cli = path.join(project, "apigexport");
  execFileSync("go", ["build", "-o", cli, "./cmd/apigexport"], { cwd: root, env: hostEnv(), stdio: ["ignore", "ignore", "inherit"] });
});

after(() => {
  if (project) {
    fs.rmSync(project, { recursive: true, force: true });
  }
});

const load = async () => (pkg ??= await import(pathToFileURL(path.join(project, "consumer.mjs"))));

test("the tarball is at most 3 MB and holds the package's files, no dependencies", () => {
  const size = fs.statSync(tarball).size;
  assert.ok(size <= maxTarball, `the tarball is ${size} bytes, more than ${maxTarball}`);
  const dir = path.join(project, "node_modules", "@apigexport", "engine");
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
  assert.equal(manifest.type, "module");
  assert.equal(manifest.dependencies, undefined);
  assert.deepEqual(Object.keys(manifest.exports["."]), ["types", "node", "browser", "default"]);
  for (const f of manifest.files) {
    assert.ok(fs.existsSync(path.join(dir, f)), `${f} is not in the tarball`);
  }
  // wasm_exec.js is the toolchain's that built the module, wrapped.
  const goroot = execFileSync("go", ["env", "GOROOT"], { env: hostEnv(), encoding: "utf8" }).trim();
  assert.ok(fs.readFileSync(path.join(dir, "wasm_exec.js"), "utf8").includes(fs.readFileSync(path.join(goroot, "lib", "wasm", "wasm_exec.js"), "utf8")));
});

test("the package's version is the module's", async () => {
  const { createEngine } = await load();
  const manifest = JSON.parse(fs.readFileSync(path.join(project, "node_modules", "@apigexport", "engine", "package.json"), "utf8"));
  const engine = await createEngine();
  assert.equal(manifest.version, npmVersion(await engine.version));
});

test("every scope and format is byte-identical to the command line", async () => {
  const { createEngine } = await load();
  const engine = await createEngine();
  const sample = await engine.sample();
  for (const define of ["spec", "proxy", "all", "dev"]) {
    for (const type of ["json", "yaml", "yml"]) {
      const want = execFileSync(cli, ["export", "-sample", "-env", "RELEASE", "-define", define, "-type", type, "-version", version], { encoding: "utf8" });
      const res = await engine.exportGroup([sample], { group_id: groupID, env_id: release, define, type, version });
      assert.equal(res.body, want, `define=${define} type=${type}`);
      assert.equal(res.contentType, type === "json" ? "application/json" : "application/yaml");
    }
  }
});

test("oas_version 3.0: every scope, JSON and YAML, is the golden and the command line's, byte for byte", async () => {
  const { createEngine } = await load();
  const engine = await createEngine();
  const sample = await engine.sample();
  for (const define of ["spec", "proxy", "all", "dev"]) {
    for (const type of ["json", "yaml"]) {
      const golden = fs.readFileSync(path.join(root, "testdata", "golden", `sample-${define}.oas3.${type}`), "utf8");
      const cmd = execFileSync(cli, ["export", "-sample", "-env", "RELEASE", "-define", define, "-type", type, "-oas", "3.0", "-version", version], { encoding: "utf8" });
      assert.equal(cmd, golden, `the command line's define=${define} type=${type} -oas 3.0 is not the golden`);
      const res = await engine.exportGroup([sample], { group_id: groupID, env_id: release, define, type, version, oas_version: "3.0" });
      assert.equal(res.body, golden, `define=${define} type=${type} oas_version=3.0`);
      assert.ok(res.body.includes(type === "json" ? '\n\t"openapi": "3.0.0",\n' : "\nopenapi: '3.0.0'\n"), `define=${define} type=${type}: no openapi: 3.0.0`);
      assert.equal(res.contentType, type === "json" ? "application/json" : "application/yaml");
      // The file name is the Swagger export's.
      const swagger = await engine.exportGroup([sample], { group_id: groupID, env_id: release, define, type, version, oas_version: "2.0" });
      assert.equal(res.filename, swagger.filename);
      assert.notEqual(res.body, swagger.body);
    }
  }
});

test("an oas_version other than 2.0 and 3.0 rejects with APIG.2012, naming the field", async () => {
  const { createEngine, ApigExportError } = await load();
  const engine = await createEngine();
  const sample = await engine.sample();
  for (const oas_version of ["3.1", "3", "2", "openapi"]) {
    await assert.rejects(engine.exportGroup([sample], { group_id: groupID, env_id: release, define: "all", oas_version }), (e) =>
      e instanceof ApigExportError && e.code === "APIG.2012" && e.status === 400 && e.field === "oas_version" &&
      e.message === "Invalid parameter value,parameterName:oas_version. Please refer to the support documentation", oas_version);
  }
});

test("a rejected request carries its code, status and field", async () => {
  const { createEngine, ApigExportError } = await load();
  const engine = await createEngine();
  const sample = await engine.sample();
  await assert.rejects(engine.exportGroup([sample], { group_id: groupID, env_id: release, define: "full" }), (e) =>
    e instanceof ApigExportError && e instanceof Error && e.name === "ApigExportError" &&
    e.code === "APIG.2012" && e.status === 400 && e.field === "define" &&
    e.message === "Invalid parameter value,parameterName:define. Please refer to the support documentation");
  await assert.rejects(engine.exportGroup([sample], { group_id: groupID, define: "all" }), (e) =>
    e instanceof ApigExportError && e.code === "APIG.2001" && e.field === "env_id");
  await assert.rejects(engine.inspect([{ name: "broken.json", text: '{"groups": [{"id": 5}]}' }]), (e) =>
    e instanceof ApigExportError && e.field === "bundle" && e.message.startsWith("broken.json: groups[0].id: expected a string"));
  await assert.rejects(engine.importDocument("{"), (e) => e instanceof ApigExportError && e.code === "APIG.3600");
  await assert.rejects(createEngine({ wasm: new Uint8Array([0, 97, 115, 109]) }), (e) =>
    e instanceof ApigExportError && e.message.startsWith("the engine did not load: "));
  await assert.rejects(createEngine({ wasm: path.join(project, "nothing.wasm") }), (e) =>
    e instanceof ApigExportError && e.message.includes("nothing.wasm"));
});

test("validate, importDocument and inspect answer as the module does", async () => {
  const { createEngine } = await load();
  const engine = await createEngine();
  const sample = await engine.sample();
  const { body } = await engine.exportGroup([sample], { group_id: groupID, env_id: release, define: "all", type: "yaml", version });
  assert.deepEqual(await engine.validate(body), []);
  assert.deepEqual(await engine.validate(new TextEncoder().encode(body)), []);
  const imported = await engine.importDocument(body, {});
  assert.equal(imported.version, version);
  assert.deepEqual(imported.findings, []);
  const id = JSON.parse(imported.bundle).groups[0].id;
  const again = await engine.exportGroup([imported.bundle], { group_id: id, env_id: release, define: "all", type: "yaml", version });
  assert.equal(again.body, body);
  const s = await engine.inspect(sample);
  assert.deepEqual(s.groups, [{ id: groupID, name: "shop_api", apis: 13 }]);
});

test("two engines live side by side and leave no global behind", async () => {
  const names = new Set(Reflect.ownKeys(globalThis));
  const { createEngine, createWorkerEngine, ApigExportError } = await load();
  const wasm = fs.readFileSync(path.join(project, "node_modules", "@apigexport", "engine", "apigexport.wasm"));
  const [a, b] = await Promise.all([createEngine(), createEngine({ wasm })]);
  const sample = await a.sample();
  const request = { group_id: groupID, env_id: release, define: "spec", version };
  const [ra, rb] = await Promise.all([a.exportGroup([sample], request), b.exportGroup([sample], request)]);
  assert.equal(ra.body, rb.body);
  assert.deepEqual(Reflect.ownKeys(globalThis).filter((n) => !names.has(n)), []);
  await assert.rejects(createWorkerEngine(), ApigExportError);
});

test("the README's example runs as it is written", () => {
  const readme = fs.readFileSync(path.join(project, "node_modules", "@apigexport", "engine", "README.md"), "utf8");
  const example = /```js\n([^]*?)```/.exec(readme)[1];
  assert.ok(example.split("\n").filter(Boolean).length <= 10, "the example is more than ten lines");
  fs.writeFileSync(path.join(project, "readme.mjs"), example);
  const run = spawnSync(process.execPath, ["readme.mjs"], { cwd: project, encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^shop_api-RELEASE-all-\S+\.yaml \[\] \d+\n$/);
  assert.equal(run.stderr, "true APIG.2012 400 define\n");
});

test("a TypeScript consumer passes tsc --strict against the declarations", () => {
  const { tsc } = tools();
  fs.copyFileSync(path.join(here, "consumer.ts"), path.join(project, "consumer.ts"));
  fs.writeFileSync(path.join(project, "tsconfig.json"), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, target: "es2022", module: "nodenext", moduleResolution: "nodenext", lib: ["es2022", "dom"], types: [] },
    files: ["consumer.ts"],
  }));
  try {
    execFileSync(process.execPath, [tsc, "-p", project, "--strict", "--noEmit"], { cwd: project, encoding: "utf8" });
  } catch (e) {
    assert.fail(`tsc --strict --noEmit failed:\n${e.stdout}${e.stderr}`);
  }
});
