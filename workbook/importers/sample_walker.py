"""The evidence XML sample files give about their structure, gathered while they stream.

A :class:`SampleWalker` is the parser's target: every element and attribute path becomes
a node that counts how often it occurs, in how many of its parents and whether it repeats
within one, and keeps what its values say about their type
(:class:`workbook.importers.value_types.ValueStats`). Evidence is pooled over every parent
and every file given together. Memory holds a bounded text per open element and bounded
statistics per distinct path, whatever the file's size.

A walker can also take in the evidence another walker gathered from the second part of
the same file (:meth:`SampleWalker.absorb_part`, for a large file read in two processes).
This module imports nothing heavy, as that other process starts with it.
"""

from __future__ import annotations

from workbook.importers.namespaces import Prefixes
from workbook.importers.safe_xml import XmlFault, split_name
from workbook.importers.value_types import EXAMPLE_CHARS, ValueStats

MAX_PATHS = 10_000
MAX_DEPTH = 100
XSI_NAMESPACE = "http://www.w3.org/2001/XMLSchema-instance"
# about the document, not data; xsi:type stays, as it says what kind of value is there
_NOT_DATA = {(XSI_NAMESPACE, a) for a in ("schemaLocation", "noNamespaceSchemaLocation", "nil")}
_FLAT_CHARS = EXAMPLE_CHARS * 2  # text kept per element for a mixed-content example
MAX_VALUE_CHARS = 65_536  # of one value; the rest is not needed to tell its type
_MAX_PIECES = 64  # expat hands text over in pieces of up to 8 KB
TOO_MANY_PATHS = (
    f"more than {MAX_PATHS:,} different elements and attributes: "
    "this does not look like a sample of one message structure"
)


class Node:
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
        self.children: dict[str, Node] = {}
        self.attributes: dict[str, Node | None] = {}  # None: not data (xsi:schemaLocation)
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


class SampleWalker:
    """The parser target: pools the evidence of every file into one tree of paths."""

    def __init__(self) -> None:
        self.roots: dict[str, Node] = {}
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

    def open_root(self) -> Node | None:
        """The root element being read, if one is."""
        return self.stack[0][_NODE] if self.stack else None

    def start_ns(self, prefix: str | None, uri: str | None) -> None:
        self.prefixes.declare(prefix, uri)

    def _count_path(self) -> None:
        self.paths += 1
        if self.paths > MAX_PATHS:
            raise XmlFault(TOO_MANY_PATHS)

    def _new_node(self, name: str) -> Node:
        self._count_path()
        uri, local = split_name(name)
        return Node(uri, local, self.prefixes.qname(uri, local), self.kinds)

    def _new_attribute(self, element: Node, name: str) -> Node | None:
        uri, local = split_name(name)
        node = None
        if (uri, local) not in _NOT_DATA:
            self._count_path()
            node = Node(uri, local, self.prefixes.qname(uri, local, attribute=True), self.kinds)
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

    # -- the second part of a file, read by another walker -----------------------------------

    def absorb_part(self, roots: dict[str, Node], prefixes: Prefixes) -> None:
        """Take in what another walker read from the rest of the document this one stopped
        in, just before a child of its root: that walker read the root's start tag again
        (its attributes and namespaces are not counted twice) and then the rest."""
        for uri, declared in prefixes.declared.items():
            for prefix in declared:
                self.prefixes.declare(prefix, uri)
        for uri in prefixes.elements:  # new namespaces get prefixes in the order read
            self.prefixes.element(uri)
        for uri in prefixes.attributes:
            self.prefixes.attribute(uri)
        for name, other_root in roots.items():
            root = self.roots[name]
            root.mixed |= other_root.mixed
            root.values.absorb(other_root.values)
            this_document = root.instances  # the root's children here share its instance
            for child_name, other in other_root.children.items():
                child = root.children.get(child_name)
                if child is None:
                    self._graft(root.children, child_name, other, attribute=False)
                    other.seen_in = this_document
                    continue
                if child.seen_in == this_document:
                    child.repeated = True  # in both parts of the one root
                else:
                    child.seen_in = this_document
                    child.present += 1
                self._merge(child, other, count_presence=False)

    def _merge(self, node: Node, other: Node, *, count_presence: bool = True) -> None:
        """Pool ``other``'s evidence into ``node``: the same path, in other parents."""
        node.instances += other.instances
        if count_presence:
            node.present += other.present
        node.repeated |= other.repeated
        node.mixed |= other.mixed
        node.values.absorb(other.values)
        for name, other_attribute in other.attributes.items():
            attribute = node.attributes.get(name, False)
            if attribute is False:
                self._graft(node.attributes, name, other_attribute, attribute=True)
            elif attribute is not None and other_attribute is not None:
                attribute.present += other_attribute.present
                attribute.values.absorb(other_attribute.values)
        for name, other_child in other.children.items():
            child = node.children.get(name)
            if child is None:
                self._graft(node.children, name, other_child, attribute=False)
            else:
                self._merge(child, other_child)

    def _graft(self, into: dict, name: str, node: Node | None, *, attribute: bool) -> None:
        """Adopt a path only the other walker saw, with everything under it."""
        into[name] = node
        if node is None:
            return
        self._count_path()
        node.qname = self.prefixes.qname(node.uri, node.local, attribute=attribute)
        node.values.cache = self.kinds
        node.seen_in = 0  # the other walker's numbering of parent instances means nothing here
        for attribute_name, attribute_node in node.attributes.items():
            self._graft(node.attributes, attribute_name, attribute_node, attribute=True)
        for child_name, child in node.children.items():
            self._graft(node.children, child_name, child, attribute=False)


def _keep(kept: list[str], text: str) -> None:
    """Keep text for a mixed-content example, up to twice what an example shows."""
    if sum(map(len, kept)) < _FLAT_CHARS:
        kept.append(text[:_FLAT_CHARS])
