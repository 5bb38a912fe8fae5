#!/usr/bin/env python3
"""Trains the quote stage's learned second opinion (crates/keypoints/src/quotes/model.rs): two
logistic regressions over the features of the quotes the rules find. `t` is asked about every
quote the rules keep (drop it when its probability is below the `@t` threshold); `n` about every
attribution the rules drop as nested inside another quote's content (keep it when its probability
reaches `@n`).

Data: PolNeAR's TRAIN folder only (dev stays held out). The `quote_features` example prints, one
JSON object a document, the gold quotes and every candidate with its features:

    cargo build --profile fast -p keypoints --example quote_features
    target/fast/examples/quote_features ../shared/data/quotes/polnear/train > train.jsonl
    python3 tools/quote_model/train.py train.jsonl > crates/keypoints/lang/en/quote_model.txt

A candidate's label is whether it is matched to a gold quote when ALL candidates (kept and nested)
are matched against the gold ones as `eval-quotes` matches (overlap of at least half the gold
content, one to one, best overlap first). The thresholds are chosen on five-fold cross-validation
over documents (out-of-fold probabilities, the pair of thresholds with the best F1 of content
spans); the printed table (stderr) gives the rules alone and the rules with the model, both
out-of-fold, so it is an honest estimate on train. The shipped weights are then trained on the
whole train folder. L2-regularized logistic regression by averaged stochastic gradient descent,
fixed shuffling seed, features seen at least MIN_COUNT times, weights rounded to three decimals:
deterministic. The features depend on the rules, so retrain whenever the rules change.
PolNeAR (Newell, Margolin and Ruths, 2018) is licensed for research use; the weights are derived
from its train split.
"""
import argparse
import json
import math
import random
import sys
from collections import Counter

MIN_COUNT = 3
EPOCHS = 8
L2 = 1e-4
RATE = 0.1
FOLDS = 5


def overlap(frags, r):
    return sum(max(0, min(b, r[1]) - max(a, r[0])) for a, b in frags)


def match(gold, preds):
    """One-to-one matching as eval-quotes does: returns {pred index: gold index}."""
    pairs = []
    for gi, (content, _src) in enumerate(gold):
        glen = sum(b - a for a, b in content)
        if glen == 0:
            continue
        for pi, p in enumerate(preds):
            ov = overlap(content, p[0])
            if ov * 2 >= glen:
                pairs.append((ov, gi, pi))
    # Stable sort by overlap, descending, like Rust's sort_by_key with Reverse.
    pairs.sort(key=lambda x: -x[0])
    gused, pused, out = set(), set(), {}
    for _ov, gi, pi in pairs:
        if gi in gused or pi in pused:
            continue
        gused.add(gi)
        pused.add(pi)
        out[pi] = gi
    return out


def score(docs, keep):
    """Counts (gold, predicted, matched, with_source, speaker_right) of the candidates `keep`
    says yes to (keep(doc_index, cand_index))."""
    g = p = m = ws = sr = 0
    for di, d in enumerate(docs):
        preds = [c for ci, c in enumerate(d["cands"]) if keep(di, ci)]
        g += len(d["gold"])
        p += len(preds)
        mt = match(d["gold"], preds)
        m += len(mt)
        for pi, gi in mt.items():
            src = d["gold"][gi][1]
            if src:
                ws += 1
                sp = preds[pi][1]
                if sp and any(min(b, sp[1]) > max(a, sp[0]) for a, b in src):
                    sr += 1
    return g, p, m, ws, sr


def table_row(name, c):
    g, p, m, ws, sr = c
    pr = m / p if p else 0.0
    rc = m / g if g else 0.0
    f1 = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
    return f"| {name} | {pr:.3f} | {rc:.3f} | {f1:.3f} | {sr / ws if ws else 0:.3f} ({sr} of {ws}) |"


def f1_of(c):
    g, p, m, _ws, _sr = c
    return 2 * m / (g + p) if g + p else 0.0


def train(examples, seed=1):
    """examples: list of (features, label). Returns {feature: weight}."""
    counts = Counter(f for fs, _ in examples for f in set(fs))
    keep = {f for f, n in counts.items() if n >= MIN_COUNT}
    data = [([f for f in fs if f in keep], y) for fs, y in examples]
    w, wsum = {}, {}
    rng = random.Random(seed)
    order = list(range(len(data)))
    t = 0
    total = EPOCHS * len(data)
    for _ in range(EPOCHS):
        rng.shuffle(order)
        for i in order:
            fs, y = data[i]
            z = sum(w.get(f, 0.0) for f in fs)
            pr = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            grad = pr - y
            lr = RATE
            for f in fs:
                old = w.get(f, 0.0)
                new = old - lr * (grad + L2 * old)
                w[f] = new
                # Averaging: accumulate the weight times the steps it stays.
                wsum[f] = wsum.get(f, 0.0) + (new - old) * (total - t)
            t += 1
    # Averaged weights: sum over steps of w_t / total.
    return {f: wsum[f] / total for f in wsum}


