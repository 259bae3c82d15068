// Types of @apigexport/engine: the apigexport engine (Huawei Cloud API
// Gateway / ROMA Connect "export APIs", offline) in WebAssembly.

/**
 * Where the engine's WebAssembly module comes from. By default the package
 * finds its own `apigexport.wasm`: in a browser it fetches it from beside
 * the package's `index.js` (after bundling, beside the bundle: copy
 * `@apigexport/engine/apigexport.wasm` there, or pass its URL); on node it
 * reads the file from the package.
 *
 * - a URL (or a string the page's base resolves) to fetch;
 * - a `Response` (or a promise of one), such as `fetch(url)`;
 * - the bytes, as an `ArrayBuffer` or a typed array;
 * - a compiled `WebAssembly.Module`.
 */
export type WasmSource =
  | string
  | URL
  | Response
  | PromiseLike<Response>
  | ArrayBuffer
  | ArrayBufferView
  | WebAssembly.Module;

/** Options of {@link createEngine}. */
export interface EngineOptions {
  /** Where the module is; the package's own file by default. */
  wasm?: WasmSource;
}

/** Options of {@link createWorkerEngine}. */
export interface WorkerEngineOptions {
  /**
   * Where the module is, as for {@link createEngine}; a relative URL is
   * resolved against the page, a `Response` is read on the page and its
   * bytes sent to the worker.
   */
  wasm?: WasmSource;
  /**
   * The module worker to start: the package's `worker.js` (beside its
   * `index.js`) by default, or wherever a bundler or a CDN moved it, or a
   * worker of the tool's own that calls `serve` of
   * `@apigexport/engine/serve.js`.
   */
  workerURL?: string | URL;
}

/**
 * Bundles: the gateway's JSON model of one or more API groups, as JSON
 * texts. Several are merged as `apigexport export a.json b.json` merges its
 * files; a `{name, text}` entry names its text in error messages (a file
 * name, say), else the texts are "bundle 1", "bundle 2", ....
 */
export type Bundles = string | ReadonlyArray<string | NamedBundle>;

/** A bundle text with the name its errors use. */
export interface NamedBundle {
  name: string;
  text: string;
}

/** The export scope: what of each API the document carries. */
export type Scope = "spec" | "proxy" | "all" | "dev";

/** The document's format (`yml` is `yaml` with a `.yml` file name). */
export type Format = "json" | "yaml" | "yml";

/**
 * An export request: the body of the gateway's export call, the
 * `oas_version` query parameter, and the options of `apigexport export`.
 */
export interface ExportRequest {
  /** The API group to export, by ID. Required. */
  group_id: string;
  /**
   * The environment whose publications are exported, by ID; required for
   * spec, proxy and all, ignored by dev.
   */
  env_id?: string;
  /** The scope; spec by default. */
  define?: Scope;
  /** The format; json by default. */
  type?: Format;
  /**
   * `info.version`, at most 64 characters; by default the export time as
   * 2006-01-02-15:04:05 in UTC.
   */
  version?: string;
  /**
   * Only these APIs, by ID; every API the scope selects when empty. One not
   * published in the environment is left out.
   */
  apis?: string[];
  /**
   * The document's version, the gateway's `oas_version`: "2.0" (Swagger 2.0,
   * the default) or "3.0" (OpenAPI 3.0, `openapi: 3.0.0`). The file name is
   * the same for both.
   */
  oas_version?: "2.0" | "3.0";
  /** Replace `#variables#` with the environment's values. */
  resolve_vars?: boolean;
  /**
   * Reject bundle fields the model does not know, and validate the document
   * with the reference validator too (slower).
   */
  strict?: boolean;
}

/** An exported document. */
export interface ExportResult {
  /** The document, byte for byte what `apigexport export` writes. */
  body: string;
  /** The file name the gateway's download suggests. */
  filename: string;
  /** `application/json` or `application/yaml`. */
  contentType: string;
  /** What the export left out or changed, and why; empty when nothing. */
  warnings: string[];
}

/** One problem in a Swagger document. */
export interface Finding {
  severity: "error" | "warning";
  /** A stable kebab-case code, such as `apig-unknown-extension`. */
  code: string;
  /** The JSON pointer of the value concerned; "" for the root or when unknown. */
  path: string;
  /** What is wrong. */
  message: string;
}

