"""DuckDB side of the end-to-end CSV benchmark (bench/e2e_csv).

Reads dossiers.csv and survey.csv with DuckDB's CSV reader and computes, per
unit and overall, the numerator and denominator of the six indicators the
benchmark plan targets, over one period (default: calendar 2026), as the
main README's "Indicators" section defines them:

- online_dossier_share: received in the period with fully_online ÷ received
  in the period (by received_on);
- online_submission_share: received with channel = online ÷ received;
- on_time_completion_rate: settled in the period (by completed_on) on or
  before due_on + paused_days ÷ settled in the period;
- online_payment_share: received with fee_required and paid_online ÷
  received with fee_required;
- digitized_dossier_share: received with digitized ÷ received;
- satisfaction_rate: responses in the period (by responded_on) with
  satisfied = true or a rating among the top 2 levels of its scale
  (very_satisfied, satisfied; as level numbers 1 and 2) ÷ responses.

Prints {"threads", "indicators": {id: {"overall": [num, den], "by_unit":
{unit: [num, den]}}}} as JSON. DuckDB keeps its default thread count (all
cores). Run in a fresh process per timing by compare.py.
"""

import argparse
import json
import sys

import duckdb

DOSSIER_COLUMNS = {
    "dossier_id": "VARCHAR", "unit_code": "VARCHAR", "procedure_code": "VARCHAR",
    "sector": "VARCHAR", "received_on": "DATE", "channel": "VARCHAR",
    "fully_online": "BOOLEAN", "due_on": "DATE", "completed_on": "DATE",
    "paused_days": "INTEGER", "fee_required": "BOOLEAN", "paid_online": "BOOLEAN",
    "digitized": "BOOLEAN",
}
SURVEY_COLUMNS = {
    "response_id": "VARCHAR", "unit_code": "VARCHAR", "responded_on": "DATE",
    "satisfied": "BOOLEAN", "rating": "VARCHAR", "scale": "INTEGER", "sector": "VARCHAR",
}

DOSSIER_QUERY = """
SELECT unit_code,
       count(*) FILTER (WHERE rec)                 AS received,
       count(*) FILTER (WHERE rec AND fully_online) AS fully_online,
       count(*) FILTER (WHERE rec AND channel = 'online') AS channel_online,
       count(*) FILTER (WHERE rec AND fee)          AS fee_required,
       count(*) FILTER (WHERE rec AND fee AND paid) AS paid_online,
       count(*) FILTER (WHERE rec AND digitized)    AS digitized,
       count(*) FILTER (WHERE comp)                 AS settled,
       count(*) FILTER (WHERE comp AND completed_on <= due_on + paused) AS on_time
FROM (
    SELECT unit_code, fully_online, channel, completed_on, due_on,
           received_on BETWEEN $lo AND $hi                    AS rec,
           coalesce(completed_on BETWEEN $lo AND $hi, false) AS comp,
           coalesce(fee_required, false) AS fee,
           coalesce(paid_online, false)  AS paid,
           coalesce(digitized, false)    AS digitized,
           coalesce(paused_days, 0)      AS paused
    FROM read_csv($path, header = true, dateformat = '%Y-%m-%d', columns = {columns})
)
GROUP BY GROUPING SETS ((unit_code), ())
ORDER BY unit_code NULLS FIRST
"""

SURVEY_QUERY = """
SELECT unit_code,
       count(*) AS responses,
       count(*) FILTER (WHERE coalesce(satisfied, false)
                        OR lower(trim(rating)) IN ('very_satisfied', 'satisfied', '1', '2')) AS satisfied
FROM read_csv($path, header = true, dateformat = '%Y-%m-%d', columns = {columns})
WHERE responded_on BETWEEN $lo AND $hi
GROUP BY GROUPING SETS ((unit_code), ())
ORDER BY unit_code NULLS FIRST
"""

# indicator -> (numerator column, denominator column) of the query results
DOSSIER_INDICATORS = {
    "online_dossier_share": ("fully_online", "received"),
    "online_submission_share": ("channel_online", "received"),
    "on_time_completion_rate": ("on_time", "settled"),
    "online_payment_share": ("paid_online", "fee_required"),
    "digitized_dossier_share": ("digitized", "received"),
}
SURVEY_INDICATORS = {"satisfaction_rate": ("satisfied", "responses")}


def sql_struct(columns):
    return "{" + ", ".join(f"'{k}': '{v}'" for k, v in columns.items()) + "}"


def collect(con, query, columns, params, indicators, out):
    cur = con.execute(query.replace("{columns}", sql_struct(columns)), params)
    names = [d[0] for d in cur.description]
    for row in cur.fetchall():
        rec = dict(zip(names, row))
        for ind, (num, den) in indicators.items():
            pair = [rec[num], rec[den]]
            slot = out.setdefault(ind, {"overall": None, "by_unit": {}})
            if rec["unit_code"] is None:
                slot["overall"] = pair
            else:
                slot["by_unit"][rec["unit_code"]] = pair


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dossiers", required=True)
    ap.add_argument("--survey", required=True)
    ap.add_argument("--from", dest="lo", default="2026-01-01", help="first day of the period")
    ap.add_argument("--to", dest="hi", default="2026-12-31", help="last day of the period")
    args = ap.parse_args()
    con = duckdb.connect()
    threads = con.execute("SELECT current_setting('threads')").fetchone()[0]
    out = {}
    dates = {"lo": args.lo, "hi": args.hi}
    collect(con, DOSSIER_QUERY, DOSSIER_COLUMNS, {**dates, "path": args.dossiers},
            DOSSIER_INDICATORS, out)
    collect(con, SURVEY_QUERY, SURVEY_COLUMNS, {**dates, "path": args.survey},
            SURVEY_INDICATORS, out)
    json.dump({"duckdb": duckdb.__version__, "threads": threads, "indicators": out}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
