// The 766-style score per unit (groups and items), ranked.
import { h, table } from "./dom.js";

export function renderScores({ w, f, lang, result }) {
  const cards = [...result.scores].sort((a, b) => b.points - a.points || a.unit_code.localeCompare(b.unit_code));
  const groups = cards[0]?.groups ?? [];
  const name = (g) => (lang === "vi" ? g.name_vi : g.name_en);
  return [
    h("h2", {}, w.scoresTitle(cards[0]?.period ?? "")),
    table(
      w.scoresTitle(cards[0]?.period ?? ""),
      [w.unit, w.rank, w.points, w.available, ...groups.map(name)],
      cards.map((c, i) => ({
        attrs: { "data-unit": c.unit_code, "data-points": c.points },
        cells: [
          c.unit_code,
          String(i + 1),
          h("span", {}, h("meter", { min: 0, max: c.max_points, value: c.points, "aria-hidden": "true" }), " ", w.of(f.dec(c.points), f.int(c.max_points))),
          f.int(c.points_available),
          ...c.groups.map((g) => w.of(f.dec(g.points), f.int(g.max_points))),
        ],
      })),
      { id: "score-table" },
    ),
  ];
}
