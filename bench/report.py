"""What a benchmark run reports: its figures against the targets, as tables, a chart and the page
docs/performance-results.md (`bench.run` measures, this module words it)."""

import os
import platform
import statistics
from dataclasses import asdict
from pathlib import Path


def ratio(a, b):
    return round(a / b, 2) if a and b else None


# Targets that compare two scenarios of the same speed class: besides the main pass, `bench.run`
# measures each pair again in alternating rounds (ROUND_SCENARIOS), and the target is the median of
# the rounds' ratios, so that the machine's drift between two scenarios does not decide it.
PAIRED_TARGETS = {
    "detail_vs_wagtail_v2": ("detail", "wagtail_v2_detail"),
    "cached_vs_ceiling": ("list_cached", "ceiling"),
    "not_modified_vs_ceiling": ("list_304", "ceiling"),
}
ROUND_SCENARIOS = tuple(dict.fromkeys(name for pair in PAIRED_TARGETS.values() for name in pair))


def median_ratio(a_rates, b_rates):
    ratios = [a / b for a, b in zip(a_rates, b_rates, strict=True) if a and b]
    return round(statistics.median(ratios), 2) if ratios else None


def summarise(results, extra, rounds=None):
    """`rounds`: {scenario: [req/s of each round]}, the main pass first (ROUND_SCENARIOS)."""
    by_name = {result.scenario: result for result in results}
    rounds = rounds or {}

    def rps(name):
        return by_name[name].requests_per_second if name in by_name else None

    targets = {
        "list_vs_wagtail_v2": ratio(rps("list"), rps("wagtail_v2_list")),
        "list_p95_ms": by_name["list"].p95_ms if "list" in by_name else None,
    }
    for target, (a, b) in PAIRED_TARGETS.items():
        if a in rounds and b in rounds:
            targets[target] = median_ratio(rounds[a], rounds[b])
        else:
            targets[target] = ratio(rps(a), rps(b))
    return {**extra, "targets": targets, "rounds": rounds, "results": [asdict(result) for result in results]}


