"""The Care Connect guidance on writing user stories, checked story by story (step 4).

A story is written from the clinician's or patient's point of view ("As a Pharmacist
(Hospital Services) I want … so that …"), has a secondary actor (the system or setting the
data comes from or goes to), says what is wanted and why without naming technology, has
acceptance criteria (clinical first) and belongs to a feature.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterator

from workbook.checks import Finding, check
from workbook.db.store import Store
from workbook.review.codes import finding
from workbook.review.facts import Actor, Facts, Story, load_facts

# acronyms matched only in capitals ("REST", not "the rest of"); words in any case
_ACRONYMS = re.compile(r"(?<![\w-])(REST|CDA)(?![\w-])")
_WORDS = re.compile(
    r"(?<![\w-])(fhir|hl7|apis?|json|xml|restful|https?|sql|endpoints?|web ?services?)(?![\w-])",
    re.IGNORECASE,
)
_NOT_CLINICAL = re.compile(
    r"(?<![\w-])(developers?|programmers?|testers?|engineers?|integrators?|integration|"
    r"suppliers?|vendors?|systems?|apis?|interfaces?|servers?|software|applications?|"
    r"database|epr|ehr|epma|pas)(?![\w-])",
    re.IGNORECASE,
)
NEAR = 0.85  # how alike two requirements' words must be for near-duplicates
_MIN_WORDS = 4  # shorter requirements are too terse to call duplicates


@check("user stories")
def check_stories(store: Store, engagement_id: int) -> list[Finding]:
    facts = load_facts(store, engagement_id)
    findings = list(actors_without_care_setting(facts))
    duplicates = duplicate_stories(facts.stories)
    same_refs = _same_refs(facts.stories)
    for story in facts.stories:
        findings += story_findings(facts, story)
        if story.id in same_refs:
            findings.append(same_refs[story.id])
        if story.id in duplicates:
            findings.append(duplicates[story.id])
    return findings


def _target(story: Story) -> tuple[str, int]:
    return ("user_stories", story.id)


def story_findings(facts: Facts, story: Story) -> Iterator[Finding]:
    """What the guidance says about one story on its own."""
    name, target = story.name, _target(story)
    if not story.requirement.strip():
        yield finding("story.no-requirement", name, "say what is wanted after “I want”", target)
    actor = facts.actors.get(story.actor_id) if story.actor_id else None
    if actor is None:
        yield finding(
            "story.no-actor",
            name,
            "say who wants this: choose a clinical or patient role as the actor",
            target,
        )
    elif not_clinical(actor):
        yield finding(
            "story.actor-not-clinical",
            name,
            f"written for {actor.label}{' (a system)' if actor.kind == 'system' else ''}: "
            "write it from the point of view of the clinician or patient who benefits",
            target,
        )
    if story.secondary_actor_id is None:
        yield finding(
            "story.no-secondary-actor",
            name,
            "no secondary actor (the system or setting the data comes from or goes to): "
            "it may not be an interoperability story",
            target,
        )
    if not (story.justification or "").strip():
        yield finding(
            "story.no-justification", name, "say why, in “so that …” or “because …”", target
        )
    if not story.criteria:
        yield finding(
            "story.no-criteria",
            name,
            "add acceptance criteria: what must be true for the story to be met",
            target,
        )
    elif all(c.kind == "technical" for c in story.criteria):
        yield finding(
            "story.only-technical-criteria",
            name,
            "every acceptance criterion is technical: add the clinical ones first",
            target,
        )
    named = technologies(story.requirement)
    if named:
        yield finding(
            "story.names-technology",
            name,
            f"the requirement names {', '.join(named)}: say what the clinician or patient "
            "needs, and leave how to the solution design",
            target,
        )
    if story.feature_id is None:
        yield finding(
            "story.no-feature", name, "put it in a feature that groups related stories", target
        )


def technologies(text: str) -> list[str]:
    """The technologies a requirement names, as written, each once."""
    found = [m.group(1) for m in _ACRONYMS.finditer(text)]
    found += [m.group(1) for m in _WORDS.finditer(text)]
    return list(dict.fromkeys(found))


def not_clinical(actor: Actor) -> bool:
    """A system, a developer, an interface: not someone a story is for."""
    return actor.kind == "system" or bool(_NOT_CLINICAL.search(actor.name))


def actors_without_care_setting(facts: Facts) -> Iterator[Finding]:
    """People who want things in stories, but not said where they work."""
    refs: dict[int, list[str]] = defaultdict(list)
    for story in facts.stories:
        if story.actor_id is not None:
            refs[story.actor_id].append(story.name)
    for actor_id, names in refs.items():
        actor = facts.actors.get(actor_id)
        if actor is None or actor.kind not in (None, "person") or not_clinical(actor):
            continue
        if not (actor.care_setting or "").strip():
            shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
            yield finding(
                "story.actor-no-care-setting",
                actor.name,
                f"the actor of {shown} has no care setting: say where they work, e.g. "
                "Pharmacist (Hospital Services)",
                ("actors", actor.id),
            )


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def duplicate_stories(stories: list[Story]) -> dict[int, Finding]:
    """Each story whose requirement reads like an earlier story's, with that story named.

    Requirements are compared word by word (``NEAR``: about one word in eight may
    differ), in order of length and only while the lengths could still be that close.
    """
    texts = [
        (len(words), i, story, words, frozenset(words))
        for i, story in enumerate(stories)
        if len(words := _normal(story.requirement).split()) >= _MIN_WORDS
    ]
    texts.sort(key=lambda t: (t[0], t[1]))
    alike: dict[int, tuple[int, Story, float]] = {}  # later story -> (position, earlier, ratio)
    for a, (length, i, story, words, kinds) in enumerate(texts):
        matcher = difflib.SequenceMatcher(None, [], words, autojunk=False)
        for other_length, j, other, other_words, other_kinds in texts[a + 1 :]:
            total = length + other_length
            if 2 * length / total < NEAR:
                break
            # at most the shared kinds of word, plus the repeats of one side, can match
            repeats = min(length - len(kinds), other_length - len(other_kinds))
            if 2 * (len(kinds & other_kinds) + repeats) / total < NEAR:
                continue
            matcher.set_seq1(other_words)
            if matcher.quick_ratio() < NEAR or (ratio := matcher.ratio()) < NEAR:
                continue
            earlier, later = (story, other) if i < j else (other, story)
            position = min(i, j)
            if later.id not in alike or position < alike[later.id][0]:
                alike[later.id] = (position, earlier, ratio)
    by_id = {s.id: s for s in stories}
    out = {}
    for later_id, (_position, earlier, ratio) in alike.items():
        later = by_id[later_id]
        how = "the same requirement as" if ratio == 1 else "nearly the same requirement as"
        out[later_id] = finding(
            "story.duplicate",
            later.name,
            f"{how} {earlier.name}: merge them, or say what makes them different",
            _target(later),
        )
    return out


def _same_refs(stories: list[Story]) -> dict[int, Finding]:
    seen: dict[str, Story] = {}
    out = {}
    for story in stories:
        ref = (story.ref or "").strip()
        if not ref:
            continue
        if ref in seen:
            out[story.id] = finding(
                "story.duplicate-ref",
                story.name,
                f"another story already has the ref {ref}: give this one its own",
                _target(story),
            )
        else:
            seen[ref] = story
    return out
