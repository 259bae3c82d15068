// The engine runs here, off the page's thread: the page stays responsive
// while a large bundle is exported. A module worker of the npm package's
// kind (wasm/js/serve.js): the page starts it with createWorkerEngine and
// calls its functions with engine.call; serve loads the module
// (apigexport.wasm, beside the page) and answers the messages.
//
// The worker keeps what is large: the bundle (in the engine, read once per
// load), its API list, the exported document, its operations and the
// imported bundle. The page gets a Blob of a document (which the browser
// passes by reference, not by copying its text), a bounded preview of its
// text, and the rows of the API list and of the operations a window at a
// time: what it receives is bounded whatever the bundle's size.
import { serve } from "./serve.js";

// apigexport is the module's functions (wasm/main.go), which serve gives.
let apigexport;

// The preview is the document's first lines up to this many bytes and
// lines: enough to read its start, small enough to lay out at once.
const previewBytes = 64 * 1024;
const previewLines = 1000;

let loaded = false;  // whether the engine keeps a bundle (apigexport.load)
let exported = null; // {body: Uint8Array, version: "2.0" or "3.0"} of the last export
let imported = null; // the text of the last imported bundle

// preview describes a document's bytes: a Blob of the whole, the text of
// its start cut at a line's end, and the sizes of both.
function preview(bytes, type) {
  let lines = 0, cut = 0, shownLines = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== 10) continue;
    lines++;
    if (i < previewBytes && lines <= previewLines) { cut = i + 1; shownLines = lines; }
  }
  if (bytes.length > 0 && bytes[bytes.length - 1] !== 10) lines++;
  if (bytes.length <= previewBytes && lines <= previewLines) {
    cut = bytes.length;
    shownLines = lines;
  } else if (cut === 0) {
    // One very long first line: cut it at a character's start (a
    // newline is one byte in UTF-8, so the cuts above split none).
    cut = previewBytes;
    while (cut > 0 && (bytes[cut] & 0xc0) === 0x80) cut--;
  }
  return {
    blob: new Blob([bytes], { type }),
    size: bytes.length,
    lines,
    text: new TextDecoder().decode(bytes.subarray(0, cut)),
    shownBytes: cut,
    shownLines,
  };
}

async function readSources(sources) {
  const list = [];
  for (const s of sources) {
    if (s.sample) list.push({ name: s.name, text: await apigexport.sample() });
    else if (s.imported) list.push({ name: s.name, text: imported ?? "" });
    else if (s.file) list.push({ name: s.name, text: await s.file.text() });
    else list.push({ name: s.name, text: s.text });
  }
  return list;
}

// words splits a filter into lowercase words, all of which a row's text
// must contain.
const words = (filter) => filter.trim().toLowerCase().split(/\s+/).filter(Boolean);
const matches = (text, ws) => ws.every((w) => text.includes(w));

// The API list of the loaded bundle, the filtered view of it that the page
// shows, and the ticked APIs.
let apis = { all: [], groupID: null, group: [], view: [], ticked: new Set() };

// The operations of the last export, and the filtered view of them.
let ops = { outline: null, text: [], view: [] };

function apiState() {
  return { total: apis.group.length, matching: apis.view.length, ticked: apis.ticked.size };
}

