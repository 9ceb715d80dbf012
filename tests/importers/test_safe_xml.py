"""The safe parser's own guarantees, beyond the hostile files every importer refuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.errors import InputError
from workbook.importers.safe_xml import read_tree


def test_a_tree_knows_each_element_s_line_and_prefixes(tmp_path: Path) -> None:
    path = tmp_path / "doc.xml"
    path.write_text('<a xmlns:p="urn:p">\n  <p:b ref="p:x">t</p:b>\n</a>\n')
    root = read_tree(path, max_bytes=1000, what="a test")
    (child,) = root.children
    assert (child.namespace, child.local, child.line, child.text) == ("urn:p", "b", 2, "t")
    assert child.resolve(child.get("ref") or "") == ("urn:p", "x")


def test_utf16_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "utf16.xml"
    path.write_bytes('<?xml version="1.0" encoding="UTF-16"?><a>é</a>'.encode("utf-16"))
    assert read_tree(path, max_bytes=1000, what="a test").text == "é"


def test_a_tree_has_a_bounded_number_of_elements(tmp_path: Path) -> None:
    path = tmp_path / "many.xml"
    path.write_text("<a>\n" + "<b/>\n" * 20 + "</a>")
    with pytest.raises(InputError) as caught:
        read_tree(path, max_bytes=1000, what="a test", max_elements=10)
    assert str(caught.value) == f"{path}: line 11: more than 10 elements, too many to read"


def test_a_tree_has_a_bounded_depth(tmp_path: Path) -> None:
    path = tmp_path / "deep.bpmn"
    path.write_text("<a>\n" * 300 + "</a>" * 300)
    with pytest.raises(InputError) as caught:
        read_tree(path, max_bytes=10_000, what="a test")
    assert str(caught.value) == f"{path}: line 201: elements nested more than 200 deep"
