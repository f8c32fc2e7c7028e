#!/usr/bin/env python3
"""The double-annotation process of the labelled corpus, re-runnable (see
corpus/annotation/README.md).

  annotation.py import-v1 LABELED_DIR   authored/V1TRAIN.csv, authored/V1TEST.csv from a v1 corpus
  annotation.py blind BATCH [N]         work/blind/BATCH[-k].csv: id,text only, shuffled, N rows a file
  annotation.py disagreements [N] [BATCH...]
                                        work/adjudicate/in-NN.csv: every label the two readings dispute
                                        (only in the named batches, for a new round)
  annotation.py merge [LABELED_DIR]     corpus/labeled/{train,test,test_v1}.csv + agreement figures (JSON)
  annotation.py merge-next DIR          the same into DIR, with the PENDING batches and the audit's decisions in
                                        training: the data of the next cross-validation
  annotation.py audit-input             work/audit/train-text.csv: id,text of the training set, for `claimscan classify`
  annotation.py audit-flag SCORES [N]   audit/flagged.csv: training sentences whose merged labels the classifier,
                                        trained on them, still contradicts; work/blind/AUDIT[-k].csv for a fresh reading
  annotation.py audit-disputes [N]      work/adjudicate/audit-NN.csv: every label the fresh reading of a flagged
                                        sentence gives differently from the merged label
"""
import collections, csv, pathlib, random, re, sys

PROJECT = pathlib.Path(__file__).resolve().parent.parent
ROOT = PROJECT / "corpus" / "annotation"
LABELED = PROJECT / "corpus" / "labeled"
WORK = ROOT / "work"  # derived files (blind inputs, adjudication inputs); not committed
LABELS = ["abuse", "refoulement", "policy_stance", "hedged"]
AUTHORED_HEADER = ["id", "text"] + LABELS + ["situation", "genre", "pair"]


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def write(path, header, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=header, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)


def import_v1(labeled):
    for name, batch in [("train.csv", "V1TRAIN"), ("test.csv", "V1TEST")]:
        rows = read(pathlib.Path(labeled) / name)
        out = [dict(id=f"{batch}-{i + 1:04d}", text=r["text"], genre=r["style"], situation=r["situation"], pair="",
                    **{l: r[l] for l in LABELS}) for i, r in enumerate(rows)]
        write(ROOT / "authored" / f"{batch}.csv", AUTHORED_HEADER, out)
        print(batch, len(out))


def blind(batch, per_file=None):
    write_blind(batch, read(ROOT / "authored" / f"{batch}.csv"), per_file)


def write_blind(name, rows, per_file=None):
    """work/blind/NAME[-k].csv: id and text only, shuffled, per_file rows a file."""
    rows = list(rows)
    random.Random(name).shuffle(rows)
    per_file = int(per_file or len(rows))
    chunks = [rows[i:i + per_file] for i in range(0, len(rows), per_file)]
    for k, chunk in enumerate(chunks):
        file = name if len(chunks) == 1 else f"{name}-{chr(ord('a') + k)}"
        write(WORK / "blind" / f"{file}.csv", ["id", "text"], chunk)
        print(file, len(chunk))


def batch_of(id_):
    return id_.rsplit("-", 1)[0]


def authored_and_second():
    """(authored row, second row) per id, for every batch with a second annotation."""
    pairs = {}
    for second_file in sorted((ROOT / "second").glob("*.csv")):
        batch = second_file.stem.split("-")[0] if second_file.stem.startswith("V1") else second_file.stem
        authored = {r["id"]: r for r in read(ROOT / "authored" / f"{batch}.csv")}
        for r in read(second_file):
            pairs[r["id"]] = (authored[r["id"]], r)
    return pairs


def disagreements(per_file="250", *batches):
    """adjudicate/in-NN.csv: id,text,label,first,second for every disputed label, shuffled
    (the adjudicator is not told which reading is the author's)."""
    rows = [row for id_, (a, b) in authored_and_second().items() if not batches or batch_of(id_) in batches
            for row in disputed(id_, a["text"], a, b)]
    write_disputes("in", rows, 7, per_file)


