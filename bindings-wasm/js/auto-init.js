// dvctt for browsers and bundlers: this module initialises itself (top-level
// await), so `import { loadPlan } from "dvctt"` is all a page needs. The
// .wasm next to it is found through `new URL(…, import.meta.url)`, which
// Vite, webpack 5, Rollup and esbuild copy into their output.
import init from "./dvctt.js";

await init({ module_or_path: new URL("./dvctt_bg.wasm", import.meta.url) });

export * from "./dvctt.js";
