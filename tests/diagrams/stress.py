"""Generated diagram data at the sizes the layouts promise to handle: up to 30 nodes,
15 lanes and 40 messages, with long labels. Seeded, so every run draws the same.
"""

from __future__ import annotations

import random

from workbook.diagrams.references import STU3_REFERENCES
from workbook.diagrams.sources import (
    Actor,
    Graph,
    GraphEdge,
    GraphNode,
    Lane,
    Message,
    Process,
    ProcessFlow,
    ProcessNode,
    Profile,
    SequenceFlow,
    UseCase,
    UseCases,
)

WORDS = [
    "discharge",
    "medication",
    "list",
    "verified",
    "pharmacist",
    "practice",
    "hospital",
    "community",
    "referral",
    "record",
    "review",
    "summary",
    "NHS",
    "number",
    "allergy",
    "dose",
    "route",
    "frequency",
    "withheld",
    "restart",
    "date",
    "electronic",
    "prescribing",
    "integration",
    "engine",
    "facade",
    "Llanfair",
    "Pwllheli",
    "Ysbyty",
    "Gwynedd",
    "Tŵr",
    "Dŵr",
    "Ŵyn",
]


def words(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))).capitalize()


def graph(seed: int = 1, nodes: int = 30, edges: int = 40) -> Graph:
    rng = random.Random(seed)
    kinds = ("system", "person", "organisation", "store", "external", None)
    found = [GraphNode(f"n{i}", words(rng, 1, 7), kinds[i % len(kinds)]) for i in range(nodes)]
    links = []
    for i in range(edges):
        a, b = rng.randrange(nodes), rng.randrange(nodes)
        if i == 0:
            b = a  # a flow from a system to itself
        if i in (1, 2):
            a, b = 0, 1  # two flows between the same pair
        label = None if i % 9 == 3 else words(rng, 1, 8)
        links.append(
            GraphEdge(f"e{i}", f"n{a}", f"n{b}", label, ("flow", "issue", "planned")[i % 3])
        )
    return Graph(tuple(found), tuple(links))


def process(seed: int = 2, lanes: int = 15, nodes: int = 30, bounds: bool = False) -> Process:
    rng = random.Random(seed)
    kinds = (
        "user_task",
        "service_task",
        "task",
        "exclusive_gateway",
        "parallel_gateway",
        "inclusive_gateway",
        "intermediate_event",
        "manual_task",
        "send_task",
        "subprocess",
        "data_object",
        "annotation",
        "event_based_gateway",
        "receive_task",
    )
    found = []
    for i in range(nodes):
        kind = "start_event" if i == 0 else "end_event" if i == nodes - 1 else kinds[i % len(kinds)]
        lane = None if i == 5 else f"l{rng.randrange(lanes)}"  # one node in no lane
        box = (100.0 + 130 * i, 40.0 + 90 * rng.randrange(3), 100.0, 80.0) if bounds else None
        found.append(ProcessNode(f"n{i}", kind, words(rng, 1, 8), lane, box))
    flows = []
    for i in range(nodes - 1):
        label = words(rng, 1, 3) if found[i].kind.endswith("gateway") else None
        flows.append(ProcessFlow(f"f{i}", f"n{i}", f"n{i + 1}", label, "sequence"))
    flows += [
        ProcessFlow("back", f"n{nodes - 4}", "n3", "Try again", "sequence"),  # a loop
        ProcessFlow("skip", "n3", f"n{nodes - 6}", "Skip ahead", "sequence"),
        ProcessFlow("msg", "n7", "n12", "Notification", "message"),
        ProcessFlow("assoc", "n10", "n11", None, "association"),
    ]
    return Process(
        "Stress process",
        tuple(Lane(f"l{i}", words(rng, 1, 4)) for i in range(lanes)),
        tuple(found),
        tuple(flows),
    )


def use_cases(seed: int = 3, cases: int = 30, actors: int = 15) -> UseCases:
    rng = random.Random(seed)
    kinds = ("person", "system", "organisation", None)
    people = tuple(
        Actor(f"a{i}", words(rng, 1, 3), words(rng, 1, 4) if i % 4 else None, kinds[i % 4])
        for i in range(actors)
    )
    found = tuple(UseCase(f"u{i}", words(rng, 2, 9)) for i in range(cases))
    links = {(f"a{i % actors}", f"u{i}") for i in range(cases)}
    links |= {(f"a{rng.randrange(actors)}", f"u{rng.randrange(cases)}") for _ in range(cases)}
    includes = tuple((f"u{i}", f"u{i + 1}") for i in range(0, cases - 1, 5))
    extends = tuple((f"u{i + 7}", f"u{i}") for i in range(2, cases - 7, 9))
    return UseCases(words(rng, 3, 9), people, found, tuple(sorted(links)), includes, extends)


def sequence(seed: int = 4, participants: int = 8, messages: int = 40) -> SequenceFlow:
    rng = random.Random(seed)
    names = tuple(words(rng, 1, 4) for _ in range(participants))
    steps = []
    for i in range(messages):
        a = rng.randrange(participants)
        b = a if i % 11 == 5 else rng.randrange(participants)
        note = words(rng, 3, 20) if i % 7 == 2 else None
        steps.append(
            Message(names[a], names[b], words(rng, 1, 14), ("call", "reply", "async")[i % 3], note)
        )
    steps.append(Message(names[0], "Someone not listed", "Who?", None))
    return SequenceFlow("Stress sequence", "to_be", names, tuple(steps))


def profiles(seed: int = 5, count: int = 30) -> tuple[Profile, ...]:
    rng = random.Random(seed)
    types = sorted({*STU3_REFERENCES, "Patient", "Practitioner", "Organization", "Encounter"})
    found = []
    for i in range(count):
        kind = types[i % len(types)]
        elements = tuple(
            f"{kind}.{rng.choice(WORDS)}.{rng.choice(WORDS)}" for _ in range(rng.randint(0, 12))
        )
        found.append(Profile(f"p{i}", f"Stress-{kind}-{i}", kind, tuple(dict.fromkeys(elements))))
    return tuple(found)
