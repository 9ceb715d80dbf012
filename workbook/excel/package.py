"""An incoming ``.xlsx`` file, checked before openpyxl is allowed to open it.

An ``.xlsx`` workbook is a zip package of XML parts. Before anything unpacks it we check
that it is one (not a password-protected file, an old ``.xls`` or a CSV renamed ``.xlsx``)
and that it cannot unpack to more than a dataset workbook plausibly holds: the sizes the
zip declares bound what Python's zipfile will ever unpack (more fails its size check), so
checking the declared sizes and compression ratios first defuses zip bombs.
"""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

from workbook.errors import InputError, Problem

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_UNPACKED_BYTES = 512 * 1024 * 1024
MAX_PARTS = 10_000
MAX_RATIO = 100  # a workbook's XML compresses 5 to 30 times; bombs, thousands of times
RATIO_CHECKED_FROM = 1024 * 1024  # smaller parts may compress as well as they like

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and Office's encrypted files
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB"


def read_package(path: Path) -> BytesIO:
    """The file's bytes, once they are known to be a workbook package safe to unpack."""
    source = str(path)
    try:
        if path.is_dir():
            raise InputError(source, "is a folder, not a workbook")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(
                source,
                f"too large for a dataset workbook ({_mb(size)}; the limit is "
                f"{_mb(MAX_FILE_BYTES)})",
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(source, "no such file") from None
    except PermissionError:
        raise InputError(
            source, "cannot be read (permission denied); if it is open in Excel, close it there"
        ) from None
    except OSError as exc:
        raise InputError(source, f"cannot be read ({exc.strerror or exc})") from None
    _check_kind(data, source)
    _check_parts(data, source)
    return BytesIO(data)


def _check_kind(data: bytes, source: str) -> None:
    if not data:
        raise InputError(source, "is empty")
    if data.startswith(OLE_SIGNATURE):
        if ENCRYPTED_STREAM in data:
            raise InputError(
                source,
                "is protected with a password; ask for a copy saved without one "
                "(in Excel: File › Info › Protect Workbook › Encrypt with Password, "
                "clear the password, save)",
            )
        raise InputError(
            source,
            "is an Excel 97-2003 workbook (.xls), not .xlsx; open it in Excel and save it "
            "as an Excel Workbook (.xlsx)",
        )
    if not data.startswith(ZIP_SIGNATURES):
        text = b"\0" not in data[:4096]
        raise InputError(
            source,
            "is not an Excel workbook"
            + (" but a text file (a CSV file renamed .xlsx?)" if text else "")
            + "; import the .xlsx workbook exported for this engagement",
        )


def _check_parts(data: bytes, source: str) -> None:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise InputError(source, "is damaged: its zip package cannot be read") from None
    names = {part.filename for part in parts}
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise InputError(source, "is a zip file but not an Excel workbook")
    if len(parts) > MAX_PARTS:
        raise InputError(
            source, f"has {len(parts)} parts, more than a workbook has ({MAX_PARTS}); refused"
        )
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_UNPACKED_BYTES:
        raise InputError(
            source,
            f"would unpack to {_mb(unpacked)}, more than a dataset workbook can hold "
            f"({_mb(MAX_UNPACKED_BYTES)}); refused",
        )
    for part in parts:
        if part.file_size > RATIO_CHECKED_FROM and part.file_size > MAX_RATIO * max(
            part.compress_size, 1
        ):
            ratio = part.file_size / max(part.compress_size, 1)
            raise InputError(
                source,
                Problem(
                    f"part {part.filename}",
                    f"compressed {ratio:.0f} times, far more than a workbook's content can be "
                    f"(a zip bomb?); refused",
                ),
            )
