// dvctt/worker: the WebAssembly module in a Web Worker, its functions as
// promises (Comlink), so that parsing and judging large exports never block
// the page.
//
//   import { createWorker } from "dvctt/worker";
//   const dvctt = createWorker();
//   const load = await dvctt.readBytes("dossiers", bytes, "dossiers.csv");
//
// Typed arrays and ArrayBuffers given as arguments (or as fields of an object
// argument, as dossierCube's columns) are transferred, not copied: the
// caller's copy is emptied. Typed arrays in results are transferred back. A
// File or Blob given as an argument is read into bytes in the worker (the
// page never holds a large file's bytes: `readBytes("dossiers", file, file.name)`).
//
// Results a page does not need to see (a parsed million-row data set) can
// stay in the worker: `keep(name, ...args)` runs the function there and
// returns a reference; `ref(kept, "dataset")` passes the held value (or one
// of its fields, a dotted path such as "dataset.dossiers") as an argument, or
// as a field of an object argument, of a later call; `take(kept, "rejected")`
// brings a field back; `drop(kept)` frees it. `create("Records")` keeps a
// Records (a data set held in wasm memory) in the worker, and
// `invoke(kept, "readBytes", ...)` calls one of its methods;
// `create("Consolidation")` likewise keeps a consolidated report.
import * as Comlink from "comlink";

/** The transferable buffers of an argument: its own, or its fields'. */
function buffers(value) {
  if (value instanceof ArrayBuffer) return [value];
  if (ArrayBuffer.isView(value)) return [value.buffer];
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    return Object.values(value).flatMap((v) =>
      v instanceof ArrayBuffer ? [v] : ArrayBuffer.isView(v) ? [v.buffer] : [],
    );
  }
  return [];
}

/** The arguments, marked so that their buffers are transferred (each once). */
function transferred(args) {
  const list = [...new Set(args.flatMap(buffers))];
  return list.length ? Comlink.transfer(args, list) : args;
}

/**
 * Starts dvctt in a new module Web Worker. Every function of the package is
 * a method returning a promise; `terminate()` stops the worker.
 * @param {{ worker?: Worker }} [options] a worker already started on
 *   `dvctt/worker/worker.js` (for bundlers that need to create it themselves).
 */
export function createWorker(options = {}) {
  const worker =
    options.worker ??
    new Worker(new URL("./worker.js", import.meta.url), { type: "module", name: "dvctt" });
  const remote = Comlink.wrap(worker);
  const cache = new Map();
  return new Proxy(
    {},
    {
      get(_, name) {
        if (typeof name !== "string" || name === "then") return undefined;
        if (name === "terminate") {
          return () => {
            remote[Comlink.releaseProxy]();
            worker.terminate();
          };
        }
        if (name === "ref") return (kept, field) => ({ $dvcttRef: kept.$dvcttKept, field: field ?? null });
        if (!cache.has(name)) cache.set(name, (...args) => remote.call(name, transferred(args)));
        return cache.get(name);
      },
    },
  );
}