def disputed(id_, text, a, b):
    """A row per label the readings a and b give differently, the two values in random order."""
    for label in LABELS:
        if a[label] != b[label]:
            pair = (a[label], b[label])
            first, second = pair if random.Random(id_ + label).random() < 0.5 else pair[::-1]
            yield dict(id=id_, text=text, label=label, reading_1=first, reading_2=second)


def write_disputes(prefix, rows, seed, per_file):
    """work/adjudicate/PREFIX-NN.csv: the disputed labels, shuffled, per_file rows a file."""
    random.Random(seed).shuffle(rows)
    per_file = int(per_file)
    out = WORK / "adjudicate"
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob(f"{prefix}-*.csv"):
        old.unlink()
    for k in range(0, len(rows), per_file):
        write(out / f"{prefix}-{k // per_file + 1:02d}.csv", ["id", "text", "label", "reading_1", "reading_2"], rows[k:k + per_file])
    print(len(rows), "disputed labels in", (len(rows) + per_file - 1) // per_file, "files")


# Written and read twice, not yet in train.csv, like the audit's decisions: a change of
# training data needs the cross-validation of the default training to be run again (README,
# "The classifier"); `merge-next` gives the data for it.
PENDING = {"T17", "T18", "T19", "T20"}
SPLITS = {"train": lambda b: b == "V1TRAIN" or (b.startswith("T") and b not in PENDING), "test": lambda b: b.startswith("E"),
          "test_v1": lambda b: b == "V1TEST"}
FINAL_HEADER = ["id", "text"] + LABELS + ["situation", "style", "group"]


def kappa(a, b):
    n = len(a)
    po = sum(x == y for x, y in zip(a, b)) / n
    pa, pb = sum(a) / n, sum(b) / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    return (po - pe) / (1 - pe) if pe < 1 else 1.0


def grams(text, n=5):
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def leaks(train, tests):
    """Training rows repeating another training row, or sharing half of their 5-grams with
    a test sentence (the test sets stay as written; training gives way)."""
    index = collections.defaultdict(set)
    for i, r in enumerate(train):
        for g in grams(r["text"]):
            index[g].add(i)
    drop = set()
    for r in tests:
        g = grams(r["text"])
        hits = collections.Counter(i for x in g for i in index.get(x, ()))
        drop |= {i for i, h in hits.items() if g and h / len(g) >= 0.5}
        drop |= {i for i, t in enumerate(train) if t["text"] == r["text"]}
    seen = set()
    for i, r in enumerate(train):
        if r["text"] in seen:
            drop.add(i)
        seen.add(r["text"])
    return drop


def adjudicated(pattern):
    """(id, label) -> the value a third reading decided, from adjudicated/PATTERN files."""
    return {(r["id"], r["label"]): r["value"] for f in sorted((ROOT / "adjudicated").glob(pattern)) for r in read(f)}


def merge(labeled=LABELED, pending=False):
    """Final labels (agreed, else adjudicated) into labeled/{train,test,test_v1}.csv, and the
    agreement figures as JSON on stdout. With `pending`, training also takes the PENDING
    batches and the audit's decisions (`merge-next`)."""
    decided = adjudicated("out-*.csv")
    audited = adjudicated("audit-*.csv") if pending else {}
    pairs = authored_and_second()
    report = {}
    for split, member in SPLITS.items():
        rows, a_all, b_all, changed = [], {l: [] for l in LABELS}, {l: [] for l in LABELS}, {l: 0 for l in LABELS}
        changed_by_audit = {l: 0 for l in LABELS}
        for id_, (a, b) in sorted(pairs.items()):
            batch = batch_of(id_)
            if not (member(batch) or (pending and split == "train" and batch in PENDING)):
                continue
            final = {}
            for l in LABELS:
                a_all[l].append(int(a[l])); b_all[l].append(int(b[l]))
                final[l] = a[l] if a[l] == b[l] else decided[(id_, l)]
                if (id_, l) in audited:  # training sentences only
                    changed_by_audit[l] += audited[(id_, l)] != final[l]
                    final[l] = audited[(id_, l)]
                changed[l] += final[l] != a[l]
            group = f"{batch}-{a['pair']}" if a.get("pair") else ""
            rows.append(dict(id=id_, text=a["text"], situation=a["situation"], style=a["genre"], group=group, **final))
        report[split] = dict(sentences=len(rows),
                             kappa={l: round(kappa(a_all[l], b_all[l]), 3) for l in LABELS},
                             disagreements={l: sum(x != y for x, y in zip(a_all[l], b_all[l])) for l in LABELS},
                             changed_from_author={l: changed[l] for l in LABELS})
        if split == "train" and audited:
            report[split]["changed_by_audit"] = changed_by_audit
        report[split]["rows"] = rows
    tests = report["test"]["rows"] + report["test_v1"]["rows"]
    drop = leaks(report["train"]["rows"], tests)
    report["train"]["rows"] = [r for i, r in enumerate(report["train"]["rows"]) if i not in drop]
    report["train"]["dropped_as_repeats_or_close_to_a_test_sentence"] = len(drop)
    for split in SPLITS:
        rows = report[split].pop("rows")
        report[split]["kept"] = len(rows)
        write(pathlib.Path(labeled) / f"{split}.csv", FINAL_HEADER, rows)
    import json
    print(json.dumps(report, indent=1))


AUDIT = ROOT / "audit"


def audit_input():
    rows = read(LABELED / "train.csv")
    write(WORK / "audit" / "train-text.csv", ["id", "text"], rows)
    print(len(rows), "training sentences in", WORK / "audit" / "train-text.csv")


def audit_flag(scores, per_file="250"):
    """Training sentences where the classifier trained on them disagrees with a merged label
    (the labels most likely wrong, since a fitted model rarely contradicts a consistent
    label). Only the training set is audited: auditing a test set where the model disagrees
    would move its labels towards the model."""
    train = {r["id"]: r for r in read(LABELED / "train.csv")}
    flagged = []
    for r in read(scores):
        predicted = set(filter(None, r["labels"].split(";"))) | ({"hedged"} if r["hedged"] == "1" else set())
        gold = train[r["id"]]
        contradicted = [l for l in LABELS if (l in predicted) != (gold[l] == "1")]
        if contradicted:
            flagged.append(dict(id=r["id"], text=gold["text"], disputed=";".join(contradicted), **{l: gold[l] for l in LABELS}))
    write(AUDIT / "flagged.csv", ["id", "disputed"] + LABELS, flagged)
    write_blind("AUDIT", flagged, per_file)
    print(len(flagged), "flagged of", len(train), collections.Counter(l for r in flagged for l in r["disputed"].split(";")))


def audit_disputes(per_file="250"):
    """adjudicate/audit-NN.csv: the merged label (as flagged) against the fresh reading, in
    random order (the adjudicator is told neither which is which nor what the classifier
    said)."""
    flagged = {r["id"]: r for r in read(AUDIT / "flagged.csv")}
    texts = {r["id"]: r["text"] for r in read(LABELED / "train.csv")}
    rows = [row for f in sorted(AUDIT.glob("reading-*.csv")) for fresh in read(f)
            for row in disputed(fresh["id"], texts[fresh["id"]], flagged[fresh["id"]], fresh)]
    write_disputes("audit", rows, 11, per_file)


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"import-v1": import_v1, "blind": blind, "disagreements": disagreements, "merge": merge,
     "merge-next": lambda labeled: merge(labeled, pending=True),
     "audit-input": audit_input, "audit-flag": audit_flag, "audit-disputes": audit_disputes}[command](*args)
