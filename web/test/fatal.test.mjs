// A module that the Go runtime ends with a fatal error (out of memory in a
// page, here a malformed GOMEMLIMIT, the fatal error that costs nothing to
// provoke) says why: the runtime's message reaches console.error through the
// private scope's fs, and the caller gets an engine-died rejection that names
// the cause, rather than "fs is not defined" from wasm_exec.js and a promise
// that never settles.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { start, guard, runtimeOutput, codeDied, ApigExportError } from "../core.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const module = fs.readFileSync(path.join(here, "..", "apigexport.wasm"));

// captured runs fn with console.error and console.log recorded.
async function captured(fn) {
  const logged = { error: [], log: [] };
  const saved = { error: console.error, log: console.log };
  console.error = (...a) => logged.error.push(a.join(" "));
  console.log = (...a) => logged.log.push(a.join(" "));
  try {
    return { result: await fn(), logged };
  } catch (e) {
    return { error: e, logged };
  } finally {
    Object.assign(console, saved);
  }
}

test("a module that dies of a fatal error rejects with engine-died, naming the cause", async () => {
  const names = new Set(Reflect.ownKeys(globalThis));
  const { error, logged } = await captured(() => start(module, { GOMEMLIMIT: "bogus" }));
  assert.ok(error instanceof ApigExportError, `start resolved, or rejected with ${error}`);
  assert.equal(error.code, codeDied);
  assert.equal(error.status, 500);
  assert.match(error.message, /^the engine did not start: it died \(exit code 2\): fatal error: malformed GOMEMLIMIT/);
  const stderr = logged.error.join("\n");
  assert.match(stderr, /^GOMEMLIMIT=bogus\nfatal error: malformed GOMEMLIMIT/, "the runtime's message is not on console.error");
  assert.match(stderr, /runtime\.readGOMEMLIMIT/, "the runtime's stack is not on console.error");
  assert.deepEqual(logged.log, []);
  assert.deepEqual(Reflect.ownKeys(globalThis).filter((n) => !names.has(n)), [], "the loader left globals");
});

test("the same module starts and exports after one died", async () => {
  const api = await start(module);
  const sample = await api.sample();
  const res = await api.export([sample], JSON.stringify({ group_id: "7c1f0e9d4b6a4e2f8a3b5c6d7e8f9a01", env_id: "DEFAULT_ENVIRONMENT_RELEASE_ID", define: "all" }));
  assert.match(res.body, /^\{\n\t"swagger": "2\.0"/);
});

test("writeSync: stderr to console.error and stdout to console.log by lines, the cause kept", () => {
  const scope = { fs: { constants: { O_WRONLY: -1 }, write() { return "wasm_exec's"; } } };
  const logged = { error: [], log: [] };
  const out = runtimeOutput(scope, { error: (s) => logged.error.push(s), log: (s) => logged.log.push(s) });
  const enc = (s) => new TextEncoder().encode(s);
  const é = enc("é");
  assert.equal(scope.fs.writeSync(2, enc("runtime: out of memory: cannot allocate 4194304-byte block (3724541952 in use)\nfatal error: out")), 95);
  assert.deepEqual(logged.error, ["runtime: out of memory: cannot allocate 4194304-byte block (3724541952 in use)"]);
  scope.fs.writeSync(2, enc(" of memory\n\ngoroutine 1 [running]:\npanic: not this one\n"));
  scope.fs.writeSync(1, enc("caf"));
  scope.fs.writeSync(1, é.subarray(0, 1)); // a character split across two writes
  scope.fs.writeSync(1, é.subarray(1));
  scope.fs.writeSync(1, enc("\n"));
  assert.deepEqual(logged.error, [
    "runtime: out of memory: cannot allocate 4194304-byte block (3724541952 in use)",
    "fatal error: out of memory\n\ngoroutine 1 [running]:\npanic: not this one",
  ]);
  assert.deepEqual(logged.log, ["café"]);
  assert.equal(out.cause(), "fatal error: out of memory; panic: not this one; runtime: out of memory: cannot allocate 4194304-byte block (3724541952 in use)");
  // wasm_exec.js's other members stay; its own global is left as it was.
  assert.deepEqual(scope.fs.constants, { O_WRONLY: -1 });
  assert.equal(scope.fs.write(), "wasm_exec's");
  assert.equal(Object.getPrototypeOf(scope.fs).writeSync, undefined);
});

test("guard: the calls in flight when the module dies reject with its error, and those after it", async () => {
  let died = null;
  const never = new Promise(() => {});
  const api = { export: () => never, sample: () => Promise.resolve("bundle"), version: () => { throw new Error("Go program has already exited"); } };
  const guarded = guard(api, () => died);
  assert.equal(await guarded.api.sample(), "bundle");
  const inFlight = guarded.api.export("b", "{}");
  died = new ApigExportError("the engine died (exit code 2): fatal error: out of memory", { code: codeDied });
  guarded.onExit();
  await assert.rejects(inFlight, (e) => e === died);
  await assert.rejects(guarded.api.sample(), (e) => e === died);
  await assert.rejects(guarded.api.version(), (e) => e === died);
});