/** Options of {@link Engine.importDocument}. */
export interface ImportOptions {
  /**
   * The environment the imported APIs are published in, by ID; RELEASE when
   * neither it nor `env_name` is given, else derived from `env_name`.
   */
  env_id?: string;
  /** That environment's name, when it is not RELEASE. */
  env_name?: string;
  /** The group's ID; by default one derived from `info.title`. */
  group_id?: string;
}

/** An imported document. */
export interface ImportResult {
  /**
   * The bundle (JSON text) of the group, its APIs and all they name; null
   * when the gateway would refuse the document, `findings` saying why.
   */
  bundle: string | null;
  /** A file name for the bundle. */
  filename: string;
  /** The document's `info.version`. */
  version: string;
  /** What the import found: errors when it refused the document, else warnings. */
  findings: Finding[];
}

/** What bundles hold: what an export form offers. */
export interface Summary {
  groups: { id: string; name: string; apis: number }[];
  environments: { id: string; name: string }[];
  apis: {
    id: string;
    name: string;
    group_id: string;
    method: string;
    path: string;
    /** The IDs of the environments the API is published in. */
    published: string[];
  }[];
}

/** An engine: one instance of the module, with its own memory. */
export interface Engine {
  /**
   * Exports a group of bundles as a Swagger 2.0 document (or OpenAPI 3.0,
   * with `oas_version: "3.0"`) with the gateway's `x-apigateway-*`
   * extensions, as the gateway's "export APIs" does.
   * Rejects with an {@link ApigExportError} whose `field` names the request
   * field (or `"bundle"`) that is wrong.
   */
  exportGroup(bundles: Bundles, request: ExportRequest): Promise<ExportResult>;
  /** Checks a Swagger document (JSON or YAML, as text or its UTF-8 bytes) as the gateway's import would. */
  validate(document: string | Uint8Array): Promise<Finding[]>;
  /**
   * Imports a Swagger document (JSON or YAML text) into a bundle; resolves
   * with `bundle: null` when the gateway would refuse it, and rejects only
   * when the text cannot be read.
   */
  importDocument(document: string, options?: ImportOptions): Promise<ImportResult>;
  /** Lists the groups, environments and APIs of bundles. */
  inspect(bundles: Bundles): Promise<Summary>;
  /** The built-in sample bundle (group shop_api), as JSON text. */
  sample(): Promise<string>;
  /** The engine's version, as `apigexport version` prints it. */
  readonly version: Promise<string>;
}

/** An engine in a Web Worker. */
export interface WorkerEngine extends Engine {
  /**
   * Calls a function of the worker: one of a worker of the tool's own
   * (`workerURL`, see `@apigexport/engine/serve.js`), else the module's
   * function of that name. Rejects with an {@link ApigExportError}.
   */
  call(name: string, ...args: unknown[]): Promise<any>;
  /** Ends the worker; calls after it reject. */
  terminate(): void;
}

/**
 * Loads the module and starts an engine on this thread. Each call starts
 * an engine of its own; none defines a global name.
 *
 * @example
 * const engine = await createEngine();
 * const { body } = await engine.exportGroup([bundleText], { group_id, env_id, define: "all" });
 */
export function createEngine(options?: EngineOptions): Promise<Engine>;

/**
 * Starts an engine in a module Web Worker (the package's `worker.js`), so
 * that a large export does not hold the page's thread: the same API, each
 * call a message. Browsers only: on node it rejects.
 */
export function createWorkerEngine(options?: WorkerEngineOptions): Promise<WorkerEngine>;

/**
 * What every promise of the package rejects with: the engine's error, with
 * the gateway's error code and HTTP status.
 */
export class ApigExportError extends Error {
  constructor(message: string, init?: { code?: string; status?: number; field?: string });
  readonly name: "ApigExportError";
  /**
   * The gateway's error code, such as `APIG.2012` (a parameter has an invalid value), or the engine's
   * own `bundle-too-large` (status 413: the bundles do not fit the module's memory; the message says
   * how large a bundle fits), or `engine-died` (status 500: the Go runtime ended the module with a
   * fatal error, such as running out of memory; the message gives the runtime's, whose whole output,
   * stack included, went to `console.error`; every later call rejects alike: create a new engine).
   */
  readonly code: string;
  /** The HTTP status the gateway answers with: 400 for a bad request, 404 for what is not there, 500 otherwise. */
  readonly status: number;
  /** The request field the failure concerns (`define`, `env_id`, ...), or `"bundle"`; absent when none. */
  readonly field?: string;
}
