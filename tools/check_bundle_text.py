"""Text in the Linux bundle: accents and other scripts still sort, change case and show.

    .venv/bin/python tools/check_bundle_text.py [dist/EngagementWorkbook]

build_installer.spec leaves most of ICU's data, Python's ssl and the desktop's own
libraries out of the Linux bundle. This runs one probe twice, each in a new process: with
the bundle's Python modules, Qt and ICU (``_internal`` first on the module path and the
library path, as the bundle's programs have it), and with the source install's (.venv,
whose Qt has the full ICU). Then it compares them:

- must be the same: sorting in English (QCollator, en_GB: accents, Greek, Cyrillic,
  Arabic, Chinese), case mapping (Turkish dotted I, German sharp s, Greek final sigma),
  time zone names, the glyphs Qt shapes for text in eleven scripts (none missing), and
  hashes and HMACs as multiprocessing uses them (the bundle has no OpenSSL);
  single-byte charsets (HTML pasted in windows-1252);
- listed, not failed: other locales' sorting (the bundle sorts them as ICU's root does)
  and the multi-byte legacy charsets only the full ICU converts.

Exit status 1 when something that must be the same is not. Needs the bundle built on this
machine (make installer) and .venv; offscreen, no display needed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# json and subprocess are imported where used: the probe imports as little as it can before
# it takes its modules from the bundle

ROOT = Path(__file__).resolve().parents[1]

ENGLISH_WORDS = [
    "zebra", "Zoë", "Ångström", "apple", "Apple", "Éclair", "eclair", "éclair", "Ōtautahi",
    "ŵyn", "wyn", "Ynys Môn", "naïve", "naive", "Δέλτα", "άλφα", "Ярослав", "ёлка", "еда",
    "شاي", "日本", "中文", "ﬁle", "file", "10", "9",
]  # fmt: skip
OTHER_LOCALES = ["cy_GB", "de_DE", "sv_SE", "pl_PL", "tr_TR", "fr_FR", "zh_CN"]
OTHER_WORDS = ["ä", "a", "z", "ö", "o", "ł", "l", "m", "ch", "c", "d", "ı", "i", "ß", "ss", "中"]
CASES = [("tr", "istanbul ıi"), ("en_GB", "straße ǆ ﬁ"), ("el", "ΌΣΟΣ όσος"), ("lt", "iì")]
SCRIPTS = {
    "Latin with accents": "Éléonore naïve Ångström Łódź Øresund",
    "Welsh": "Ŵyn ŷd Ynys Môn",
    "Greek": "Ελληνικά κείμενα",
    "Cyrillic": "Русский текст, ёлка",
    "Hebrew": "עברית",
    "Arabic": "العربية شاي",
    "Armenian": "Հայերեն",
    "Georgian": "ქართული",
    "Devanagari": "हिन्दी",
    "Thai": "ภาษาไทย",
    "Chinese": "中文文本",
}
SINGLE_BYTE_CHARSETS = ["UTF-8", "UTF-16LE", "ISO-8859-1", "windows-1252", "ISO-8859-15", "KOI8-R"]
MULTI_BYTE_CHARSETS = ["Shift_JIS", "GB18030", "Big5", "EUC-KR"]
PASTED_HTML = b'<html><head><meta charset="windows-1252"></head><body>caf\xe9 \x93quoted\x94</body>'


def probe(internal: str | None) -> dict:
    """What this process's Qt and Python make of the text above (run in a new process)."""
    if internal:  # the bundle's modules only, as in the bundle
        dynload = next(Path(internal).glob("python3.*/lib-dynload"))
        sys.path[:] = [internal, str(dynload)]
    import hashlib
    import hmac
    import threading
    from multiprocessing.connection import Pipe, answer_challenge, deliver_challenge

    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import (  # noqa: TID251
        QByteArray,
        QCollator,
        QLocale,
        QMimeData,
        QStringDecoder,
        QTimeZone,
    )
    from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QTextLayout  # noqa: TID251

    found: dict = {"modules": {}}
    if internal:  # make sure that what is probed is the bundle's
        import PySide6  # noqa: TID251

        for module in (hashlib, hmac, threading, Pipe, PySide6, QCollator):
            where = sys.modules[module.__module__ if callable(module) else module.__name__]
            if not str(where.__file__).startswith(internal):
                sys.exit(f"probe: {where.__name__} comes from {where.__file__}, not the bundle")
    for name in ("ssl", "_hashlib", "readline"):
        try:
            __import__(name)
            found["modules"][name] = "present"
        except ImportError:
            found["modules"][name] = "absent"
    found["hashes"] = [
        hashlib.sha256(b"text").hexdigest(),
        hashlib.md5(b"text").hexdigest(),
        hashlib.blake2b(b"text").hexdigest(),
        hmac.new(b"key", b"text", "md5").hexdigest(),
        hmac.new(b"key", b"text", "sha256").hexdigest(),
    ]
    ours, theirs = Pipe()
    answer = threading.Thread(target=answer_challenge, args=(theirs, b"authkey"))
    answer.start()
    deliver_challenge(ours, b"authkey")
    answer.join()
    found["multiprocessing authentication"] = "ok"

    app = QGuiApplication([])
    maps = Path("/proc/self/maps").read_text().splitlines()
    found["icu data"] = sorted({line.split()[-1] for line in maps if "libicudata" in line})

    def sort(locale: str, words: list[str]) -> list[str]:
        collator = QCollator(QLocale(locale))
        return sorted(words, key=collator.sortKey)

    found["sort en_GB"] = sort("en_GB", ENGLISH_WORDS)
    found["sort root"] = sort("C", OTHER_WORDS)  # QLocale("C"): ICU's root
    found["sort other"] = {locale: sort(locale, OTHER_WORDS) for locale in OTHER_LOCALES}
    found["case"] = [
        [QLocale(locale).toUpper(text), QLocale(locale).toLower(text)] for locale, text in CASES
    ]
    london = QTimeZone(b"Europe/London")
    found["time zone"] = [
        london.displayName(kind, QTimeZone.NameType.LongName, QLocale("en_GB"))
        for kind in (QTimeZone.TimeType.StandardTime, QTimeZone.TimeType.DaylightTime)
    ]
    found["single-byte"] = {name: QStringDecoder(name).isValid() for name in SINGLE_BYTE_CHARSETS}
    found["multi-byte"] = {name: QStringDecoder(name).isValid() for name in MULTI_BYTE_CHARSETS}
    pasted = QMimeData()
    pasted.setData("text/html", QByteArray(PASTED_HTML))
    found["pasted html"] = pasted.html()

    fonts = Path(internal) / "resources" if internal else ROOT / "resources"
    QFontDatabase.addApplicationFont(str(fonts / "fonts" / "DejaVuSans.ttf"))
    font = QFont("DejaVu Sans", 12)
    found["glyphs"] = {}
    for script, text in SCRIPTS.items():
        layout = QTextLayout(text, font)
        layout.beginLayout()
        layout.createLine()
        layout.endLayout()
        glyphs = [
            (run.rawFont().familyName(), list(run.glyphIndexes())) for run in layout.glyphRuns()
        ]
        missing = sum(indexes.count(0) for _family, indexes in glyphs)
        found["glyphs"][script] = {"missing": missing, "runs": glyphs}
    del app
    return found


