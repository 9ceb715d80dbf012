"""Crash test: kill the app with SIGKILL mid-edit, again and again, and lose nothing.

    python benchmarks/crash_test.py [--kills 1000] [--seed 1] [--keep FOLDER] [--json]

A child process (forked, so that it starts in milliseconds) opens the database and makes
edits through the service layer without end: data items added, renamed, moved in the tree
and deleted (with their sub-items, mappings and links), mappings, user stories with
acceptance criteria and their data item links, and step texts of up to 64 KB. Before each
edit it writes what it is about to do to a journal, and after the service call returns
(the edit is committed) that it was done; each journal line is fsync'd. The parent kills
it with SIGKILL at a random moment, then checks that the database opens with
``open_store``, passes ``PRAGMA integrity_check`` and ``PRAGMA foreign_key_check``, and
holds exactly the edits the journal says were done, plus, at most, the one edit that was
under way when the kill came (committed but not yet journaled). One kill in ten lands
while the child is still opening the database. Linux and macOS only (fork, SIGKILL).

Prints the figures, or with ``--json`` one JSON object; exits 1 if any check failed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import select
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import text

from workbook.db.store import Store, open_store
from workbook.services import collections, dataset, engagements, stages
from workbook.steps import STEP_KEYS

START_TIMEOUT = 30.0  # seconds for a child to open the database before the run is failed
MAX_ITEMS = 400  # the child deletes more once the dataset is this large
WORDS = (
    "NHS number", "discharge", "medication", "dose", "allergy", "Ysbyty", "ŵ ŷ", "café",
    "→", "🩺", "'quoted'", '"double"', "100%", "a\nb", "<b>x</b>", "=1+1", "",
)  # fmt: skip


@dataclass(frozen=True)
class State:
    """What the journal says the engagement holds (only what the crash test edits)."""

    items: dict[int, tuple[str, int | None, str | None]] = field(default_factory=dict)
    mappings: dict[int, tuple[int, str, str | None]] = field(default_factory=dict)
    stories: dict[int, tuple[str, str | None]] = field(default_factory=dict)
    criteria: dict[int, tuple[int, str]] = field(default_factory=dict)
    links: dict[int, tuple[int, ...]] = field(default_factory=dict)  # story: data items
    texts: dict[str, str] = field(default_factory=dict)

    def subtree(self, item_id: int) -> set[int]:
        found, frontier = {item_id}, [item_id]
        while frontier:
            parent = frontier.pop()
            children = [i for i, (_n, p, _x) in self.items.items() if p == parent]
            found.update(children)
            frontier += children
        return found


def read_state(store: Store, engagement_id: int) -> State:
    """The same facts, read from the database."""
    with store.engine.connect() as conn:

        def rows(sql: str) -> list[Any]:
            return list(conn.execute(text(sql), {"e": engagement_id}))

        items = rows("SELECT id, name, parent_id, notes FROM data_items WHERE engagement_id = :e")
        stories = rows("SELECT id, requirement, notes FROM user_stories WHERE engagement_id = :e")
        story_ids = "SELECT id FROM user_stories WHERE engagement_id = :e"
        links: dict[int, tuple[int, ...]] = {}
        for story, item in rows(
            f"SELECT story_id, data_item_id FROM story_data_items WHERE story_id IN ({story_ids})"
            " ORDER BY story_id, position, id"
        ):
            links[story] = (*links.get(story, ()), item)
        return State(
            items={r.id: (r.name, r.parent_id, r.notes) for r in items},
            mappings={
                r.id: (r.data_item_id, r.profile, r.element_path)
                for r in rows(
                    "SELECT id, data_item_id, profile, element_path FROM mappings "
                    "WHERE engagement_id = :e"
                )
            },
            stories={r.id: (r.requirement, r.notes) for r in stories},
            criteria={
                r.id: (r.story_id, r.text)
                for r in rows(
                    f"SELECT id, story_id, text FROM acceptance_criteria "
                    f"WHERE story_id IN ({story_ids})"
                )
            },
            links=links,
            texts={
                r.key: r.text
                for r in rows("SELECT key, text FROM stages WHERE engagement_id = :e")
                if r.text
            },
        )


# An edit is a JSON-able dict: {"op": name, ...arguments}. Each has a service call that
# makes it and a pure function that gives the state after it (``new`` is the id an add made).


def _without_items(state: State, gone: set[int]) -> State:
    return replace(
        state,
        items={i: v for i, v in state.items.items() if i not in gone},
        mappings={i: v for i, v in state.mappings.items() if v[0] not in gone},
        links={
            s: kept
            for s, ids in state.links.items()
            if (kept := tuple(i for i in ids if i not in gone))
        },
    )


def after(state: State, edit: dict[str, Any], new: int | None) -> State:
    op = edit["op"]
    if op == "add_item":
        return replace(state, items={**state.items, new: (edit["name"], edit["parent"], None)})
    if op == "update_item":
        name, parent, _notes = state.items[edit["id"]]
        items = {**state.items, edit["id"]: (edit["name"], parent, edit["notes"])}
        return replace(state, items=items)
    if op == "move_item":
        name, _parent, notes = state.items[edit["id"]]
        return replace(state, items={**state.items, edit["id"]: (name, edit["parent"], notes)})
    if op == "delete_item":
        return _without_items(state, state.subtree(edit["id"]))
    if op == "add_mapping":
        mapping = (edit["item"], edit["profile"], edit["path"])
        return replace(state, mappings={**state.mappings, new: mapping})
    if op == "delete_mapping":
        return replace(state, mappings={i: v for i, v in state.mappings.items() if i != edit["id"]})
    if op == "add_story":
        return replace(state, stories={**state.stories, new: (edit["requirement"], None)})
    if op == "update_story":
        requirement, _notes = state.stories[edit["id"]]
        return replace(state, stories={**state.stories, edit["id"]: (requirement, edit["notes"])})
    if op == "delete_story":
        story = edit["id"]
        return replace(
            state,
            stories={i: v for i, v in state.stories.items() if i != story},
            criteria={i: v for i, v in state.criteria.items() if v[0] != story},
            links={s: v for s, v in state.links.items() if s != story},
        )
    if op == "add_criterion":
        criterion = (edit["story"], edit["text"])
        return replace(state, criteria={**state.criteria, new: criterion})
    if op == "link_items":
        links = {s: v for s, v in state.links.items() if s != edit["story"]}
        if edit["items"]:
            links[edit["story"]] = tuple(edit["items"])
        return replace(state, links=links)
    if op == "set_text":
        texts = {k: v for k, v in state.texts.items() if k != edit["key"]}
        if edit["text"]:
            texts[edit["key"]] = edit["text"]
        return replace(state, texts=texts)
    raise ValueError(f"unknown edit {op}")


NEW_ID_OF = {"add_item": "items", "add_mapping": "mappings", "add_story": "stories"}
NEW_ID_OF["add_criterion"] = "criteria"


def perform(store: Store, engagement_id: int, edit: dict[str, Any]) -> int | None:
    """Make one edit through the services; the id of what an add made."""
    op, e = edit["op"], edit
    if op == "add_item":
        return collections.add(
            store, "data_items", engagement_id, name=e["name"], parent_id=e["parent"]
        )
    if op == "update_item":
        collections.update(store, "data_items", e["id"], name=e["name"], notes=e["notes"])
    elif op == "move_item":
        dataset.move(store, e["id"], e["parent"], e["position"])
    elif op == "delete_item":
        collections.delete(store, "data_items", e["id"])
    elif op == "add_mapping":
        return collections.add(
            store, "mappings", engagement_id, data_item_id=e["item"], profile=e["profile"],
            element_path=e["path"],
        )  # fmt: skip
    elif op == "delete_mapping":
        collections.delete(store, "mappings", e["id"])
    elif op == "add_story":
        return collections.add(store, "user_stories", engagement_id, requirement=e["requirement"])
    elif op == "update_story":
        collections.update(store, "user_stories", e["id"], notes=e["notes"])
    elif op == "delete_story":
        collections.delete(store, "user_stories", e["id"])
    elif op == "add_criterion":
        return collections.add(store, "acceptance_criteria", e["story"], text=e["text"])
    elif op == "link_items":
        collections.set_links(store, "user_stories", e["story"], "data_items", e["items"])
    elif op == "set_text":
        stages.set_text(store, engagement_id, e["key"], e["text"])
    return None


def _words(rng: random.Random, most: int = 6) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, most))).strip() or "item"


def choose(rng: random.Random, state: State) -> dict[str, Any]:
    """A valid edit for this state, with more deletes once the dataset is large."""
    items, stories = sorted(state.items), sorted(state.stories)
    deleting = len(items) > MAX_ITEMS
    weights: dict[str, float] = {
        "add_item": 0 if deleting else 6,
        "set_text": 2,
        "add_story": 1 if len(stories) < 60 else 0,
    }
    if items:
        weights |= {"update_item": 3, "move_item": 2, "add_mapping": 2}
        weights["delete_item"] = 8 if deleting else 1
    if state.mappings:
        weights["delete_mapping"] = 1
    if stories:
        weights |= {"update_story": 1, "delete_story": 0.3, "add_criterion": 2, "link_items": 1}
    op = rng.choices(list(weights), list(weights.values()))[0]
    if op == "add_item":
        return {"op": op, "name": _words(rng), "parent": rng.choice([None, *items])}
    if op == "update_item":
        notes = _words(rng, 30) if rng.random() < 0.8 else None
        return {"op": op, "id": rng.choice(items), "name": _words(rng), "notes": notes}
    if op == "move_item":
        moved = rng.choice(items)
        inside = state.subtree(moved)
        parent = rng.choice([None, *(i for i in items if i not in inside)])
        return {"op": op, "id": moved, "parent": parent, "position": rng.randint(0, 5)}
    if op == "delete_item":
        return {"op": op, "id": rng.choice(items)}
    if op == "add_mapping":
        path = rng.choice(["Patient.identifier.value", "Patient.name.family", None])
        return {
            "op": op,
            "item": rng.choice(items),
            "profile": "CareConnect-Patient-1",
            "path": path,
        }
    if op == "delete_mapping":
        return {"op": op, "id": rng.choice(sorted(state.mappings))}
    if op == "add_story":
        return {"op": op, "requirement": _words(rng, 12)}
    if op == "update_story":
        return {"op": op, "id": rng.choice(stories), "notes": _words(rng, 20)}
    if op == "delete_story":
        return {"op": op, "id": rng.choice(stories)}
    if op == "add_criterion":
        return {"op": op, "story": rng.choice(stories), "text": _words(rng, 10)}
    if op == "link_items":
        chosen = rng.sample(items, min(len(items), rng.randint(0, 4)))
        return {"op": op, "story": rng.choice(stories), "items": chosen}
    size = rng.choice([0, 10, 200, 4_000, 65_536])
    return {"op": "set_text", "key": rng.choice(STEP_KEYS), "text": (_words(rng, 40) * 2000)[:size]}


def _append(fd: int, entry: dict[str, Any]) -> None:
    os.write(fd, (json.dumps(entry) + "\n").encode())
    os.fsync(fd)


def child(db: Path, journal: Path, engagement_id: int, seed: int, ready: int) -> None:
    """Edit until killed; every edit journaled as intended, then as done once committed."""
    store = open_store(db)
    state = read_state(store, engagement_id)
    os.write(ready, b"r")
    rng = random.Random(seed)
    fd = os.open(journal, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    while True:
        edit = choose(rng, state)
        _append(fd, {"intent": edit})
        new = perform(store, engagement_id, edit)
        _append(fd, {"done": True, "new": new})
        state = after(state, edit, new)


@dataclass
class Figures:
    kills: int = 0
    edits_journaled: int = 0
    kills_while_opening: int = 0  # before the child had started its first edit
    kills_mid_edit_committed: int = 0  # the edit under way had committed, not yet journaled
    kills_mid_edit_not_committed: int = 0  # ...had not committed, and left no trace
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0
    final_items: int = 0
    database_mb: float = 0.0


def read_journal(
    journal: Path, offset: int
) -> tuple[list[tuple[dict, int | None]], dict | None, int]:
    """Edits done (with the id each add made) after ``offset``, the edit under way, new offset."""
    with journal.open("rb") as f:
        f.seek(offset)
        data = f.read()
    done: list[tuple[dict, int | None]] = []
    pending = None
    for line in data.splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue  # a line the kill cut short: its edit counts as not journaled
        if "intent" in entry:
            pending = entry["intent"]
        elif pending is not None:
            done.append((pending, entry["new"]))
            pending = None
    return done, pending, offset + len(data)


def check(db: Path, engagement_id: int, expected: State, pending: dict | None) -> tuple[State, str]:
    """Open the killed child's database and compare it with the journal.

    Returns the state found and how the pending edit ended ("", "committed", "not
    committed"); raises AssertionError with what is wrong.
    """
    store = open_store(db)
    try:
        with store.engine.connect() as conn:
            integrity = [r[0] for r in conn.execute(text("PRAGMA integrity_check"))]
            foreign = list(conn.execute(text("PRAGMA foreign_key_check")))
        assert integrity == ["ok"], f"integrity_check: {integrity[:5]}"
        assert not foreign, f"foreign_key_check: {foreign[:5]}"
        found = read_state(store, engagement_id)
    finally:
        store.close()
    if found == expected:
        return found, "not committed" if pending else ""
    if pending is not None:
        new = None
        if pending["op"] in NEW_ID_OF:
            kind = NEW_ID_OF[pending["op"]]
            extra = set(getattr(found, kind)) - set(getattr(expected, kind))
            new = extra.pop() if len(extra) == 1 else None
        if found == after(expected, pending, new):
            return found, "committed"
    raise AssertionError(
        f"the database does not hold what the journal says: {_diff(expected, found)}"
    )


def _diff(expected: State, found: State) -> str:
    out = []
    for name, want in asdict(expected).items():
        have = asdict(found)[name]
        missing = {k: v for k, v in want.items() if have.get(k) != v}
        extra = {k: v for k, v in have.items() if want.get(k) != v}
        if missing or extra:
            out.append(f"{name}: expected {str(missing)[:200]}, found {str(extra)[:200]}")
    return "; ".join(out)


def run(
    kills: int,
    folder: Path,
    seed: int = 1,
    max_run: float = 0.25,
    progress: Callable[[int, Figures], None] | None = None,
) -> Figures:
    """Kill ``kills`` children; the database and journal are kept in ``folder``."""
    db, journal = folder / "crash.sqlite", folder / "journal.jsonl"
    store = open_store(db)
    engagement_id = engagements.create(store, "Crash test")
    state = read_state(store, engagement_id)
    store.close()
    journal.touch()
    rng, figures, offset = random.Random(seed), Figures(), 0
    started = time.perf_counter()
    for kill in range(kills):
        ready_read, ready_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns, never runs the parent's clean-up
            try:
                os.close(ready_read)
                child(db, journal, engagement_id, rng.randrange(2**32) + kill, ready_write)
            finally:
                os._exit(1)
        os.close(ready_write)
        while_opening = rng.random() < 0.1
        if while_opening:
            time.sleep(rng.uniform(0, 0.05))
        else:
            if not select.select([ready_read], [], [], START_TIMEOUT)[0] or not os.read(
                ready_read, 1
            ):
                figures.failures.append(f"kill {kill}: the child did not open the database")
            time.sleep(rng.uniform(0, max_run))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        os.close(ready_read)
        figures.kills += 1
        if not os.WIFSIGNALED(status) or os.WTERMSIG(status) != signal.SIGKILL:
            figures.failures.append(f"kill {kill}: the child stopped by itself (status {status})")
            break
        done, pending, offset = read_journal(journal, offset)
        figures.edits_journaled += len(done)
        if not done and pending is None:
            figures.kills_while_opening += 1
        expected = state
        for edit, new in done:
            expected = after(expected, edit, new)
        try:
            state, ended = check(db, engagement_id, expected, pending)
        except Exception as exc:  # every failure is a finding, to report
            figures.failures.append(f"kill {kill}: {type(exc).__name__}: {exc}")
            break
        if ended == "committed":
            figures.kills_mid_edit_committed += 1
        elif ended == "not committed":
            figures.kills_mid_edit_not_committed += 1
        if progress:
            progress(kill + 1, figures)
    figures.seconds = time.perf_counter() - started
    figures.final_items = len(state.items)
    figures.database_mb = sum(p.stat().st_size for p in folder.glob("crash.sqlite*")) / 1e6
    return figures


def report(figures: Figures) -> list[str]:
    mid = figures.kills_mid_edit_committed + figures.kills_mid_edit_not_committed
    return [
        f"kills survived        {figures.kills - len(figures.failures):,} of {figures.kills:,}"
        f" in {figures.seconds:.0f} s",
        f"edits journaled       {figures.edits_journaled:,}, every one found after its kill",
        f"killed mid-edit       {mid:,} ({figures.kills_mid_edit_committed:,} had committed "
        f"and were found whole, {figures.kills_mid_edit_not_committed:,} had not and left "
        "no trace)",
        f"killed while opening  {figures.kills_while_opening:,}",
        f"final dataset         {figures.final_items:,} items, "
        f"database {figures.database_mb:.1f} MB",
        *(f"FAILED: {f}" for f in figures.failures),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-run", type=float, default=0.25, help="seconds a child may edit")
    parser.add_argument("--keep", type=Path, help="keep the database and journal in this folder")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    def progress(done: int, figures: Figures) -> None:
        if not args.json and done % 100 == 0:
            print(f"  {done} kills, {figures.edits_journaled:,} edits", flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        figures = run(args.kills, folder, args.seed, args.max_run, progress)
    print(json.dumps(asdict(figures)) if args.json else "\n".join(report(figures)))
    sys.exit(1 if figures.failures else 0)


if __name__ == "__main__":
    main()
