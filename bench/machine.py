"""What every benchmark records about the machine it ran on, so figures can be compared."""

from __future__ import annotations

import contextlib
import importlib.metadata
import os
import platform
import time
from pathlib import Path
from typing import Any


def loadavg() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def package_version(dist: str) -> str | None:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return None


def _yardstick_round() -> None:
    """A fixed piece of plain Python work: arithmetic, a dict, string building and a sort."""
    table: dict[int, str] = {}
    for i in range(200_000):
        table[i % 5003] = f"{i * 7 % 1009}-{i}"
    sorted(table.values())


def cpu_yardstick_ms(rounds: int = 7) -> float:
    """Milliseconds for one core to do `_yardstick_round`, the best of `rounds`.

    Machines sold as the same kind have been seen to differ twofold in speed per core; this
    figure, recorded beside every result, tells a slower machine from a slower program.
    """
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        _yardstick_round()
        best = min(best, time.perf_counter() - start)
    return round(best * 1000, 1)


def machine_facts() -> dict[str, Any]:
    """Cores, CPU model, memory, OS and Python; each benchmark adds what else it depends on."""
    cpu = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = ""
    with contextlib.suppress(OSError):
        mem = Path("/proc/meminfo").read_text().splitlines()[0].split(":", 1)[1].strip()
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "memory": mem,
        "os": platform.platform(),
        "python": platform.python_version(),
        "cpu_yardstick_ms": cpu_yardstick_ms(),
    }
