#!/usr/bin/env python3
"""Compares a blind reviewer's answers with the answer key.

usage: compare_blind.py ANSWERS.json CONTENT_DIR TOPIC_SLUG [BLIND.json]
(with BLIND.json, only the questions in that blind file are compared)

ANSWERS.json: {"<id>": {"answer": ["<exact option text>", ...], "level": 1-5, "p_mid": 0.0-1.0}, ...}
(for true_false, answer is ["True"] or ["False"]).
Prints: agreement count, every disagreement with the keyed answer, and per label the rater's mean
level and mean p_mid, plus the Spearman rank correlation between labels and rated levels.
"""
import json, os, subprocess, sys

# The content CLI as `./x content` builds it (run `./x content check` once first).
TOOL = os.environ.get("PREPWISE_CONTENT_BIN", "target/host/content")

def ranks(xs):
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    r = [0.0] * len(xs)
    i = 0
    while i < len(xs):
        j = i
        while j + 1 < len(xs) and xs[order[j + 1]] == xs[order[i]]:
            j += 1
        for k in range(i, j + 1):
            r[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return r

def spearman(a, b):
    ra, rb = ranks(a), ranks(b)
    n = len(a); ma = sum(ra) / n; mb = sum(rb) / n
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb))
    va = sum((x - ma) ** 2 for x in ra) ** 0.5; vb = sum((y - mb) ** 2 for y in rb) ** 0.5
    return cov / (va * vb) if va and vb else float("nan")

answers = json.load(open(sys.argv[1]))
exp = subprocess.run([TOOL, "--content", sys.argv[2], "export", "--json"], capture_output=True, text=True, check=True)
key = {q["id"]: q for q in json.loads(exp.stdout) if q["topic"] == sys.argv[3]}
if len(sys.argv) > 4:
    only = {q["id"] for q in json.load(open(sys.argv[4]))}
    key = {k: v for k, v in key.items() if k in only}
agree, missing, dis = 0, [], []
labels, levels = [], []
by_label = {}
for qid, q in sorted(key.items()):
    a = answers.get(qid)
    if not a:
        missing.append(qid); continue
    correct = sorted(c["text"].strip() for c in q["choices"] if c["correct"])
    given = sorted(t.strip() for t in a["answer"])
    if given == correct:
        agree += 1
    else:
        dis.append((qid, q["location"], given, correct))
    if "level" in a:
        labels.append(q["difficulty"]); levels.append(a["level"])
        by_label.setdefault(q["difficulty"], []).append((a["level"], a.get("p_mid", float("nan"))))
print(f"{sys.argv[3]}: {agree} of {len(key)} answered as keyed; {len(dis)} disagreements; {len(missing)} unanswered {missing}")
for qid, loc, given, correct in dis:
    print(f"\n- {qid} ({loc})\n  reviewer: {given}\n  key:      {correct}")
print("\nper label: rater mean level, mean p_mid")
for l in sorted(by_label):
    xs = by_label[l]
    print(f"  label {l}: n={len(xs)} level {sum(x for x, _ in xs)/len(xs):.2f}, p_mid {sum(p for _, p in xs)/len(xs):.2f}")
if len(labels) > 2:
    print(f"Spearman(label, rated level) = {spearman(labels, levels):.3f}")
