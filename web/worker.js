// The engine runs here, off the page's thread: the page stays responsive
// while a large bundle is exported. Messages in: {id, fn, args}; out:
// {id, value} or {id, error: {message, code, status, field}}.
//
// The worker keeps what is large: the bundles, the exported document and
// the imported bundle. The page gets a Blob of a document (which the
// browser passes by reference, not by copying its text), a bounded preview
// of its text, and the rows of its summary.
importScripts("wasm_exec.js");

const ready = (async () => {
  const go = new Go();
  const url = "apigexport.wasm";
  let result;
  try {
    result = await WebAssembly.instantiateStreaming(fetch(url), go.importObject);
  } catch (e) {
    // A server that does not send application/wasm: compile from bytes.
    const bytes = await (await fetch(url)).arrayBuffer();
    result = await WebAssembly.instantiate(bytes, go.importObject);
  }
  go.run(result.instance);
  return self.apigexport.version();
})();

ready.then(
  (version) => postMessage({ id: 0, value: version }),
  (e) => postMessage({ id: 0, error: { message: "the engine did not load: " + e.message } }),
);

// The preview is the document's first lines up to this many bytes and
// lines: enough to read its start, small enough to lay out at once.
const previewBytes = 64 * 1024;
const previewLines = 2000;

let bundles = null;  // [{name, text}] of the last load that succeeded
let exported = null; // {body: Uint8Array} of the last export
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
    if (s.sample) list.push({ name: s.name, text: await self.apigexport.sample() });
    else if (s.imported) list.push({ name: s.name, text: imported ?? "" });
    else if (s.file) list.push({ name: s.name, text: await s.file.text() });
    else list.push({ name: s.name, text: s.text });
  }
  return list;
}

const fns = {
  // load reads bundle sources ({name, text}, {name, file}, {name, sample},
  // {name, imported}) and keeps them for export; resolves to the summary.
  async load(sources) {
    bundles = null;
    exported = null;
    const list = await readSources(sources);
    const summary = await self.apigexport.inspect(list);
    bundles = list;
    return summary;
  },
  // export exports the loaded bundles; resolves to the document's name,
  // type, warnings and preview.
  async export(request) {
    exported = null;
    if (!bundles) throw Object.assign(new Error("load a bundle first"), { field: "bundle" });
    const req = JSON.parse(request);
    req.body_bytes = true;
    const res = await self.apigexport.export(bundles, JSON.stringify(req));
    exported = { body: res.body };
    return { filename: res.filename, contentType: res.contentType, warnings: res.warnings, ...preview(res.body, res.contentType) };
  },
  // outline resolves to the summary rows and findings of the last export.
  async outline() {
    if (!exported) throw new Error("nothing is exported");
    return self.apigexport.outline(exported.body);
  },
  // import imports a document (text or a File) and keeps the bundle for
  // a later load of {imported: true}.
  async import(source, options) {
    imported = null;
    const text = typeof source === "string" ? source : await source.text();
    const res = await self.apigexport.import(text, options);
    imported = res.bundle;
    const out = { filename: res.filename, version: res.version, findings: res.findings, bundle: null };
    if (res.bundle !== null) out.bundle = preview(new TextEncoder().encode(res.bundle), "application/json");
    return out;
  },
};

onmessage = async ({ data: { id, fn, args } }) => {
  try {
    await ready;
    const value = await (fns[fn] ?? self.apigexport[fn])(...args);
    postMessage({ id, value });
  } catch (e) {
    postMessage({ id, error: { message: e.message, code: e.code, status: e.status, field: e.field } });
  }
};
