"""A large XML sample read in two processes at once, one part each.

Reading a sample costs a Python call per element, so a file of hundreds of megabytes keeps
one core busy for many seconds. Where the machine has a second core and the file is over
:data:`SPLIT_FROM_BYTES`, it is cut in two at the start of a child of its root near the
middle: this process reads the first part, another process reads the root's start tag
followed by the second part, and this process's walker then absorbs the other's evidence.

The cut is taken only if this process, reading up to it, meets a child of the root that
starts exactly there. Otherwise (the place was inside a comment, a CDATA section or a
deeper element) this process reads on to the end and the other's work is dropped, so the
result is always what one reading gives. If the other process fails for any reason but
the file itself, its part is read here; a problem in the file is reported at its line in
the file.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import re
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, BinaryIO

from workbook.errors import InputError, Problem
from workbook.importers.namespaces import Prefixes
from workbook.importers.safe_xml import CHUNK_BYTES, MB, Reading, checked_size
from workbook.importers.sample_walker import Node, SampleWalker
from workbook.progress import Progress

SPLIT_FROM_BYTES = 16 * MB
_WATCH_BYTES = 4 * MB  # read at most, noting where the root's children start
_WATCH_STEP = 64 * 1024
_SEARCH_BYTES = 1 * MB  # looked through, from the middle, for a place to cut
_TAG_BYTES = 64 * 1024  # the longest root start tag this looks through
_WAIT_SECONDS = 0.1  # between progress reports while the other part finishes
_TAG_ENDS = b" \t\r\n/>"
_OPENING = re.compile(rb"<[^\s/>]+")
_LINE = re.compile(r"^line (\d+)")

log = logging.getLogger(__name__)


class _CutReached(Exception):
    """This process has read the first part: the cut is where a child of the root starts."""


def read_sample(
    path: Path,
    walker: SampleWalker,
    *,
    max_bytes: int,
    what: str,
    progress: Progress,
    done: int,
    total: int,
) -> None:
    """Read one sample file into ``walker`` (after its ``begin_document``), in two
    processes when that is worth it; any problem is an InputError naming file and line."""
    size = checked_size(path, max_bytes, what)
    reading = Reading(path, walker)
    message = f"Reading {path.name}"
    with reading.problems_named(), path.open("rb") as stream:
        if size >= SPLIT_FROM_BYTES and (os.cpu_count() or 1) > 1:
            _TwoParts(reading, stream, size, progress, done, total, message).read()
        else:
            reading.feed(stream, 0, size, lambda: progress(done + reading.read, total, message))
            reading.close()


class _TwoParts:
    def __init__(
        self,
        reading: Reading,
        stream: BinaryIO,
        size: int,
        progress: Progress,
        done: int,
        total: int,
        message: str,
    ) -> None:
        self.reading = reading
        self.stream = stream
        self.size = size
        self.walker: SampleWalker = reading.target  # type: ignore[assignment]
        self.expat = reading.expat
        self.other_read: Any = None  # bytes the other process has read, shared with it
        self.report = lambda: progress(done + self.read_so_far(), total, message)
        self.root_at: int | None = None
        self.children_at: dict[str, int] = {}  # where each child of the root first starts

    def read_so_far(self) -> int:
        other = self.other_read.value if self.other_read else 0
        return min(self.size, self.reading.read + other)

    def read(self) -> None:
        at = self._read_the_start()
        cut = self._place_to_cut(at)
        root_end = self._root_tag_end()
        other = None
        if cut is not None and root_end is not None:
            other = _start_other(self.reading.path, root_end, cut, self.size)
        if other is None:
            self._read_to_the_end(at)
            return
        process, connection, self.other_read = other
        try:
            if self._read_to_the_cut(at, cut):
                roots, prefixes = self._other_part(process, connection, root_end, cut)
                self.walker.absorb_part(roots, prefixes)  # may find too many paths: XmlFault
                self.other_read = None
                self.reading.read = self.size  # all of it is read now, in one part or the other
                self.report()
            else:
                log.info("%s: no cut at byte %d; read in one process", self.reading.source, cut)
        finally:
            process.kill()
            process.join()
            connection.close()

    def _read_the_start(self) -> int:
        """Read the start of the file, noting where the root's children start; returns the
        bytes read."""
        self.expat.StartElementHandler = self._watch_start
        at, size = 0, self.size
        while at < min(size, _WATCH_BYTES) and (at < size // 8 or not self.children_at):
            end = min(at + _WATCH_STEP, size)
            self.reading.feed(self.stream, at, end, self.report)
            at = end
        self.expat.StartElementHandler = self.walker.start
        return at

    def _read_to_the_end(self, at: int) -> None:
        self.reading.feed(self.stream, at, self.size, self.report)
        self.reading.close()

    def _read_to_the_cut(self, at: int, cut: int) -> bool:
        """Read up to the cut: True if a child of the root starts there (and this part is
        read); otherwise this reads on to the end of the file and returns False."""
        self.reading.feed(self.stream, at, cut, self.report)
        self.expat.StartElementHandler = lambda name, attrs: self._check_cut(cut, name, attrs)
        try:
            self._read_to_the_end(cut)
        except _CutReached:
            return True
        return False

    def _root_tag_end(self) -> int | None:
        """Where the root's start tag ends, or None if it is too long to look through."""
        root_at = self.root_at or 0
        length = _start_tag_end(self._bytes_at(root_at, _TAG_BYTES))
        return None if length is None else root_at + length

    def _watch_start(self, name: str, attrs: list[str]) -> None:
        """Note where the root and each kind of child of it first start."""
        depth = len(self.walker.stack)
        if depth == 0:
            self.root_at = self.expat.CurrentByteIndex
        elif depth == 1 and name not in self.children_at:
            self.children_at[name] = self.expat.CurrentByteIndex
        self.walker.start(name, attrs)

    def _check_cut(self, cut: int, name: str, attrs: list[str]) -> None:
        """The first element from the cut on: the root's child starting there, or not."""
        self.expat.StartElementHandler = self.walker.start
        if self.expat.CurrentByteIndex == cut and len(self.walker.stack) == 1:
            raise _CutReached
        self.walker.start(name, attrs)

    def _place_to_cut(self, read_to: int) -> int | None:
        """Where a tag like the root's commonest child's starts, from the middle on."""
        root = self.walker.open_root()
        if not self.children_at or self.root_at is None or root is None:
            return None
        if b"\x00" in self._bytes_at(0, 1024):
            return None  # UTF-16: tags are not findable as bytes
        commonest = max(self.children_at, key=lambda name: root.children[name].instances)
        opening = _OPENING.match(self._bytes_at(self.children_at[commonest], _TAG_BYTES))
        if opening is None:
            return None
        tag = opening[0]
        middle = max(self.size // 2, read_to)
        window = self._bytes_at(middle, _SEARCH_BYTES)
        found = window.find(tag)
        while found >= 0:
            after = window[found + len(tag) : found + len(tag) + 1]
            if after and after in _TAG_ENDS:
                return middle + found
            found = window.find(tag, found + 1)
        return None

    def _bytes_at(self, offset: int, count: int) -> bytes:
        self.stream.seek(offset)
        return self.stream.read(count)

    def _other_part(
        self, process: Any, connection: Connection, root_end: int, cut: int
    ) -> tuple[dict[str, Node], Prefixes]:
        """Wait for the other process, reporting progress; read its part here if it failed."""
        while not wait([connection, process.sentinel], _WAIT_SECONDS):
            self.report()
        try:
            outcome = connection.recv()
        except EOFError:
            outcome = ("failed", "it stopped without an answer")
        if outcome[0] == "read":
            return outcome[1], outcome[2]
        if outcome[0] == "input":
            raise InputError(self.reading.source, [Problem(w, p) for w, p in outcome[1]])
        log.warning("%s: the second part's process failed (%s)", self.reading.source, outcome[1])
        self.other_read = None
        return read_part(self.reading.path, root_end, cut, self.size)


def _start_tag_end(tag: bytes) -> int | None:
    """The length of the start tag ``tag`` begins with, quoted ``>`` s skipped."""
    quote = None
    for i, byte in enumerate(tag):
        if quote is not None:
            if byte == quote:
                quote = None
        elif byte in b"\"'":
            quote = byte
        elif byte == ord(">"):
            return i + 1
    return None


def _start_other(path: Path, root_end: int, cut: int, size: int) -> tuple | None:
    """The other process, reading from ``cut``; None if one cannot be started here."""
    context = multiprocessing.get_context("spawn")  # fork would copy a GUI's threads
    receiving, sending = context.Pipe(duplex=False)
    counter = context.Value("q", 0, lock=False)
    process = context.Process(
        target=_other_main,
        args=(str(path), root_end, cut, size, sending, counter),
        daemon=True,
        name="workbook-xml-part",
    )
    try:
        with _main_module_hidden():
            process.start()
    except (OSError, RuntimeError) as exc:
        log.warning("reading %s in one process: %s", path, exc)
        receiving.close()
        return None
    finally:
        sending.close()
    return process, receiving, counter


@contextmanager
def _main_module_hidden() -> Iterator[None]:
    """Spawn starts the other process by running this program's main module again (to find
    what is defined there); the other process needs none of it, and in the app it is the
    whole user interface. The bundled app intercepts the start before its main imports
    anything (``multiprocessing.freeze_support``)."""
    main = sys.modules["__main__"]
    spec, file = getattr(main, "__spec__", None), getattr(main, "__file__", None)
    main.__spec__ = None
    if file is not None:
        del main.__file__
    try:
        yield
    finally:
        main.__spec__ = spec
        if file is not None:
            main.__file__ = file


def read_part(
    path: Path, root_end: int, cut: int, size: int, counter: Any = None
) -> tuple[dict[str, Node], Prefixes]:
    """The evidence of the root's start tag (the file's first ``root_end`` bytes) followed
    by the file from ``cut``; problems are reported at their line in the whole file."""
    walker = SampleWalker()
    walker.begin_document()
    reading = Reading(path, walker)

    def report() -> None:
        if counter is not None:
            counter.value = reading.read - root_end

    try:
        with reading.problems_named(), path.open("rb") as stream:
            reading.feed(stream, 0, root_end)
            reading.feed(stream, cut, size, report)
            reading.close()
    except InputError as error:
        skipped = _newlines(path, root_end, cut)
        raise InputError(
            error.source,
            [
                Problem(_LINE.sub(lambda m: f"line {int(m[1]) + skipped}", p.where), p.what)
                for p in error.problems
            ],
        ) from None
    walker.kinds.clear()  # a cache, not evidence: not worth sending
    return walker.roots, walker.prefixes


def _newlines(path: Path, start: int, end: int) -> int:
    count = 0
    with path.open("rb") as stream:
        stream.seek(start)
        while start < end and (chunk := stream.read(min(CHUNK_BYTES, end - start))):
            count += chunk.count(b"\n")
            start += len(chunk)
    return count


def _other_main(
    path: str, root_end: int, cut: int, size: int, connection: Connection, counter: Any
) -> None:
    """The other process: read the second part and send the evidence, or the problem."""
    try:
        roots, prefixes = read_part(Path(path), root_end, cut, size, counter)
        connection.send(("read", roots, prefixes))
    except InputError as error:
        connection.send(("input", [(p.where, p.what) for p in error.problems]))
    except BaseException:  # whatever it was, the first process reads the part itself
        connection.send(("failed", traceback.format_exc(limit=5)))
    finally:
        connection.close()
