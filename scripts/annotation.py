#!/usr/bin/env python3
"""The double-annotation process of the labelled corpus, re-runnable (see
corpus/annotation/README.md).

  annotation.py import-v1 LABELED_DIR   authored/V1TRAIN.csv, authored/V1TEST.csv from a v1 corpus
  annotation.py blind BATCH [N]         work/blind/BATCH[-k].csv: id,text only, shuffled, N rows a file
  annotation.py disagreements [N] [BATCH...]
                                        work/adjudicate/in-NN.csv: every label the two readings dispute
                                        (only in the named batches, for a new round)
  annotation.py merge [LABELED_DIR]     corpus/labeled/{train,test,test_v1}.csv + agreement figures (JSON)
"""
import collections, csv, pathlib, random, re, sys

PROJECT = pathlib.Path(__file__).resolve().parent.parent
ROOT = PROJECT / "corpus" / "annotation"
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
    rows = read(ROOT / "authored" / f"{batch}.csv")
    random.Random(batch).shuffle(rows)
    per_file = int(per_file or len(rows))
    chunks = [rows[i:i + per_file] for i in range(0, len(rows), per_file)]
    for k, chunk in enumerate(chunks):
        name = batch if len(chunks) == 1 else f"{batch}-{chr(ord('a') + k)}"
        write(WORK / "blind" / f"{name}.csv", ["id", "text"], chunk)
        print(name, len(chunk))


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
    rows = []
    for id_, (a, b) in authored_and_second().items():
        if batches and batch_of(id_) not in batches:
            continue
        for label in LABELS:
            if a[label] != b[label]:
                first, second = (a[label], b[label]) if random.Random(id_ + label).random() < 0.5 else (b[label], a[label])
                rows.append(dict(id=id_, text=a["text"], label=label, reading_1=first, reading_2=second))
    random.Random(7).shuffle(rows)
    per_file = int(per_file)
    out = WORK / "adjudicate"
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("in-*.csv"):
        old.unlink()
    for k in range(0, len(rows), per_file):
        write(out / f"in-{k // per_file + 1:02d}.csv", ["id", "text", "label", "reading_1", "reading_2"], rows[k:k + per_file])
    print(len(rows), "disputed labels in", (len(rows) + per_file - 1) // per_file, "files")


SPLITS = {"train": lambda b: b == "V1TRAIN" or b.startswith("T"), "test": lambda b: b.startswith("E"),
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


def merge(labeled=PROJECT / "corpus" / "labeled"):
    """Final labels (agreed, else adjudicated) into labeled/{train,test,test_v1}.csv, and the
    agreement figures as JSON on stdout."""
    decided = {}
    for f in sorted((ROOT / "adjudicated").glob("out-*.csv")):
        for r in read(f):
            decided[(r["id"], r["label"])] = r["value"]
    pairs = authored_and_second()
    report = {}
    for split, member in SPLITS.items():
        rows, a_all, b_all, changed = [], {l: [] for l in LABELS}, {l: [] for l in LABELS}, {l: 0 for l in LABELS}
        for id_, (a, b) in sorted(pairs.items()):
            batch = batch_of(id_)
            if not member(batch):
                continue
            final = {}
            for l in LABELS:
                a_all[l].append(int(a[l])); b_all[l].append(int(b[l]))
                final[l] = a[l] if a[l] == b[l] else decided[(id_, l)]
                changed[l] += final[l] != a[l]
            group = f"{batch}-{a['pair']}" if a.get("pair") else ""
            rows.append(dict(id=id_, text=a["text"], situation=a["situation"], style=a["genre"], group=group, **final))
        report[split] = dict(sentences=len(rows),
                             kappa={l: round(kappa(a_all[l], b_all[l]), 3) for l in LABELS},
                             disagreements={l: sum(x != y for x, y in zip(a_all[l], b_all[l])) for l in LABELS},
                             changed_from_author={l: changed[l] for l in LABELS})
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


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"import-v1": import_v1, "blind": blind, "disagreements": disagreements, "merge": merge}[command](*args)