def prob(w, fs):
    z = sum(w.get(f, 0.0) for f in fs)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def labels(docs):
    """Per document, the set of candidate indexes matched when all candidates are matched."""
    out = []
    for d in docs:
        out.append(set(match(d["gold"], d["cands"]).keys()))
    return out


def examples_of(docs, labs, idx, nested):
    ex = []
    for di in idx:
        d = docs[di]
        for ci, c in enumerate(d["cands"]):
            if c[2] == nested:
                ex.append((c[3], 1 if ci in labs[di] else 0))
    return ex


def best_thresholds(docs, probs):
    grid_t = [0.0, 0.1, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5]
    grid_n = [0.4, 0.5, 0.6, 0.7, 0.8, 1.01]
    best = None
    # Ties go to the rules' choice: no nested attribution kept, the lowest veto threshold.
    for tt in grid_t:
        for tn in reversed(grid_n):
            def keep(di, ci, tt=tt, tn=tn):
                c = docs[di]["cands"][ci]
                pr = probs[di][ci]
                return pr >= tn if c[2] else pr >= tt
            c = score(docs, keep)
            f = f1_of(c)
            if best is None or f > best[0]:
                best = (f, tt, tn, c)
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("--no-cv", action="store_true", help="skip cross-validation (thresholds --t/--n)")
    ap.add_argument("--t", type=float, default=None)
    ap.add_argument("--n", type=float, default=None)
    args = ap.parse_args()
    docs = [json.loads(l) for l in open(args.data, encoding="utf-8")]
    labs = labels(docs)
    rules = score(docs, lambda di, ci: not docs[di]["cands"][ci][2])
    print("| set | precision | recall | F1 | speaker accuracy |", file=sys.stderr)
    print("|---|---|---|---|---|", file=sys.stderr)
    print(table_row("train, rules", rules), file=sys.stderr)
    tt, tn = args.t, args.n
    if not args.no_cv:
        probs = [[0.0] * len(d["cands"]) for d in docs]
        for k in range(FOLDS):
            tr = [i for i in range(len(docs)) if i % FOLDS != k]
            te = [i for i in range(len(docs)) if i % FOLDS == k]
            wt = train(examples_of(docs, labs, tr, False))
            wn = train(examples_of(docs, labs, tr, True))
            for di in te:
                for ci, c in enumerate(docs[di]["cands"]):
                    probs[di][ci] = prob(wn if c[2] else wt, c[3])
        f, bt, bn, c = best_thresholds(docs, probs)
        print(table_row(f"train, rules + model (5-fold, @t {bt} @n {bn})", c), file=sys.stderr)
        for t2 in (0.0, bt):
            for n2 in (1.01, bn):
                def keep(di, ci, t2=t2, n2=n2):
                    cc = docs[di]["cands"][ci]
                    return probs[di][ci] >= (n2 if cc[2] else t2)
                print(table_row(f"  @t {t2} @n {n2}", score(docs, keep)), file=sys.stderr)
        tt = bt if tt is None else tt
        tn = bn if tn is None else tn
    all_idx = list(range(len(docs)))
    wt = train(examples_of(docs, labs, all_idx, False))
    # The nested model is written only when it keeps any nested attribution.
    wn = train(examples_of(docs, labs, all_idx, True)) if tn < 1.0 else {}
    print("# Quote model (quotes/model.rs): `t`/`n` FEATURE WEIGHT, `@t`/`@n` thresholds.")
    print("# Generated by tools/quote_model/train.py from PolNeAR's train folder (840 documents;")
    print(f"# {EPOCHS} epochs, L2 {L2}, features seen >= {MIN_COUNT} times). PolNeAR is licensed for")
    print("# research use; these weights are derived from its train split.")
    print(f"@t {tt}")
    print(f"@n {tn}")
    for prefix, w in (("t", wt), ("n", wn)):
        for f in sorted(w):
            v = round(w[f], 3)
            if v != 0.0:
                print(f"{prefix} {f} {v}")


if __name__ == "__main__":
    main()