def table(report):
    lines = [
        "| scenario | req/s | p50 ms | p95 ms | p99 ms | errors | queries/req | bytes |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in report["results"]:
        queries = "" if row["queries_per_request"] is None else f"{row['queries_per_request']:g}"
        lines.append(
            f"| {row['description']} | {row['requests_per_second']:.0f} | {row['p50_ms']:.1f} | "
            f"{row['p95_ms']:.1f} | {row['p99_ms']:.1f} | {row['errors']} | {queries} | "
            f"{row['response_bytes'] or ''} |"
        )
    return "\n".join(lines)


def dataset(report):
    """The data a run measured, in words: what seed_bench built and the database holding it."""
    seed = report.get("seed") or {}
    words = f"{report['events']:,} events"
    if seed.get("assessments") is not None and seed.get("galleries") is not None:
        words += f", {seed['assessments']:,} assessments and {seed['galleries']:,} galleries"
    locales = report["locales"]
    words += f" in {len(locales)} locales ({', '.join(locales)})"
    if seed.get("locales"):
        pages = (report["events"] + seed.get("assessments", 0) + seed.get("galleries", 0)) * seed["locales"]
        words += f", {pages:,} pages"
    return f"{words}; {report['database']}"


def summary_table(report):
    """The run's figures beside the targets that docs/performance.md explains."""
    targets = report["targets"]
    freshness = report.get("freshness") or {}
    seed = report.get("seed") or {}

    def shown(value, template):
        return "n/a" if value is None else template.format(value)

    stale = freshness.get("locales_not_updated")
    rows = [
        (
            "uncached list of 20 events, req/s against Wagtail's API v2",
            shown(targets["list_vs_wagtail_v2"], "{:g}×"),
            "≥ 3×",
        ),
        ("uncached list of 20 events, p95", shown(targets["list_p95_ms"], "{:.1f} ms"), "< 150 ms"),
        (
            "uncached event detail, req/s against Wagtail's API v2",
            shown(targets["detail_vs_wagtail_v2"], "{:g}×"),
            "≥ 2×",
        ),
        (
            "cached list, req/s against the serving ceiling",
            shown(targets["cached_vs_ceiling"], "{:.0%}"),
            "≥ 70%",
        ),
        (
            "`If-None-Match` → 304, req/s against the serving ceiling",
            shown(targets["not_modified_vs_ceiling"], "{:.0%}"),
            "≥ 70%",
        ),
        (
            "publish to visible: the English list and detail show it, translations say `outdated`",
            shown(freshness.get("publish_to_visible_ms"), "{:g} ms")
            + ("" if stale is None else ", every address fresh" if not stale else f", {stale} stale"),
            "on the next request",
        ),
    ]
    sync = report.get("sync") or {}
    if sync:
        rows.append(
            (
                "sync of a page into every translation locale",
                "; ".join(
                    f"{one['segments']} segments: {one['queries']:,} queries, {one['seconds']:g} s"
                    for one in sync.values()
                ),
                "a few queries more per segment, not per segment and locale",
            )
        )
    if seed.get("plain_ms_per_page_locale") is not None or seed.get("batched_ms_per_page_locale") is not None:
        rows.append(
            (
                "seeding, per page and locale",
                f"plain {shown(seed.get('plain_ms_per_page_locale'), '{:g} ms')}, "
                f"batched {shown(seed.get('batched_ms_per_page_locale'), '{:g} ms')}",
                "",
            )
        )
    if seed.get("seconds") is not None:
        rows.append(("seeding, in all (seed_bench)", f"{seed['seconds'] / 60:.1f} min", ""))
    rows.append(("worker memory, peak RSS", shown(report.get("worker_peak_rss_mb"), "{:g} MB"), ""))
    lines = ["| measure | this run | target |", "|---|---|---|"]
    lines += [f"| {measure} | {value} | {target} |" for measure, value, target in rows]
    return "\n".join(lines)


def results_page(report):
    """docs/performance-results.md: the run's tables, headed by what produced them."""
    return "\n".join(
        [
            "# Performance results",
            "",
            f"Written by `{report['command']}` on {report['date']}; the next run replaces this page.",
            "[performance.md](performance.md) explains the scenarios, the targets and how to compare runs.",
            "",
            f"- Machine: {report['machine']}; the load generator (wrk) runs on the same machine.",
            f"- Dataset: {dataset(report)}.",
            f"- Load: {report['duration_s']} s per scenario, {report['connections']} connections.",
            *rounds_line(report),
            "",
            table(report),
            "",
            summary_table(report),
            "",
        ]
    )


def rounds_line(report):
    rounds = report.get("rounds") or {}
    count = max((len(rates) for rates in rounds.values()), default=1)
    if count < 2:
        return []
    rates = "; ".join(
        f"{name} {', '.join(f'{rate:.0f}' for rate in values)}" for name, values in rounds.items()
    )
    return [
        f"- Paired targets (detail against API v2, cached and 304 against the ceiling): the median of "
        f"{count} alternating rounds' ratios (req/s per round: {rates}); the table shows the first."
    ]


def soak_page(report):
    """docs/soak-results.md: what `make soak` measured, headed by what produced it."""
    traffic, memory = report["traffic"], report["worker_rss_mb"]
    rows = [
        (
            "partner requests",
            f"{traffic['requests']:,} ({traffic['rps']} a second, p95 {traffic['p95_ms']} ms)",
        ),
        ("server errors (5xx)", traffic["5xx"]),
        ("editor changes", f"{report['editor_changes']} (retitle, unpublish, republish, sync in turn)"),
        ("stale responses after a change", report["stale_responses"]),
        ("failed edits", len(report["editor_failures"])),
        (
            "worker memory, MB",
            f"{memory['first_third']} first third, {memory['last_third']} last, {memory['peak']} peak",
        ),
    ]
    return "\n".join(
        [
            "# Soak results",
            "",
            f"Written by `{report['command']}` on {report['date']}; the next run replaces this page.",
            "[performance.md](performance.md#regenerating-the-figures) says what the soak does "
            "and when it fails.",
            "",
            f"- Machine: {report['machine']}; the load generator (wrk) runs on the same machine.",
            f"- Dataset: {report['dataset']}; {report['duration_s']} s, {report['connections']} connections.",
            f"- Verdict: **{'passed' if report['passed'] else 'FAILED'}**.",
            "",
            "| measure | this run |",
            "|---|---|",
            *(f"| {measure} | {value} |" for measure, value in rows),
            "",
        ]
    )


def chart(report, path):
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return None
    rows = report["results"]
    names = [row["scenario"] for row in rows]
    fig, (left, right) = plt.subplots(1, 2, figsize=(13, 5))
    left.barh(names, [row["requests_per_second"] for row in rows], color="#2a6f97")
    left.set_xlabel("requests per second (higher is better)")
    left.invert_yaxis()
    right.barh(names, [row["p95_ms"] for row in rows], color="#c44536")
    right.set_xlabel("p95 latency, ms (lower is better)")
    right.invert_yaxis()
    fig.suptitle(f"thb-cms API, {report['events']} events x 7 locales, {report['machine']}")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def machine():
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}"
