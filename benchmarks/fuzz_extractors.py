"""Fuzz the DOCX and PDF extractors with mutated copies of the sample documents.

    python benchmarks/fuzz_extractors.py [--seconds 60] [--seed N] [--out DIR] [--limit 20] [files ...]

Each round takes one of the seed files (default: the DOCX and PDF files in
``corpora/samples``), mutates it and reads it with
``policylint.extract.document_from_bytes``. Mutations, picked at random:

- bytes: bit flips, "interesting" byte values, inserted, deleted or
  duplicated ranges, truncation, a splice of two seeds;
- DOCX: one XML part edited (bytes mutated, an element duplicated or its
  end tag dropped, an attribute set to an odd number, deep nesting) and the
  zip rebuilt; or a zip header field (sizes, method, CRC, name length)
  overwritten;
- PDF: one compressed stream inflated, mutated (odd numbers in the drawing
  operators, bytes) and deflated again; or a number, keyword or name in the
  file's structure changed.

Outcomes: ``ok`` (a Document) and ``refused`` (an ``ExtractError``) are
fine. ``masked`` counts ``ExtractError``s made by the last-resort handlers
out of an unexpected exception (``cannot read this pdf file (IndexError:
...)``): no crash for the user, but worth a look. A crash is any other
exception, a document over the time limit (``--limit`` seconds, by
``limits.deadline``), a hang (no answer ``--limit`` + 10 seconds later: the
worker is killed), or the worker process dying (a crash in C code). Inputs
that crash (and masked ones) are saved in ``--out`` with a ``.txt`` holding
the traceback. Documents are read in a worker process, so that no crash
stops the run. Exit status: 1 if anything crashed, else 0.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import multiprocessing
import random
import re
import sys
import time
import traceback
import zipfile
import zlib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "corpora" / "samples"
INTERESTING = [0, 1, 0x7F, 0x80, 0xFF, ord("<"), ord(">"), ord("("), ord(")"), ord("/"), ord("\\"), ord("%")]
ODD_NUMBERS = [b"0", b"-1", b"-0", b"1e308", b"99999999999", b"2147483648", b"0.00001", b"-99999", b"nan", b"3.4e38"]
PDF_KEYWORDS = [b"obj", b"endobj", b"stream", b"endstream", b"xref", b"trailer", b"startxref", b"R", b"null"]
PDF_NAMES = [b"/Page", b"/Pages", b"/Kids", b"/Count", b"/Font", b"/Contents", b"/Length", b"/Filter",
             b"/Resources", b"/MediaBox", b"/Parent", b"/Type", b"/Root", b"/Widths", b"/ToUnicode"]
OUTCOMES = ("ok", "refused", "masked", "crash", "timeout", "hang", "died")
MASKED = re.compile(r"^(cannot read this \w+ file|unexpected DOCX structure) \((\w+): ")


# --------------------------------------------------------------------------- mutations


def _bytes_mutation(data: bytes, rng: random.Random, seeds: list[bytes]) -> bytes:
    buf = bytearray(data)
    if not buf:
        return bytes(rng.randbytes(rng.randint(1, 64)))
    kind = rng.choice(["flip", "set", "insert", "delete", "duplicate", "truncate", "splice"])
    pos = rng.randrange(len(buf))
    if kind == "flip":
        for _ in range(rng.randint(1, 8)):
            i = rng.randrange(len(buf))
            buf[i] ^= 1 << rng.randrange(8)
    elif kind == "set":
        for _ in range(rng.randint(1, 4)):
            buf[rng.randrange(len(buf))] = rng.choice(INTERESTING)
    elif kind == "insert":
        buf[pos:pos] = rng.randbytes(rng.randint(1, 256))
    elif kind == "delete":
        del buf[pos : pos + rng.randint(1, 4096)]
    elif kind == "duplicate":
        size = rng.randint(1, 4096)
        buf[pos:pos] = buf[pos : pos + size]
    elif kind == "truncate":
        del buf[pos:]
    else:
        other = rng.choice(seeds)
        cut = rng.randrange(len(other)) if other else 0
        buf[pos:] = other[cut:]
    return bytes(buf)


def _xml_mutation(xml: bytes, rng: random.Random, seeds: list[bytes]) -> bytes:
    kind = rng.choice(["bytes", "drop-end-tag", "duplicate-element", "attribute", "nest"])
    tags = [m for m in re.finditer(rb"<(/?)([\w:]+)[^>]*?(/?)>", xml)]
    if kind == "bytes" or not tags:
        return _bytes_mutation(xml, rng, seeds)
    tag = rng.choice(tags)
    if kind == "drop-end-tag":
        ends = [m for m in tags if m.group(1)]
        if ends:
            end = rng.choice(ends)
            return xml[: end.start()] + xml[end.end() :]
    if kind == "duplicate-element":
        name = tag.group(2)
        close = xml.find(b"</" + name + b">", tag.end())
        if close > 0 and not tag.group(1):
            element = xml[tag.start() : close + len(name) + 3]
            return xml[: tag.start()] + element * rng.randint(2, 50) + xml[tag.start() :]
    if kind == "attribute":
        values = list(re.finditer(rb'="([^"]*)"', xml))
        if values:
            value = rng.choice(values)
            return xml[: value.start(1)] + rng.choice(ODD_NUMBERS + [b"", b"x" * 300]) + xml[value.end(1) :]
    if kind == "nest" and not tag.group(1) and not tag.group(3):
        name = tag.group(2)
        depth = rng.choice([10, 100, 300, 3000])
        opening = xml[tag.start() : tag.end()]
        return xml[: tag.start()] + opening * depth + xml[tag.start() : tag.end()] + b"</" + name + b">" * depth \
            + xml[tag.end() :]
    return _bytes_mutation(xml, rng, seeds)


def _docx_mutation(data: bytes, rng: random.Random, seeds: list[bytes]) -> bytes:
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
        infos = source.infolist()
    except Exception:  # noqa: BLE001 - not a zip (any more): mutate its bytes instead
        return _bytes_mutation(data, rng, seeds)
    if rng.random() < 0.25:
        return _zip_header_mutation(data, infos, rng)
    xml_parts = [i for i in infos if i.filename.endswith((".xml", ".rels"))]
    target = rng.choice(xml_parts or infos)
    out = io.BytesIO()
    try:
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for info in infos:
                content = source.read(info)
                if info is target:
                    for _ in range(rng.randint(1, 3)):
                        content = _xml_mutation(content, rng, seeds)
                archive.writestr(info.filename, content)
    except Exception:  # noqa: BLE001 - an earlier mutation broke the zip: mutate its bytes instead
        return _bytes_mutation(data, rng, seeds)
    return out.getvalue()


def _zip_header_mutation(data: bytes, infos: list[zipfile.ZipInfo], rng: random.Random) -> bytes:
    buf = bytearray(data)
    headers = [m.start() for m in re.finditer(rb"PK\x01\x02|PK\x03\x04", data)]
    if not headers:
        return bytes(buf)
    at = rng.choice(headers)
    central = buf[at + 2 : at + 4] == b"\x01\x02"
    # (offset, size) of: method, crc, compressed size, size, name length, extra length
    fields = [(10, 2), (16, 4), (20, 4), (24, 4), (28, 2), (30, 2)] if central else \
        [(8, 2), (14, 4), (18, 4), (22, 4), (26, 2), (28, 2)]
    offset, size = rng.choice(fields)
    value = rng.choice([0, 1, 8, 9, 12, 14, 99, 2**(8 * size) - 1, rng.randrange(2**(8 * size))])
    if at + offset + size <= len(buf):
        buf[at + offset : at + offset + size] = value.to_bytes(size, "little")
    return bytes(buf)


def _pdf_mutation(data: bytes, rng: random.Random, seeds: list[bytes]) -> bytes:
    kind = rng.choice(["stream", "stream", "number", "keyword", "name", "bytes"])
    if kind == "stream":
        streams = list(re.finditer(rb"stream\r?\n(.*?)endstream", data, re.DOTALL))
        rng.shuffle(streams)
        for found in streams[:5]:
            try:
                content = zlib.decompress(found.group(1))
            except zlib.error:
                continue
            for _ in range(rng.randint(1, 3)):
                content = _content_mutation(content, rng, seeds)
            return data[: found.start(1)] + zlib.compress(content) + b"\n" + data[found.end(1) :]
        kind = "number"
    if kind == "number":
        numbers = list(re.finditer(rb"(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])", data[:200_000]))
        if numbers:
            found = rng.choice(numbers)
            return data[: found.start()] + rng.choice(ODD_NUMBERS) + data[found.end() :]
    if kind == "keyword":
        found = list(re.finditer(rb"\b(?:" + b"|".join(PDF_KEYWORDS) + rb")\b", data))
        if found:
            hit = rng.choice(found)
            return data[: hit.start()] + rng.choice(PDF_KEYWORDS + [b""]) + data[hit.end() :]
    if kind == "name":
        found = list(re.finditer(rb"/\w+", data))
        if found:
            hit = rng.choice(found)
            return data[: hit.start()] + rng.choice(PDF_NAMES) + data[hit.end() :]
    return _bytes_mutation(data, rng, seeds)


def _content_mutation(content: bytes, rng: random.Random, seeds: list[bytes]) -> bytes:
    """A content stream (or a font program, a ToUnicode map) with odd values."""
    numbers = list(re.finditer(rb"(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])", content))
    choice = rng.random()
    if numbers and choice < 0.6:
        found = rng.choice(numbers)
        return content[: found.start()] + rng.choice(ODD_NUMBERS) + content[found.end() :]
    if choice < 0.75:
        operators = list(re.finditer(rb"\b(?:Tf|Tm|Td|TD|TJ|Tj|cm|BT|ET|re|q|Q|Tc|Tw|Tz|TL)\b", content))
        if operators:
            hit = rng.choice(operators)
            return content[: hit.start()] + content[hit.end() :] if rng.random() < 0.5 \
                else content[: hit.end()] + b" " + content[hit.start() : hit.end()] * rng.randint(2, 20)
    return _bytes_mutation(content, rng, seeds)


def mutate(data: bytes, fmt: str, rng: random.Random, seeds: list[bytes]) -> bytes:
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        if rng.random() < 0.3:
            data = _bytes_mutation(data, rng, seeds)
        elif fmt == "docx":
            data = _docx_mutation(data, rng, seeds)
        else:
            data = _pdf_mutation(data, rng, seeds)
    return data


# --------------------------------------------------------------------------- the worker


def _worker(conn, limit: float) -> None:
    from policylint.extract import ExtractError, document_from_bytes
    from policylint.limits import DocumentTimeout, deadline

    while True:
        job = conn.recv()
        if job is None:
            return
        data, name = job
        try:
            with deadline(limit):
                document_from_bytes(data, name, suffix=Path(name).suffix)
            conn.send(("ok", ""))
        except ExtractError as exc:
            masked = MASKED.match(str(exc))
            conn.send(("masked", str(exc)) if masked else ("refused", ""))
        except DocumentTimeout:
            conn.send(("timeout", f"took longer than {limit} s"))
        except Exception:  # noqa: BLE001 - anything else is what the fuzzer looks for
            conn.send(("crash", traceback.format_exc()))


class Runner:
    """A worker process that reads documents; restarted after it dies or hangs."""

    def __init__(self, limit: float):
        self.limit = limit
        self.context = multiprocessing.get_context("fork")
        self._start()

    def _start(self) -> None:
        self.conn, child = self.context.Pipe()
        self.process = self.context.Process(target=_worker, args=(child, self.limit), daemon=True)
        self.process.start()
        child.close()

    def read(self, data: bytes, name: str) -> tuple[str, str]:
        try:
            self.conn.send((data, name))
            if self.conn.poll(self.limit + 10):
                return self.conn.recv()
            outcome = ("hang", f"no answer after {self.limit + 10} s")
        except (EOFError, OSError, BrokenPipeError):
            outcome = ("died", f"the worker process died (exit code {self.process.exitcode})")
        self.process.kill()
        self.process.join()
        if outcome[0] == "died":
            outcome = ("died", f"the worker process died (exit code {self.process.exitcode})")
        self._start()
        return outcome

    def close(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.process.join(5)
        if self.process.is_alive():
            self.process.kill()


# --------------------------------------------------------------------------- main


def _save(out: Path, data: bytes, suffix: str, outcome: str, detail: str) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha1(data).hexdigest()[:12]
    path = out / f"{outcome}-{digest}{suffix}"
    path.write_bytes(data)
    path.with_suffix(path.suffix + ".txt").write_text(detail)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="seed files (default: the samples' DOCX and PDF)")
    parser.add_argument("--seconds", type=float, default=60, help="how long to run (default 60)")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: a new one, printed)")
    parser.add_argument("--out", type=Path, default=Path("fuzz-crashes"), help="where to save crashing inputs")
    parser.add_argument("--limit", type=float, default=20, help="seconds allowed per document (default 20)")
    args = parser.parse_args(argv)
    files = args.files or sorted(p for p in SAMPLES.iterdir() if p.suffix in (".docx", ".pdf"))
    seeds = {path: path.read_bytes() for path in files}
    seed = args.seed if args.seed is not None else random.randrange(2**32)
    rng = random.Random(seed)
    print(f"fuzzing {len(files)} seed files for {args.seconds:g} s (seed {seed})", flush=True)
    runner = Runner(args.limit)
    counts: Counter[str] = Counter()
    masked_types: Counter[str] = Counter()
    started = time.monotonic()
    try:
        while time.monotonic() - started < args.seconds:
            path = rng.choice(files)
            fmt = "docx" if path.suffix == ".docx" else "pdf"
            data = mutate(seeds[path], fmt, rng, list(seeds.values()))
            outcome, detail = runner.read(data, f"fuzz{path.suffix}")
            counts[outcome] += 1
            if outcome == "masked":
                masked_types[MASKED.match(detail).group(2)] += 1
            if outcome not in ("ok", "refused"):
                saved = _save(args.out, data, path.suffix, outcome, detail)
                if outcome != "masked":
                    print(f"{outcome}: {saved}: {detail.strip().splitlines()[-1]}", flush=True)
    finally:
        runner.close()
    elapsed = time.monotonic() - started
    total = sum(counts.values())
    crashes = sum(n for kind, n in counts.items() if kind in ("crash", "timeout", "hang", "died"))
    print(f"{total} inputs in {elapsed:.0f} s ({total / max(elapsed, 1e-9):.1f}/s): "
          + ", ".join(f"{kind} {counts[kind]}" for kind in OUTCOMES))
    if masked_types:
        print("masked exceptions: " + ", ".join(f"{name} {n}" for name, n in masked_types.most_common()))
    print(f"crashes: {crashes}" + (f" (inputs saved in {args.out})" if crashes else ""))
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
