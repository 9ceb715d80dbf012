"""Hypothesis strategies that break valid files a little: bytes, JSON trees, XML trees, zips.

Each takes a valid seed (the demo engagement, the test samples) and applies a few random
changes, so most inputs get past the first checks and reach the reader's deeper logic.
Each gives a :class:`Mutant`, shown in a failure report as the list of its changes (not
the whole file). Hypothesis shrinks a failing input to the fewest, smallest changes.
"""

from __future__ import annotations

import copy
import io
import json
import zipfile
from typing import Any
from xml.etree import ElementTree as ET

from hypothesis import strategies as st

# bytes that mean something to one reader or another
TOKENS = (
    b"<", b">", b"</", b"/>", b"&", b"&amp;", b"&#0;", b"&#xD800;", b"&#x10FFFF;", b"&lol;",
    b"<!DOCTYPE r>", b'<!ENTITY a "b">', b"<![CDATA[", b"]]>", b"<?pi x?>", b"<!-- -->",
    b'"', b"'", b"=", b' xmlns="urn:x"', b' xmlns:p="urn:p"', b"p:", b"{", b"}", b"[", b"]",
    b",", b":", b"null", b"true", b"1e999", b"-0", b"NaN", b'"\\ud800"', b"9" * 40,
    b"\x00", b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xef\xbb\xbf", b"\r\n", b"\t", b";",
    b"=HYPERLINK(1)", b"../", b"/", b"\\", b"item-1", b"item-999999", b"0..*", b"*",
)  # fmt: skip

# strings that mean something to one reader or another
NASTY_TEXT = (
    "", " ", "\n", "\r\n", "\t", "\x00", "\ud800", "\u202e", "\ufeff", "𝔘", "🩺", "ŵŷ",
    "=1+1", "+44", "-", "@SUM(A1)", "<b>x</b>", "<font size=400>", "&amp;", "&", "%s",
    "x" * 10_000, "a\nb", "null", "0", "-1", "1e999", "NaN", "unbounded", "*", "0..*",
    "1..0", "item-1", "item-0", "item-99999999999999999999", "Patient.identifier",
    "Patient..name", "Patient.name:", ":", "x:y", "a:b:c", "http://", "urn:", "../x",
    "/etc/passwd", "C:\\x", "string", "group", "Yes", "No", "TRUE", "as a",
)  # fmt: skip

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=30)
    | st.sampled_from(NASTY_TEXT)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=8,
)


class Mutant:
    """A seed after some changes: ``value`` (bytes or a JSON document) and what was done.
    Shown as its changes only, so that a failure report stays short."""

    def __init__(self, value: Any, changes: list[str]) -> None:
        self.value = value
        self.changes = changes

    def __repr__(self) -> str:
        return f"Mutant(changes={self.changes!r})"


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:57]}..."


@st.composite
def mutated_bytes(draw: st.DrawFn, seed: bytes | Mutant, most: int = 4) -> Mutant:
    """``seed`` with up to ``most`` byte-level changes."""
    changes = list(seed.changes) if isinstance(seed, Mutant) else []
    data = bytearray(seed.value if isinstance(seed, Mutant) else seed)
    for _ in range(draw(st.integers(1, most))):
        at = draw(st.integers(0, len(data)))
        span = draw(st.integers(0, 64))
        kind = draw(
            st.sampled_from(["flip", "delete", "insert", "token", "repeat", "truncate", "splice"])
        )
        if kind == "flip" and at < len(data):
            bit = draw(st.integers(0, 7))
            data[at] ^= 1 << bit
            changes.append(f"flip bit {bit} of byte {at}")
        elif kind == "delete":
            del data[at : at + span]
            changes.append(f"delete {span} bytes at {at}")
        elif kind in ("insert", "token"):
            inserted = draw(
                st.binary(min_size=1, max_size=16) if kind == "insert" else st.sampled_from(TOKENS)
            )
            data[at:at] = inserted
            changes.append(f"insert {_short(inserted)} at {at}")
        elif kind == "repeat":
            times = draw(st.integers(2, 50))
            data[at:at] = bytes(data[at : at + span]) * times
            changes.append(f"repeat the {span} bytes at {at} {times} times")
        elif kind == "truncate":
            del data[at:]
            changes.append(f"cut at {at}")
        elif kind == "splice" and data:
            start = draw(st.integers(0, len(data) - 1))
            data[at:at] = data[start : start + span]
            changes.append(f"copy {span} bytes from {start} to {at}")
    return Mutant(bytes(data), changes)


def _places(node: Any, pointer: str, out: list[tuple[Any, Any, str]]) -> list[tuple[Any, Any, str]]:
    """Every (container, key or index, JSON pointer) in a JSON tree."""
    items = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else ()
    )
    for key, value in items:
        out.append((node, key, f"{pointer}/{key}"))
        _places(value, f"{pointer}/{key}", out)
    return out


