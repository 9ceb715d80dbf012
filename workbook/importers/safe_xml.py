"""Parsing XML from outside without trusting it.

Every document goes through defusedxml's expat parser with DTDs, entity declarations and
external references forbidden, so billion-laughs and quadratic-blowup documents, external
entities (``file://``, ``http://``) and any ``<!DOCTYPE>`` are refused at the line they
start on, before anything is expanded, read or fetched. Files are size-checked before a
byte is parsed and fed in chunks, so memory depends on what the caller keeps, not on the
file. Every failure becomes one :class:`InputError` naming the file and the line.

Callers either stream (:func:`parse` with an :class:`XmlTarget`, whose callbacks expat
calls directly: defusedxml sets up and guards the parser, and ElementTree's per-element
layer, which made large samples 70% slower to parse, is skipped) or, for small documents
such as schemas and process models, read a tree with line numbers (:func:`read_tree`).
Names reach targets as expat gives them: ``uri}local``, or ``local`` without a namespace.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Protocol
from xml.etree.ElementTree import ParseError
from xml.parsers.expat import ExpatError, ParserCreate
from xml.parsers.expat import errors as expat_errors

from defusedxml import DefusedXmlException, DTDForbidden
from defusedxml.ElementTree import DefusedXMLParser

from workbook.errors import InputError, Problem, file_problems
from workbook.progress import Progress, no_progress

MB = 1_000_000
CHUNK_BYTES = 1 << 20
MAX_TREE_ELEMENTS = 200_000  # a large schema or process model has tens of thousands
MAX_TREE_DEPTH = 200
XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"

_CUT_SHORT = {
    expat_errors.codes[message]
    for message in (
        expat_errors.XML_ERROR_NO_ELEMENTS,
        expat_errors.XML_ERROR_UNCLOSED_TOKEN,
        expat_errors.XML_ERROR_UNCLOSED_CDATA_SECTION,
        expat_errors.XML_ERROR_PARTIAL_CHAR,
    )
}
_UNDEFINED_ENTITY = expat_errors.codes[expat_errors.XML_ERROR_UNDEFINED_ENTITY]
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_DECLARATIONS = tuple(  # an XML declaration's start and end, in UTF-8 and in UTF-16
    ("<?xml".encode(codec), "?>".encode(codec)) for codec in ("utf-8", "utf-16-le", "utf-16-be")
)


class XmlFault(Exception):
    """A problem at a place in a document: raised by a target while parsing (the place is
    where the parser is), or about a node read earlier (:meth:`XmlNode.fault`)."""

    def __init__(self, what: str, line: int | None = None, source: str | None = None) -> None:
        super().__init__(what)
        self.what = what
        self.line = line
        self.source = source

    def error(self) -> InputError:
        return InputError(self.source or "", Problem(f"line {self.line}", self.what))


class XmlTarget(Protocol):
    """What :func:`parse` calls. ``attrs`` alternates names and values; ``chunk_done`` is
    called after each chunk of the file, for a target to bound what it holds."""

    def start_ns(self, prefix: str | None, uri: str) -> None: ...

    def start(self, name: str, attrs: list[str]) -> None: ...

    def end(self, name: str) -> None: ...

    def data(self, text: str) -> None: ...

    def chunk_done(self) -> None: ...


class _NoTarget:
    """defusedxml's parser wants a target; ours are wired straight to expat instead."""


class Locator:
    """The line the parser has reached, for targets that record where things are."""

    def __init__(self) -> None:
        self._expat: Any = None

    @property
    def line(self) -> int:
        return self._expat.CurrentLineNumber if self._expat is not None else 0


def split_name(name: str) -> tuple[str | None, str]:
    """An expat name (``uri}local`` or ``local``) → (namespace or None, local name)."""
    uri, _, local = name.rpartition("}")
    return uri or None, local


def checked_size(path: Path, max_bytes: int, what: str) -> int:
    """The file's size, after refusing a missing file, a folder or a file over the limit."""
    source = str(path)
    with file_problems(source):
        if path.is_dir():
            raise InputError(source, "is a folder, not a file")
        size = path.stat().st_size
    if size > max_bytes:
        raise InputError(
            source,
            f"too large to import as {what} ({size / MB:,.0f} MB; "
            f"the limit is {max_bytes / MB:,.0f} MB)",
        )
    return size


