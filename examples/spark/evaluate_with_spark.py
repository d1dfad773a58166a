"""Judging a plan's targets over a Spark DataFrame with dvctt's partial counts.

Opt-in example (needs `pip install pyspark pyarrow pandas` and Java 17+; not
run by the test suites). Run from the repository root:

    python examples/spark/evaluate_with_spark.py

Each Spark task turns its Arrow record batches (`mapInArrow`) into a
`dvctt.Partial` — the partial counts of its dossiers and survey responses
for the plan — and sends it back as bytes; the driver merges them and
judges every target with the campaign logs given whole. The result is
checked equal to `dvctt.evaluate` on all the records.
"""

import os
import sys
from typing import Iterator

import pandas as pd
import pyarrow as pa
from pyspark.sql import SparkSession

import dvctt

DATA = "examples/data"
TEXT = {"dossier_id": str, "unit_code": str, "procedure_code": str, "sector": str,
        "response_id": str, "rating": str}

with open("examples/plans/hcm-syt-2026.json", encoding="utf-8") as f:
    PLAN = dvctt.PlanObj(f.read())


def partials(kind: str):
    """The mapInArrow function for records of `kind`: one Partial per task."""

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        table = pa.Table.from_batches(list(batches))
        part = dvctt.partial_counts(PLAN, dvctt.Data.from_arrow(**{kind: table}))
        yield pa.RecordBatch.from_pydict({"partial": [part.to_bytes()]})

    return run


def main() -> None:
    # The workers run this interpreter (the one with dvctt and pyarrow).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (SparkSession.builder.master("local[2]").appName("dvctt")
             .config("spark.sql.execution.arrow.pyspark.enabled", "true")
             .config("spark.ui.enabled", "false").getOrCreate())
    frames = {k: pd.read_csv(f"{DATA}/{k}.csv", dtype=TEXT) for k in ("dossiers", "survey")}
    logs = {k: pd.read_csv(f"{DATA}/{k}.csv", dtype=str)
            for k in ("procedures", "units", "publications")}
    parts = []
    for kind, df in frames.items():
        sdf = spark.createDataFrame(df.astype(str).where(df.notna(), None)).repartition(4)
        rows = sdf.mapInArrow(partials(kind), "partial binary").collect()
        parts.extend(dvctt.Partial(bytes(r["partial"])) for r in rows)
    merged = dvctt.merge_partials(parts)
    judged = dvctt.evaluate_partial(PLAN, merged, dvctt.Data.from_arrow(**logs))
    whole = dvctt.Data.from_arrow(**frames, **logs)
    assert judged.records() == dvctt.evaluate(PLAN, whole).records()
    print(f"{len(parts)} partials from Spark tasks, {merged.rows}")
    print(judged.to_pandas()[["target", "value", "threshold", "status"]].to_string())
    spark.stop()


if __name__ == "__main__":
    main()
