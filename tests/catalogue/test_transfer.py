"""Promote engagement stories into the catalogue, use them elsewhere, and compare."""

from __future__ import annotations

import pytest

from workbook.catalogue import service, transfer
from workbook.catalogue.model import CatalogueStory, Criterion
from workbook.catalogue.transfer import Difference
from workbook.db.store import Store
from workbook.errors import InvalidValueError, NotFoundError
from workbook.files.engagement_file import export_document
from workbook.services import collections, engagements

TITLE = "Sharing discharge medication with GP practices and community pharmacies"


def test_promoting_copies_the_story_with_names_criteria_tags_and_interactions(
    store: Store, demo_story_ids: dict[str, int]
) -> None:
    result = transfer.promote(store, demo_story_ids["US-003"])
    assert (result.created, result.linked) == (True, True)
    story = service.get(store, result.catalogue_id)
    assert story == CatalogueStory(
        id=result.catalogue_id,
        feature="Discharge Medication List (View)",
        actor="Pharmacist",
        care_setting="Community Pharmacy",
        secondary_actor="Community Pharmacy System",
        requirement="to view the discharge medication list of a patient who has nominated "
        "my pharmacy",
        justification="I can check their first prescription after discharge and catch "
        "discrepancies before I dispense",
        priority="must",
        criteria=(
            Criterion(
                "I can find the list by NHS number for a patient discharged in the last 28 days.",
                "clinical",
            ),
            Criterion(
                "The list shows the quantity the hospital supplied, so I know when the patient "
                "will need more.",
                "clinical",
            ),
            Criterion(
                "Access is limited to pharmacies with a legitimate relationship (nomination or "
                "open referral).",
                "technical",
            ),
        ),
        tags=("dms", "pilot"),
        source=TITLE,
        interactions=("GET List", "GET MedicationStatement", "GET MedicationRequest"),
    )
    assert transfer.origin(store, demo_story_ids["US-003"]) == result.catalogue_id


def test_promoting_again_returns_the_story_already_there(
    store: Store, demo_story_ids: dict[str, int]
) -> None:
    first = transfer.promote(store, demo_story_ids["US-001"])
    again = transfer.promote(store, demo_story_ids["US-001"])
    assert again == transfer.Promotion(first.catalogue_id, created=False, linked=False)
    assert service.count(store) == 1


def test_promoting_the_same_story_from_another_engagement_links_it_to_the_existing_one(
    store: Store, demo_id: int, demo_story_ids: dict[str, int]
) -> None:
    first = transfer.promote(store, demo_story_ids["US-004"])
    copy_id = engagements.duplicate(store, demo_id, "Copy")
    copied = {r["ref"]: r["id"] for r in collections.rows(store, "user_stories", copy_id)}
    collections.update(
        store,
        "user_stories",
        copied["US-004"],
        requirement="  TO SEE allergies "
        "and adverse reactions recorded or confirmed during the admission "
        "alongside the discharge medicines ",
    )
    again = transfer.promote(store, copied["US-004"])
    assert again == transfer.Promotion(first.catalogue_id, created=False, linked=True)
    assert service.count(store) == 1


def test_a_story_without_its_requirement_is_not_promoted(store: Store, demo_id: int) -> None:
    story_id = collections.add(store, "user_stories", demo_id, requirement=" ")
    with pytest.raises(InvalidValueError, match="write the story's requirement"):
        transfer.promote(store, story_id)
    assert service.count(store) == 0


def test_using_a_story_creates_actors_and_feature_the_engagement_lacks(
    store: Store, promoted: dict[str, int]
) -> None:
    target = engagements.create(store, "Community pharmacy pilot")
    existing = collections.add(
        store, "actors", target, name="pharmacist", care_setting="community pharmacy"
    )
    collections.add(store, "user_stories", target, ref="US-007", requirement="earlier story")
    used = transfer.use(store, target, promoted["US-003"])
    assert used.ref == "US-008"
    story = collections.get(store, "user_stories", used.story_id)
    assert story["actor_id"] == existing  # reused: same name and care setting, any case
    actors = collections.rows(store, "actors", target)
    features = collections.rows(store, "features", target)
    assert [(a["name"], a["care_setting"]) for a in actors] == [
        ("pharmacist", "community pharmacy"),
        ("Community Pharmacy System", None),
    ]
    assert [f["name"] for f in features] == ["Discharge Medication List (View)"]
    assert used.created == [
        ("actors", actors[1]["id"]),
        ("features", features[0]["id"]),
        ("user_stories", used.story_id),
    ]
    assert (story["secondary_actor_id"], story["feature_id"]) == (
        actors[1]["id"],
        features[0]["id"],
    )
    assert (story["priority"], story["status"], story["tags"]) == (
        "must",
        "draft",
        ["dms", "pilot"],
    )
    criteria = collections.rows(store, "acceptance_criteria", used.story_id)
    assert [(c["kind"], c["text"][:24]) for c in criteria] == [
        ("clinical", "I can find the list by N"),
        ("clinical", "The list shows the quant"),
        ("technical", "Access is limited to pha"),
    ]
    assert transfer.origin(store, used.story_id) == promoted["US-003"]


def test_using_a_story_twice_in_one_engagement_is_refused(
    store: Store, promoted: dict[str, int]
) -> None:
    target = engagements.create(store, "Twice")
    transfer.use(store, target, promoted["US-005"])
    before = export_document(store, target)["engagement"]
    with pytest.raises(InvalidValueError, match=r"already in this engagement as US-001"):
        transfer.use(store, target, promoted["US-005"])
    assert export_document(store, target)["engagement"] == before


