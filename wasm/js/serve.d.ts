// Types of @apigexport/engine/serve.js: the worker side of createWorkerEngine.

/**
 * The module's own functions, as the engine's Go adapter defines them: the
 * Engine's, under the module's names (`export`, `validate`, `inspect`,
 * `import`, `sample`, `version`, ...), whose requests and options are JSON
 * texts. Each returns a Promise and rejects with `{message, code, status,
 * field}`.
 */
export type ModuleFunctions = Record<string, (...args: any[]) => Promise<any>>;

/** Functions of a worker of a tool's own, reached with `WorkerEngine.call`. */
export type WorkerFunctions = Record<string, (...args: any[]) => unknown>;

/**
 * Answers createWorkerEngine's messages in this worker: the package's
 * `worker.js` is `serve()`. A tool that keeps large state in the worker
 * (a bundle, the documents it exported) writes a module worker of its own
 * that calls `serve(module => ({...}))`, and passes its URL as
 * `createWorkerEngine({workerURL})`: its functions get the module's, and
 * `engine.call(name, ...args)` on the page reaches them (and, for a name
 * they lack, the module's function of that name). Arguments and results
 * cross as structured clones.
 */
export function serve(functions?: (module: ModuleFunctions) => WorkerFunctions | Promise<WorkerFunctions>): void;
