// make npm's staging step: node pack.mjs STAGE VERSION WASM WASM_EXEC
// copies the package's sources into STAGE with the module (WASM) and the
// toolchain's wasm_exec.js (WASM_EXEC, wrapped as an ES module, see
// wrapWasmExec), and stamps package.json with npmVersion(VERSION); make
// npm then runs npm pack there.
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

// wrapWasmExec makes the toolchain's wasm_exec.js, a script that defines
// Go on globalThis, a module whose goClass(scope) runs the same text with
// scope as its globalThis and returns the class: the text is unchanged, so
// it stays the one that matches the module.
export function wrapWasmExec(text, goVersion) {
  return `// The Go toolchain's lib/wasm/wasm_exec.js (${goVersion}), the one that matches apigexport.wasm,
// unchanged inside goClass: its globalThis is the scope it is given, so that
// Go and its polyfills land there and not on the page's globalThis.
export function goClass(globalThis) {
${text}
return globalThis.Go;
}
`;
}

function main([stage, version, wasm, wasmExec, goVersion = "go"]) {
  if (!stage || version === undefined || !wasm || !wasmExec) {
    console.error("usage: node pack.mjs STAGE VERSION WASM WASM_EXEC [GO_VERSION]");
    process.exit(2);
  }
  fs.rmSync(stage, { recursive: true, force: true });
  fs.mkdirSync(stage, { recursive: true });
  for (const f of sources) {
    fs.copyFileSync(path.join(here, f), path.join(stage, f));
  }
  fs.copyFileSync(wasm, path.join(stage, "apigexport.wasm"));
  fs.writeFileSync(path.join(stage, "wasm_exec.js"), wrapWasmExec(fs.readFileSync(wasmExec, "utf8"), goVersion));
  const pkg = JSON.parse(fs.readFileSync(path.join(here, "package.json"), "utf8"));
  pkg.version = npmVersion(version);
  fs.writeFileSync(path.join(stage, "package.json"), JSON.stringify(pkg, null, 2) + "\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main(process.argv.slice(2));
}
