// A bundle too large for the module's memory is refused before it is read,
// with its own code, and the engine exports again afterwards. The module is
// started with a memory limit of 64 MiB (GOMEMLIMIT in its environment), so
// that a bundle of a few megabytes stands for one too large for wasm32's
// 4 GiB.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { start } from "../core.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const web = path.join(here, "..");

const groupID = "7c1f0e9d4b6a4e2f8a3b5c6d7e8f9a01";
const release = "DEFAULT_ENVIRONMENT_RELEASE_ID";
const request = JSON.stringify({ group_id: groupID, env_id: release, define: "all", version: "2026-11-27-09:30:00" });
let api;
let sample;

before(async () => {
  api = await start(fs.readFileSync(path.join(web, "apigexport.wasm")), { GOMEMLIMIT: "64MiB" });
  sample = await api.sample();
});

test("a bundle too large is refused with bundle-too-large, and the engine exports again", async () => {
  const before = await api.export([sample], request);
  // 64 MiB fits 3.2 MB of bundle: 6 MB is refused, though it is not even
  // JSON, because the size is checked before anything is decoded.
  const huge = "{" + " ".repeat(6_000_000) + "}";
  for (const bundles of [huge, [sample, { name: "big.json", text: huge }]]) {
    await assert.rejects(api.export(bundles, request), (e) =>
      e instanceof Error && e.code === "bundle-too-large" && e.status === 413 && e.field === "bundle" &&
      /^the bundles are 6\.\d MB, too large for this engine's 67\.1 MB of memory: bundles of up to 3\.2 MB fit \(about \d+ APIs\)$/.test(e.message),
    );
  }
  await assert.rejects(api.load(huge), (e) => e.code === "bundle-too-large");
  const after = await api.export([sample], request);
  assert.equal(after.body, before.body);
});
