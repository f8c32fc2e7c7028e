#!/usr/bin/env python3
"""Rewrites corpus/labeled/README.md with the counts of train.csv and test.csv."""
import collections
import csv
import pathlib

LABELS = ["abuse", "refoulement", "policy_stance"]
folder = pathlib.Path(__file__).resolve().parent.parent / "corpus" / "labeled"

out = [
    "# Labelled sentences",
    "",
    "Written for claimscan, sentence by sentence, following the project's annotation guideline",
    "(labels `abuse`, `refoulement`, `policy_stance`, attribute `hedged`). No sentence is copied or",
    "closely paraphrased from a real document; names of places, officials, organisations and all",
    "figures are invented or fictionalised. `train.csv` and `test.csv` were written by different",
    "authors, and the test set adds two situations absent from training (burundians_tanzania,",
    "tamils_sri_lanka). Columns: `text,abuse,refoulement,policy_stance,hedged,situation,style`.",
    "Counts below: `python3 scripts/corpus-stats.py`.",
    "",
]


def table(header, rows):
    return [f"| {header[0]} | {header[1]} |", "|---|---|"] + [f"| {k} | {v} |" for k, v in rows] + [""]


for name in ["train.csv", "test.csv"]:
    rows = list(csv.DictReader(open(folder / name, newline="")))
    n = len(rows)
    out += [f"## {name}: {n} sentences", "", "| label | sentences | share |", "|---|---|---|"]
    for label in LABELS + ["hedged"]:
        count = sum(r[label] == "1" for r in rows)
        out.append(f"| {label} | {count} | {100 * count / n:.0f}% |")
    none = sum(all(r[label] == "0" for label in LABELS) for r in rows)
    out += [f"| none (no label) | {none} | {100 * none / n:.0f}% |", ""]
    combos = collections.Counter("+".join(l for l in LABELS if r[l] == "1") or "none" for r in rows)
    out += table(("label combination", "sentences"), combos.most_common())
    for column in ["situation", "style"]:
        out += table((column, "sentences"), sorted(collections.Counter(r[column] for r in rows).items()))

(folder / "README.md").write_text("\n".join(out))
