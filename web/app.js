// The page: gathers bundles and a request, asks the engine (in worker.js)
// for the export, and shows the result. No request leaves the page's own
// origin: the engine and its files are all it loads.

const $ = (id) => document.getElementById(id);

// --- The engine, in a worker -------------------------------------------

const worker = new Worker("worker.js");
const pending = new Map();
let nextID = 1;
let engineReady;
const ready = new Promise((resolve, reject) => { engineReady = { resolve, reject }; });

worker.onmessage = ({ data }) => {
  if (data.id === 0) {
    if (data.error) engineReady.reject(Object.assign(new Error(data.error.message), data.error));
    else engineReady.resolve(data.value);
    return;
  }
  const p = pending.get(data.id);
  pending.delete(data.id);
  if (data.error) p.reject(Object.assign(new Error(data.error.message), data.error));
  else p.resolve(data.value);
};

function call(fn, ...args) {
  const id = nextID++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, fn, args });
  });
}

// busy shows the progress bar and disables the buttons while work runs.
let busyCount = 0;
async function busy(work) {
  busyCount++;
  $("busy").hidden = false;
  document.body.setAttribute("aria-busy", "true");
  syncButtons();
  try {
    return await work();
  } finally {
    busyCount--;
    $("busy").hidden = busyCount > 0 ? false : true;
    if (busyCount === 0) document.body.removeAttribute("aria-busy");
    syncButtons();
  }
}

// --- State -------------------------------------------------------------

let bundles = [];   // [{name, text}]
let summary = null; // engine.Summary
let result = null;  // {body, filename, contentType, warnings}
let imported = null; // {bundle, filename, version, findings}

const fields = ["bundle", "group_id", "env_id", "define", "type", "version", "apis", "request"];

function clearErrors() {
  for (const f of fields) {
    const el = $("error-" + f);
    el.hidden = true;
    el.textContent = "";
  }
}

function showError(e) {
  const field = fields.includes(e.field) ? e.field : "request";
  const el = $("error-" + field);
  el.textContent = (e.code ? e.code + ": " : "") + e.message;
  el.hidden = false;
}

function syncButtons() {
  const idle = busyCount === 0;
  $("import").disabled = !idle;
  $("import-download").disabled = !idle || !imported?.bundle;
  $("import-use").disabled = !idle || !imported?.bundle;
  $("export").disabled = !idle || !summary || summary.groups.length === 0;
  $("load-sample").disabled = !idle;
  $("use-paste").disabled = !idle;
  $("copy").disabled = !idle || !result;
  $("download").disabled = !idle || !result;
}

// --- Bundles -----------------------------------------------------------

async function setBundles(list) {
  clearErrors();
  bundles = list;
  summary = null;
  fillForm();
  $("bundle-info").textContent = "Reading " + list.map((b) => b.name).join(", ") + "…";
  try {
    summary = await busy(() => call("inspect", list));
    const n = summary.apis.length;
    $("bundle-info").textContent = `${list.map((b) => b.name).join(", ")}: ${summary.groups.length} group(s), ` +
      `${summary.environments.length} environment(s), ${n} API(s).`;
  } catch (e) {
    $("bundle-info").textContent = "";
    showError({ ...e, field: "bundle", message: e.message });
  }
  fillForm();
}

function option(value, label) {
  const o = document.createElement("option");
  o.value = value;
  o.textContent = label;
  return o;
}

function fillForm() {
  const group = $("group_id"), env = $("env_id");
  const keepGroup = group.value, keepEnv = env.value;
  group.replaceChildren();
  env.replaceChildren();
  if (summary) {
    for (const g of summary.groups) group.append(option(g.id, `${g.name} (${g.apis} APIs)`));
    for (const e of summary.environments) env.append(option(e.id, e.name));
    if ([...group.options].some((o) => o.value === keepGroup)) group.value = keepGroup;
    if ([...env.options].some((o) => o.value === keepEnv)) env.value = keepEnv;
  }
  group.disabled = env.disabled = !summary;
  $("apis-box").disabled = !summary;
  fillAPIs();
  syncButtons();
}

