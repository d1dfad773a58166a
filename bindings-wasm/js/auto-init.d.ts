// The module initialises itself: no init() to call.
export * from "./dvctt.js";
