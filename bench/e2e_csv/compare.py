"""End-to-end CSV benchmark: `dvctt report` against DuckDB on the same files.

Run by scripts/bench-e2e.sh, which builds the release CLI, installs DuckDB
into target/py-venv and generates the data (generate.py). Runs, interleaved,
K times each and every run in a fresh process under /usr/bin/time -v:

- dvctt: `dvctt report --plan plan.json --dossiers dossiers.csv --survey
  survey.csv --by-unit --json` (reads and checks both CSV files, judges the
  plan's six targets overall and per unit, prints everything as JSON);
- DuckDB: duck.py (the same six indicators' numerators and denominators,
  overall and per unit, from read_csv on the same files).

Before printing any time it checks that every run of each side printed the
same result (as JSON values), that dvctt read every row and rejected none, and that dvctt's
numerator and denominator equal DuckDB's for each indicator, overall and for
every unit; any difference ends the run with a non-zero status and no timings.
Wall time is measured around each process (perf_counter); CPU time (user +
system) and peak RSS ("Maximum resident set size") come from /usr/bin/time.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

TIME = "/usr/bin/time"
INDICATORS = [
    "online_dossier_share",
    "online_submission_share",
    "on_time_completion_rate",
    "online_payment_share",
    "digitized_dossier_share",
    "satisfaction_rate",
]


def fail(msg):
    print(f"bench-e2e: FAILED: {msg}", file=sys.stderr)
    sys.exit(1)


def timed(cmd, tmp):
    """Runs cmd under /usr/bin/time -v; returns (stdout bytes, wall s, cpu s, peak RSS KiB)."""
    tfile = os.path.join(tmp, "time.txt")
    start = time.perf_counter()
    proc = subprocess.run([TIME, "-v", "-o", tfile, *cmd], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr.decode(errors="replace"))
        fail(f"exit status {proc.returncode}: {' '.join(cmd)}")
    stats = {}
    with open(tfile, encoding="utf-8") as f:
        for line in f:
            key, sep, value = line.strip().rpartition(": ")
            if sep:
                stats[key] = value
    cpu = float(stats["User time (seconds)"]) + float(stats["System time (seconds)"])
    return proc.stdout, wall, cpu, int(stats["Maximum resident set size (kbytes)"])


def count_rows(path):
    with open(path, "rb") as f:
        return sum(buf.count(b"\n") for buf in iter(lambda: f.read(1 << 20), b"")) - 1


def dvctt_figures(report):
    """{indicator: {"overall": (num, den), "by_unit": {unit: (num, den)}}} from `report --json`."""
    out = {}
    for ev in report["targets"]:
        slot = out.setdefault(ev["indicator"], {"overall": None, "by_unit": {}})
        for field in ("numerator", "denominator"):
            if ev[field] != int(ev[field]):
                fail(f"dvctt {ev['indicator']} {ev['unit_code']}: {field} {ev[field]} is not a whole number")
        pair = (int(ev["numerator"]), int(ev["denominator"]))
        if ev["unit_code"] is None:
            if slot["overall"] is not None:
                fail(f"dvctt printed two overall evaluations of {ev['indicator']}")
            slot["overall"] = pair
        else:
            if ev["unit_code"] in slot["by_unit"]:
                fail(f"dvctt printed unit {ev['unit_code']} twice for {ev['indicator']}")
            slot["by_unit"][ev["unit_code"]] = pair
    return out


def check_equal(dv, duck):
    """Every indicator, overall and per unit; a unit one side omits must be 0/0 on the other."""
    diffs, units_checked = [], 0
    for ind in INDICATORS:
        a, b = dv.get(ind), duck.get(ind)
        if a is None or b is None:
            diffs.append(f"{ind}: missing from {'dvctt' if a is None else 'DuckDB'}")
            continue
        if a["overall"] != tuple(b["overall"]):
            diffs.append(f"{ind} overall: dvctt {a['overall']} DuckDB {tuple(b['overall'])}")
        units = sorted(set(a["by_unit"]) | set(b["by_unit"]))
        units_checked = max(units_checked, len(units))
        for u in units:
            x = a["by_unit"].get(u, (0, 0))
            y = tuple(b["by_unit"].get(u, (0, 0)))
            if x != y:
                diffs.append(f"{ind} {u}: dvctt {x} DuckDB {y}")
    if diffs:
        fail(f"{len(diffs)} numerator/denominator differences, e.g.\n  " + "\n  ".join(diffs[:20]))
    return units_checked


def fmt_mib(kib):
    return f"{kib / 1024:.0f} MiB"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True, help="directory with dossiers.csv, survey.csv, plan.json")
    ap.add_argument("--dvctt", required=True, help="the release dvctt binary")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    if args.runs < 1:
        fail("--runs must be at least 1")
    plan, dossiers, survey = (os.path.join(args.data, n) for n in ("plan.json", "dossiers.csv", "survey.csv"))
    duck_py = os.path.join(os.path.dirname(os.path.abspath(__file__)), "duck.py")
    dvctt_cmd = [args.dvctt, "report", "--plan", plan, "--dossiers", dossiers, "--survey", survey,
                 "--by-unit", "--json"]
    duck_cmd = [sys.executable, duck_py, "--dossiers", dossiers, "--survey", survey]
    rows = {"dossiers": count_rows(dossiers), "survey": count_rows(survey)}
    # Both sides read the files from the page cache.
    for p in (dossiers, survey):
        with open(p, "rb") as f:
            while f.read(1 << 24):
                pass

    load_before = os.getloadavg()
    res = {"dvctt": [], "duckdb": []}
    outs = {"dvctt": [], "duckdb": []}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.runs):
            for name, cmd in (("dvctt", dvctt_cmd), ("duckdb", duck_cmd)):
                out, wall, cpu, rss = timed(cmd, tmp)
                res[name].append((wall, cpu, rss))
                outs[name].append(json.loads(out))
                print(f"  run {i + 1}/{args.runs} {name:6s} {wall:7.3f} s", file=sys.stderr)
    load_after = os.getloadavg()

    # Compared as JSON values: DuckDB's groups come in any order.
    for name in outs:
        if any(o != outs[name][0] for o in outs[name]):
            fail(f"the {args.runs} runs of {name} printed different results")
    report, duck = outs["dvctt"][0], outs["duckdb"][0]
    if report["rejected"]:
        fail(f"dvctt rejected {len(report['rejected'])} rows, e.g. {report['rejected'][0]}")
    if report["target_errors"]:
        fail(f"dvctt target errors: {report['target_errors'][:3]}")
    for kind in ("dossiers", "survey"):
        if report["records"][kind] != rows[kind]:
            fail(f"dvctt read {report['records'][kind]} {kind}, the file has {rows[kind]} rows")
    units = check_equal(dvctt_figures(report), duck["indicators"])

    def summary(name):
        walls = [r[0] for r in res[name]]
        cpus = [r[1] for r in res[name]]
        rss = [r[2] for r in res[name]]
        return statistics.median(walls), min(walls), statistics.median(cpus), max(rss)

    dv, dk = summary("dvctt"), summary("duckdb")
    size = lambda p: f"{os.path.getsize(p) / 2**20:.1f} MiB"
    print(f"end-to-end CSV: dvctt report vs DuckDB {duck['duckdb']} ({args.runs} runs each, interleaved, fresh processes)")
    print(f"input: dossiers.csv {rows['dossiers']:,} rows ({size(dossiers)}), survey.csv {rows['survey']:,} rows ({size(survey)})")
    print(f"machine: {os.cpu_count()} CPUs, DuckDB threads {duck['threads']}; load average "
          f"{' '.join(f'{x:.2f}' for x in load_before)} before, {' '.join(f'{x:.2f}' for x in load_after)} after")
    print(f"check: 6 indicators, overall and {units} units: numerators and denominators equal; dvctt rejected 0 rows")
    print()
    print(f"| {'':14s} | {'median wall':>11s} | {'best wall':>9s} | {'median CPU':>10s} | {'peak RSS':>8s} |")
    print(f"|{'-' * 16}|{'-' * 13}|{'-' * 11}|{'-' * 12}|{'-' * 10}|")
    for name, s in (("dvctt", dv), ("DuckDB", dk)):
        print(f"| {name:14s} | {s[0]:9.3f} s | {s[1]:7.3f} s | {s[2]:8.3f} s | {fmt_mib(s[3]):>8s} |")
    print(f"| {'dvctt ÷ DuckDB':14s} | {dv[0] / dk[0]:11.2f} | {dv[1] / dk[1]:9.2f} | {dv[2] / dk[2]:10.2f} | {dv[3] / dk[3]:8.2f} |")


if __name__ == "__main__":
    main()