def parse(
    path: Path,
    target: XmlTarget,
    *,
    max_bytes: int,
    what: str,
    locator: Locator | None = None,
    progress: Progress = no_progress,
    done: int = 0,
    total: int | None = None,
) -> None:
    """Stream ``path`` into ``target``; any problem is an InputError naming file and line.

    ``progress`` gets the bytes read (plus ``done``, out of ``total``) after every chunk;
    raising :class:`workbook.errors.Cancelled` from it stops the parse.
    """
    size = checked_size(path, max_bytes, what)
    total = done + size if total is None else total
    reading = Reading(path, target, locator)
    with reading.problems_named(), path.open("rb") as stream:
        reading.feed(
            stream, 0, size, lambda: progress(done + reading.read, total, f"Reading {path.name}")
        )
        reading.close()


class Reading:
    """One guarded parse of a file into a target, fed by byte ranges of the file: all of it
    (:func:`parse`), or parts, for a file read in two processes at once. Problems raised
    while feeding inside :meth:`problems_named` become an InputError naming file and line."""

    def __init__(self, path: Path, target: XmlTarget, locator: Locator | None = None) -> None:
        self.path = path
        self.source = str(path)
        self.target = target
        self.locator = locator
        self.parser = DefusedXMLParser(
            target=_NoTarget(), forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
        self.expat: Any = self.parser.parser
        self.expat.StartNamespaceDeclHandler = target.start_ns
        self.expat.StartElementHandler = target.start
        self.expat.EndElementHandler = target.end
        self.expat.CharacterDataHandler = target.data
        self.read = 0  # bytes fed so far

    def feed(
        self, stream: BinaryIO, start: int, end: int, report: Callable[[], None] = lambda: None
    ) -> None:
        """Feed bytes ``start`` to ``end`` of the open file, calling ``report`` per chunk."""
        stream.seek(start)
        left = end - start
        while left > 0 and (chunk := stream.read(min(CHUNK_BYTES, left))):
            if self.read == 0:
                _refuse_non_xml(self.source, chunk)
            left -= len(chunk)
            self.read += len(chunk)
            self.parser.feed(chunk)
            self.target.chunk_done()
            report()

    def close(self) -> None:
        """The document is complete: refuse an empty or unfinished one."""
        if self.read == 0:
            raise InputError(self.source, "the file is empty")
        self.parser.close()

    @contextmanager
    def problems_named(self) -> Iterator[None]:
        source = self.source
        expat = self.expat
        if self.locator is not None:
            self.locator._expat = expat
        try:
            with file_problems(source):
                yield
        except ParseError as exc:
            raise _parse_problem(source, exc) from None
        except DTDForbidden:
            raise InputError(
                source,
                Problem(
                    f"line {expat.CurrentLineNumber}",
                    "has a DTD (<!DOCTYPE …>), which is not accepted because it can expand "
                    "entities and fetch files; remove the DOCTYPE and import again",
                ),
            ) from None
        except DefusedXmlException:
            raise InputError(
                source,
                Problem(
                    f"line {expat.CurrentLineNumber}",
                    "declares or refers to an entity, which is refused",
                ),
            ) from None
        except XmlFault as fault:
            line = fault.line if fault.line is not None else expat.CurrentLineNumber
            raise InputError(source, Problem(f"line {line}", fault.what)) from None
        finally:
            if self.locator is not None:
                self.locator._expat = None


def _refuse_non_xml(source: str, head: bytes) -> None:
    _refuse_unreadable_encoding(source, head)
    if head.startswith(_UTF16_BOMS):
        return  # expat reads UTF-16 and says what is wrong with it
    text = head.removeprefix(_UTF8_BOM).lstrip(b" \t\r\n")
    if text and not text.startswith(b"<"):
        raise InputError(source, Problem("line 1", "not an XML file (it does not start with <)"))


def _refuse_unreadable_encoding(source: str, head: bytes) -> None:
    """Refuse an encoding expat cannot use (``encoding="utf-32"``, a misspelt name): Python's
    codec lookup fails inside expat with LookupError or ValueError, not a parse error. Only
    the XML declaration is given to a bare parser, so nothing else in the file is parsed."""
    text = head.removeprefix(_UTF8_BOM)
    for bom in _UTF16_BOMS:
        text = text.removeprefix(bom)
    for start, end in _DECLARATIONS:
        if text.startswith(start) and (at := head.find(end)) >= 0:
            try:
                ParserCreate().Parse(head[: at + len(end)], False)
            except (LookupError, ValueError) as exc:
                raise InputError(
                    source,
                    Problem(
                        "line 1",
                        f"its encoding cannot be read ({exc}); save it as UTF-8 and import again",
                    ),
                ) from None
            except ExpatError:
                pass  # the parse proper reports it, at its place
            return


def _parse_problem(source: str, exc: ParseError) -> InputError:
    line, column = exc.position
    where = f"line {line} column {column + 1}"
    reason = str(exc).split(": line ")[0]
    if exc.code in _CUT_SHORT:
        return InputError(source, Problem(where, "the file ends before the XML does (cut short?)"))
    if exc.code == _UNDEFINED_ENTITY:
        return InputError(
            source,
            Problem(
                where,
                "undefined entity (XML without a DTD knows only &amp; &lt; &gt; &quot; "
                "&apos; and character references such as &#233;)",
            ),
        )
    return InputError(source, Problem(where, f"not well-formed XML ({reason})"))


@dataclass(eq=False)
class XmlNode:
    """An element of a small document, with the line it starts on and the prefixes in scope.

    ``attrib`` is keyed by expat names: ``name`` for the usual unprefixed attributes.
    """

    namespace: str | None
    local: str
    attrib: dict[str, str]
    source: str
    line: int
    nsmap: dict[str | None, str]
    children: list[XmlNode] = field(default_factory=list)
    text: str = ""

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.attrib.get(name, default)

    def fault(self, what: str) -> XmlFault:
        """A problem with this element, to raise: names its file and line."""
        return XmlFault(what, self.line, self.source)

    def elements(self, namespace: str | None, *locals_: str) -> Iterator[XmlNode]:
        """Children in ``namespace``: all of them, or those with one of the local names."""
        for child in self.children:
            if child.namespace == namespace and (not locals_ or child.local in locals_):
                yield child

    def first(self, namespace: str | None, local: str) -> XmlNode | None:
        return next(self.elements(namespace, local), None)

    def iter(self) -> Iterator[XmlNode]:
        """This node and every node under it, in document order."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def resolve(self, qname: str) -> tuple[str | None, str]:
        """A prefixed name written in this element (``tns:Foo``) → (namespace, local)."""
        prefix, _, local = qname.strip().rpartition(":")
        if prefix == "xml":
            return XML_NAMESPACE, local
        key = prefix or None
        if prefix and key not in self.nsmap:
            raise self.fault(f'unknown namespace prefix "{prefix}" in "{qname}"')
        return self.nsmap.get(key) or None, local


class _TreeBuilder:
    def __init__(self, source: str, locator: Locator, max_elements: int) -> None:
        self.source = source
        self.locator = locator
        self.max_elements = max_elements
        self.count = 0
        self.root: XmlNode | None = None
        self.stack: list[XmlNode] = []
        self.scopes: list[dict[str | None, str]] = [{}]
        self.pending: dict[str | None, str] = {}
        self.parts: list[list[str]] = []

    def start_ns(self, prefix: str | None, uri: str) -> None:
        self.pending[prefix or None] = uri

    def start(self, name: str, attrs: list[str]) -> None:
        self.count += 1
        if self.count > self.max_elements:
            raise XmlFault(f"more than {self.max_elements:,} elements, too many to read")
        if len(self.stack) >= MAX_TREE_DEPTH:
            raise XmlFault(f"elements nested more than {MAX_TREE_DEPTH} deep")
        nsmap = self.scopes[-1]
        if self.pending:
            nsmap = nsmap | self.pending
            self.pending = {}
        self.scopes.append(nsmap)
        attrib = dict(zip(attrs[::2], attrs[1::2], strict=True))
        node = XmlNode(*split_name(name), attrib, self.source, self.locator.line, nsmap)
        if self.stack:
            self.stack[-1].children.append(node)
        else:
            self.root = node
        self.stack.append(node)
        self.parts.append([])

    def end(self, _name: str) -> None:
        node = self.stack.pop()
        node.text = "".join(self.parts.pop()).strip()
        self.scopes.pop()

    def data(self, text: str) -> None:
        if self.parts:
            self.parts[-1].append(text)

    def chunk_done(self) -> None:
        """Nothing to bound: the file's size and element count limit the tree."""


def read_tree(
    path: Path,
    *,
    max_bytes: int,
    what: str,
    max_elements: int = MAX_TREE_ELEMENTS,
    progress: Progress = no_progress,
) -> XmlNode:
    """The whole document as :class:`XmlNode` s (for schemas and models, not bulk data)."""
    locator = Locator()
    builder = _TreeBuilder(str(path), locator, max_elements)
    parse(path, builder, max_bytes=max_bytes, what=what, locator=locator, progress=progress)
    assert builder.root is not None  # parse refuses a document without an element
    return builder.root
