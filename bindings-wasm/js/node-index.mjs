// Node ES module entry of dvctt: the CommonJS build (which loads its .wasm
// synchronously) with named exports.
import dvctt from "./dvctt.js";

export default dvctt;
export * from "./dvctt.js";