function envName(id) {
  const e = summary.environments.find((e) => e.id === id);
  return e ? e.name : id;
}

function fillAPIs() {
  const box = $("apis");
  box.replaceChildren();
  if (!summary) return;
  const group = $("group_id").value;
  const filter = $("apis-filter").value.trim().toLowerCase();
  for (const a of summary.apis) {
    if (a.group_id !== group) continue;
    if (filter && !(a.name + " " + a.path + " " + a.method).toLowerCase().includes(filter)) continue;
    const label = document.createElement("label");
    const cb = document.createElement("input");
    cb.type = "checkbox";
    cb.value = a.id;
    cb.name = "api";
    const envOrder = (id) => summary.environments.findIndex((e) => e.id === id);
    const published = [...a.published].sort((x, y) => envOrder(x) - envOrder(y));
    const where = published.length ? "published in " + published.map(envName).join(", ") : "draft";
    const code = document.createElement("code");
    code.textContent = `${a.method} ${a.path}`;
    label.append(cb, code, document.createTextNode(` ${a.name} (${where})`));
    box.append(label);
  }
}

async function readFiles(fileList) {
  const list = [];
  for (const f of fileList) list.push({ name: f.name, text: await f.text() });
  if (list.length) await setBundles(list);
}

// --- Export ------------------------------------------------------------

async function doExport(ev) {
  ev.preventDefault();
  clearErrors();
  const request = {
    group_id: $("group_id").value,
    env_id: $("env_id").value,
    define: $("define").value,
    type: $("type").value,
    version: $("version").value.trim(),
    apis: [...document.querySelectorAll('#apis input[name="api"]:checked')].map((c) => c.value),
    resolve_vars: $("resolve_vars").checked,
  };
  try {
    const started = performance.now();
    result = await busy(() => call("export", bundles, JSON.stringify(request)));
    const ms = Math.round(performance.now() - started);
    $("output").textContent = result.body;
    $("result-info").textContent = `${result.filename} (${result.contentType}, ${result.body.length} characters, ${ms} ms)`;
    const warnings = $("warnings");
    warnings.replaceChildren(...result.warnings.map((w) => {
      const li = document.createElement("li");
      li.textContent = "Warning: " + w;
      return li;
    }));
    const findings = await busy(() => call("validate", result.body));
    $("findings").replaceChildren(...(findings.length ? findings : [null]).map((f) => {
      const li = document.createElement("li");
      if (!f) {
        li.textContent = "Valid Swagger 2.0; the APIG rules hold.";
        return li;
      }
      li.className = f.severity;
      li.textContent = `${f.severity} ${f.code} ${f.path || "/"}: ${f.message}`;
      return li;
    }));
  } catch (e) {
    result = null;
    $("output").textContent = "";
    $("warnings").replaceChildren();
    $("findings").replaceChildren();
    $("result-info").textContent = "The export failed: see the message by the field it concerns.";
    showError(e);
  }
  syncButtons();
}

// The blob URL of the last download. It is revoked only when the next
// download replaces it: the browser reads it after click() returns, and
// revoking it early can cancel the download.
let downloadURL = null;

function download(body = result.body, type = result.contentType, filename = result.filename) {
  if (downloadURL) URL.revokeObjectURL(downloadURL);
  downloadURL = URL.createObjectURL(new Blob([body], { type }));
  const a = document.createElement("a");
  a.href = downloadURL;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
}

async function copy() {
  try {
    await navigator.clipboard.writeText(result.body);
    $("result-info").textContent = result.filename + ": copied.";
  } catch {
    const range = document.createRange();
    range.selectNodeContents($("output"));
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    document.execCommand("copy");
  }
}

// --- Import ------------------------------------------------------------

