"""Assessment benchmark: the engine's levels against the labelled set in bench/assessment_set.py.

    .venv/bin/python bench/assessment.py                 full run, a few seconds
    .venv/bin/python bench/assessment.py --repeats 1     one timed pass
    .venv/bin/python bench/assessment.py --show-misses 40

Writes bench/results/assessment.json: accuracy overall and per expected level, a 5x5 confusion
matrix (rows expected, columns predicted), accuracy within one level, the dangerous misses
(expected 3 or 4, predicted 2 or below) with their text and the indicators that fired, the false
alarms (expected 0 or 1, predicted 3 or 4), accuracy per kind of hard case, every miss, timing and
the machine. See bench/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "threatdesk.settings")
os.environ.setdefault("THREATDESK_ENV", "test")

import django  # noqa: E402

# The engine is pure Python; settings are set up in case it comes to need them. Another app's
# start-up failing (a half-edited data file, say) is reported and does not stop the benchmark.
DJANGO_SETUP_ERROR = ""
try:
    django.setup()
except Exception as exc:
    DJANGO_SETUP_ERROR = f"{type(exc).__name__}: {exc}"
    print(f"warning: django.setup() failed, going on without it: {DJANGO_SETUP_ERROR}", file=sys.stderr)

import assessment_set  # noqa: E402
from machine import loadavg, machine_facts  # noqa: E402

from threatdesk.assessment import assess  # noqa: E402
from threatdesk.assessment.types import Facts  # noqa: E402
from threatdesk.reports.taxonomy import Channel, ElectionPhase, TargetRole, ThreatType  # noqa: E402

LEVELS = range(5)
STATE = "AZ"
ENGINE_FILES = ("threatdesk/assessment/engine.py", "threatdesk/assessment/indicators.py", "threatdesk/assessment/types.py")


def facts_of(item: dict[str, Any]) -> Facts:
    return Facts(
        text=item["text"],
        channel=item["channel"],
        state=STATE,
        target_role=item["target_role"],
        threat_types=tuple(item["threat_types"]),
        election_phase=item["election_phase"],
        protected_mentions=tuple(tuple(p) for p in item["protected_mentions"]),
        sender_history=tuple(item["sender_history"]),
    )


def engine_source() -> dict[str, Any]:
    """Which engine was measured: the commit, the files' hashes, and whether they differ from the commit."""
    out: dict[str, Any] = {"files": {}}
    for name in ENGINE_FILES:
        path = ROOT / name
        if path.exists():
            out["files"][name] = hashlib.sha256(path.read_bytes()).hexdigest()
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        git = ["git", "-C", str(ROOT)]
        out["git_head"] = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
        status = subprocess.run(
            [*git, "status", "--porcelain", "--", "threatdesk/assessment"], capture_output=True, text=True, check=True
        )
        out["uncommitted_changes"] = bool(status.stdout.strip())
    return out


