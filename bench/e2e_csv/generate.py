"""Synthetic input for the end-to-end CSV benchmark (bench/e2e_csv).

Writes dossiers.csv (every column, required and optional), survey.csv
(yes/no answers and 3- or 5-level ratings) and plan.json (a dvctt/plan@1
plan over 2026 with one target per indicator compared) into --out. Every row
is valid: the benchmark measures speed on clean data, so dvctt must reject
nothing. The same --seed and sizes give the same files byte for byte.

    python3 bench/e2e_csv/generate.py --rows 1000000 --survey-rows 125000 --out DIR --seed 1
"""

import argparse
import bisect
import datetime as dt
import json
import os
import random

UNITS = 100
SECTORS = [
    "y_te_du_phong", "an_toan_thuc_pham", "duoc_pham", "kham_chua_benh",
    "trang_thiet_bi_y_te", "my_pham", "y_duoc_co_truyen", "dan_so",
    "giam_dinh_y_khoa", "bao_hiem_y_te", "to_chuc_can_bo", "tai_chinh_y_te",
    "xay_dung", "giao_thong", "dat_dai", "moi_truong", "tu_phap", "ho_tich",
    "lao_dong", "giao_duc",
]
PROCEDURES = 300
PERIOD = "2026"
# Received dates: mostly 2026, some in late 2025 (outside the period).
RECEIVED_FROM = dt.date(2025, 11, 1)
RECEIVED_TO = dt.date(2026, 12, 31)
LEVELS_3 = ["very_satisfied", "satisfied", "dissatisfied"]
LEVELS_5 = ["very_satisfied", "satisfied", "neutral", "dissatisfied", "very_dissatisfied"]

INDICATOR_TARGETS = [
    ("online_dossier_share", 80, "Tối thiểu 80% hồ sơ được xử lý trực tuyến toàn trình"),
    ("online_submission_share", 90, "Tối thiểu 90% hồ sơ được nộp trực tuyến"),
    ("on_time_completion_rate", 95, "Tối thiểu 95% hồ sơ giải quyết đúng hạn"),
    ("online_payment_share", 80, "Tối thiểu 80% hồ sơ có phí được thanh toán trực tuyến"),
    ("digitized_dossier_share", 80, "Tối thiểu 80% hồ sơ được số hóa"),
    ("satisfaction_rate", 90, "Tỷ lệ hài lòng đạt tối thiểu 90%"),
]


def cumulative(weights):
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


def pick(rng, cum):
    return bisect.bisect_right(cum, rng.random() * cum[-1])


def write_dossiers(path, rows, rng, units, unit_cum):
    # Each procedure belongs to one sector; a dossier's sector is its procedure's.
    procedures = [(f"1.{1000 + i:06d}", SECTORS[rng.randrange(len(SECTORS))]) for i in range(PROCEDURES)]
    proc_cum = cumulative(rng.uniform(0.2, 5.0) for _ in procedures)
    first = RECEIVED_FROM.toordinal()
    days = RECEIVED_TO.toordinal() - first + 1
    # Date strings by day offset from RECEIVED_FROM, far enough to hold every
    # due and completion date.
    dates = [dt.date.fromordinal(first + i).isoformat() for i in range(days + 120)]
    rand, randrange = rng.random, rng.randrange
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("dossier_id,unit_code,procedure_code,sector,received_on,channel,fully_online,"
                "due_on,completed_on,paused_days,fee_required,paid_online,digitized\n")
        buf = []
        for i in range(1, rows + 1):
            unit = units[pick(rng, unit_cum)]
            proc, sector = procedures[pick(rng, proc_cum)]
            r = randrange(days)
            c = rand()
            channel = "online" if c < 0.72 else ("direct" if c < 0.95 else "postal")
            fully = "true" if channel == "online" and rand() < 0.8 else "false"
            due = r + 3 + randrange(28)
            paused = 0 if rand() < 0.85 else 1 + randrange(10)
            if rand() < 0.15:
                completed = ""
            else:
                # Mostly early or on time, some late (past due_on + paused_days).
                completed = dates[min(r + randrange(due - r + paused + 1) if rand() < 0.9
                                      else due + paused + 1 + randrange(20), len(dates) - 1)]
            fee = rand() < 0.4
            paid = "true" if fee and rand() < 0.65 else "false"
            dig = "true" if rand() < 0.6 else "false"
            buf.append(f"HS{i:08d},{unit},{proc},{sector},{dates[r]},{channel},{fully},"
                       f"{dates[due]},{completed},{paused},{'true' if fee else 'false'},{paid},{dig}\n")
            if len(buf) >= 50000:
                f.write("".join(buf))
                buf.clear()
        f.write("".join(buf))


def write_survey(path, rows, rng, units, unit_cum):
    first = dt.date(2026, 1, 1).toordinal()
    dates = [dt.date.fromordinal(first + i).isoformat() for i in range(365)]
    w3 = cumulative([45, 40, 15])
    w5 = cumulative([35, 40, 13, 8, 4])
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("response_id,unit_code,responded_on,satisfied,rating,scale,sector\n")
        buf = []
        for i in range(1, rows + 1):
            unit = units[pick(rng, unit_cum)]
            day = dates[rng.randrange(365)]
            sector = SECTORS[rng.randrange(len(SECTORS))]
            kind = rng.random()
            if kind < 0.5:
                answer = f"{'true' if rng.random() < 0.88 else 'false'},,"
            elif kind < 0.75:
                answer = f",{LEVELS_3[pick(rng, w3)]},3"
            else:
                answer = f",{LEVELS_5[pick(rng, w5)]},5"
            buf.append(f"KS{i:08d},{unit},{day},{answer},{sector}\n")
        f.write("".join(buf))


def write_plan(path):
    plan = {
        "schema": "dvctt/plan@1",
        "id": "bench-e2e-2026",
        "number": None,
        "title": "Synthetic plan of the end-to-end CSV benchmark (bench/e2e_csv)",
        "issuer": "dvctt benchmark",
        "issued_on": None,
        "period": PERIOD,
        "notes": ["Generated by bench/e2e_csv/generate.py: one target per dossier and survey indicator."],
        "targets": [
            {
                "id": ind.replace("_", "-"),
                "description": desc,
                "indicator": ind,
                "comparator": ">=",
                "threshold": threshold,
                "deadline": "2026-12-31",
            }
            for ind, threshold, desc in INDICATOR_TARGETS
        ],
    }
    with open(path, "w", encoding="utf-8") as f:
        json.dump(plan, f, ensure_ascii=False, indent=2)
        f.write("\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=1_000_000, help="dossiers (default 1000000)")
    ap.add_argument("--survey-rows", type=int, default=125_000, help="survey responses (default 125000)")
    ap.add_argument("--out", required=True, help="output directory")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(args.seed)
    units = [f"DV-{i:03d}" for i in range(1, UNITS + 1)]
    # Unit sizes differ (a provincial hospital against a commune office).
    unit_cum = cumulative(rng.uniform(0.3, 3.0) for _ in units)
    write_dossiers(os.path.join(args.out, "dossiers.csv"), args.rows, rng, units, unit_cum)
    write_survey(os.path.join(args.out, "survey.csv"), args.survey_rows, rng, units, unit_cum)
    write_plan(os.path.join(args.out, "plan.json"))


if __name__ == "__main__":
    main()
