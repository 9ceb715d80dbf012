"""Linux helpers for build_installer.spec: what a library links to, and a smaller ICU.

    .venv/bin/python tools/linux_bundle.py needed FILE ...   the libraries FILE links to
    .venv/bin/python tools/linux_bundle.py icu [LIBICUDATA]  what slim_icu keeps, by part

``needed`` reads an ELF file's DT_NEEDED entries: the libraries it names itself, not (like
``ldd``) everything those pull in in turn, so the spec can stop at a library the system
provides. ``slim_icu`` rebuilds Qt's libicudata.so.NN (32 MB, every locale and charset)
with only the items the spec asks for, using ICU's own ``icupkg`` (which refuses to drop
an item a kept one depends on) and ``gcc``; it then loads the result with the wheel's
libicuuc/libicui18n and checks collation, charset converters, time zone names and word
breaks before the spec may use it. Without the tools, or if any step fails, it returns None and the
spec keeps the full library. Nothing is downloaded.
"""

from __future__ import annotations

import ast
import fnmatch
import re
import shutil
import struct
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from elftools.elf.elffile import ELFFile  # the installer extra: pyelftools


def needed(path: str | Path) -> list[str]:
    """The sonames an ELF file lists as DT_NEEDED (what it links to directly)."""
    with Path(path).open("rb") as file:
        elf = ELFFile(file)
        return [
            tag.needed
            for segment in elf.iter_segments("PT_DYNAMIC")
            for tag in segment.iter_tags("DT_NEEDED")
        ]


# --- ICU ---------------------------------------------------------------------------------

ICU_SYMBOL = re.compile(r"icudt\d+_dat")
# a locale's resource bundle: "de.res", "coll/zh_Hant.res", "zone/es_419.res", "coll/de_.res"
LOCALE_BUNDLE = re.compile(r"(?:.+/)?(?P<language>[a-z]{2,3})(?:_[A-Za-z0-9]*)*\.res")


def icu_data(library: Path) -> tuple[str, bytes]:
    """The symbol name and the common data package (an ICU .dat) inside libicudata.so.NN."""
    with library.open("rb") as file:
        elf = ELFFile(file)
        symbols = elf.get_section_by_name(".dynsym")
        found = [
            symbol
            for symbol in (symbols.iter_symbols() if symbols else [])
            if ICU_SYMBOL.fullmatch(symbol.name) and symbol["st_shndx"] != "SHN_UNDEF"
        ]
        if not found:
            raise ValueError(f"{library.name} exports no ICU data")
        name, address, size = found[0].name, found[0]["st_value"], found[0]["st_size"]
        file.seek(next(elf.address_offsets(address, size)))
        data = file.read(size)
    if data[2:4] != b"\xda\x27" or data[12:16] != b"CmnD":
        raise ValueError(f"{library.name}: {name} is not an ICU common data package")
    return name, data


def package_items(data: bytes) -> dict[str, bytes]:
    """Item name ("icudt73l/coll/de.res") -> its bytes, from a .dat's table of contents."""
    order = "<" if data[8] == 0 else ">"  # UDataInfo.isBigEndian
    header = struct.unpack_from(order + "H", data, 0)[0]
    count = struct.unpack_from(order + "I", data, header)[0]
    entries = [struct.unpack_from(order + "II", data, header + 4 + 8 * i) for i in range(count)]
    names = [data[header + n : data.index(b"\0", header + n)].decode() for n, _o in entries]
    ends = [offset for _n, offset in entries[1:]] + [len(data) - header]
    return {
        name: data[header + offset : header + end]
        for name, (_n, offset), end in zip(names, entries, ends, strict=True)
    }


def single_byte_charsets(items: dict[str, bytes]) -> set[str]:
    """The converters of charsets with one byte a character (windows-1252, KOI8-R, ...)."""
    found = set()
    for item, content in items.items():
        if item.endswith(".cnv"):
            order = "<" if content[8] == 0 else ">"
            header = struct.unpack_from(order + "H", content, 0)[0]
            # UConverterStaticData: structSize, name[60], codepage, platform, conversionType,
            # minBytesPerChar, maxBytesPerChar
            if content[header + 4 + 60 + 4 + 3] == 1:
                found.add(item.split("/", 1)[1])
    return found