async function doImport(ev) {
  ev.preventDefault();
  const el = $("error-import");
  el.hidden = true;
  imported = null;
  const env = $("import-env").value.trim();
  try {
    imported = await busy(() => call("import", $("import-text").value, JSON.stringify(env ? { env_name: env } : {})));
    $("import-output").textContent = imported.bundle ?? "";
    const errors = imported.findings.filter((f) => f.severity === "error").length;
    $("import-info").textContent = imported.bundle
      ? `${imported.filename}: imported, ${imported.findings.length} warning(s). Export it with version ${imported.version} to get the document back.`
      : `The gateway would refuse this document: ${errors} error(s).`;
    $("import-findings").replaceChildren(...imported.findings.map((f) => {
      const li = document.createElement("li");
      li.className = f.severity;
      li.textContent = `${f.severity} ${f.code} ${f.path || "/"}: ${f.message}`;
      return li;
    }));
  } catch (e) {
    $("import-output").textContent = "";
    $("import-findings").replaceChildren();
    $("import-info").textContent = "The import failed.";
    el.textContent = (e.code ? e.code + ": " : "") + e.message;
    el.hidden = false;
  }
  syncButtons();
}

function selectTab(name) {
  for (const t of ["export", "import"]) {
    $("tab-" + t).setAttribute("aria-selected", String(t === name));
    $("panel-" + t).hidden = t !== name;
  }
}

// --- Wiring ------------------------------------------------------------

$("load-sample").onclick = async () => {
  clearErrors();
  try {
    const text = await busy(() => call("sample"));
    await setBundles([{ name: "the sample", text }]);
  } catch (e) {
    showError({ ...e, field: "bundle" });
  }
};
$("files").onchange = (ev) => readFiles(ev.target.files);
$("use-paste").onclick = () => setBundles([{ name: "the pasted JSON", text: $("paste").value }]);
const drop = $("drop");
drop.ondragover = (ev) => { ev.preventDefault(); drop.classList.add("over"); };
drop.ondragleave = () => drop.classList.remove("over");
drop.ondrop = (ev) => { ev.preventDefault(); drop.classList.remove("over"); readFiles(ev.dataTransfer.files); };
$("group_id").onchange = fillAPIs;
$("apis-filter").oninput = fillAPIs;
$("request").onsubmit = doExport;
$("download").onclick = () => download();
$("tab-export").onclick = () => selectTab("export");
$("tab-import").onclick = () => selectTab("import");
$("import-form").onsubmit = doImport;
$("import-file").onchange = async (ev) => {
  const f = ev.target.files[0];
  if (f) $("import-text").value = await f.text();
};
$("import-download").onclick = () => download(imported.bundle, "application/json", imported.filename);
$("import-use").onclick = async () => {
  selectTab("export");
  $("version").value = imported.version;
  await setBundles([{ name: imported.filename, text: imported.bundle }]);
};
$("copy").onclick = copy;

ready.then(
  (version) => { $("engine-status").textContent = `Engine ready, version ${version}. Load a bundle to begin.`; syncButtons(); },
  (e) => { $("engine-status").textContent = e.message; $("engine-status").className = "error"; },
);
syncButtons();

// ?selftest drives the page as a user would (load the sample, export it as
// YAML with define=all) and posts the outcome to "selftest-report" on the
// page's own server: how the end-to-end test checks browsers it cannot
// drive otherwise (Firefox). Without the parameter nothing happens.
if (new URLSearchParams(location.search).has("selftest")) {
  ready.then(async () => {
    let report;
    try {
      $("load-sample").click();
      await until(() => summary !== null && busyCount === 0);
      $("define").value = "all";
      $("type").value = "yaml";
      $("version").value = "2026-11-27-09:30:00";
      $("request").requestSubmit();
      await until(() => busyCount === 0 && (result !== null || !$("error-request").hidden));
      const text = $("output").textContent;
      const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
      report = { ok: result !== null, filename: result?.filename, length: text.length,
        sha256: [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("") };
    } catch (e) {
      report = { ok: false, error: String(e.message || e) };
    }
    await fetch("selftest-report", { method: "POST", body: JSON.stringify(report) });
  });
}

function until(cond) {
  return new Promise((resolve) => {
    const check = () => (cond() ? resolve() : requestAnimationFrame(check));
    check();
  });
}
