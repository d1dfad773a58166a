// The bundled examples (the CLI's `--example` data, from the repository's
// examples/ folder), as URLs: Vite copies them into the build and the page
// fetches them when an example is chosen.
import hcmPlan from "../../plans/hcm-syt-2026.json?url";
import brvtPlan from "../../plans/brvt-syt-81-2025.json?url";
import hcmOrg from "../../org/hcm-health-2026.json?url";
import hcmCall from "../../reports/hcm-2026VNQ1/call.json?url";
import r1 from "../../reports/hcm-2026VNQ1/syt-vp.json?url";
import r2 from "../../reports/hcm-2026VNQ1/ttksbt.json?url";
import r3 from "../../reports/nhidong1-2026VNQ1.json?url";
import r4 from "../../reports/hcm-2026VNQ1/dalieu-first.json?url";
import r5 from "../../reports/hcm-2026VNQ1/dalieu-corrected.json?url";
import r6 from "../../reports/hcm-2026VNQ1/dkbd.json?url";
import r7 from "../../reports/hcm-2026VNQ1/choray.json?url";

const hcmFiles = import.meta.glob(["../../data/*.csv"], { query: "?url", import: "default", eager: true });
const brvtFiles = import.meta.glob(["../../data/brvt-2025/*.csv", "../../data/brvt-2025/aggregates.json"], {
  query: "?url",
  import: "default",
  eager: true,
});

/** name → URL, file names only (`dossiers.csv`). */
const byName = (files) =>
  Object.fromEntries(Object.entries(files).map(([path, url]) => [path.split("/").pop(), url]));

export const EXAMPLES = [
  {
    id: "hcm-syt-2026",
    plan: hcmPlan,
    dir: "examples/data",
    files: byName(hcmFiles),
    asOf: null,
    period: null,
    // As `dvctt consolidate --example`.
    reporting: {
      reports: [r1, r2, r3, r4, r5, r6, r7],
      org: hcmOrg,
      call: hcmCall,
      period: "2026VNQ1",
      root: "SYT-HCM",
      now: "2026-04-01T00:00:00+07:00",
    },
  },
  {
    id: "brvt-syt-81-2025",
    plan: brvtPlan,
    dir: "examples/data/brvt-2025",
    files: byName(brvtFiles),
    // As `dvctt report --example brvt-syt-81-2025`: the records run to 30 June 2025.
    asOf: "2025-06-30",
    // As `dvctt report --example brvt-syt-81-2025`: the records' year.
    period: "2025",
    reporting: null,
  },
];

/** The text at a URL. */
export async function text(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r.text();
}

/** The example with its texts fetched. */
export async function fetched(ex) {
  const names = Object.keys(ex.files);
  const blobs = await Promise.all(names.map(async (n) => (await fetch(ex.files[n])).blob()));
  const r = ex.reporting;
  return {
    ...ex,
    plan: await text(ex.plan),
    // Labelled as the CLI labels the example's files (rows rejected, columns absent).
    files: names.map((name, i) => ({ name, label: `${ex.dir}/${name}`, blob: blobs[i] })),
    reporting: r && {
      ...r,
      reports: await Promise.all(r.reports.map(text)),
      org: await text(r.org),
      call: await text(r.call),
    },
  };
}
