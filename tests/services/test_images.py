"""What counts as an image, for attaching in the app and for engagement files alike."""

from __future__ import annotations

import pytest

from workbook.services.stages import media_type_of


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
        (b"\xff\xd8\xff\xe0JFIF", "image/jpeg"),
        (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>', "image/svg+xml"),
        (b"<!DOCTYPE svg>\n<!-- drawn in draw.io -->\n<svg/>", "image/svg+xml"),
        (b"\xef\xbb\xbf  <svg/>", "image/svg+xml"),
        (b"<html><body>not a picture</body></html>", None),
        (b"GIF89a....", None),
        (b"", None),
    ],
)
def test_the_bytes_decide_the_image_type(data: bytes, expected: str | None) -> None:
    assert media_type_of(data) == expected
