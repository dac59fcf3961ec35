"""The benchmark's report: a paired target is decided by its rounds, not by one drifting pair."""

import pytest

from bench import search_before
from bench.report import results_page, summarise
from bench.run import Result


def result(scenario, rps):
    return Result(scenario, scenario, rps, 1.0, 2.0, 3.0, 0, 100, 1, 10)


def test_a_paired_target_is_the_median_of_its_rounds_ratios():
    rounds = {
        "ceiling": [3000.0, 2000.0, 2500.0],
        "list_cached": [1800.0, 1900.0, 2000.0],  # 60%, 95%, 80% of the ceiling in turn
        "list_304": [2100.0, 1500.0, 2000.0],  # 70%, 75%, 80%
        "detail": [100.0, 130.0, 120.0],
        "wagtail_v2_detail": [50.0, 50.0, 80.0],  # 2×, 2.6×, 1.5×
    }
    results = [result(name, rates[0]) for name, rates in rounds.items()]
    report = summarise(results, extra={}, rounds=rounds)
    targets = report["targets"]
    assert targets["cached_vs_ceiling"] == 0.8
    assert targets["not_modified_vs_ceiling"] == 0.75
    assert targets["detail_vs_wagtail_v2"] == 2.0


def test_without_rounds_a_paired_target_is_the_main_pass_ratio():
    results = [result("list_cached", 1800.0), result("ceiling", 3000.0)]
    assert summarise(results, extra={})["targets"]["cached_vs_ceiling"] == 0.6


def test_the_results_page_lists_every_round():
    rounds = {"ceiling": [3000.0, 2000.0], "list_cached": [1800.0, 1900.0]}
    report = summarise([result(name, rates[0]) for name, rates in rounds.items()], extra={}, rounds=rounds)
    report.update(
        command="make bench",
        date="2026-12-02",
        machine="2 cores",
        duration_s=10,
        connections=8,
        events=100,
        locales=["en"],
        database="PostgreSQL",
    )
    page = results_page(report)
    assert "the median of 2 alternating rounds' ratios" in page
    assert "ceiling 3000, 2000; list_cached 1800, 1900" in page


def test_the_search_comparison_asks_for_the_postgresql_dataset(monkeypatch, tmp_path):
    monkeypatch.delenv("BENCH_DATABASE_URL", raising=False)
    with pytest.raises(SystemExit, match="Set BENCH_DATABASE_URL"):
        search_before.main(["--var-dir", str(tmp_path)])
