"""Time and memory to import a large XML sample into a dataset.

    python benchmarks/bench_xml_import.py [--mb 100] [--keep FILE]

Streams a pathology results message of about ``--mb`` megabytes to a temporary file
(indented, with a default namespace, attributes, repeated reports and observations, CDATA
comments, and optional elements), then imports it into a fresh engagement as
``workbook dataset import`` does: read (the streaming parse and type inference), diff and
apply. Reports the throughput of the read and of the whole import, by the clock and by
the CPU time used; the app reads a file this large in two processes at once
(:mod:`workbook.importers.two_part_reading`), so the read is also timed in one process,
where CPU time is the fairer figure on a shared machine. Peak memory (RSS) is shown for
this process, which includes the app's own modules (the memory before the import is shown
too), and for the second process. The baseline reads the same file through the same
guarded expat parser with callbacks that do nothing.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, TextIO

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workbook.db.store import open_store
from workbook.importers import two_part_reading
from workbook.importers.safe_xml import parse
from workbook.importers.xml_sample import MAX_BYTES, WHAT, read_xml_samples
from workbook.services import engagements
from workbook.services.dataset_merge import apply_diff, compute_diff

TESTS = [
    ("NA", "Serum sodium", "mmol/L", 133, 146),
    ("K", "Serum potassium", "mmol/L", 3.5, 5.3),
    ("CREA", "Serum creatinine", "umol/L", 59, 104),
    ("HB", "Haemoglobin", "g/L", 115, 165),
    ("WBC", "White cell count", "10*9/L", 4.0, 11.0),
    ("CRP", "C-reactive protein", "mg/L", 0, 5),
]


def write_report(out: TextIO, n: int, rng: random.Random) -> None:
    out.write(
        f'  <Report id="LAB-24-{n:07d}" status="{rng.choice(("final", "preliminary"))}">\n'
        "    <Patient>\n"
        f"      <NHSNumber>{9_000_000_000 + rng.randrange(999_999_999)}</NHSNumber>\n"
        f"      <HospitalNumber>{rng.randrange(10_000_000):08d}</HospitalNumber>\n"
        f"      <BirthDate>{rng.randrange(1930, 2020)}-{rng.randrange(1, 13):02d}-"
        f"{rng.randrange(1, 29):02d}</BirthDate>\n"
        "    </Patient>\n"
        f'    <Specimen type="BLD" collected="2024-03-{rng.randrange(1, 29):02d}T'
        f'{rng.randrange(24):02d}:{rng.randrange(60):02d}:00Z"/>\n'
    )
    for code, name, unit, low, high in rng.sample(TESTS, rng.randrange(2, 6)):
        value = round(rng.uniform(low * 0.7, high * 1.3), 1)
        out.write(
            f'    <Observation code="{code}">\n'
            f"      <Name>{name}</Name>\n"
            f'      <Value unit="{unit}">{value}</Value>\n'
            f'      <ReferenceRange low="{low}" high="{high}"/>\n'
        )
        if not low <= value <= high:
            out.write(f"      <Flag>{'H' if value > high else 'L'}</Flag>\n")
        if rng.random() < 0.1:
            out.write(
                "      <Comment><![CDATA[Please repeat in 2 weeks.\n"
                "Sample slightly haemolysed <check>.]]></Comment>\n"
            )
        out.write("    </Observation>\n")
    out.write("  </Report>\n")


def generate(path: Path, megabytes: int) -> None:
    rng = random.Random(9)
    target = megabytes * 1_000_000
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<ResultMessage xmlns="urn:example:pathology:2" '
            'messageId="550e8400-e29b-41d4-a716-446655440000">\n'
        )
        n = 0
        while out.tell() < target:
            n += 1
            write_report(out, n, rng)
        out.write("</ResultMessage>\n")


class _Nothing:
    """A parse target that keeps nothing: the baseline's callbacks."""

    def start_ns(self, prefix: str | None, uri: str) -> None: ...

    def start(self, name: str, attrs: list[str]) -> None: ...

    def end(self, name: str) -> None: ...

    def data(self, text: str) -> None: ...

    def chunk_done(self) -> None: ...


def _cpu_seconds() -> float:
    """CPU time of this process and of the child processes it has waited for."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def measure(megabytes: int = 100, keep: Path | None = None) -> dict[str, Any]:
    """Seconds by the clock and by CPU time (of both processes): the read (parse and infer)
    in two processes as the app does it and in one, the whole import, and the baseline (the
    guarded parser, callbacks doing nothing, one process); the sample's size, the items
    found, the memory before the import and the peaks (RSS) of both processes."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sample = keep or folder / "pathology.xml"
        generate(sample, megabytes)
        store = open_store(folder / "bench.sqlite")
        eid = engagements.create(store, "Benchmark")
        resting = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        clock, cpu = time.perf_counter(), _cpu_seconds()
        source = read_xml_samples(store, eid, [sample])
        read = time.perf_counter() - clock, _cpu_seconds() - cpu
        diff = compute_diff(store, eid, source.incoming, key_of=source.key_of)
        apply_diff(store, diff, source.incoming)
        total = time.perf_counter() - clock, _cpu_seconds() - cpu
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        other_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        split_from, two_part_reading.SPLIT_FROM_BYTES = two_part_reading.SPLIT_FROM_BYTES, 1 << 62
        clock, cpu = time.perf_counter(), _cpu_seconds()
        alone = read_xml_samples(store, engagements.create(store, "One process"), [sample])
        one = time.perf_counter() - clock, _cpu_seconds() - cpu
        two_part_reading.SPLIT_FROM_BYTES = split_from
        store.close()
        clock, cpu = time.perf_counter(), _cpu_seconds()
        parse(sample, _Nothing(), max_bytes=MAX_BYTES, what=WHAT)
        bare = time.perf_counter() - clock, _cpu_seconds() - cpu
        return {
            "sample MB": sample.stat().st_size / 1e6,
            "data items": len(source.incoming),
            "same in one process": alone.incoming == source.incoming,
            "summary": diff.summary(),
            "read seconds": read[0],
            "read CPU seconds": read[1],
            "read in one process seconds": one[0],
            "read in one process CPU seconds": one[1],
            "import seconds": total[0],
            "import CPU seconds": total[1],
            "bare parse seconds": bare[0],
            "bare parse CPU seconds": bare[1],
            "memory before import MB": resting,
            "peak memory MB": peak,
            "second process peak memory MB": other_peak,
        }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=100)
    parser.add_argument("--keep", type=Path, help="write the sample here and keep it")
    args = parser.parse_args()
    f = measure(args.mb, args.keep)
    mb = f["sample MB"]
    print(f"sample: {mb:.1f} MB, {f['data items']:.0f} data items ({f['summary']})")
    for label, key in (
        ("read (parse + infer)", "read"),
        ("  the same, one process", "read in one process"),
        ("whole import", "import"),
        ("bare guarded parse", "bare parse"),
    ):
        seconds, cpu_seconds = f[f"{key} seconds"], f[f"{key} CPU seconds"]
        print(
            f"  {label:<23} {seconds:6.2f} s {mb / seconds:5.1f} MB/s"
            f"   CPU {cpu_seconds:6.2f} s {mb / cpu_seconds:5.1f} MB/s"
        )
    print(f"  one process finds the same items: {f['same in one process']}")
    print(f"  memory before import    {f['memory before import MB']:6.0f} MB")
    print(f"  peak memory (RSS)       {f['peak memory MB']:6.0f} MB")
    print(f"  second process peak     {f['second process peak memory MB']:6.0f} MB")


if __name__ == "__main__":
    main()
