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

Files stream through the parser: memory holds a bounded text per open element and bounded
statistics per distinct path, whatever the file's size.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from workbook.db.store import Store
from workbook.files.dataset_sources import DatasetSource
from workbook.importers.dataset_items import Draft, cardinality, dataset_source
from workbook.importers.namespaces import Prefixes
from workbook.importers.safe_xml import XmlFault, checked_size, parse, split_name
from workbook.importers.value_types import EXAMPLE_CHARS, ValueStats
from workbook.progress import Progress, no_progress

MAX_BYTES = 1_000_000_000
MAX_PATHS = 10_000
MAX_DEPTH = 100
WHAT = "an XML sample"
XSI_NAMESPACE = "http://www.w3.org/2001/XMLSchema-instance"
# about the document, not data; xsi:type stays, as it says what kind of value is there
_NOT_DATA = {(XSI_NAMESPACE, a) for a in ("schemaLocation", "noNamespaceSchemaLocation", "nil")}
_FLAT_CHARS = EXAMPLE_CHARS * 2  # text kept per element for a mixed-content example
MAX_VALUE_CHARS = 65_536  # of one value; the rest is not needed to tell its type
_MAX_PIECES = 64  # expat hands text over in pieces of up to 8 KB


class _Node:
    """Statistics for one path: how often it occurs, in how many parents, its values."""

    __slots__ = (
        "attributes",
        "children",
        "instances",
        "local",
        "mixed",
        "present",
        "qname",
        "repeated",
        "seen_in",
        "uri",
        "values",
    )

    def __init__(self, uri: str | None, local: str, qname: str, kinds: dict[str, str]) -> None:
        self.uri = uri
        self.local = local
        self.qname = qname
        self.children: dict[str, _Node] = {}
        self.attributes: dict[str, _Node | None] = {}  # None: not data (xsi:schemaLocation)
        self.instances = 0
        self.present = 0
        self.seen_in = 0
        self.repeated = False
        self.mixed = False
        self.values = ValueStats(kinds)


# An element being read is a list, for speed: its node; the text of its last child; once
# text is found directly in it between children (mixed content), the texts kept for its
# example (else None); and whether it has child elements.
_NODE, _LAST, _KEPT, _HAS_CHILDREN = range(4)


