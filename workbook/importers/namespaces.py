"""Readable prefixes for namespaces in ``xml_path`` s, shared by the XML and XSD importers.

A namespace gets the first prefix its documents declare for it that no other namespace
has taken (the empty prefix included: a default namespace shows without a prefix), else
``ns1``, ``ns2``… Attributes need a real prefix (an unprefixed attribute has no
namespace), so a namespace shown without one gets another for its attributes.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import count

from workbook.importers.safe_xml import XML_NAMESPACE


class Prefixes:
    def __init__(self) -> None:
        self.declared: dict[str, list[str]] = {}
        self.elements: dict[str | None, str] = {XML_NAMESPACE: "xml"}
        self.attributes: dict[str, str] = {}
        self.taken: set[str] = {"xml"}

    def declare(self, prefix: str | None, uri: str | None) -> None:
        if uri:
            self.declared.setdefault(uri, []).append(prefix or "")

    def claim(self, uri: str | None, prefix: str) -> None:
        """Give ``uri`` this prefix for elements, before anything else is named."""
        self.elements[uri] = prefix
        self.taken.add(prefix)

    def _claim(self, candidates: Iterable[str]) -> str:
        prefix = next((p for p in candidates if p not in self.taken), None)
        if prefix is None:
            prefix = next(f"ns{i}" for i in count(1) if f"ns{i}" not in self.taken)
        self.taken.add(prefix)
        return prefix

    def element(self, uri: str | None) -> str:
        if uri not in self.elements:
            candidates = [""] if uri is None else self.declared.get(uri, [])
            self.elements[uri] = self._claim(candidates)
        return self.elements[uri]

    def attribute(self, uri: str | None) -> str:
        if uri is None:
            return ""
        prefix = self.element(uri)
        if not prefix:
            if uri not in self.attributes:
                self.attributes[uri] = self._claim(p for p in self.declared.get(uri, []) if p)
            prefix = self.attributes[uri]
        return prefix

    def qname(self, uri: str | None, local: str, *, attribute: bool = False) -> str:
        prefix = self.attribute(uri) if attribute else self.element(uri)
        return f"{prefix}:{local}" if prefix else local

    def describe(self, uris: Iterable[str]) -> str | None:
        """``Namespaces: cda = urn:hl7-org:v3, …`` for a root item's description."""
        wanted = set(uris) - {XML_NAMESPACE}
        entries = []
        for uri in self.elements:  # in the order the prefixes were given
            if uri in wanted:
                entries.append(f"{self.elements[uri] or '(no prefix)'} = {uri}")
                if uri in self.attributes:
                    entries.append(f"{self.attributes[uri]} = {uri}")
        return "Namespaces: " + ", ".join(entries) if entries else None