def run_probe(bundle: Path | None) -> dict:
    import json
    import subprocess

    env = dict(os.environ)
    command = [str(ROOT / ".venv" / "bin" / "python"), __file__, "--probe"]
    if bundle is not None:
        internal = bundle / "_internal"
        env["LD_LIBRARY_PATH"] = str(internal)  # what the bootloader sets
        command = [command[0], "-s", "-S", __file__, "--probe", str(internal)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"check-bundle-text: the probe failed:\n{done.stderr}")
    return json.loads(done.stdout)


def main() -> None:
    if sys.argv[1:2] == ["--probe"]:
        found = probe(sys.argv[2] if len(sys.argv) > 2 else None)
        import json

        print(json.dumps(found))
        return
    bundle = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "dist" / "EngagementWorkbook")
    bundled, source = run_probe(bundle.resolve()), run_probe(None)
    failures = []

    def same(key: str, label: str) -> None:
        if bundled[key] == source[key]:
            print(f"same as the source install: {label}")
        else:
            failures.append(f"{label}:\n  bundle {bundled[key]}\n  source {source[key]}")

    print(f"bundle's ICU data: {', '.join(bundled['icu data'])}")
    print(f"bundle's Python: {bundled['modules']}")
    same("hashes", "hashes and HMACs (md5, sha256, blake2b)")
    same("multiprocessing authentication", "multiprocessing's authentication")
    same("sort en_GB", "English sorting: " + " < ".join(bundled["sort en_GB"]))
    same("sort root", "root sorting")
    same("case", "case mapping: " + "; ".join(" / ".join(pair) for pair in bundled["case"]))
    same("time zone", f"time zone names: {bundled['time zone']}")
    same("single-byte", f"charsets Qt converts: {list(bundled['single-byte'])}")
    same("pasted html", f"HTML pasted in windows-1252: {bundled['pasted html'][-28:]!r}")
    for script, text in SCRIPTS.items():
        mine, theirs = bundled["glyphs"][script], source["glyphs"][script]
        fonts = sorted({family for family, _indexes in mine["runs"]})
        if mine != theirs:
            failures.append(f"{script} ({text}): bundle {mine}, source {theirs}")
        elif mine["missing"]:
            print(f"  (no font on this machine for {script}: glyphs missing in both)")
        else:
            print(f"same as the source install: {script} {text}, no glyph missing ({fonts})")
    for locale, words in bundled["sort other"].items():
        if words != source["sort other"][locale]:
            print(
                f"  (as ICU's root) {locale}: {' < '.join(words)}; with all of ICU:"
                f" {' < '.join(source['sort other'][locale])}"
            )
    full = [c for c, ok in source["multi-byte"].items() if ok and not bundled["multi-byte"][c]]
    print(f"  multi-byte charsets only the full ICU converts (Python decodes files): {full}")
    if failures:
        print("check-bundle-text: FAILED:\n" + "\n".join(failures), file=sys.stderr)
        sys.exit(1)
    print("check-bundle-text: OK")


if __name__ == "__main__":
    main()