def unwanted_items(
    items: Iterable[str], unused: Iterable[str], languages: Iterable[str] | None = None
) -> list[str]:
    """Items matching an ``unused`` pattern, and locale bundles of languages not in ``languages``.

    Names as icupkg takes them, without the package's prefix ("coll/de.res"). Root, the pool
    bundles, the indexes and the supplemental data are not locale bundles.
    """
    unused, keep = list(unused), None if languages is None else set(languages)
    dropped = []
    for item in items:
        name = item.split("/", 1)[1] if item.startswith("icudt") else item
        locale = LOCALE_BUNDLE.fullmatch(name)
        if any(fnmatch.fnmatchcase(name, pattern) for pattern in unused) or (
            keep is not None and locale and locale["language"] not in keep
        ):
            dropped.append(name)
    return dropped


ASSEMBLY = """\
\t.section .rodata
\t.globl {symbol}
\t.type {symbol}, %object
\t.balign 16
{symbol}:
\t.incbin "{data}"
\t.size {symbol}, . - {symbol}
\t.section .note.GNU-stack, "", %progbits
"""


def _icu_self_test(data: str, uc: str, i18n: str, version: str, charsets: str) -> None:
    """Collation, ``charsets``' converters, time zone names through ``data``, as Qt uses them.

    Run in a new process: ``data`` is loaded first, so the wheel's libicuuc and libicui18n
    take it (by its soname) instead of the full library beside them.
    """
    import ctypes
    import functools

    ctypes.CDLL(data, ctypes.RTLD_GLOBAL)
    libs = [ctypes.CDLL(path, ctypes.RTLD_GLOBAL) for path in (uc, i18n)]
    mapped = {line.split()[-1] for line in Path("/proc/self/maps").read_text().splitlines()}
    if {p for p in mapped if Path(p).name == Path(data).name} != {data}:
        sys.exit(f"ICU self-test: {data} is not the only {Path(data).name} loaded")

    def icu(name: str, restype: type | None = ctypes.c_int) -> Callable:
        function = next(
            getattr(lib, f"{name}_{version}") for lib in libs if hasattr(lib, f"{name}_{version}")
        )
        function.restype = restype
        return function

    status = ctypes.c_int(0)

    def check(what: str) -> None:
        if status.value > 0:  # ICU warnings are negative
            sys.exit(f"ICU self-test: {what}: ICU error {status.value}")

    def utf16(text: str) -> tuple[ctypes.Array, int]:
        raw = text.encode("utf-16-le")
        return (ctypes.c_uint16 * (len(raw) // 2 + 1)).from_buffer_copy(raw + b"\0\0"), len(
            raw
        ) // 2

    icu("u_init", None)(ctypes.byref(status))
    check("u_init")
    for name in charsets.split(","):
        converter = icu("ucnv_open", ctypes.c_void_p)(name.encode(), ctypes.byref(status))
        check(f"ucnv_open({name})")
        icu("ucnv_close", None)(ctypes.c_void_p(converter))
    collator = ctypes.c_void_p(icu("ucol_open", ctypes.c_void_p)(b"en_GB", ctypes.byref(status)))
    check("ucol_open(en_GB)")

    def compare(a: str, b: str) -> int:
        return icu("ucol_strcoll")(collator, *utf16(a), *utf16(b))

    words = [
        "zebra",
        "Zoë",
        "Ångström",
        "apple",
        "Éclair",
        "eclair",
        "Δέλτα",
        "Ярослав",
        "شاي",
        "日本",
    ]
    expected = [
        "Ångström",
        "apple",
        "eclair",
        "Éclair",
        "zebra",
        "Zoë",
        "Δέλτα",
        "Ярослав",
        "شاي",
        "日本",
    ]
    got = sorted(words, key=functools.cmp_to_key(compare))
    if got != expected:
        sys.exit(f"ICU self-test: collation sorted {got}")
    zone, length = utf16("Europe/London")
    calendar = icu("ucal_open", ctypes.c_void_p)(zone, length, b"en_GB", 0, ctypes.byref(status))
    check("ucal_open")
    name = (ctypes.c_uint16 * 64)()
    length = icu("ucal_getTimeZoneDisplayName")(
        ctypes.c_void_p(calendar), 0, b"en_GB", name, 64, ctypes.byref(status)
    )
    check("ucal_getTimeZoneDisplayName")
    if (text := bytes(name)[: 2 * length].decode("utf-16-le")) != "Greenwich Mean Time":
        sys.exit(f"ICU self-test: Europe/London is called {text!r}")
    # Qt calls no break iterator; one must still work (without dictionaries, a run of Thai
    # is one word) in case anything ever does
    text, length = utf16("Hello, world ภาษาไทย")
    words = icu("ubrk_open", ctypes.c_void_p)(1, b"en_GB", text, length, ctypes.byref(status))
    check("ubrk_open")
    boundaries = [icu("ubrk_first")(ctypes.c_void_p(words))]
    while boundaries[-1] != -1:
        boundaries.append(icu("ubrk_next")(ctypes.c_void_p(words)))
    if boundaries[:5] != [0, 5, 6, 7, 12]:
        sys.exit(f"ICU self-test: word boundaries {boundaries}")
    print("ICU self-test: collation, converter names, time zone names, word breaks OK")


def slim_icu(
    library: Path,
    work: Path,
    *,
    unused: Iterable[str],
    uncalled: Iterable[str],
    languages: Iterable[str],
    single_byte_charsets_kept: bool,
) -> Path | None:
    """A copy of ``library`` (Qt's libicudata.so.NN) without the items the spec leaves out.

    ``unused`` items (but single-byte charsets' converters if ``single_byte_charsets_kept``)
    and other ``languages``' locale bundles go first, and icupkg refuses if a kept item
    depends on one of them; then ``uncalled`` ones, which kept items name but only ICU
    functions that Qt never calls read, go without that check.
    Returns the new library's path, or None (with a note on stdout) when icupkg or gcc is
    missing or anything fails: the caller then keeps ``library`` as it is.
    """
    library, work = library.resolve(), work.resolve()
    size = library.stat().st_size / 1e6
    note = f"build_installer.spec: keeping the full {library.name} ({size:.0f} MB)"
    tools = {
        tool: shutil.which(tool) or shutil.which(tool, path="/usr/sbin:/sbin")
        for tool in ("icupkg", "gcc")
    }
    missing = [tool for tool, path in tools.items() if not path]
    if missing:
        packages = ", ".join({"icupkg": "icu-devtools"}.get(tool, tool) for tool in missing)
        print(f"{note}: {' and '.join(missing)} not found (Debian/Ubuntu package: {packages})")
        return None
    try:
        symbol, data = icu_data(library)
        items = package_items(data)
        prefix = next(iter(items)).split("/", 1)[0]  # "icudt73l": icupkg wants it as file name
        version = re.fullmatch(r"icudt(\d+)_dat", symbol)[1]  # type: ignore[index]
        work.mkdir(parents=True, exist_ok=True)
        full, mid, slim = (work / step / f"{prefix}.dat" for step in ("full", "mid", "slim"))
        for path in (full, mid, slim):
            path.parent.mkdir(exist_ok=True)
            path.unlink(missing_ok=True)
        full.write_bytes(data)
        kept = single_byte_charsets(items) if single_byte_charsets_kept else set()
        dropped = [name for name in unwanted_items(items, unused, languages) if name not in kept]
        not_read = [name for name in unwanted_items(items, uncalled) if name not in dropped]
        for name, names in (("dropped.txt", dropped), ("not_read.txt", not_read)):
            (work / name).write_text("".join(f"{n}\n" for n in names), encoding="utf-8")
        run = dict(check=True, capture_output=True, text=True, cwd=work)
        icupkg = tools["icupkg"]
        subprocess.run([icupkg, "-r", "dropped.txt", str(full), str(mid)], **run)
        subprocess.run([icupkg, "--ignore-deps", "-r", "not_read.txt", str(mid), str(slim)], **run)
        dropped += not_read
        (work / "icudata.S").write_text(
            ASSEMBLY.format(symbol=symbol, data=slim.as_posix()), encoding="utf-8"
        )
        output = work / library.name
        subprocess.run(
            [
                tools["gcc"],
                "-shared",
                "-nostdlib",
                f"-Wl,-soname,{library.name}",
                "-Wl,-z,noexecstack",
                "-o",
                str(output),
                "icudata.S",
            ],
            **run,
        )
        uc, i18n = (
            library.with_name(library.name.replace("data", part)) for part in ("uc", "i18n")
        )
        charsets = ["UTF-8", "utf8", "ISO-8859-1", "UTF-16LE"]
        if single_byte_charsets_kept:
            charsets += ["windows-1252", "ISO-8859-15", "KOI8-R", "macintosh"]
        test_args = [str(output), str(uc), str(i18n), version, ",".join(charsets)]
        test = subprocess.run([sys.executable, __file__, "icu-self-test", *test_args], **run)
    except (OSError, ValueError, LookupError, subprocess.CalledProcessError) as error:
        detail = getattr(error, "stderr", None) or getattr(error, "stdout", None) or error
        print(f"{note}: slimming it failed: {str(detail).strip()[-2000:]}")
        return None
    print(
        f"build_installer.spec: {library.name} slimmed from {len(data) / 1e6:.1f} MB to"
        f" {slim.stat().st_size / 1e6:.1f} MB ({len(dropped)} of {len(items)} items left out,"
        f" listed in {work}/dropped.txt and not_read.txt); {test.stdout.strip()}"
    )
    return output


def _report(library: Path, lists: dict) -> None:
    _symbol, data = icu_data(library)
    items = package_items(data)
    kept = single_byte_charsets(items) if lists["ICU_SINGLE_BYTE_CHARSETS_KEPT"] else set()
    dropped = set(unwanted_items(items, lists["ICU_UNUSED"], lists["ICU_LANGUAGES"])) - kept
    dropped |= set(unwanted_items(items, lists["ICU_UNCALLED"]))
    parts: dict[str, list[int]] = {}
    for item, content in items.items():
        name = item.split("/", 1)[1]
        part = name.split("/")[0] + "/" if "/" in name else "*" + Path(name).suffix
        kept_dropped = parts.setdefault(part, [0, 0])
        kept_dropped[name in dropped] += len(content)
    print(f"{library}: {len(data) / 1e6:.1f} MB, {len(items)} items")
    print("    kept   left out  part")
    for part, (kept, gone) in sorted(parts.items(), key=lambda p: -sum(p[1])):
        print(f"  {kept / 1e6:6.2f}   {gone / 1e6:6.2f}    {part}")
    total_kept = sum(k for k, _g in parts.values())
    print(f"  {total_kept / 1e6:6.2f}   {(len(data) - total_kept) / 1e6:6.2f}    in all")


def main(argv: list[str]) -> None:
    if argv[:1] == ["needed"] and argv[1:]:
        for name in argv[1:]:
            print(f"{name}: {' '.join(needed(name))}")
    elif argv[:1] == ["icu"] and len(argv) <= 2:
        # the spec's own lists, read without running the spec
        spec = Path(__file__).resolve().parents[1] / "build_installer.spec"
        lists = {
            node.targets[0].id: ast.literal_eval(node.value)
            for node in ast.parse(spec.read_text(encoding="utf-8")).body
            if isinstance(node, ast.Assign)
            and isinstance(node.targets[0], ast.Name)
            and node.targets[0].id.startswith("ICU_")
        }
        if len(argv) == 2:
            library = Path(argv[1])
        else:
            import PySide6  # noqa: TID251 - only to find the wheel's Qt/lib

            library = Path(PySide6.__file__).parent / "Qt" / "lib"
            library = next(library.glob("libicudata.so.*"))
        _report(library, lists)
    elif argv[:1] == ["icu-self-test"] and len(argv) == 6:
        _icu_self_test(*argv[1:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