const fns = {
  // load reads bundle sources ({name, text}, {name, file}, {name, sample},
  // {name, imported}) and keeps the bundle for export; resolves to its
  // groups and environments and the number of APIs (the page asks for the
  // API list a window at a time: apiRows).
  async load(sources) {
    loaded = false;
    exported = null;
    ops = { outline: null, text: [], view: [] };
    apis = { all: [], groupID: null, group: [], view: [], ticked: new Set() };
    const summary = await apigexport.load(await readSources(sources));
    loaded = true;
    const order = new Map(summary.environments.map((e, i) => [e.id, i]));
    const names = new Map(summary.environments.map((e) => [e.id, e.name]));
    apis.all = summary.apis.map((api) => {
      const published = [...api.published].sort((x, y) => (order.get(x) ?? 0) - (order.get(y) ?? 0));
      const where = published.length ? "published in " + published.map((id) => names.get(id) ?? id).join(", ") : "draft";
      return { id: api.id, group: api.group_id, method: api.method, path: api.path, name: api.name, where,
        text: `${api.method} ${api.path} ${api.name}`.toLowerCase() };
    });
    return { groups: summary.groups, environments: summary.environments, apis: summary.apis.length };
  },
  // apiQuery shows the APIs of a group that a filter keeps; a new group
  // unticks all.
  apiQuery(group, filter) {
    if (apis.groupID !== group) {
      apis.groupID = group;
      apis.group = apis.all.filter((a) => a.group === group);
      apis.ticked.clear();
    }
    const ws = words(filter);
    apis.view = ws.length ? apis.group.filter((a) => matches(a.text, ws)) : apis.group;
    return apiState();
  },
  apiRows(first, last) {
    return apis.view.slice(first, last).map(({ id, method, path, name, where }) => ({ id, method, path, name, where, ticked: apis.ticked.has(id) }));
  },
  // apiTick ticks or unticks one API, or with id null all that the filter
  // keeps; with id null and all true, unticks every API.
  apiTick(id, on, all) {
    if (all) apis.ticked.clear();
    else if (id === null) for (const a of apis.view) on ? apis.ticked.add(a.id) : apis.ticked.delete(a.id);
    else if (on) apis.ticked.add(id);
    else apis.ticked.delete(id);
    return apiState();
  },
  // export exports the loaded bundle with the ticked APIs; resolves to the
  // document's name, type, warnings and preview.
  async export(request) {
    exported = null;
    ops = { outline: null, text: [], view: [] };
    if (!loaded) throw Object.assign(new Error("load a bundle first"), { field: "bundle", code: "APIG.2001", status: 400 });
    const req = JSON.parse(request);
    req.body_bytes = true;
    req.apis = apis.group.filter((a) => apis.ticked.has(a.id)).map((a) => a.id);
    const res = await apigexport.export(null, JSON.stringify(req));
    exported = { body: res.body, version: req.oas_version || "2.0" };
    return { filename: res.filename, contentType: res.contentType, warnings: res.warnings, ...preview(res.body, res.contentType) };
  },
  // outline reads the last export's operations and findings; resolves to
  // their numbers and the findings on no operation (the page asks for the
  // rows a window at a time: opRows).
  async outline() {
    if (!exported) throw new Error("nothing is exported");
    const o = await apigexport.outline(exported.body);
    ops = { outline: o, view: o.operations.map((_, i) => i),
      text: o.operations.map((op) => [op.method, op.path, op.name, op.auth, op.backend, op.throttle, op.acl].join(" ").toLowerCase()) };
    return {
      version: exported.version,
      operations: o.operations.length,
      findings: o.findings.length,
      errors: o.findings.filter((f) => f.severity === "error").length,
      placed: o.operations.filter((op) => op.findings.length).length,
      otherCount: o.other.length,
      other: o.other.slice(0, 100).map((i) => o.findings[i]),
    };
  },
  // opQuery shows the operations that a filter keeps.
  opQuery(filter, onlyFindings) {
    const o = ops.outline;
    if (!o) return 0;
    const ws = words(filter);
    ops.view = [];
    for (let i = 0; i < o.operations.length; i++) {
      if (onlyFindings && o.operations[i].findings.length === 0) continue;
      if (ws.length && !matches(ops.text[i], ws)) continue;
      ops.view.push(i);
    }
    return ops.view.length;
  },
  // opRows gives the operations from first to last of the view, each with
  // its findings (at most 100).
  opRows(first, last) {
    const o = ops.outline;
    if (!o) return [];
    return ops.view.slice(first, last).map((i) => {
      const { pointer, findings, ...op } = o.operations[i];
      return { ...op, index: i, findingCount: findings.length, findings: findings.slice(0, 100).map((f) => o.findings[f]) };
    });
  },
  // import imports a document (text or a File) and keeps the bundle for
  // a later load of {imported: true}.
  async import(source, options) {
    imported = null;
    const text = typeof source === "string" ? source : await source.text();
    const res = await apigexport.import(text, options);
    imported = res.bundle;
    const out = { filename: res.filename, version: res.version, findings: res.findings, bundle: null };
    if (res.bundle !== null) out.bundle = preview(new TextEncoder().encode(res.bundle), "application/json");
    return out;
  },
};

// The page's functions come first; a name they lack is the module's own
// (sample, validate, version).
serve((module) => {
  apigexport = module;
  return fns;
});