class _SampleWalker:
    """The parser target: pools the evidence of every file into one tree of paths."""

    def __init__(self) -> None:
        self.roots: dict[str, _Node] = {}
        self.documents = 0
        self.paths = 0
        self.stack: list[list] = []
        self.pending: list[str] = []  # text since the last tag
        self.data = self.pending.append
        self.prefixes = Prefixes()
        self.kinds: dict[str, str] = {}  # the kind of each value seen, for this import only

    def begin_document(self) -> None:
        self.documents += 1
        self.stack.clear()
        self.pending.clear()

    def start_ns(self, prefix: str | None, uri: str | None) -> None:
        self.prefixes.declare(prefix, uri)

    def _count_path(self) -> None:
        self.paths += 1
        if self.paths > MAX_PATHS:
            raise XmlFault(
                f"more than {MAX_PATHS:,} different elements and attributes: "
                "this does not look like a sample of one message structure"
            )

    def _new_node(self, name: str) -> _Node:
        self._count_path()
        uri, local = split_name(name)
        return _Node(uri, local, self.prefixes.qname(uri, local), self.kinds)

    def _new_attribute(self, element: _Node, name: str) -> _Node | None:
        uri, local = split_name(name)
        node = None
        if (uri, local) not in _NOT_DATA:
            self._count_path()
            node = _Node(uri, local, self.prefixes.qname(uri, local, attribute=True), self.kinds)
        element.attributes[name] = node
        return node

    # -- the parser's callbacks (data is the pending list's append) --------------------------

    def start(self, name: str, attrs: list[str]) -> None:
        stack = self.stack
        if stack:
            parent = stack[-1]
            pending = self.pending
            if pending:
                if len(pending) == 1 and pending[0].isspace():
                    pending.clear()  # layout between elements
                else:
                    self._direct_text(parent)
            parent[_HAS_CHILDREN] = True
            parent_node = parent[_NODE]
            children = parent_node.children
            node = children.get(name)
            if node is None:
                node = children[name] = self._new_node(name)
                if len(stack) >= MAX_DEPTH:
                    raise XmlFault(f"elements nested more than {MAX_DEPTH} deep")
            parent_instance = parent_node.instances  # numbers the parent's occurrences
        else:
            node = self.roots.get(name)
            if node is None:
                node = self.roots[name] = self._new_node(name)
            parent_instance = -self.documents
        if node.seen_in == parent_instance:
            node.repeated = True
        else:
            node.seen_in = parent_instance
            node.present += 1
        node.instances += 1
        if attrs:
            attributes = node.attributes
            for i in range(0, len(attrs), 2):
                attribute = attributes.get(attrs[i], False)
                if attribute is False:
                    attribute = self._new_attribute(node, attrs[i])
                if attribute is not None:
                    attribute.present += 1
                    value = attrs[i + 1].strip()
                    if value and value not in attribute.values.seen:
                        attribute.values.add(value)
        stack.append([node, "", None, False])

    def _direct_text(self, frame: list) -> None:
        """Text directly in an element, around its children: layout, or mixed content."""
        pending = self.pending
        text = "".join(pending)
        pending.clear()
        if not text.isspace():
            if frame[_KEPT] is None:  # now known to be mixed: keep its text from here
                frame[_KEPT] = [frame[_LAST]]
            _keep(frame[_KEPT], text)

    def end(self, _name: str) -> None:
        stack = self.stack
        pending = self.pending
        frame = stack.pop()
        node = frame[_NODE]
        if frame[_HAS_CHILDREN]:
            if pending:
                if len(pending) == 1 and pending[0].isspace():
                    pending.clear()  # layout before the end tag
                else:
                    self._direct_text(frame)
            if frame[_KEPT] is None:
                text = frame[_LAST]  # a group, or markup inside mixed content
            else:
                text = " ".join("".join(frame[_KEPT]).split())
                node.mixed = True
                node.values.add(text)
        elif pending:
            text = "".join(pending).strip()
            pending.clear()
            if text and text not in node.values.seen:
                node.values.add(text)
        else:
            return
        if text and stack:
            parent = stack[-1]
            if parent[_KEPT] is None:
                parent[_LAST] = text
            else:
                _keep(parent[_KEPT], text)

    def chunk_done(self) -> None:
        """Bound a text too long to finish within one chunk (an embedded document): its
        start is enough to show it and to tell base64 from text."""
        pending = self.pending
        if len(pending) > _MAX_PIECES:
            text = "".join(pending)
            pending[:] = [text[:MAX_VALUE_CHARS]]

    # -- the result -------------------------------------------------------------------------

    def drafts(self) -> list[Draft]:
        out: list[Draft] = []
        for root in self.roots.values():
            first = len(out)
            used = self._walk(root, self.documents, out)
            namespaces = self.prefixes.describe(used)
            if namespaces:
                mixed = out[first].description
                out[first].description = f"{mixed}. {namespaces}" if mixed else namespaces
        return out

    def _walk(self, root: _Node, documents: int, out: list[Draft]) -> set[str]:
        """Depth-first drafts of ``root``'s subtree; returns the namespaces it uses."""
        used: set[str] = set()
        stack: list[tuple[_Node, str | None, int, bool]] = [(root, None, documents, False)]
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


def _keep(kept: list[str], text: str) -> None:
    """Keep text for a mixed-content example, up to twice what an example shows."""
    if sum(map(len, kept)) < _FLAT_CHARS:
        kept.append(text[:_FLAT_CHARS])


def read_xml_samples(
    store: Store, engagement_id: int, paths: Sequence[Path], progress: Progress = no_progress
) -> DatasetSource:
    """Read one or more sample files of the same structure into incoming data items."""
    sizes = [checked_size(path, MAX_BYTES, WHAT) for path in paths]
    walker = _SampleWalker()
    done = 0
    for path, size in zip(paths, sizes, strict=True):
        walker.begin_document()
        parse(
            path,
            walker,
            max_bytes=MAX_BYTES,
            what=WHAT,
            progress=progress,
            done=done,
            total=sum(sizes),
        )
        done += size
    return dataset_source(store, engagement_id, walker.drafts())
