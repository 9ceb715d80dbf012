"""Fuzzing the client's XML: samples and XSD schemas into the dataset, BPMN into the process.

Seeds: the importer tests' samples (``tests/importers/samples``), changed as trees and as
bytes; and, for samples, documents generated from scratch.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.commands import import_dataset, import_process
from tests.fuzz.conftest import FuzzDatabase, feed
from tests.fuzz.mutations import NASTY_TEXT, Mutant, mutated_bytes, mutated_document
from workbook.db.store import Store
from workbook.services import collections, engagements

SAMPLES = Path(__file__).resolve().parents[1] / "importers" / "samples"
XML_SEEDS = {p.name: p.read_bytes() for p in sorted(SAMPLES.glob("*.xml"))}
XSD_FILES = sorted(p.relative_to(SAMPLES / "xsd").as_posix() for p in SAMPLES.rglob("*.xsd"))
XSD_MAIN = ("prescription.xsd", "referral.xsd")
BPMN_SEEDS = {p.name: p.read_bytes() for p in sorted((SAMPLES / "bpmn").glob("*.bpmn"))}


def fill(store: Store, _folder: Path) -> int:
    """An engagement with a dataset and a process, for imports to merge with or replace."""
    engagement = engagements.create(store, "Fuzzing")
    root = collections.add(
        store, "data_items", engagement, name="Prescription", xml_path="/Prescription"
    )
    collections.add(store, "data_items", engagement, name="Kept", parent_id=root, notes="mine")
    lane = collections.add(store, "process_lanes", engagement, name="Ward")
    collections.add(
        store, "process_nodes", engagement, kind="start_event", name="Start", lane_id=lane
    )
    return engagement


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FuzzDatabase]:
    opened = FuzzDatabase(tmp_path_factory.mktemp("xml"), fill)
    yield opened
    opened.close()


def choose_seed(seeds: dict[str, bytes]) -> st.SearchStrategy[tuple[str, Mutant]]:
    return st.sampled_from(sorted(seeds)).flatmap(
        lambda name: st.tuples(st.just(name), mutated_document(seeds[name]))
    )


# ------------------------------------------------------------------- XML samples


names = st.sampled_from(["Item", "Dose", "x", "ns:Item", "a-b", "_", "Ω", "Item2", "Item"])
values = st.sampled_from(NASTY_TEXT) | st.sampled_from(
    ["2024-02-30", "2024-01-01T10:00:00Z", "20240101", "9434765919", "1.5", "true", "ORAL",
     "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=" * 4, "550e8400-e29b-41d4-a716-446655440000",
     "2.16.840.1.113883", "-0", "00012", "1e5"]
) | st.text(max_size=12)  # fmt: skip


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


elements = st.recursive(
    st.tuples(names, st.dictionaries(names, values, max_size=2), values),
    lambda inner: st.tuples(
        names, st.dictionaries(names, values, max_size=2), st.lists(inner, max_size=5)
    ),
    max_leaves=25,
)


def render(element: Any) -> str:
    name, attributes, content = element
    name = name.replace("ns:", "")
    attrs = "".join(f' {k.replace("ns:", "")}="{_escape(v)}"' for k, v in attributes.items())
    inner = "".join(map(render, content)) if isinstance(content, list) else _escape(content)
    return f"<{name}{attrs}>{inner}</{name}>"


@given(documents=st.lists(elements, min_size=1, max_size=3))
def test_generated_xml_samples(
    database: FuzzDatabase, tmp_path: Path, documents: list[Any]
) -> None:
    paths = []
    for i, element in enumerate(documents):
        path = tmp_path / f"sample-{i}.xml"
        path.write_bytes(
            f'<?xml version="1.0"?>\n<Root xmlns:ns="urn:x">{render(element)}</Root>'.encode(
                "utf-8", "surrogatepass"
            )
        )
        paths.append(path)
    feed(database, import_dataset(database.value, *paths))


@given(seed=choose_seed(XML_SEEDS))
def test_changed_xml_samples(
    database: FuzzDatabase, tmp_path: Path, seed: tuple[str, Mutant]
) -> None:
    name, mutant = seed
    path = tmp_path / name
    path.write_bytes(mutant.value)
    feed(database, import_dataset(database.value, path))


# ------------------------------------------------------------------- XSD schemas


@given(
    changed=st.sampled_from(XSD_FILES).flatmap(
        lambda name: st.tuples(
            st.just(name), mutated_document((SAMPLES / "xsd" / name).read_bytes())
        )
    ),
    main=st.sampled_from(XSD_MAIN),
)
def test_changed_schemas(
    database: FuzzDatabase, tmp_path: Path, changed: tuple[str, Mutant], main: str
) -> None:
    folder = tmp_path / "xsd"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(SAMPLES / "xsd", folder)
    name, mutant = changed
    (folder / name).write_bytes(mutant.value)
    feed(database, import_dataset(database.value, folder / main))


# ------------------------------------------------------------------- BPMN


@given(seed=choose_seed(BPMN_SEEDS))
def test_changed_bpmn_models(
    database: FuzzDatabase, tmp_path: Path, seed: tuple[str, Mutant]
) -> None:
    name, mutant = seed
    path = tmp_path / name
    path.write_bytes(mutant.value)
    feed(database, import_process(database.value, path))


@given(data=st.data())
def test_damaged_bpmn_files(database: FuzzDatabase, tmp_path: Path, data: Any) -> None:
    name = data.draw(st.sampled_from(sorted(BPMN_SEEDS)))
    path = tmp_path / name
    path.write_bytes(data.draw(mutated_bytes(BPMN_SEEDS[name])).value)
    feed(database, import_process(database.value, path))
