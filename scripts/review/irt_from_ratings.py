#!/usr/bin/env python3
"""Each rated question's difficulty `b` and its standard error, from its label and two blind ratings.

usage: irt_from_ratings.py CONTENT_DIR RATINGS.json LABELS_REV [--p-mid] [--apply]

The model (classical test theory with three indicators of one true difficulty T, in label units):
the original label L0 (at LABELS_REV, before the ratings moved any label), rater A's level and
rater B's level are each T plus independent noise, the raters on their own linear scale:
    L0 = T + e_L,   A = mu_A + lam_A (T - mu_T) + e_A,   B = mu_B + lam_B (T - mu_T) + e_B.
Three covariances identify it: var T = cov(A,L0) cov(B,L0) / cov(A,B), lam_A = cov(A,B) / cov(B,L0),
lam_B = cov(A,B) / cov(A,L0), and each noise variance is what its indicator's variance leaves.
Each question's T is then the precision-weighted mean of the prior N(mu_T, var T), L0, and the two
ratings mapped onto the label scale; its SD is the posterior SD. In logits, as the engine maps
labels: b = 1.25 (T - 3), sd = 1.25 SD. The original labels are used, not the current ones, because
the relabelling moved labels towards the ratings, which would count the raters twice.
Independent rater errors are an assumption: two raters who share a bias look more precise than
they are (the simulation with `--truth labels` measures the cost if the labels were right after all).
With --p-mid, each rater's indicator is their level plus their -logit(p_mid), each standardised:
the chance of a right answer separates questions that a level alone puts in one bin (above all at
level 1, the floor of the scale).
With --apply, writes `irt = { b = …, sd = … }` after each rated question's `difficulty` line.
"""
import glob, json, math, os, re, statistics, subprocess, sys, tempfile, tomllib

STEP = 1.25  # logits per label, engine::DIFFICULTY_STEP_LOGITS

def labels(content):
    out = {}
    for path in glob.glob(os.path.join(content, "*", "*.toml")):
        if path.endswith("topic.toml"):
            continue
        for q in tomllib.load(open(path, "rb")).get("question", []):
            out[q["id"]] = (q["difficulty"], path)
    return out

def cov(x, y):
    mx, my = statistics.fmean(x), statistics.fmean(y)
    return sum((a - mx) * (b - my) for a, b in zip(x, y)) / (len(x) - 1)

def standardised(xs):
    m, s = statistics.fmean(xs), statistics.pstdev(xs)
    return [(x - m) / s for x in xs]

def indicator(ratings, ids, rater, with_p_mid):
    levels = [ratings[i][rater]["level"] for i in ids]
    if not with_p_mid:
        return levels
    p = [min(max(ratings[i][rater]["p_mid"], 0.01), 0.99) for i in ids]
    hardness = [-math.log(x / (1 - x)) for x in p]
    return [a + b for a, b in zip(standardised(levels), standardised(hardness))]

def main():
    content, ratings_path, rev = sys.argv[1:4]
    now = labels(content)
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "archive", rev, content], capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        before = labels(os.path.join(tmp, content))
    ratings = json.load(open(ratings_path))
    ids = sorted(i for i in ratings if i in now and i in before)
    L = [before[i][0] for i in ids]
    A, B = (indicator(ratings, ids, rater, "--p-mid" in sys.argv) for rater in "AB")
    cAB, cAL, cBL = cov(A, B), cov(A, L), cov(B, L)
    var_t = cAL * cBL / cAB
    lam_a, lam_b = cAB / cBL, cAB / cAL
    var_l = cov(L, L) - var_t
    var_a = cov(A, A) - lam_a ** 2 * var_t
    var_b = cov(B, B) - lam_b ** 2 * var_t
    mu_t, mu_a, mu_b = statistics.fmean(L), statistics.fmean(A), statistics.fmean(B)
    # Precisions on the label scale: the prior, the label, each rating mapped through its line.
    w_prior, w_l = 1 / var_t, 1 / var_l
    w_a, w_b = lam_a ** 2 / var_a, lam_b ** 2 / var_b
    sd_post = (w_prior + w_l + w_a + w_b) ** -0.5
    print(f"questions rated by both: {len(ids)} (labels of {rev})")
    print(f"var T {var_t:.3f}; noise SD (label units): label {var_l ** .5:.3f}, rater A {var_a ** .5 / lam_a:.3f}, "
          f"rater B {var_b ** .5 / lam_b:.3f}; rater slopes {lam_a:.3f}, {lam_b:.3f}")
    print(f"label noise in logits {STEP * var_l ** .5:.2f} (the engine assumes 0.50 for a label)")
    print(f"weights: prior {w_prior * sd_post ** 2:.3f}, label {w_l * sd_post ** 2:.3f}, raters {(w_a + w_b) * sd_post ** 2:.3f}; "
          f"posterior SD {sd_post:.3f} labels = {STEP * sd_post:.2f} logits")
    result = {}
    for i, l0, a, b in zip(ids, L, A, B):
        t_a = mu_t + (a - mu_a) / lam_a
        t_b = mu_t + (b - mu_b) / lam_b
        t = (w_prior * mu_t + w_l * l0 + w_a * t_a + w_b * t_b) * sd_post ** 2
        result[i] = (round(STEP * (t - 3), 2), round(STEP * sd_post, 2))
    gaps = [abs(result[i][0] - STEP * (now[i][0] - 3)) for i in ids]
    print(f"|b - current label's b|: mean {statistics.fmean(gaps):.2f}, over 0.625 (half a label) {sum(g > 0.625 for g in gaps)}, "
          f"over 1.25 {sum(g > 1.25 for g in gaps)}")
    for level in range(1, 6):
        bs = [result[i][0] for i in ids if now[i][0] == level]
        print(f"  label {level}: n {len(bs)}, b mean {statistics.fmean(bs):+.2f} (label {STEP * (level - 3):+.2f}), "
              f"range {min(bs):+.2f} to {max(bs):+.2f}")
    if "--apply" in sys.argv:
        by_file = {}
        for i in ids:
            by_file.setdefault(now[i][1], []).append(i)
        for path, qids in by_file.items():
            text = open(path).read().split("\n")
            for i in qids:
                start = text.index(f'id = "{i}"')
                k = start + 1
                while not text[k].startswith("difficulty"):
                    k += 1
                line = f"irt = {{ b = {result[i][0]}, sd = {result[i][1]} }}"
                if text[k + 1].startswith("irt ="):
                    text[k + 1] = line
                else:
                    text.insert(k + 1, line)
            open(path, "w").write("\n".join(text))
        print(f"wrote irt to {len(ids)} questions in {len(by_file)} files")

main()
