// The tools the package's tests run, typescript and esbuild from npm, at
// the versions of package-lock.json here: installed into this folder (git
// ignores its node_modules and its npm cache, .cache) the first time, from
// the cache after. As a command (node tools.mjs, which web/e2e runs) it
// installs them and prints {tsc, esbuild}, their paths, as JSON.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const dir = path.dirname(fileURLToPath(import.meta.url));

export function tools() {
  const bin = {
    tsc: path.join(dir, "node_modules", "typescript", "bin", "tsc"),
    esbuild: path.join(dir, "node_modules", "esbuild", "bin", "esbuild"),
  };
  if (!Object.values(bin).every((p) => fs.existsSync(p))) {
    // esbuild's postinstall only checks the binary that its optional
    // dependency for this platform brings: no script needs to run.
    execFileSync("npm", ["ci", "--ignore-scripts", "--prefer-offline", "--no-audit", "--no-fund", "--cache", path.join(dir, ".cache")],
      { cwd: dir, stdio: ["ignore", "ignore", "inherit"] });
  }
  return bin;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  console.log(JSON.stringify(tools()));
}