def test_a_use_that_fails_half_way_leaves_the_engagement_as_it_was(
    store: Store, promoted: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = engagements.create(store, "Half way")
    before = export_document(store, target)["engagement"]
    add = collections.add

    def refuse_criteria(store: Store, collection: str, *args, **values):
        if collection == "acceptance_criteria":
            raise InvalidValueError("text: refused for the test")
        return add(store, collection, *args, **values)

    monkeypatch.setattr(transfer.collections, "add", refuse_criteria)
    with pytest.raises(InvalidValueError, match="refused for the test"):
        transfer.use(store, target, promoted["US-001"])
    after = export_document(store, target)["engagement"]
    assert {k: v for k, v in after.items() if k != "updated"} == {
        k: v for k, v in before.items() if k != "updated"
    }


def test_using_a_missing_story_or_engagement_changes_nothing(
    store: Store, promoted: dict[str, int]
) -> None:
    target = engagements.create(store, "Nothing")
    with pytest.raises(NotFoundError, match="no catalogue story with id 999"):
        transfer.use(store, target, 999)
    with pytest.raises(NotFoundError, match="no engagement with id 999"):
        transfer.use(store, 999, promoted["US-001"])
    assert collections.rows(store, "user_stories", target) == []


def test_compare_says_what_changed_on_which_side(store: Store, promoted: dict[str, int]) -> None:
    target = engagements.create(store, "Compare")
    used = transfer.use(store, target, promoted["US-004"])
    assert transfer.compare(store, used.story_id).differences == []

    collections.update(store, "user_stories", used.story_id, priority="could", tags=["allergy"])
    original = service.get(store, promoted["US-004"])
    service.update(
        store,
        promoted["US-004"],
        CatalogueStory(
            requirement=original.requirement,
            actor=original.actor,
            care_setting=original.care_setting,
            secondary_actor=original.secondary_actor,
            justification="I never prescribe what the patient reacted to",
            feature=original.feature,
            priority=original.priority,
            criteria=original.criteria[:1],
            tags=("allergy", "safety"),
        ),
    )
    comparison = transfer.compare(store, used.story_id)
    assert comparison.catalogue_id == promoted["US-004"]
    assert comparison.differences == [
        Difference(
            "justification",
            "I do not prescribe a medicine the patient reacted to while in hospital",
            "I never prescribe what the patient reacted to",
            "catalogue",
        ),
        Difference("priority", "could", "must", "engagement"),
        Difference(
            "acceptance_criteria",
            [
                "clinical: Each allergy shows the causative agent, the reaction and its severity.",
                "clinical: If no allergies are known, the record says so explicitly rather than "
                "being empty.",
            ],
            ["clinical: Each allergy shows the causative agent, the reaction and its severity."],
            "catalogue",
        ),
        Difference("tags", ["allergy"], ["allergy", "safety"], "both"),
    ]


def test_a_story_not_from_the_catalogue_has_nothing_to_compare(
    store: Store, demo_story_ids: dict[str, int]
) -> None:
    assert transfer.compare(store, demo_story_ids["US-002"]) is None
    with pytest.raises(NotFoundError):
        transfer.compare(store, 999)


def test_deleting_either_story_removes_the_link_and_undo_restores_it(
    store: Store, demo_story_ids: dict[str, int], promoted: dict[str, int]
) -> None:
    story_id = demo_story_ids["US-006"]
    snapshot = collections.delete(store, "user_stories", story_id)
    assert transfer.promote(store, demo_story_ids["US-005"]).linked is False
    collections.restore(store, snapshot)
    assert transfer.origin(store, story_id) == promoted["US-006"]

    snapshot = service.delete(store, [promoted["US-006"]])
    assert transfer.origin(store, story_id) is None
    collections.restore(store, snapshot)
    assert transfer.origin(store, story_id) == promoted["US-006"]
    assert service.get(store, promoted["US-006"]).requirement.startswith("to accept or decline")


def test_unlinking_a_story_can_be_undone(
    store: Store, demo_story_ids: dict[str, int], promoted: dict[str, int]
) -> None:
    snapshot = transfer.forget_origin(store, demo_story_ids["US-007"])
    assert transfer.origin(store, demo_story_ids["US-007"]) is None
    with pytest.raises(NotFoundError, match="did not come from the catalogue"):
        transfer.forget_origin(store, demo_story_ids["US-007"])
    collections.restore(store, snapshot)
    assert transfer.origin(store, demo_story_ids["US-007"]) == promoted["US-007"]


def test_removing_stories_from_the_catalogue_can_be_undone(
    store: Store, promoted: dict[str, int]
) -> None:
    removed = [promoted["US-001"], promoted["US-002"]]
    snapshot = service.delete(store, removed)
    assert service.count(store) == 12
    with pytest.raises(NotFoundError, match=f"no catalogue story with id {removed[0]}"):
        service.delete(store, removed)
    collections.restore(store, snapshot)
    assert [s.id for s in service.get_many(store, removed)] == removed
    assert len(service.get(store, removed[0]).criteria) == 3


def test_finding_a_story_by_reference(store: Store, demo_id: int, demo_story_ids) -> None:
    assert transfer.find_story(store, demo_id, "us-002") == demo_story_ids["US-002"]
    with pytest.raises(NotFoundError, match="no story US-099 in engagement"):
        transfer.find_story(store, demo_id, "US-099")


@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("GET", "/MedicationStatement?patient.identifier=x", "GET MedicationStatement"),
        ("PUT", "/Task/{id}", "PUT Task"),
        ("GET", "[baseUrl]/List?patient=1", "GET List"),
        ("POST", "/", "POST"),
    ],
)
def test_interactions_are_named_by_method_and_resource(method, path, expected) -> None:
    assert transfer.interaction(method, path) == expected
