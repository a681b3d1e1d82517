#!/usr/bin/env python3
"""Blind difficulty ratings against the labels.

usage: ratings.py CONTENT_DIR RATINGS.json [--apply]
RATINGS.json maps each id to {"A": {"level", "p_mid", "flag"?}, "B": {...}} (two blind raters;
scripts/review/ratings-2026-12.json is the pass of December 2026). Prints, per label, each pass's mean
rated level and mean p_mid; Spearman(label, mean rating) before and after the proposed relabels;
the inter-rater Spearman; and the proposed relabels: a question is relabelled when both raters
put it on the same side of its label and their mean is at least 1.5 levels away from it (moved by
the whole levels of the gap). With --apply, rewrites `difficulty = N` in the TOML files.
"""
import glob, json, os, re, subprocess, sys

# The content CLI as `./x content` builds it (run `./x content check` once first).
TOOL = os.environ.get("PREPWISE_CONTENT_BIN", "target/host/content")
from collections import defaultdict

def ranks(xs):
    order = sorted(range(len(xs)), key=lambda i: xs[i]); r = [0.0]*len(xs); i = 0
    while i < len(xs):
        j = i
        while j + 1 < len(xs) and xs[order[j+1]] == xs[order[i]]: j += 1
        for k in range(i, j+1): r[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return r

def spearman(a, b):
    ra, rb = ranks(a), ranks(b); n = len(a); ma = sum(ra)/n; mb = sum(rb)/n
    cov = sum((x-ma)*(y-mb) for x, y in zip(ra, rb))
    return cov / ((sum((x-ma)**2 for x in ra) * sum((y-mb)**2 for y in rb)) ** 0.5)

content = sys.argv[1]
exp = subprocess.run([TOOL, "--content", content, "export", "--json"], capture_output=True, text=True, check=True)
qs = {q["id"]: q for q in json.loads(exp.stdout)}
both_passes = json.load(open(sys.argv[2]))
passes = {p: {i: v[p] for i, v in both_passes.items()} for p in "AB"}
both = [i for i in qs if i in passes["A"] and i in passes["B"]]
print(f"questions {len(qs)}; rated by A {len(passes['A'])}, by B {len(passes['B'])}, by both {len(both)}")
for p, r in passes.items():
    by = defaultdict(list)
    for i, v in r.items():
        if i in qs: by[qs[i]["difficulty"]].append((v["level"], v["p_mid"]))
    print(f"pass {p}: " + "; ".join(f"label {l}: level {sum(x for x,_ in v)/len(v):.2f}, p_mid {sum(y for _,y in v)/len(v):.2f} (n={len(v)})" for l, v in sorted(by.items())))
if both:
    labels = [qs[i]["difficulty"] for i in both]
    mean = [(passes["A"][i]["level"] + passes["B"][i]["level"]) / 2 for i in both]
    print(f"Spearman(label, mean rated level) = {spearman(labels, mean):.3f}")
    print(f"Spearman(rater A, rater B) = {spearman([passes['A'][i]['level'] for i in both], [passes['B'][i]['level'] for i in both]):.3f}")
    proposals = {}
    for i in both:
        l = qs[i]["difficulty"]; a = passes["A"][i]["level"]; b = passes["B"][i]["level"]; m = (a + b) / 2
        if (a - l) * (b - l) > 0 and abs(m - l) >= 1.5:
            # Both raters on the same side, their mean 1.5 or more away: move by the whole
            # levels of the gap (towards the raters, never past them).
            proposals[i] = l + (1 if m > l else -1) * int(abs(m - l))
    after = [proposals.get(i, qs[i]["difficulty"]) for i in both]
    print(f"proposed relabels: {len(proposals)}; Spearman(label after, mean rated level) = {spearman(after, mean):.3f}")
    moves = defaultdict(int)
    for i, n in proposals.items(): moves[(qs[i]["difficulty"], n)] += 1
    print("moves:", dict(sorted(moves.items())))
    by = defaultdict(list)
    for i, n in zip(both, after):
        by[n].append(((passes["A"][i]["level"] + passes["B"][i]["level"]) / 2, (passes["A"][i]["p_mid"] + passes["B"][i]["p_mid"]) / 2))
    print("after: " + "; ".join(f"label {l}: level {sum(x for x,_ in v)/len(v):.2f}, p_mid {sum(y for _,y in v)/len(v):.2f} (n={len(v)})" for l, v in sorted(by.items())))
    flags = {i: (passes["A"][i].get("flag"), passes["B"][i].get("flag")) for i in both if passes["A"][i].get("flag") or passes["B"][i].get("flag")}
    print(f"flags: {len(flags)}")
    for i, f in sorted(flags.items()): print(f"  {i}: {f}")
    if "--apply" in sys.argv:
        for i, n in proposals.items():
            path, line = qs[i]["location"].rsplit(":", 1)
            text = open(path).read().split("\n")
            k = int(line) - 1
            while not text[k].startswith("difficulty"): k += 1
            text[k] = f"difficulty = {n}"
            open(path, "w").write("\n".join(text))
        print(f"applied {len(proposals)} relabels")
