// The page: gathers bundles and a request, asks the engine (in worker.js)
// for the export, and shows the result. No request leaves the page's own
// origin: the engine and its files are all it loads.
//
// It stays responsive at any size: the worker keeps the bundles and the
// documents, the page gets a Blob of a document (Copy and Download give the
// whole) and a bounded preview of its text, and the API list and the
// operations table render only the rows in view (VList).

import { createWorkerEngine } from "./engine.js";

const $ = (id) => document.getElementById(id);

// --- The engine, in a worker -------------------------------------------

// worker.js serves the npm package's worker protocol (wasm/js) with the
// page's own functions: createWorkerEngine starts it, and the package's
// loader gives the module a scope of its own (no global on the page).
const engine = createWorkerEngine({ workerURL: "worker.js" });
const ready = engine.then((e) => e.version);

// The answers are marked on the browser's performance timeline
// (performance.mark), where the end-to-end test and a profiler see them
// beside the page's long tasks.
async function call(fn, ...args) {
  const e = await engine;
  try {
    return await e.call(fn, ...args);
  } finally {
    performance.mark("answer " + fn);
  }
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

// --- Rendering only the rows in view ------------------------------------

// VList shows count rows of equal height (the CSS's .vrow) in a scrolling
// element, making only those in view and a few around them: a list of
// 10,000 costs what a list of 50 does. fetch(first, last) resolves to the
// data of rows first to last-1, which the worker keeps; render(data, i)
// returns row i's element.
class VList {
  constructor(el, fetch, render) {
    this.el = el;
    this.fetch = fetch;
    this.render = render;
    this.count = 0;
    this.height = 0;
    this.seq = 0;
    this.rows = new Map(); // index -> element
    this.spacer = document.createElement("div");
    this.spacer.className = "vspacer";
    el.append(this.spacer);
    let queued = false;
    const schedule = () => {
      if (queued) return;
      queued = true;
      requestAnimationFrame(() => { queued = false; this.update(); });
    };
    el.addEventListener("scroll", schedule, { passive: true });
    new ResizeObserver(schedule).observe(el);
  }

  // reset shows count rows from the top, all made anew; it resolves once
  // the rows in view are made.
  reset(count) {
    this.count = count;
    this.el.scrollTop = 0;
    return this.refresh();
  }

  // refresh makes the rows in view anew (their data changed).
  refresh() {
    this.stale = true;
    return this.update();
  }

  rowHeight() {
    if (!this.height) {
      const probe = document.createElement("div");
      probe.className = "vrow";
      probe.style.visibility = "hidden";
      probe.textContent = "x";
      this.el.append(probe);
      this.height = probe.getBoundingClientRect().height;
      probe.remove();
    }
    return this.height || 1;
  }

  async update() {
    const seq = ++this.seq;
    // A hidden list has no size to measure: it is made when it shows
    // (the ResizeObserver calls again). Rows of data that changed go now.
    if (this.el.getClientRects().length === 0) {
      if (this.stale) {
        for (const row of this.rows.values()) row.remove();
        this.rows.clear();
      }
      return;
    }
    const h = this.rowHeight();
    this.spacer.style.height = this.count * h + "px";
    const overscan = 8;
    const first = Math.max(0, Math.floor(this.el.scrollTop / h) - overscan);
    const last = Math.min(this.count, Math.ceil((this.el.scrollTop + this.el.clientHeight) / h) + overscan);
    let missing = this.stale;
    for (let i = first; i < last && !missing; i++) missing = !this.rows.has(i);
    const data = missing && last > first ? await this.fetch(first, last) : [];
    if (seq !== this.seq) return; // a later update replaces this one
    const stale = this.stale;
    this.stale = false;
    for (const [i, row] of this.rows) {
      // The row with the focus stays, so that scrolling does not lose it.
      if ((stale || i < first || i >= last) && !row.contains(document.activeElement)) {
        row.remove();
        this.rows.delete(i);
      }
    }
    const add = document.createDocumentFragment();
    for (let i = first; i < first + data.length; i++) {
      const old = this.rows.get(i);
      if (old && !stale) continue;
      const row = this.render(data[i - first], i);
      row.style.top = i * h + "px";
      if (old) old.replaceWith(row);
      else add.append(row);
      this.rows.set(i, row);
    }
    this.el.append(add);
  }
}

// --- State -------------------------------------------------------------

let summary = null;  // the loaded bundle's {groups, environments, apis (their number)}
let result = null;   // {filename, contentType, warnings, blob, size, lines, text, shownBytes, shownLines}
let outline = null;  // the numbers of result's operations and findings, and the findings on no operation
let imported = null; // {filename, version, findings, bundle: preview or null}
let exportSeq = 0;   // which export the outline in progress belongs to

const fields = ["bundle", "group_id", "env_id", "define", "type", "oas_version", "version", "apis", "request"];

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
  $("copy").disabled = !result;
  $("download").disabled = !result;
}

