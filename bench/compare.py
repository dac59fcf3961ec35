"""Growth between two benchmark runs, e.g.
`python -m bench.compare var/bench/bench-1000.json var/bench/bench-5000.json`.

Prints, for each scenario, the p95 and req/s of both runs and the ratio of the p95s (the target for
the filtered list and search: under 1.5 from N=1000 to N=5000 events).
"""

import json
import sys
from pathlib import Path


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2:
        raise SystemExit("usage: python -m bench.compare SMALLER.json LARGER.json")
    missing = [path for path in argv if not Path(path).is_file()]
    if missing:
        raise SystemExit(
            f"No benchmark report at {', '.join(missing)}: run make bench BENCH_EVENTS=<N> first."
        )
    small, large = (json.loads(Path(path).read_text()) for path in argv)
    before = {row["scenario"]: row for row in small["results"]}
    print(
        f"| scenario | p95 ms, N={small['events']} | p95 ms, N={large['events']} | p95 ratio | req/s ratio |"
    )
    print("|---|---:|---:|---:|---:|")
    for row in large["results"]:
        old = before.get(row["scenario"])
        if old is None:
            continue
        p95_ratio = row["p95_ms"] / old["p95_ms"] if old["p95_ms"] else float("nan")
        rps_ratio = (
            row["requests_per_second"] / old["requests_per_second"]
            if old["requests_per_second"]
            else float("nan")
        )
        figures = f"{old['p95_ms']:.1f} | {row['p95_ms']:.1f} | {p95_ratio:.2f} | {rps_ratio:.2f}"
        print(f"| {row['description']} | {figures} |")


if __name__ == "__main__":
    main()