def run_once(all_facts: list[Facts]) -> tuple[list[Any], float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    results = [assess(f) for f in all_facts]
    return results, time.perf_counter() - wall, time.process_time() - cpu


def described(item: dict[str, Any], result: Any) -> dict[str, Any]:
    return {
        "id": item["id"],
        "kind": item.get("kind", ""),
        "expected": item["level"],
        "predicted": result.level,
        "score": result.score,
        "text": item["text"],
        "channel": item["channel"],
        "why_expected": item["why"],
        "indicators": [{"code": i.code, "evidence": i.evidence} for i in result.indicators],
        "overrides": list(result.overrides),
        "explanation": result.explanation,
    }


def scores(items: list[dict[str, Any]], results: list[Any]) -> dict[str, Any]:
    n = len(items)
    confusion = [[0] * 5 for _ in LEVELS]
    for item, result in zip(items, results, strict=True):
        confusion[item["level"]][result.level] += 1
    exact = sum(confusion[i][i] for i in LEVELS)
    within_one = sum(confusion[i][j] for i in LEVELS for j in LEVELS if abs(i - j) <= 1)
    per_level = {}
    for lv in LEVELS:
        row = confusion[lv]
        total = sum(row)
        per_level[str(lv)] = {
            "n": total,
            "correct": row[lv],
            "accuracy": round(row[lv] / total, 3) if total else None,
            "predicted_higher": sum(row[lv + 1 :]),
            "predicted_lower": sum(row[:lv]),
        }
    pairs = list(zip(items, results, strict=True))
    serious = [(i, r) for i, r in pairs if i["level"] >= 3]
    dangerous = [(i, r) for i, r in serious if r.level <= 2]
    mild = [(i, r) for i, r in pairs if i["level"] <= 1]
    false_alarms = [(i, r) for i, r in mild if r.level >= 3]
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for item, result in pairs:
        tally = by_kind[item.get("kind") or "-"]
        tally[0] += 1
        tally[1] += result.level == item["level"]
    fired_by_level: dict[str, Counter[str]] = {str(lv): Counter() for lv in LEVELS}
    for item, result in pairs:
        fired_by_level[str(item["level"])].update(result.indicator_codes)
    return {
        "n": n,
        "accuracy": round(exact / n, 3),
        "within_one_level": round(within_one / n, 3),
        "mean_absolute_error": round(sum(abs(i["level"] - r.level) for i, r in pairs) / n, 3),
        "per_expected_level": per_level,
        "confusion": {"rows": "expected level 0-4", "columns": "predicted level 0-4", "matrix": confusion},
        "dangerous_misses": {
            "definition": "expected level 3 or 4, predicted 2 or below",
            "count": len(dangerous),
            "of": len(serious),
            "share": round(len(dangerous) / len(serious), 3) if serious else None,
            "items": [described(i, r) for i, r in dangerous],
        },
        "false_alarms": {
            "definition": "expected level 0 or 1, predicted 3 or 4",
            "count": len(false_alarms),
            "of": len(mild),
            "share": round(len(false_alarms) / len(mild), 3) if mild else None,
            "items": [described(i, r) for i, r in false_alarms],
        },
        "accuracy_by_kind": {
            k: {"n": t[0], "correct": t[1], "accuracy": round(t[1] / t[0], 3)}
            for k, t in sorted(by_kind.items(), key=lambda kv: (kv[1][1] / kv[1][0], kv[0]))
        },
        "indicators_fired_by_expected_level": {lv: dict(c.most_common()) for lv, c in fired_by_level.items()},
        "misses": [described(i, r) for i, r in pairs if i["level"] != r.level],
    }


SPLIT_NOTE = (
    "The engine's patterns were tuned while looking at the 'tuning' half (even positions in the set); "
    "the 'held_out' half (odd positions) was not looked at, so its figures are the honest ones."
)


def split_scores(items: list[dict[str, Any]], results: list[Any]) -> dict[str, Any]:
    """Accuracy on the half the rules were tuned on and on the half they were not."""
    out: dict[str, Any] = {"note": SPLIT_NOTE}
    for name, parity in (("tuning", 0), ("held_out", 1)):
        pairs = [(item, r) for i, (item, r) in enumerate(zip(items, results, strict=True)) if i % 2 == parity]
        exact = sum(1 for item, r in pairs if r.level == item["level"])
        within_one = sum(1 for item, r in pairs if abs(r.level - item["level"]) <= 1)
        dangerous = sum(1 for item, r in pairs if item["level"] >= 3 and r.level <= 2)
        false_alarms = sum(1 for item, r in pairs if item["level"] <= 1 and r.level >= 3)
        out[name] = {
            "n": len(pairs),
            "accuracy": round(exact / len(pairs), 3),
            "within_one_level": round(within_one / len(pairs), 3),
            "dangerous_misses": dangerous,
            "false_alarms": false_alarms,
        }
    return out


def print_report(s: dict[str, Any], timing: dict[str, Any], show: int) -> None:
    print(
        f"\n{s['n']} messages   accuracy {s['accuracy']:.1%}   within one level {s['within_one_level']:.1%}   "
        f"mean absolute error {s['mean_absolute_error']}"
    )
    print("\nconfusion (rows expected, columns predicted)")
    print("          " + "".join(f"{f'pred {j}':>8}" for j in LEVELS) + "     n  accuracy")
    for lv in LEVELS:
        row = s["confusion"]["matrix"][lv]
        acc = s["per_expected_level"][str(lv)]["accuracy"]
        print(f"expected {lv}" + "".join(f"{c:>8}" for c in row) + f"  {sum(row):>4}  {acc:>7.1%}")
    d, f = s["dangerous_misses"], s["false_alarms"]
    print(f"\ndangerous misses (expected 3-4, predicted <=2): {d['count']} of {d['of']} ({d['share']:.1%})")
    print(f"false alarms (expected 0-1, predicted >=3):     {f['count']} of {f['of']} ({f['share']:.1%})")
    print("\naccuracy by kind of case (worst first)")
    for kind, t in list(s["accuracy_by_kind"].items())[:15]:
        print(f"  {kind:<30} {t['correct']:>3}/{t['n']:<3} {t['accuracy']:.0%}")
    print(
        f"\ntiming: {timing['messages_per_s']:,.0f} messages/s wall (best of {timing['repeats']}), "
        f"{timing['messages_per_cpu_s']:,.0f} per CPU second, {timing['ms_per_message']:.3f} ms each"
    )
    if show:
        print(f"\nfirst {min(show, d['count'])} dangerous misses")
        for m in d["items"][:show]:
            codes = ", ".join(i["code"] for i in m["indicators"]) or "none"
            print(f"  {m['id']} expected {m['expected']} predicted {m['predicted']} [{codes}]\n    {m['text'][:150]!r}")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=5, help="timed passes over the set after one warm-up; the best counts")
    parser.add_argument("--show-misses", type=int, default=15, help="dangerous misses to print (all are in the JSON)")
    parser.add_argument("--out", type=Path, default=RESULTS / "assessment.json")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    started = dt.datetime.now(dt.UTC)
    load_at_start = loadavg()
    items = assessment_set.load()
    codes = {
        "channel": set(Channel.values),
        "target_role": set(TargetRole.values),
        "threat_types": set(ThreatType.values),
        "election_phase": set(ElectionPhase.values),
    }
    problems = assessment_set.check(items, codes)
    if problems:
        print("the set has problems:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 2
    all_facts = [facts_of(item) for item in items]

    results, _, _ = run_once(all_facts)  # warm-up: imports, compiled patterns; these results are scored
    passes = [run_once(all_facts)[1:] for _ in range(max(1, args.repeats))]
    best_wall = min(w for w, _ in passes)
    best_cpu = min(c for _, c in passes)
    timing = {
        "repeats": len(passes),
        "messages": len(all_facts),
        "best_wall_s": round(best_wall, 4),
        "median_wall_s": round(statistics.median(w for w, _ in passes), 4),
        "messages_per_s": round(len(all_facts) / best_wall, 1),
        "messages_per_cpu_s": round(len(all_facts) / best_cpu, 1) if best_cpu else None,
        "ms_per_message": round(1000 * best_wall / len(all_facts), 4),
    }
    s = scores(items, results)
    halves = split_scores(items, results)
    level_counts = Counter(item["level"] for item in items)
    out = {
        "benchmark": "assessment",
        "started": started.isoformat(timespec="seconds"),
        "set": {
            "source": "bench/assessment_set.py",
            "n": len(items),
            "by_level": {str(lv): level_counts[lv] for lv in LEVELS},
            "with_threat_types": sum(1 for i in items if i["threat_types"]),
            "with_protected_mentions": sum(1 for i in items if i["protected_mentions"]),
            "with_sender_history": sum(1 for i in items if i["sender_history"]),
            "state": STATE,
        },
        "engine": engine_source(),
        "django_setup_error": DJANGO_SETUP_ERROR or None,
        "split": halves,
        **{k: v for k, v in s.items() if k != "misses"},
        "timing": timing,
        "machine": {**machine_facts(), "loadavg_at_start": load_at_start, "loadavg_at_end": loadavg()},
        "misses": s["misses"],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
    print_report(s, timing, args.show_misses)
    for name in ("tuning", "held_out"):
        half = halves[name]
        print(
            f"{name:<10} n={half['n']:<4} accuracy {half['accuracy']:.1%}   within one {half['within_one_level']:.1%}   "
            f"dangerous misses {half['dangerous_misses']}   false alarms {half['false_alarms']}"
        )
    print(f"\nwrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
