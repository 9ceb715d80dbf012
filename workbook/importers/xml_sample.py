"""XML sample files → dataset items (step 5): the structure a client's messages really have.

Every element and attribute becomes an item keyed by its ``xml_path``
(``/Prescription/Item/@issueDate``). Evidence is pooled over every parent and every file
given together: an item is required (``1..``) when it is in every instance of its parent,
repeats (``..*``) when it occurs twice in one; its data type comes from every value seen
(see :mod:`workbook.importers.value_types`) and its example is the first value.
Elements with child elements or attributes but no text are ``group`` s.

Namespaces keep the document's own prefixes (``cda:section``); a namespace used without
a prefix (the default namespace) has none in the path, and one with a prefix already
taken gets ``ns1``, ``ns2``…; each root item's description lists the prefixes and their
URIs. An element with text mixed between its child elements (narrative with markup) is a
``text`` item whose example is its whole text; the markup elements inside it are not
items. CDATA is text like any other. ``xsi:schemaLocation`` and ``xsi:nil`` are not data.

Files stream through the parser (:mod:`workbook.importers.sample_walker` gathers the
evidence); a large file is read in two processes at once
(:mod:`workbook.importers.two_part_reading`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from workbook.db.store import Store
from workbook.files.dataset_sources import DatasetSource
from workbook.importers.dataset_items import Draft, cardinality, dataset_source
from workbook.importers.safe_xml import checked_size
from workbook.importers.sample_walker import MAX_DEPTH, Node, SampleWalker
from workbook.importers.two_part_reading import read_sample
from workbook.progress import Progress, no_progress

__all__ = ["MAX_BYTES", "MAX_DEPTH", "WHAT", "drafts", "read_xml_samples"]

MAX_BYTES = 1_000_000_000
WHAT = "an XML sample"


def read_xml_samples(
    store: Store, engagement_id: int, paths: Sequence[Path], progress: Progress = no_progress
) -> DatasetSource:
    """Read one or more sample files of the same structure into incoming data items."""
    sizes = [checked_size(path, MAX_BYTES, WHAT) for path in paths]
    walker = SampleWalker()
    done = 0
    for path, size in zip(paths, sizes, strict=True):
        walker.begin_document()
        read_sample(
            path,
            walker,
            max_bytes=MAX_BYTES,
            what=WHAT,
            progress=progress,
            done=done,
            total=sum(sizes),
        )
        done += size
    return dataset_source(store, engagement_id, drafts(walker))


def drafts(walker: SampleWalker) -> list[Draft]:
    """The data items the walker's evidence describes, each root's subtree in order."""
    out: list[Draft] = []
    for root in walker.roots.values():
        first = len(out)
        used = _walk(root, walker.documents, out)
        namespaces = walker.prefixes.describe(used)
        if namespaces:
            mixed = out[first].description
            out[first].description = f"{mixed}. {namespaces}" if mixed else namespaces
    return out


def _walk(root: Node, documents: int, out: list[Draft]) -> set[str]:
    """Depth-first drafts of ``root``'s subtree; returns the namespaces it uses."""
    used: set[str] = set()
    stack: list[tuple[Node, str | None, int, bool]] = [(root, None, documents, False)]
    while stack:
        node, parent_path, parent_instances, is_attribute = stack.pop()
        path = (parent_path or "") + ("/@" if is_attribute else "/") + node.qname
        if node.uri is not None:
            used.add(node.uri)
        mixed = node.mixed or bool(node.children and node.values.kinds)
        draft = Draft(
            path,
            parent_path,
            node.local,
            cardinality=cardinality(
                node.present == parent_instances, node.repeated and not is_attribute
            ),
            example=node.values.example,
        )
        attributes = [a for a in node.attributes.values() if a is not None]
        if mixed:
            draft.data_type = "text"
            markup = ", ".join(child.local for child in node.children.values())
            draft.description = f"Mixed content: text with markup ({markup})"
        elif node.children:
            draft.data_type = "group"
        else:
            draft.data_type = node.values.data_type() or ("group" if attributes else None)
        out.append(draft)
        below = [(a, path, node.instances, True) for a in attributes]
        if not mixed:
            below += [(c, path, node.instances, False) for c in node.children.values()]
        stack.extend(reversed(below))
    return used
