// A Vite app using dvctt as a page would: the self-initialising main entry,
// the worker, and the XLSX module loaded lazily. No Vite configuration.
import * as dvctt from "dvctt";
import { createWorker } from "dvctt/worker";
import { checks, CSV } from "../checks.js";

async function run() {
  const out = { main: checks(dvctt) };
  const w = createWorker();
  const bytes = new TextEncoder().encode(CSV);
  const kept = await w.keep("readBytes", "dossiers", bytes, "dossiers.csv", null, false);
  out.transferred = bytes.byteLength === 0; // the buffer went to the worker
  out.workerRows = (await w.take(kept, "dataset")).dossiers.length;
  // A Blob (a dropped File) is read in the worker: the same rows.
  const fromBlob = await w.readBytes("dossiers", new Blob([CSV]), "dossiers.csv", null, false);
  out.blobRows = fromBlob.dataset.dossiers.length;
  const evals = await w.computeIndicator(w.ref(kept, "dataset"), {
    indicator: "online_dossier_share",
    period: "2026",
  });
  out.workerValue = evals[0].value;
  try {
    await w.computeIndicator(w.ref(kept, "dataset"), { indicator: "online_dossier_share", period: "2026Q5" });
  } catch (e) {
    out.workerError = e.message.includes("2026Q5");
  }
  w.terminate();
  const xlsx = await import("dvctt/xlsx");
  const table = dvctt.form06Tables(dvctt.tthcForm06({ dossiers: [] }, ["U1"], "2026", null))[0];
  const book = xlsx.tablesToXlsx(table, "vi");
  out.xlsx = [book[0], book[1]]; // "PK"
  return out;
}

run().then(
  (r) => (window.__result = r),
  (e) => (window.__result = { failed: String(e?.stack ?? e) }),
);
