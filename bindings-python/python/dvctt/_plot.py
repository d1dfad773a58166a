"""Charts of results with matplotlib (the ``plot`` extra; never needed to
import dvctt): progress to target per unit, and a target's trajectory over
periods. Called by ``Results.plot``."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence

# Status colours (as in the notebook table) and labels.
COLOURS = {
    "met": "#1a7f37",
    "on_track": "#2f81f7",
    "at_risk": "#bf8700",
    "off_track": "#cf222e",
    "no_data": "#6e7781",
}
LABELS = {
    "vi": {
        "met": "đạt",
        "on_track": "đúng tiến độ",
        "at_risk": "có nguy cơ không đạt",
        "off_track": "chậm tiến độ",
        "no_data": "không có dữ liệu",
        "all": "tất cả",
        "threshold": "ngưỡng",
        "value": "giá trị (%)",
        "period": "kỳ",
        "interval": "KTC 95%",
        "as_of": "ngày đánh giá",
    },
    "en": {
        "met": "met",
        "on_track": "on track",
        "at_risk": "at risk",
        "off_track": "off track",
        "no_data": "no data",
        "all": "all",
        "threshold": "threshold",
        "value": "value (%)",
        "period": "period",
        "interval": "95% CI",
        "as_of": "as of",
    },
}


def _pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("Results.plot needs matplotlib: pip install 'dvctt[plot]'") from e
    return plt


def _by_target(rows: Sequence[Dict[str, Any]], target: Optional[str]) -> Dict[str, List[Dict[str, Any]]]:
    out: Dict[str, List[Dict[str, Any]]] = {}
    for r in rows:
        if target is None or r["target"] == target:
            out.setdefault(r["target"], []).append(r)
    if not out:
        known = sorted({r["target"] for r in rows})
        raise ValueError(f"no target {target!r} in these results (targets: {', '.join(known)})")
    return out


def _progress(ax: Any, target: str, rows: List[Dict[str, Any]], words: Dict[str, str]) -> None:
    # Latest period first, then units; "all units" on top.
    rows = sorted(rows, key=lambda r: (r["unit"] is not None, r["unit"] or "", r["period"]))
    names = [f"{r['unit'] or words['all']} · {r['period']}" for r in rows]
    values = [r["value"] if r["value"] is not None else 0.0 for r in rows]
    colours = [COLOURS.get(r["status"], "#6e7781") for r in rows]
    y = list(range(len(rows)))
    ax.barh(y, values, color=colours)
    for yi, r in zip(y, rows):
        if r.get("ci_low") is not None and r.get("ci_high") is not None:
            ax.errorbar(
                r["value"], yi,
                xerr=[[r["value"] - r["ci_low"]], [r["ci_high"] - r["value"]]],
                fmt="none", ecolor="black", capsize=3,
            )
        if r["value"] is None:
            ax.text(0.5, yi, words["no_data"], va="center", fontsize=8)
    thresholds = sorted({r["threshold"] for r in rows if r["threshold"] is not None})
    for t in thresholds:
        ax.axvline(t, color="black", linestyle="--", linewidth=1)
        ax.text(t, len(rows) - 0.4, f" {words['threshold']} {t:g}", fontsize=8, va="bottom")
    ax.set_yticks(y)
    ax.set_yticklabels(names, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel(words["value"])
    ax.set_title(f"{target} ({rows[0]['indicator']})", fontsize=10)


def _trajectory(ax: Any, target: str, rows: List[Dict[str, Any]], words: Dict[str, str]) -> None:
    # Over periods; over the judging dates when all rows share one period
    # (evaluations of the same plan at several `as_of`, see Results.concat).
    key = "period" if len({r["period"] for r in rows}) > 1 else "as_of"
    by_unit: Dict[str, List[Dict[str, Any]]] = {}
    for r in rows:
        by_unit.setdefault(r["unit"] or words["all"], []).append(r)
    ticks = sorted({str(r[key]) for r in rows})
    x = {p: i for i, p in enumerate(ticks)}
    for unit, rs in sorted(by_unit.items()):
        rs = sorted(rs, key=lambda r: str(r[key]))
        pts = [(x[str(r[key])], r["value"]) for r in rs if r["value"] is not None]
        if pts:
            ax.plot([p[0] for p in pts], [p[1] for p in pts], marker="o", label=unit, zorder=2)
        for r in rs:
            if r["value"] is not None:
                ax.scatter([x[str(r[key])]], [r["value"]], color=COLOURS.get(r["status"]), zorder=3)
    steps = sorted({(str(r[key]), r["threshold"]) for r in rows if r["threshold"] is not None})
    if steps:
        ax.step([x[p] for p, _ in steps], [t for _, t in steps], where="mid", color="black",
                linestyle="--", linewidth=1, label=words["threshold"])
    ax.set_xticks(range(len(ticks)))
    ax.set_xticklabels(ticks, rotation=45, fontsize=8)
    ax.set_xlabel(words["period"] if key == "period" else words["as_of"])
    ax.set_ylabel(words["value"])
    ax.set_title(f"{target} ({rows[0]['indicator']})", fontsize=10)
    ax.legend(fontsize=7)


def plot(
    results: Any,
    kind: str = "progress",
    target: Optional[str] = None,
    lang: Optional[str] = None,
    path: Optional[str] = None,
) -> Any:
    """Plots target evaluations: ``kind="progress"`` (bars per unit and
    period coloured by status, the threshold line, the 95% interval of
    survey rates) or ``"trajectory"`` (value per period, one line per unit,
    the threshold steps); one panel per target (or only ``target``).
    Returns the matplotlib Figure; with ``path``, also saves it (PNG, SVG,
    PDF: by the file's extension)."""
    if results.kind != "evaluations":
        raise ValueError(f"plot draws target evaluations, not {results.kind}")
    if kind not in ("progress", "trajectory"):
        raise ValueError(f"kind must be 'progress' or 'trajectory', not {kind!r}")
    words = LABELS["en" if (lang or results.lang) == "en" else "vi"]
    groups = _by_target(results.rows(), target)
    plt = _pyplot()
    height = sum(max(1.5, 0.3 * len(rs) + 1) for rs in groups.values()) if kind == "progress" else 3.5 * len(groups)
    fig, axes = plt.subplots(len(groups), 1, figsize=(8, height), squeeze=False)
    draw = _progress if kind == "progress" else _trajectory
    for ax, (t, rs) in zip(axes[:, 0], sorted(groups.items())):
        draw(ax, t, rs, words)
    handles = [plt.Rectangle((0, 0), 1, 1, color=c) for c in COLOURS.values()]
    if kind == "progress":
        fig.legend(handles, [words[s] for s in COLOURS], loc="lower center", ncol=5, fontsize=8)
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    if path is not None:
        fig.savefig(path)
    return fig
