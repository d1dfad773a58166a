// The Web Worker side of dvctt/worker: the browser build, exposed through
// Comlink. Not imported by pages (createWorker starts it).
//
// The worker starts the page's module (page/: only the functions the
// dashboard examples/portal calls, a smaller download); the first call of any
// other function loads the whole API (web/) beside it, so every function of
// the package is there. Records, Consolidation and PieceReader (and their
// methods) are the page module's: a value held by one module is not passed
// to the other.
import * as Comlink from "comlink";
import init, * as page from "../page/dvctt.js";

// Exposed at once, initialised in the background: calls wait for it (a
// message that came before a listener would be lost).
const ready = init({ module_or_path: new URL("../page/dvctt_bg.wasm", import.meta.url) });

/** The whole API (web/), loaded and initialised once, on first need. */
let whole = null;
function wholeApi() {
  whole ??= import("../web/dvctt.js").then(async (m) => {
    await m.default({ module_or_path: new URL("../web/dvctt_bg.wasm", import.meta.url) });
    return m;
  });
  return whole;
}

const held = new Map();
let next = 1;

const isRef = (v) => v !== null && typeof v === "object" && "$dvcttRef" in v;

/**
 * An argument, with references to held values replaced by the values: the
 * argument itself, or a field of an object argument (a data set assembled
 * from several loads). A reference's `field` is a dotted path.
 */
function resolve(arg) {
  // Bytes as they are (Object.values of a typed array would list every byte).
  if (ArrayBuffer.isView(arg) || arg instanceof ArrayBuffer) return arg;
  if (isRef(arg)) {
    if (!held.has(arg.$dvcttRef)) throw new Error(`dvctt/worker: nothing kept as ${arg.$dvcttRef}`);
    let value = held.get(arg.$dvcttRef);
    for (const key of arg.field === null ? [] : arg.field.split(".")) value = value?.[key];
    return value;
  }
  if (arg !== null && typeof arg === "object" && !Array.isArray(arg) && Object.values(arg).some(isRef)) {
    return Object.fromEntries(Object.entries(arg).map(([k, v]) => [k, resolve(v)]));
  }
  return arg;
}

/** Typed arrays of a result (itself or its fields) go back transferred. */
function send(result) {
  if (ArrayBuffer.isView(result)) return Comlink.transfer(result, [result.buffer]);
  if (result !== null && typeof result === "object" && !Array.isArray(result)) {
    const list = Object.values(result)
      .filter((v) => ArrayBuffer.isView(v))
      .map((v) => v.buffer);
    if (list.length) return Comlink.transfer(result, list);
  }
  return result;
}

/** A function of the package: the page module's, else the whole API's. */
async function fn(name) {
  const exported = (m) => typeof m[name] === "function" && name !== "default" && name !== "initSync";
  if (exported(page)) return page[name];
  const m = await wholeApi();
  if (!exported(m)) throw new Error(`dvctt/worker: no function ${name}`);
  return m[name];
}

/** The classes `create` makes. */
const CLASSES = {
  Records: (...a) => new page.Records(...a),
  Consolidation: (...a) => new page.Consolidation(...a),
  PieceReader: (...a) => page.PieceReader.open(...a),
};

/** A File or Blob argument is read here, in the worker, as bytes. */
const bytesOf = (arg) => (arg instanceof Blob ? arg.arrayBuffer().then((b) => new Uint8Array(b)) : arg);

const api = {
  async call(name, raw) {
    await ready;
    const args = await Promise.all(raw.map(bytesOf));
    switch (name) {
      case "keep": {
        const [inner, ...rest] = args;
        const id = next++;
        held.set(id, (await fn(inner))(...rest.map(resolve)));
        return { $dvcttKept: id };
      }
      case "create": {
        // A class of the package constructed and kept in the worker: a
        // Records, a Consolidation, or a PieceReader (its `open`; null when it
        // gives none).
        const [cls, ...rest] = args;
        const make = CLASSES[cls];
        if (!make) throw new Error(`dvctt/worker: no class ${cls}`);
        const value = make(...rest.map(resolve));
        if (value === undefined) return null;
        const id = next++;
        held.set(id, value);
        return { $dvcttKept: id };
      }
      case "invoke": {
        const [kept, method, ...rest] = args;
        const target = held.get(kept.$dvcttKept);
        if (typeof target?.[method] !== "function") throw new Error(`dvctt/worker: no method ${method}`);
        return send(target[method](...rest.map(resolve)));
      }
      case "take": {
        const [kept, field] = args;
        return send(resolve({ $dvcttRef: kept.$dvcttKept, field: field ?? null }));
      }
      case "drop": {
        const value = held.get(args[0].$dvcttKept);
        value?.free?.(); // a Records' or Consolidation's wasm memory
        return held.delete(args[0].$dvcttKept);
      }
      default:
        return send((await fn(name))(...args.map(resolve)));
    }
  },
};

Comlink.expose(api);
