"""Search over a large user story catalogue.

    python benchmarks/bench_catalogue.py [--stories 100000] [--repeat 30]

Fills a new SQLite database with generated catalogue stories (bulk inserts; the FTS5
triggers index them as they go), then times :func:`workbook.catalogue.search.search` for a
few queries: common and rare words, prefixes as typed, filters alone and with words. Each
query runs ``--repeat`` times (after one warm-up); the figures are the median and the 95th
percentile, for the first page of results (200) with the total count, as the catalogue
window asks; the portable LIKE search (for other databases) is timed too, for comparison.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert

from workbook.catalogue import search
from workbook.catalogue.search import Query
from workbook.catalogue.storage import CatalogueCriterionRow, CatalogueStoryRow
from workbook.db.models import utcnow
from workbook.db.store import Store, open_store

ACTORS = [
    ("Pharmacist", "Hospital Services"),
    ("Pharmacist", "Community Pharmacy"),
    ("General Practitioner", "Primary Care General Practice"),
    ("Practice Nurse", "Primary Care General Practice"),
    ("District Nurse", "Community Services"),
    ("Patient", "Patient and Carer"),
    ("Carer", "Patient and Carer"),
    ("Paramedic", "Urgent and Emergency Care"),
    ("Social Worker", "Social Care"),
    ("Consultant", "Hospital Services"),
    ("Midwife", "Maternity Services"),
    ("Care Home Manager", "Social Care"),
]
SYSTEMS = ["Hospital EPMA", "GP Clinical System", "Community Pharmacy System", "Shared Care Record"]
VERBS = ["see", "view", "record", "update", "be told about", "share", "review", "print", "find"]
THINGS = [
    "the discharge medication list",
    "allergies and adverse reactions",
    "the latest blood results",
    "the care plan",
    "end of life preferences",
    "the referral and its outcome",
    "vaccinations given",
    "the maternity record",
    "safeguarding concerns",
    "the repeat prescription",
    "appointments booked",
    "the patient's language and communication needs",
]
REASONS = [
    "I can reconcile medicines safely",
    "I do not ask the patient again",
    "the right care is given first time",
    "I can plan the visit",
    "nothing is lost between settings",
]
FEATURES = [f"{thing.capitalize()} ({kind})" for thing in THINGS for kind in ("View", "Send")]
TAGS = ["pilot", "medication-safety", "reconciliation", "welsh-language", "dms", "urgent-care"]
CRITERIA = [
    "Every item shows who recorded it and when.",
    "The list is available within one hour.",
    "Access is limited to staff with a legitimate relationship.",
    "Nothing is shown for a patient who has opted out.",
    "Dates are shown in the UK format.",
]


def fill(store: Store, count: int, seed: int = 42) -> float:
    rng = random.Random(seed)
    started = time.perf_counter()
    now = utcnow()
    chunk = 5000
    with store.engine.begin() as conn:
        for first in range(1, count + 1, chunk):
            ids = range(first, min(first + chunk, count + 1))
            stories, criteria = [], []
            for ident in ids:
                actor, setting = rng.choice(ACTORS)
                stories.append(
                    {
                        "id": ident,
                        "feature": rng.choice(FEATURES),
                        "actor": actor,
                        "care_setting": setting,
                        "secondary_actor": rng.choice(SYSTEMS),
                        "requirement": f"to {rng.choice(VERBS)} {rng.choice(THINGS)} "
                        f"(story {ident})",
                        "justification": rng.choice(REASONS),
                        "priority": rng.choice(["must", "should", "could", None]),
                        "tags": rng.sample(TAGS, rng.randint(0, 2)),
                        "source": f"Engagement {ident % 40}",
                        "interactions": [f"GET {rng.choice(['List', 'Task', 'Observation'])}"],
                        "created": now,
                        "updated": now,
                    }
                )
                criteria += [
                    {"story_id": ident, "position": p, "text": text, "kind": "clinical"}
                    for p, text in enumerate(rng.sample(CRITERIA, 2))
                ]
            conn.execute(insert(CatalogueStoryRow), stories)
            conn.execute(insert(CatalogueCriterionRow), criteria)
    return time.perf_counter() - started


QUERIES = [
    ("whole catalogue", Query()),
    ("common word", Query("medication")),
    ("two words", Query("pharmacist discharge")),
    ("typing a prefix", Query("reconc")),
    ("rare phrase", Query("story 77777")),
    ("no match", Query("zebra")),
    ("filter only", Query(actor="District Nurse")),
    ("words + filters", Query("care plan", care_setting="Social Care", tags=("pilot",))),
    ("tag only", Query(tags=("welsh-language",))),
]


def timed(run, repeat: int) -> tuple[float, float]:
    run()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


def measure(stories: int = 100_000, repeat: int = 30) -> dict[str, Any]:
    """Seconds to fill the catalogue; per query (by label) its matches, the median and
    95th percentile of the FTS search in ms, and the median of the portable LIKE search."""
    figures: dict[str, Any] = {"stories": stories}
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "bench.sqlite")
        figures["fill seconds"] = fill(store, stories)
        for label, query in QUERIES:
            total = search.search(store, query).total
            median, p95 = timed(lambda q=query: search.search(store, q), repeat)

            def portable(q: Query = query) -> None:
                with store.session() as session:
                    search.search_portable(session, q, search.DEFAULT_LIMIT)

            like = timed(portable, max(3, repeat // 10))[0] if query.words else None
            figures[label] = {"matches": total, "median ms": median, "p95 ms": p95}
            figures[label]["LIKE median ms"] = like
        store.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    figures = measure(args.stories, args.repeat)
    print(f"{args.stories:,} stories written and indexed in {figures['fill seconds']:.1f} s")
    print(f"{'query':<18} {'matches':>8} {'median':>12} {'p95':>7} {'LIKE median':>12}")
    for label, _query in QUERIES:
        f = figures[label]
        like = f["LIKE median ms"]
        like_text = f"{like:10.1f} ms" if like is not None else f"{'-':>13}"
        print(
            f"{label:<18} {f['matches']:>8,} {f['median ms']:9.1f} ms {f['p95 ms']:5.1f} ms "
            f"{like_text}"
        )


if __name__ == "__main__":
    main()
