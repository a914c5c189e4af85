#!/usr/bin/python3
"""Writes the measurement sets of docs/model-selection.md (never shipped: regenerate them).

  /usr/bin/python3 docs/model-selection/make_sets.py OUT_DIR [SEED]

sharp1d: 4,000 train / 1,000 test, x ~ U(0, 1); a jump at 0.3, a kink at 0.7, a slow wave and a
         fast wave on the right half only (sharp and multi-frequency), noise sd 0.1.
sharp2d: 20,000 train / 5,000 test, x ~ U(0, 1)^2; a disc with a jump, a slow wave and a fast
         diagonal wave, noise sd 0.05.
"""
import math
import random
import sys


def sharp1d(x):
    return (math.sin(2 * math.pi * 2 * x) + 1.0 * (x > 0.3) + 2 * abs(x - 0.7)
            + 0.4 * math.sin(2 * math.pi * 15 * x) * (x > 0.5))


def sharp2d(x1, x2):
    r2 = (x1 - 0.35) ** 2 + (x2 - 0.6) ** 2
    return (math.sin(2 * math.pi * x1) * math.cos(2 * math.pi * 1.5 * x2) + 0.8 * (r2 < 0.04)
            + 0.3 * math.sin(2 * math.pi * 5 * (x1 + x2)))


def write(path, rows, d):
    with open(path, "w") as f:
        f.write(",".join([f"x{i + 1}" for i in range(d)] + ["y"]) + "\n")
        for r in rows:
            f.write(",".join(f"{v:.10g}" for v in r) + "\n")


def main():
    out = sys.argv[1]
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    rng = random.Random(seed)
    for name, d, n, m, sd in [("sharp1d", 1, 4000, 1000, 0.1), ("sharp2d", 2, 20000, 5000, 0.05)]:
        rows = []
        for _ in range(n + m):
            x = [rng.random() for _ in range(d)]
            y = (sharp1d(x[0]) if d == 1 else sharp2d(x[0], x[1])) + rng.gauss(0, sd)
            rows.append(x + [y])
        write(f"{out}/{name}_train.csv", rows[:n], d)
        write(f"{out}/{name}_test.csv", rows[n:], d)


if __name__ == "__main__":
    main()
