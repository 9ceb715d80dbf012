"""A large XML sample read in two processes finds exactly what one reading finds."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from workbook.errors import Cancelled, InputError
from workbook.importers import two_part_reading
from workbook.importers.sample_walker import SampleWalker
from workbook.importers.xml_sample import MAX_BYTES, WHAT, drafts

ONE = 1 << 62


def report(n: int, *, late: bool = False) -> str:
    """One report; later ones have an element, an attribute and a namespace the early ones
    lack, so the second part brings paths the first never saw."""
    extra = '<lab:Note xmlns:lab="urn:lab">late <b>bold</b> text</lab:Note>' if late else ""
    flag = ' urgent="true"' if late else ""
    observations = "".join(
        f'<Observation code="C{k}"><Value unit="mmol/L">{n % 7}.{k}</Value></Observation>'
        for k in range(1 + n % 3)
    )
    return (
        f'  <Report id="R-{n:06d}"{flag}>\n'
        f"    <Patient><NHSNumber>{9_000_000_000 + n}</NHSNumber></Patient>\n"
        f"    {observations}{extra}\n"
        f"    <Comment><![CDATA[checked <ok>]]></Comment>\n"
        "  </Report>\n"
    )


def write_sample(path: Path, reports: int = 4000, *, middle: str = "", tail: str = "") -> Path:
    half = reports // 2
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        out.write('<Results xmlns="urn:results" version="2" note="a &gt; b">\n  <Header/>\n')
        out.writelines(report(n) for n in range(half))
        out.write(middle)
        out.writelines(report(n, late=n % 2 == 0) for n in range(half, reports))
        out.write(tail)
        out.write("  <Header/>\n</Results>\n")
    return path


def read(path: Path, split_from: int, monkeypatch: pytest.MonkeyPatch, progress=None) -> list:
    monkeypatch.setattr(two_part_reading, "SPLIT_FROM_BYTES", split_from)
    walker = SampleWalker()
    walker.begin_document()
    two_part_reading.read_sample(
        path,
        walker,
        max_bytes=MAX_BYTES,
        what=WHAT,
        progress=progress or (lambda *_: None),
        done=0,
        total=path.stat().st_size,
    )
    return drafts(walker)


@pytest.fixture
def processes(monkeypatch: pytest.MonkeyPatch) -> list:
    """The second processes started, to check on them."""
    started: list = []
    start = two_part_reading._start_other

    def recording(*args):
        other = start(*args)
        if other is not None:
            started.append(other[0])
        return other

    monkeypatch.setattr(two_part_reading, "_start_other", recording)
    return started


def test_two_parts_find_what_one_reading_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, processes: list
) -> None:
    sample = write_sample(tmp_path / "results.xml")
    one = read(sample, ONE, monkeypatch)
    assert processes == []
    two = read(sample, 1, monkeypatch)
    assert len(processes) == 1 and processes[0].exitcode is not None
    assert two == one
    by_path = {d.xml_path: d for d in two}
    assert by_path["/Results/Header"].cardinality == "1..*"  # once in each part of one root
    assert by_path["/Results/Report/@urgent"].cardinality == "0..1"  # only in the second part
    assert by_path["/Results/Report/lab:Note"].data_type == "text"
    assert by_path["/Results/Report/Observation"].cardinality == "1..*"


def test_several_large_files_pool_their_evidence_the_same_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = write_sample(tmp_path / "a.xml", 3000)
    second = write_sample(tmp_path / "b.xml", 3000, tail="  <Trailer>end</Trailer>\n")

    def both(split_from: int) -> list:
        monkeypatch.setattr(two_part_reading, "SPLIT_FROM_BYTES", split_from)
        walker = SampleWalker()
        for path in (first, second):
            walker.begin_document()
            two_part_reading.read_sample(
                path, walker, max_bytes=MAX_BYTES, what=WHAT, progress=lambda *_: None,
                done=0, total=1,
            )  # fmt: skip
        return drafts(walker)

    two = both(1)
    assert two == both(ONE)
    assert {d.xml_path: d.cardinality for d in two}["/Results/Trailer"] == "0..1"


def test_a_cut_inside_a_comment_is_not_taken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    commented = "  <!--\n" + "".join(report(n) for n in range(2000)) + "  -->\n"
    sample = write_sample(tmp_path / "commented.xml", 400, middle=commented)
    caplog.set_level(logging.INFO, logger=two_part_reading.__name__)
    two = read(sample, 1, monkeypatch)
    assert "no cut at byte" in caplog.text
    assert two == read(sample, ONE, monkeypatch)
    assert {d.xml_path: d.cardinality for d in two}["/Results/Report"] == "1..*"


def test_a_fault_in_the_second_part_is_named_at_its_line_in_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sample = write_sample(tmp_path / "broken.xml", tail="  <Report><Patient></Report>\n")
    with pytest.raises(InputError) as one:
        read(sample, ONE, monkeypatch)
    with pytest.raises(InputError) as two:
        read(sample, 1, monkeypatch)
    line = len(sample.read_text().splitlines()) - 2
    assert str(two.value) == str(one.value)
    assert str(two.value).startswith(f"{sample}: line {line} column ")


def test_if_the_other_process_dies_its_part_is_read_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    sample = write_sample(tmp_path / "results.xml")
    start = two_part_reading._start_other

    def killed(*args):
        other = start(*args)
        other[0].kill()
        return other

    monkeypatch.setattr(two_part_reading, "_start_other", killed)
    two = read(sample, 1, monkeypatch)
    assert "the second part's process failed" in caplog.text
    assert two == read(sample, ONE, monkeypatch)


def test_progress_counts_both_parts_and_cancel_stops_the_other_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, processes: list
) -> None:
    sample = write_sample(tmp_path / "results.xml")
    size = sample.stat().st_size
    seen: list[int] = []
    read(sample, 1, monkeypatch, lambda done, total, _m: seen.append(done))
    assert seen == sorted(seen) and seen[-1] == size and max(seen) == size

    def cancel(done: int, _total: int, _message: str) -> None:
        if done > size // 4:
            raise Cancelled("cancelled")

    with pytest.raises(Cancelled):
        read(sample, 1, monkeypatch, cancel)
    assert len(processes) == 2 and not processes[1].is_alive()


def test_a_utf16_file_is_read_in_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, processes: list
) -> None:
    text = write_sample(tmp_path / "utf8.xml", 600).read_text(encoding="utf-8")
    sample = tmp_path / "utf16.xml"
    sample.write_text(text.replace('encoding="UTF-8"', 'encoding="UTF-16"'), encoding="utf-16")
    found = read(sample, 1, monkeypatch)
    assert processes == []
    assert found == read(tmp_path / "utf8.xml", ONE, monkeypatch)


def test_too_many_paths_together_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, processes: list
) -> None:
    sample = tmp_path / "many.xml"
    with sample.open("w") as out:
        out.write("<r>\n")
        for half in "ab":
            for i in range(0, 6000, 100):
                out.write("<Item>" + "".join(f"<{half}{i + k}/>" for k in range(100)) + "</Item>\n")
        out.write("</r>\n")
    for split_from in (ONE, 1):
        with pytest.raises(InputError, match="more than 10,000 different elements"):
            read(sample, split_from, monkeypatch)
    assert len(processes) == 1
