"""Seeds the fuzz corpora (fuzz/corpus/<target>/) from the conformance
vectors, the bad-input catalogue, the bundled examples and the workbooks of
tests/sheets. Run from the repository root: python3 fuzz/seed.py"""
import base64, hashlib, json, pathlib

ROOT = pathlib.Path(__file__).resolve().parents[1]
CORPUS = ROOT / "fuzz" / "corpus"
KINDS = ["dossiers", "survey", "staff", "procedures", "units", "publications", "outreach", "feedback"]


def put(target: str, data: bytes) -> None:
    d = CORPUS / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()[:16]).write_bytes(data)


for path in sorted((ROOT / "tests").glob("*/*.json")):
    if path.parent.name not in ("conformance", "bad-inputs"):
        continue
    v = json.loads(path.read_text(encoding="utf-8"))
    i = v.get("input", {})
    if "plan_json" in i:
        put("plan_json", i["plan_json"].encode())
    if "org_json" in i:
        put("org_json", i["org_json"].encode())
    if "report_json" in i:
        put("report_json", i["report_json"].encode())
        put("report_validator", i["report_json"].encode())
    if isinstance(i.get("data"), dict):
        put("dataset_json", json.dumps(i["data"], ensure_ascii=False).encode())
    if isinstance(i.get("plan"), dict):
        put("plan_json", json.dumps(i["plan"], ensure_ascii=False).encode())
    if isinstance(i.get("query"), dict) and isinstance(i["query"].get("period"), str):
        put("period_id", i["query"]["period"].encode())
    kind = i.get("kind")
    if kind in KINDS:
        pick = bytes([KINDS.index(kind)])
        if "text" in i:
            put("csv_records", pick + i["text"].encode())
        if "base64" in i:
            put("csv_records", pick + base64.b64decode(i["base64"]))
for csv in sorted((ROOT / "examples" / "data").glob("*.csv")):
    kind = csv.stem
    if kind in KINDS:
        head = b"".join(csv.read_bytes().splitlines(keepends=True)[:30])
        put("csv_records", bytes([KINDS.index(kind)]) + head)
for plan in sorted((ROOT / "examples" / "plans").glob("*.json")):
    put("plan_json", plan.read_bytes())
for org in sorted((ROOT / "examples" / "org").glob("*.json")):
    put("org_json", org.read_bytes())
for book in sorted((ROOT / "tests" / "sheets").glob("*.*s*")):
    put("workbook", book.read_bytes())
for p in ["2026", "2026Q1", "2026VNQ1", "2026S2", "2026M07", "2026-01-01..2026-03-31", "2026W05"]:
    put("period_id", p.encode())
print({d.name: len(list(d.iterdir())) for d in sorted(CORPUS.iterdir())})