const number = (n) => n.toLocaleString("en");

function bytes(n) {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

// showPreview puts a document's preview into pre and says in info how much
// of the document it is.
function showPreview(doc, pre, info) {
  pre.replaceChildren(...(doc ? chunks(doc.text) : []));
  if (!doc) {
    info.textContent = "";
  } else if (doc.shownBytes === doc.size) {
    info.textContent = `The whole document: ${number(doc.lines)} lines, ${bytes(doc.size)}.`;
  } else {
    info.textContent = `Showing the first ${number(doc.shownLines)} of ${number(doc.lines)} lines ` +
      `(${bytes(doc.shownBytes)} of ${bytes(doc.size)}); Copy and Download give the whole document.`;
  }
}

// chunks cuts a text into blocks of 100 lines, which the CSS lays out only
// when they scroll into view (content-visibility): laying out a thousand
// lines at once was the page's longest task.
function chunks(text) {
  const out = [];
  for (let start = 0; start < text.length;) {
    let end = start;
    for (let n = 0; n < 100 && end !== -1; n++) end = text.indexOf("\n", end) + 1 || -1;
    if (end === -1) end = text.length;
    const block = document.createElement("span");
    block.className = "chunk";
    block.textContent = text.slice(start, end);
    out.push(block);
    start = end;
  }
  return out;
}

// listItems fills a list with at most limit items, and says how many more
// of total there are.
function listItems(ul, items, limit, make, total = items.length) {
  const shown = items.slice(0, limit).map(make);
  if (total > shown.length) {
    const li = document.createElement("li");
    li.textContent = `… and ${number(total - shown.length)} more.`;
    shown.push(li);
  }
  ul.replaceChildren(...shown);
}

// --- Bundles -----------------------------------------------------------

// setBundles loads bundle sources in the worker: {name, text}, {name,
// file}, {name, sample: true} or {name, imported: true}. Whatever was
// exported before is cleared first, so that a failed load leaves nothing
// to copy from another bundle.
async function setBundles(list) {
  clearErrors();
  clearResult("Nothing exported yet.");
  summary = null;
  await fillForm();
  const names = list.map((b) => b.name).join(", ");
  $("bundle-info").textContent = "Reading " + names + "…";
  try {
    await busy(async () => {
      summary = await call("load", list);
      performance.mark("summary got");
      $("bundle-info").textContent = `${names}: ${summary.groups.length} group(s), ` +
        `${summary.environments.length} environment(s), ${summary.apis} API(s).`;
      await fillForm();
      performance.mark("form filled");
    });
  } catch (e) {
    summary = null;
    $("bundle-info").textContent = "";
    showError({ ...e, field: "bundle", message: e.message });
    await fillForm();
  }
}

function option(value, label) {
  const o = document.createElement("option");
  o.value = value;
  o.textContent = label;
  return o;
}

async function fillForm() {
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
  syncButtons();
  await filterAPIs();
}

// --- The API list --------------------------------------------------------

const apiList = new VList($("apis"), (first, last) => call("apiRows", first, last), (api, i) => {
  const row = document.createElement("div");
  row.className = "vrow";
  row.setAttribute("role", "listitem");
  row.setAttribute("aria-setsize", String(apiList.count));
  row.setAttribute("aria-posinset", String(i + 1));
  const label = document.createElement("label");
  const cb = document.createElement("input");
  cb.type = "checkbox";
  cb.value = api.id;
  cb.name = "api";
  cb.checked = api.ticked;
  const code = document.createElement("code");
  code.textContent = `${api.method} ${api.path}`;
  label.append(cb, code, document.createTextNode(` ${api.name} (${api.where})`));
  label.title = `${api.method} ${api.path} ${api.name} (${api.where})`;
  row.append(label);
  return row;
});

$("apis").addEventListener("change", async (ev) => {
  const cb = ev.target;
  if (cb.name === "api") apiCount(await call("apiTick", cb.value, cb.checked, false));
});

// filterAPIs shows the chosen group's APIs that the filter keeps.
async function filterAPIs() {
  if (!summary) {
    $("apis-count").textContent = "";
    await apiList.reset(0);
    return;
  }
  const state = await call("apiQuery", $("group_id").value, $("apis-filter").value);
  apiCount(state);
  await apiList.reset(state.matching);
}

function apiCount({ total, matching, ticked }) {
  $("apis-count").textContent = `${number(matching)} of ${number(total)} API(s) shown; ${number(ticked)} ticked` +
    (ticked === 0 ? ": the export has all that the scope selects." : ": the export has only those.");
}

async function tick(id, on, all) {
  apiCount(await call("apiTick", id, on, all));
  await apiList.refresh();
}
$("apis-all").onclick = () => tick(null, true, false);
$("apis-none").onclick = () => tick(null, false, true);

// --- Export ------------------------------------------------------------

function clearResult(info) {
  exportSeq++;
  result = null;
  outline = null;
  showPreview(null, $("output"), $("preview-info"));
  $("result-info").textContent = info;
  $("warnings").replaceChildren();
  $("copy-status").textContent = "";
  clearSummary("The operations of the document show here after an export.");
  syncButtons();
}

async function doExport(ev) {
  ev.preventDefault();
  clearErrors();
  clearResult("Exporting…");
  const request = {
    group_id: $("group_id").value,
    env_id: $("env_id").value,
    define: $("define").value,
    type: $("type").value,
    oas_version: $("oas_version").value,
    version: $("version").value.trim(),
    resolve_vars: $("resolve_vars").checked,
  };
  const seq = exportSeq;
  await busy(async () => {
    try {
      const started = performance.now();
      const res = await call("export", JSON.stringify(request));
      if (seq !== exportSeq) return;
      result = res;
      const ms = Math.round(performance.now() - started);
      performance.mark("result got");
      showPreview(result, $("output"), $("preview-info"));
      performance.mark("preview shown");
      $("result-info").textContent = `${result.filename}: ${result.contentType}, ${number(result.size)} bytes, ` +
        `${number(result.lines)} lines, exported in ${number(ms)} ms.`;
      listItems($("warnings"), result.warnings, 100, (w) => {
        const li = document.createElement("li");
        li.textContent = "Warning: " + w;
        return li;
      });
      syncButtons();
    } catch (e) {
      if (seq !== exportSeq) return;
      clearResult("The export failed: see the message by the field it concerns.");
      showError(e);
      return;
    }
    $("summary-info").textContent = "Reading the document's operations and checking it…";
    try {
      const o = await call("outline");
      performance.mark("outline got");
      if (seq === exportSeq) await showSummary(o);
      performance.mark("summary shown");
    } catch (e) {
      if (seq === exportSeq) $("summary-info").textContent = "The document could not be read back: " + e.message;
    }
  });
}

// The blob URL of the last download. It is revoked only when the next
// download replaces it: the browser reads it after click() returns, and
// revoking it early can cancel the download.
let downloadURL = null;

function download(blob, filename) {
  if (downloadURL) URL.revokeObjectURL(downloadURL);
  downloadURL = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = downloadURL;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
}

// copy puts the whole document on the clipboard, from its Blob: the text
// is never made into a string on this thread where the browser can help.
async function copy() {
  const status = $("copy-status");
  const doc = result;
  status.textContent = "Copying…";
  try {
    if (typeof ClipboardItem === "function" && navigator.clipboard?.write) {
      await navigator.clipboard.write([new ClipboardItem({ "text/plain": new Blob([doc.blob], { type: "text/plain" }) })]);
    } else {
      await navigator.clipboard.writeText(await doc.blob.text());
    }
    status.textContent = `Copied the whole document, ${bytes(doc.size)}.`;
  } catch (e) {
    status.textContent = `The browser did not let the page copy (${e.message}): use Download.`;
  }
}

// --- The operations table --------------------------------------------

const opList = new VList($("summary-body"), (first, last) => call("opRows", first, last), (op, i) => {
  const row = document.createElement("div");
  row.className = "srow vrow";
  row.setAttribute("role", "row");
  row.setAttribute("aria-rowindex", String(i + 2));
  row.dataset.op = String(op.index);
  row.dataset.row = String(i);
  const cells = [op.method, op.path, op.name, op.auth, op.backend || "—", op.throttle || "—", op.acl || "—"];
  for (const text of cells) {
    const cell = document.createElement("span");
    cell.setAttribute("role", "cell");
    cell.textContent = text;
    cell.title = text;
    row.append(cell);
  }
  const cell = document.createElement("span");
  cell.setAttribute("role", "cell");
  if (op.findingCount) {
    const fs = op.findings;
    const severity = fs.some((f) => f.severity === "error") ? "error" : "warning";
    row.classList.add("has-" + severity);
    const b = document.createElement("button");
    b.type = "button";
    b.className = "finding";
    b.textContent = `${op.findingCount} ${severity}${op.findingCount > 1 ? "s" : ""}: ${fs[0].code}`;
    b.title = fs.map((f) => `${f.severity} ${f.code} ${f.path}: ${f.message}`).join("\n");
    b.setAttribute("aria-label", `${op.findingCount} finding(s) on ${op.method} ${op.path}: show them`);
    b.onclick = () => showDetail(op);
    cell.append(b);
  } else {
    cell.textContent = "none";
  }
  row.append(cell);
  return row;
});

function showDetail(op) {
  const detail = $("summary-detail");
  const h = document.createElement("h4");
  h.textContent = `${op.method} ${op.path} (${op.name}): ${op.findingCount} finding(s)`;
  const ul = document.createElement("ul");
  ul.className = "findings";
  listItems(ul, op.findings, 100, findingItem, op.findingCount);
  detail.replaceChildren(h, ul);
  detail.hidden = false;
}

function findingItem(f) {
  const li = document.createElement("li");
  li.className = f.severity;
  li.textContent = `${f.severity} ${f.code} ${f.path || "/"}: ${f.message}`;
  return li;
}

function clearSummary(info) {
  outline = null;
  $("summary-info").textContent = info;
  $("findings").replaceChildren();
  $("summary").hidden = true;
  $("summary-tools").hidden = true;
  $("summary-detail").hidden = true;
  $("summary-detail").replaceChildren();
  $("summary").setAttribute("aria-rowcount", "1");
  opList.reset(0);
}

async function showSummary(o) {
  outline = o;
  const name = o.version === "3.0" ? "OpenAPI 3.0" : "Swagger 2.0";
  $("summary-info").textContent = `${number(o.operations)} operation(s). ` + (o.findings === 0
    ? `Valid ${name}; the APIG rules hold.`
    : `${number(o.findings)} finding(s), ${number(o.errors)} of them errors; ${number(o.placed)} operation(s) have some, shown on their rows.`);
  listItems($("findings"), o.other, 100, findingItem, o.otherCount);
  $("summary").hidden = false;
  $("summary-tools").hidden = false;
  await filterSummary();
}

async function filterSummary() {
  if (!outline) return;
  const n = await call("opQuery", $("summary-filter").value, $("summary-findings").checked);
  $("summary").setAttribute("aria-rowcount", String(n + 1));
  await opList.reset(n);
}

// --- Import ------------------------------------------------------------

let importFile = null; // a file too large to show in the text box

async function doImport(ev) {
  ev.preventDefault();
  const el = $("error-import");
  el.hidden = true;
  imported = null;
  showPreview(null, $("import-output"), $("import-preview-info"));
  $("import-findings").replaceChildren();
  const env = $("import-env").value.trim();
  const source = importFile ?? $("import-text").value;
  try {
    imported = await busy(() => call("import", source, JSON.stringify(env ? { env_name: env } : {})));
    showPreview(imported.bundle, $("import-output"), $("import-preview-info"));
    const errors = imported.findings.filter((f) => f.severity === "error").length;
    $("import-info").textContent = imported.bundle
      ? `${imported.filename}: imported, ${imported.findings.length} warning(s). Export it with version ${imported.version} to get the document back.`
      : `The gateway would refuse this document: ${errors} error(s).`;
    listItems($("import-findings"), imported.findings, 200, findingItem);
  } catch (e) {
    $("import-info").textContent = "The import failed.";
    el.textContent = (e.code ? e.code + ": " : "") + e.message;
    el.hidden = false;
  }
  syncButtons();
}

// Files up to this size go into the text box; larger ones are imported
// from the file, which the worker reads.
const importTextLimit = 1024 * 1024;

$("import-file").onchange = async (ev) => {
  const f = ev.target.files[0];
  if (!f) return;
  if (f.size > importTextLimit) {
    importFile = f;
    $("import-text").value = "";
    $("import-text").placeholder = `${f.name} (${bytes(f.size)}) is imported from the file; type here to import text instead.`;
  } else {
    importFile = null;
    $("import-text").value = await f.text();
  }
};
$("import-text").oninput = () => { importFile = null; };

function selectTab(name) {
  for (const t of ["export", "import"]) {
    $("tab-" + t).setAttribute("aria-selected", String(t === name));
    $("panel-" + t).hidden = t !== name;
  }
}

// --- Wiring ------------------------------------------------------------

$("load-sample").onclick = () => setBundles([{ name: "the sample", sample: true }]);
$("files").onchange = (ev) => {
  const list = [...ev.target.files].map((file) => ({ name: file.name, file }));
  ev.target.value = "";
  if (list.length) setBundles(list);
};
$("use-paste").onclick = () => setBundles([{ name: "the pasted JSON", text: $("paste").value }]);
const drop = $("drop");
drop.ondragover = (ev) => { ev.preventDefault(); drop.classList.add("over"); };
drop.ondragleave = () => drop.classList.remove("over");
drop.ondrop = (ev) => {
  ev.preventDefault();
  drop.classList.remove("over");
  const list = [...ev.dataTransfer.files].map((file) => ({ name: file.name, file }));
  if (list.length) setBundles(list);
};
$("group_id").onchange = filterAPIs;
$("apis-filter").oninput = filterAPIs;
$("summary-filter").oninput = filterSummary;
$("summary-findings").onchange = filterSummary;
$("request").onsubmit = doExport;
$("download").onclick = () => download(result.blob, result.filename);
$("copy").onclick = copy;
$("tab-export").onclick = () => selectTab("export");
$("tab-import").onclick = () => selectTab("import");
$("import-form").onsubmit = doImport;
$("import-download").onclick = () => download(imported.bundle.blob, imported.filename);
$("import-use").onclick = async () => {
  selectTab("export");
  $("version").value = imported.version;
  await setBundles([{ name: imported.filename, imported: true }]);
};

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
      const whole = result ? new Uint8Array(await result.blob.arrayBuffer()) : new Uint8Array();
      const digest = await crypto.subtle.digest("SHA-256", whole);
      report = { ok: result !== null, filename: result?.filename, length: whole.length,
        preview: $("output").textContent === new TextDecoder().decode(whole),
        operations: outline?.operations ?? 0,
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