@st.composite
def mutated_json(draw: st.DrawFn, seed: Any, most: int = 3) -> Mutant:
    """A JSON document with up to ``most`` values replaced, removed, doubled or swapped."""
    document, changes = copy.deepcopy(seed), []
    for _ in range(draw(st.integers(1, most))):
        places = _places(document, "", [])
        if not places:
            break
        container, key, pointer = draw(st.sampled_from(places))
        kind = draw(st.sampled_from(["replace", "remove", "double", "swap", "nasty", "type"]))
        if kind in ("replace", "nasty"):
            container[key] = draw(json_values if kind == "replace" else st.sampled_from(NASTY_TEXT))
            changes.append(f"{pointer} = {_short(container[key])}")
        elif kind == "remove":
            del container[key]
            changes.append(f"remove {pointer}")
        elif kind == "double" and isinstance(container, list):
            container.insert(key, copy.deepcopy(container[key]))
            changes.append(f"double {pointer}")
        elif kind == "swap":
            other, other_key, other_pointer = draw(st.sampled_from(places))
            container[key] = copy.deepcopy(other[other_key])
            changes.append(f"{pointer} = the value of {other_pointer}")
        elif kind == "type":
            value = container[key]
            container[key] = [value] if not isinstance(value, list) else {"0": value}
            changes.append(f"wrap {pointer} in a {type(container[key]).__name__}")
    return Mutant(document, changes)


def json_bytes(document: Any) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode("utf-8", "surrogatepass")


def _declarations(seed: bytes) -> dict[str, str]:
    """The seed's namespace prefixes, registered so that ElementTree writes them back (an
    XSD's ``type="xs:string"`` needs ``xs`` to stay ``xs``)."""
    found = {}
    for _event, (prefix, uri) in ET.iterparse(io.BytesIO(seed), events=("start-ns",)):
        if prefix and not prefix.startswith("ns"):
            ET.register_namespace(prefix, uri)
            found[prefix] = uri
    return found


def _with_declarations(document: bytes, declarations: dict[str, str]) -> bytes:
    """``document`` with the prefixes ElementTree left out (used only in attribute values,
    like ``type="rx:ItemType"``) declared again on its root element."""
    root_at = document.index(b"<", document.index(b"?>") + 2)
    start_tag = document[root_at : document.index(b">", root_at)]  # ">" in values is &gt;
    name_end = root_at + len(start_tag.split(maxsplit=1)[0].rstrip(b"/"))
    missing = "".join(
        f' xmlns:{prefix}="{uri}"'
        for prefix, uri in declarations.items()
        if f"xmlns:{prefix}=".encode() not in start_tag
    )
    return document[:name_end] + missing.encode() + document[name_end:]


def _name(element: ET.Element, elements: list[ET.Element]) -> str:
    return f"<{element.tag.rpartition('}')[2]}> #{elements.index(element)}"


@st.composite
def mutated_xml(draw: st.DrawFn, seed: bytes, most: int = 3) -> Mutant:
    """An XML document with up to ``most`` elements removed, doubled, moved or renamed, or
    attributes and text changed (to other values from the document, or nasty ones)."""
    declarations = _declarations(seed)
    root, changes = ET.fromstring(seed), []
    for _ in range(draw(st.integers(1, most))):
        elements = list(root.iter())
        parents = {child: parent for parent in elements for child in parent}
        element = draw(st.sampled_from(elements))
        name = _name(element, elements)
        values = [v for e in elements for v in e.attrib.values()] or ["x"]
        kind = draw(
            st.sampled_from(["remove", "double", "move", "rename", "attribute", "text", "nest"])
        )
        parent = parents.get(element)
        if kind == "remove" and parent is not None:
            parent.remove(element)
            changes.append(f"remove {name}")
        elif kind == "double" and parent is not None:
            parent.insert(list(parent).index(element), copy.deepcopy(element))
            changes.append(f"double {name}")
        elif kind == "move" and parent is not None:
            inside = set(element.iter())
            target = draw(st.sampled_from([e for e in elements if e not in inside]))
            parent.remove(element)
            target.append(element)
            changes.append(f"move {name} into {_name(target, elements)}")
        elif kind == "rename":
            element.tag = draw(st.sampled_from([e.tag for e in elements]))
            changes.append(f"rename {name} {element.tag}")
        elif kind == "attribute":
            names = [*element.attrib, *(n for e in elements for n in e.attrib)] or ["id"]
            attribute = draw(st.sampled_from(names))
            element.set(attribute, draw(st.sampled_from(values) | st.sampled_from(NASTY_TEXT)))
            changes.append(f"{name} {attribute}={_short(element.get(attribute))}")
        elif kind == "text":
            element.text = draw(st.sampled_from(NASTY_TEXT) | st.text(max_size=20))
            changes.append(f"{name} text {_short(element.text)}")
        elif kind == "nest":
            element.append(copy.deepcopy(element))
            changes.append(f"copy {name} into itself")
    document = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return Mutant(_with_declarations(document, declarations), changes)


@st.composite
def mutated_document(draw: st.DrawFn, seed: bytes) -> Mutant:
    """An XML document changed as a tree, then possibly as bytes too."""
    tree = draw(mutated_xml(seed))
    return draw(st.just(tree) | mutated_bytes(tree, most=2))


@st.composite
def mutated_zip(draw: st.DrawFn, seed: bytes, part_mutations: dict[str, Any]) -> Mutant:
    """A zip package with one of its parts changed by the strategy that part's name maps to
    (``part_mutations``: name → function(seed bytes) → strategy of Mutant), others kept."""
    with zipfile.ZipFile(io.BytesIO(seed)) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    name = draw(st.sampled_from(sorted(part_mutations)))
    part = draw(part_mutations[name](parts[name]))
    parts[name] = part.value
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for part_name, data in parts.items():
            archive.writestr(part_name, data)
    return Mutant(out.getvalue(), [f"in {name}: {change}" for change in part.changes])
