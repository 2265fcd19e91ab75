"""Shared by the benchmark scripts: medians of repeated runs, never asserted on."""

from __future__ import annotations

import statistics
import time


def median_seconds(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
