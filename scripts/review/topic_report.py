#!/usr/bin/env python3
"""Checks one topic of a content folder against the corpus v2 bars.

usage: topic_report.py CONTENT_DIR TOPIC_SLUG

1. runs the content compiler's `check` on the whole folder (errors name file:line);
2. counts the topic's questions by level, kind and subtopic;
3. the share of single-choice questions whose correct option is strictly the longest (<= 0.30);
4. runs every code_output snippet with python3 (two hash seeds) and compares with the marked answer;
5. counts dated questions (as_of) and code lines over 44 characters.
"""
import json, os, subprocess, sys
from collections import Counter

# The content CLI as `./x content` builds it (run `./x content check` once first).
TOOL = os.environ.get("PREPWISE_CONTENT_BIN", "target/host/content")

def run_py(code, seed):
    p = subprocess.run([sys.executable, "-"], input=code, capture_output=True, text=True,
                       env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONDONTWRITEBYTECODE": "1"}, timeout=30)
    out = p.stdout.rstrip()
    if p.returncode == 0:
        return out
    last = [l for l in p.stderr.splitlines() if l.strip()]
    name = last[-1].split(":")[0].strip().split(".")[-1] if last else ""
    return f"{out}\nraises {name}" if out else f"raises {name}"

def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    content, slug = sys.argv[1], sys.argv[2]
    check = subprocess.run([TOOL, "--content", content, "check"], capture_output=True, text=True)
    errors = [l for l in (check.stdout + check.stderr).splitlines() if ": error:" in l or "error" in l.split(":")[:3]]
    print("== compiler check ==")
    tail = (check.stdout + check.stderr).strip().splitlines()
    mine = [l for l in tail if f"content/{slug}/" in l or f"/{slug}/" in l]
    for l in mine:
        print(l)
    print(tail[-1] if tail else "(no output)")
    if check.returncode != 0:
        print("compiler reports errors: fix them (all lines above with `error`)")
        full = subprocess.run([TOOL, "--content", content, "check"], capture_output=True, text=True)
        print("\n".join(l for l in (full.stdout + full.stderr).splitlines() if "error" in l)[:6000])
        return 1
    exp = subprocess.run([TOOL, "--content", content, "export", "--json"], capture_output=True, text=True, check=True)
    qs = [q for q in json.loads(exp.stdout) if q["topic"] == slug]
    print(f"\n== {slug}: {len(qs)} questions ==")
    print("by level:  ", dict(sorted(Counter(q["difficulty"] for q in qs).items())))
    print("by kind:   ", dict(sorted(Counter(q["kind"] for q in qs).items())))
    print("by subtopic:", dict(sorted(Counter(q["subtopic"] for q in qs).items())))
    singles = [q for q in qs if q["kind"] == "single"]
    def longest(q):
        c = max(len(x["text"]) for x in q["choices"] if x["correct"])
        return all(len(x["text"]) < c for x in q["choices"] if not x["correct"])
    share = sum(map(longest, singles)) / max(1, len(singles))
    print(f"single-choice correct-is-longest share: {share:.2f} (bar <= 0.30)",
          [q["id"] for q in singles if longest(q)])
    dated = [q["id"] for q in qs if q.get("as_of")]
    print(f"dated (as_of): {len(dated)}")
    wide = sum(1 for q in qs if q.get("code") for l in q["code"]["text"].splitlines() if len(l) > 44)
    print(f"code lines over 44 chars: {wide}")
    bad = 0
    co = [q for q in qs if q["kind"] == "code_output"]
    for q in co:
        code = q["code"]["text"]
        a, b = run_py(code, "0"), run_py(code, "12345")
        marked = [x["text"].rstrip() for x in q["choices"] if x["correct"]][0]
        others = [x["text"].rstrip() for x in q["choices"] if not x["correct"]]
        if a != b:
            bad += 1; print(f"FAIL {q['id']}: output depends on the hash seed")
        elif a != marked:
            bad += 1; print(f"FAIL {q['id']} ({q['location']}): marked\n{marked}\nbut python3 prints\n{a}")
        elif a in others:
            bad += 1; print(f"FAIL {q['id']}: a distractor equals the real output")
    print(f"code_output: {len(co)} run, {bad} failing")
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
