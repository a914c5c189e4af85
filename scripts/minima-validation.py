#!/usr/bin/env python3
"""The done-means validation of `lreg minima` (docs/minima.md, "The validation we ran").

Makes the five random sets (random.Random(2026); n = 8, 10, 12, 14, 16; x sorted uniform on
[-2, 2], y = sin(2x) + 0.3 N(0, 1), 6 decimals), runs every (set, h, lambda) with
`lreg minima --basins N --seed 7 --json` plus the built-in tiny sets, and prints the Markdown table
of docs/minima.md. The JSON of every run is kept in the work folder; a run whose JSON is already
there is not run again (so an interrupted validation resumes).

  scripts/minima-validation.py --lreg build/app/cli/lreg --work /tmp/minima-val --runs 1000 \
      [--runs-big 10000]   # --runs-big: the starts for r4 (n = 16), h = 2, lambda = 1e-2
"""
import argparse
import json
import math
import os
import random
import subprocess
import sys

TRAINERS = ["lbfgs", "adam", "sgd", "anmin", "anmin+lbfgs"]


def make_sets(work):
    rng = random.Random(2026)
    paths = []
    for k, n in enumerate([8, 10, 12, 14, 16]):
        xs = sorted(rng.uniform(-2, 2) for _ in range(n))
        ys = [math.sin(2 * x) + 0.3 * rng.gauss(0, 1) for x in xs]
        path = os.path.join(work, f"r{k}.csv")
        with open(path, "w") as f:
            for x, y in zip(xs, ys):
                f.write(f"{x:.6f},{y:.6f}\n")
        paths.append((f"r{k}", n, path))
    return paths


def run(lreg, work, name, data, h, lam, runs):
    out = os.path.join(work, f"{name}_h{h}_l{lam:g}_N{runs}.json")
    if not os.path.exists(out):
        cmd = [lreg, "minima", "--hidden", str(h), "--data", data, "--lambda", repr(lam),
               "--basins", str(runs), "--seed", "7", "--json"]
        res = subprocess.run(cmd, capture_output=True, text=True)
        if res.returncode != 0:
            sys.exit(f"{' '.join(cmd)}: exit {res.returncode}: {res.stderr}")
        with open(out + ".tmp", "w") as f:
            f.write(res.stdout)
        os.replace(out + ".tmp", out)
    with open(out) as f:
        return json.load(f)


def row(name, n, h, lam, j):
    sets = sum(1 for m in j["minima"] if m["kind"] == "set")
    certified = all((m["certificate"]["min_margin"] is None
                     or m["certificate"]["min_margin"] >= -1e-9)
                    and all(e >= -1e-9 for e in m["certificate"]["hessian_eigenvalues"])
                    for m in j["minima"])
    shares = []
    by = {t["trainer"]: t for t in j["basins"]["trainers"]}
    for tr in TRAINERS:
        t = by[tr]
        shares.append(f"{t['global_share']:.3f} / {t['unmatched_runs']}")
    cells = [name, str(n), str(h), f"{lam:g}", str(j["regions"]), f"{len(j['minima'])} ({sets})",
             str(len(j["critical"])), f"{j['seconds']['enumerate']:.2f}",
             f"{j['grid_search']['relative_gap']:.1e}", str(j["basins"]["runs"])] + shares
    ok = (j["grid_search"]["passed"] and j["exact_disagreements"] == 0
          and j["degenerate_faces"] == 0 and certified)
    return "| " + " | ".join(cells) + " |", ok, by


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lreg", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--runs", type=int, default=1000)
    ap.add_argument("--runs-big", type=int, default=0)
    ap.add_argument("--only", default="", help="comma list of set names (tiny, tiny-kink, r0..r4)")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    sets = [("tiny", 6, "tiny"), ("tiny-kink", 6, "tiny-kink")] + make_sets(a.work)
    only = set(a.only.split(",")) if a.only else None
    print("| set | n | h | lambda | regions | minima (sets) | critical | s | grid gap | starts | "
          + " | ".join(f"{t} global / unmatched" for t in TRAINERS) + " |")
    print("| " + " | ".join(["---"] * (10 + len(TRAINERS))) + " |")
    bad = []
    totals = {t: {"runs": 0, "unmatched": 0, "polished": 0, "polish_moved": 0} for t in TRAINERS}
    for name, n, data in sets:
        if only and name not in only:
            continue
        for h in (1, 2):
            for lam in (1e-3, 1e-2, 1e-1):
                runs = a.runs
                if a.runs_big and name == "r4" and h == 2 and lam == 1e-2:
                    runs = a.runs_big
                line, ok, by = row(name, n, h, lam, run(a.lreg, a.work, name, data, h, lam, runs))
                print(line, flush=True)
                for t in TRAINERS:
                    totals[t]["runs"] += by[t]["runs"]
                    for key in ("polished", "polish_moved"):
                        totals[t][key] += by[t][key]
                    totals[t]["unmatched"] += by[t]["unmatched_runs"]
                if not ok:
                    bad.append(line)
    print("\nIn all: " + "; ".join(
        f"{t} {v['unmatched']} of {v['runs']} unmatched, polish finished {v['polished']}, "
        f"moved {v['polish_moved']}" for t, v in totals.items()))
    if bad:
        print("\nFAILED (grid beat the enumeration, an exact disagreement, a degenerate face or a "
              "failed certificate):")
        print("\n".join(bad))
        sys.exit(1)


if __name__ == "__main__":
    main()
