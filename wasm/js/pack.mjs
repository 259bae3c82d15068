// make npm's staging step: node pack.mjs STAGE VERSION WASM WASM_EXEC
// copies the package's sources into STAGE with the module (WASM) and the
// toolchain's wasm_exec.js as make wasm wraps it in a module (WASM_EXEC),
// and stamps package.json with npmVersion(VERSION); make npm then runs npm
// pack there.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const sources = ["index.js", "node.js", "core.js", "worker.js", "serve.js", "index.d.ts", "README.md", "serve.d.ts"];

// npmVersion is the package version of the module version VERSION (git
// describe, as internal/version prints it): v1.2.3 and v1.2.3-4-gabc are
// 1.2.3 and 1.2.3-4-gabc; anything else (a bare commit, "-dirty", nothing)
// is a prerelease of 0.0.0, 0.0.0-devel-73fc0f1-dirty, which npm sorts
// below every release.
export function npmVersion(version) {
  const v = version.trim();
  const m = /^v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/.exec(v);
  if (m) {
    return m[1];
  }
  const rest = v.replace(/[^0-9A-Za-z-]+/g, "-").replace(/^-+|-+$/g, "");
  return rest ? `0.0.0-devel-${rest}` : "0.0.0-devel";
}

function main([stage, version, wasm, wasmExec]) {
  if (!stage || version === undefined || !wasm || !wasmExec) {
    console.error("usage: node pack.mjs STAGE VERSION WASM WASM_EXEC");
    process.exit(2);
  }
  fs.rmSync(stage, { recursive: true, force: true });
  fs.mkdirSync(stage, { recursive: true });
  for (const f of sources) {
    fs.copyFileSync(path.join(here, f), path.join(stage, f));
  }
  fs.copyFileSync(wasm, path.join(stage, "apigexport.wasm"));
  fs.copyFileSync(wasmExec, path.join(stage, "wasm_exec.js"));
  const pkg = JSON.parse(fs.readFileSync(path.join(here, "package.json"), "utf8"));
  pkg.version = npmVersion(version);
  fs.writeFileSync(path.join(stage, "package.json"), JSON.stringify(pkg, null, 2) + "\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main(process.argv.slice(2));
}
