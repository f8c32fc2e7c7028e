#!/usr/bin/env python3
"""Rewrites corpus/labeled/README.md with the counts of the labelled sets and the agreement
of their two readings (corpus/annotation/agreement.json, from `annotation.py merge`)."""
import collections
import csv
import json
import pathlib

from annotation import batch_of  # the script folder is on the import path

LABELS = ["abuse", "refoulement", "policy_stance"]
ATTRIBUTES = LABELS + ["hedged"]
project = pathlib.Path(__file__).resolve().parent.parent
folder = project / "corpus" / "labeled"
annotation = project / "corpus" / "annotation"
agreement = json.loads((annotation / "agreement.json").read_text())

out = [
    "# Labelled sentences",
    "",
    "Written for claimscan, sentence by sentence, and labelled twice, independently, under the",
    "project's annotation guideline (labels `abuse`, `refoulement`, `policy_stance`, attribute",
    "`hedged`); disagreements were decided by a third reading. How: `corpus/annotation/README.md`.",
    "No sentence is copied or closely paraphrased from a real document; names of places, officials,",
    "organisations and all figures are invented or fictionalised.",
    "",
    "Columns: `id,text,abuse,refoulement,policy_stance,hedged,situation,style,group`",
    "(`style` is the genre; `group` names a contrastive pair, kept in one fold by cross-validation).",
    "Counts below: `python3 scripts/corpus-stats.py`.",
    "",
    "| file | sentences | what |",
    "|---|---|---|",
    "| `train.csv` | {train} | training data: the v1 corpus re-annotated plus {new:,} new sentences in {batches} batches |",
    "| `test.csv` | {test} | the test set: authors who wrote no training data; 3 situations and 2 genres absent from training |",
    "| `test_v1.csv` | {test_v1} | the earlier test set, re-annotated the same way |",
    "",
    "## Agreement of the two readings (Cohen's kappa, before adjudication)",
    "",
    "| set | abuse | refoulement | policy_stance | hedged | labels changed from the author's |",
    "|---|---|---|---|---|---|",
]


def table(header, rows):
    return [f"| {header[0]} | {header[1]} |", "|---|---|"] + [f"| {k} | {v} |" for k, v in rows] + [""]


sets = {name: list(csv.DictReader(open(folder / f"{name}.csv", newline=""))) for name in ["train", "test", "test_v1"]}
v1 = [r for r in sets["train"] if batch_of(r["id"]) == "V1TRAIN"]
new = [r for r in sets["train"] if batch_of(r["id"]) != "V1TRAIN"]
batches = len({batch_of(r["id"]) for r in new})
out = [line.format(new=len(new), batches=batches, **{k: len(v) for k, v in sets.items()}) for line in out]
for name, figures in agreement.items():
    kappas = " | ".join(f"{figures['kappa'][a]:.3f}" for a in ATTRIBUTES)
    changed = sum(figures["changed_from_author"].values())
    out.append(f"| {name} | {kappas} | {changed} of {4 * figures['sentences']} |")
out += ["", f"The v1 training sentences ({len(v1)} kept) are part of `train`; see the annotation README for",
        "what the adjudication changed in them."]
audit = agreement["train"].get("changed_by_audit")
if audit:
    flagged = list(csv.DictReader(open(annotation / "audit" / "flagged.csv", newline="")))
    out += ["", f"An audit then gave a fresh blind reading to the {len(flagged)} training sentences whose labels",
            "the classifier trained on them still contradicted, and a third reading decided where it",
            f"differed; it changed {sum(audit.values())} labels (" + ", ".join(f"{n} {l}" for l, n in audit.items()) + "),",
            "counted in the table above."]
out += [""]
for name, rows in sets.items():
    n = len(rows)
    out += [f"## {name}.csv: {n} sentences", "", "| label | sentences | share |", "|---|---|---|"]
    for label in ATTRIBUTES:
        count = sum(r[label] == "1" for r in rows)
        out.append(f"| {label} | {count} | {100 * count / n:.0f}% |")
    none = sum(all(r[label] == "0" for label in LABELS) for r in rows)
    out += [f"| none (no label) | {none} | {100 * none / n:.0f}% |", ""]
    combos = collections.Counter("+".join(l for l in LABELS if r[l] == "1") or "none" for r in rows)
    out += table(("label combination", "sentences"), combos.most_common())
    for column in ["situation", "style"]:
        out += table((column, "sentences"), sorted(collections.Counter(r[column] for r in rows).items()))

(folder / "README.md").write_text("\n".join(out))
