"""Growth between two benchmark runs, e.g.
`python -m bench.compare var/bench/bench-1000.json var/bench/bench-5000.json`.

Prints, for each scenario, the p95 and req/s of both runs and the ratio of the p95s, then the
growth targets (docs/performance.md): the filtered list's and search's p95 under 1.5× from
N=1000 to N=5000 events, and on PostgreSQL search's at most 1.2×. With `--results PAGE` it also
writes both tables to that page, headed by the runs they compare.
"""

import argparse
import json
import time
from pathlib import Path

from .report import dataset


def growth_target(scenario, postgres):
    """(comparison, largest p95 ratio) of a scenario with a growth target (docs/performance.md)."""
    if scenario == "search" and postgres:
        return "≤", 1.2  # an indexed query per locale, not a read of every page
    if scenario in ("list_filtered", "search"):
        return "<", 1.5
    return None


def growth_table(small, large):
    before = {row["scenario"]: row for row in small["results"]}
    lines = [
        f"| scenario | p95 ms, N={small['events']:,} | p95 ms, N={large['events']:,} "
        "| p95 ratio | req/s ratio |",
        "|---|---:|---:|---:|---:|",
    ]
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
        lines.append(f"| {row['description']} | {figures} |")
    return "\n".join(lines)


def targets_table(small, large):
    before = {row["scenario"]: row for row in small["results"]}
    postgres = "PostgreSQL" in large["database"]
    lines = ["| measure | this pair | target |", "|---|---|---|"]
    for row in large["results"]:
        target = growth_target(row["scenario"], postgres)
        old = before.get(row["scenario"])
        if target is None or old is None or not old["p95_ms"]:
            continue
        comparison, limit = target
        growth = row["p95_ms"] / old["p95_ms"]
        met = growth <= limit if comparison == "≤" else growth < limit
        lines.append(
            f"| {row['description']}: p95 growth | {growth:.2f}× ({'met' if met else 'missed'}) "
            f"| {comparison} {limit}× |"
        )
    return "\n".join(lines)


def seeding(report):
    seed = report.get("seed") or {}
    if seed.get("seconds") is None:
        return []
    return [
        f"- Seeding the {report['events']:,}-event dataset (`seed_bench`): "
        f"{seed['seconds'] / 60:.1f} min in all, {seed.get('batched_ms_per_page_locale')} ms per page "
        "and locale batched."
    ]


def growth_page(small, large, command):
    return "\n".join(
        [
            f"# Performance results: from {small['events']:,} to {large['events']:,} events",
            "",
            f"Written by `{command}` on {time.strftime('%Y-%m-%d')}, from two runs of `make bench`; "
            "the next comparison replaces this page.",
            "[performance.md](performance.md) explains the scenarios, the targets and how to compare runs.",
            "",
            *(
                f"- N={report['events']:,}: `{report['command']}` on {report['date']}; {dataset(report)}."
                for report in (small, large)
            ),
            f"- Machine: {large['machine']}; the load generator (wrk) runs on the same machine.",
            *seeding(large),
            "",
            growth_table(small, large),
            "",
            targets_table(small, large),
            "",
        ]
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("smaller", help="the report of the run on fewer events (var/bench/bench-<N>.json)")
    parser.add_argument("larger", help="the report of the run on more events")
    parser.add_argument("--results", help="also write the comparison to this page (Markdown)")
    args = parser.parse_args(argv)
    missing = [path for path in (args.smaller, args.larger) if not Path(path).is_file()]
    if missing:
        raise SystemExit(
            f"No benchmark report at {', '.join(missing)}: run make bench BENCH_EVENTS=<N> first."
        )
    small, large = (json.loads(Path(path).read_text()) for path in (args.smaller, args.larger))
    if small["database"] != large["database"]:
        raise SystemExit(f"The runs are on different databases ({small['database']}, {large['database']}).")
    print(growth_table(small, large))
    print()
    print(targets_table(small, large))
    if args.results:
        command = f"python -m bench.compare {args.smaller} {args.larger} --results {args.results}"
        Path(args.results).write_text(growth_page(small, large, command))
        print(f"\nWrote the tables to {args.results}")


if __name__ == "__main__":
    main()
