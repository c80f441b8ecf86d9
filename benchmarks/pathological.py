"""Time and peak memory of ``policylint check`` on pathological documents.

Each case is generated (nothing is downloaded), written to a temporary
folder and checked by the real program in a process of its own; the peak
memory is the largest resident size of that process and its workers::

    python benchmarks/pathological.py            # every case at full size
    python benchmarks/pathological.py entities   # one case

The cases are the ones that were once slow on purpose: Markdown with 100,000
unclosed HTML comments, 100,000 inline directives or 200,000 character
entities (each was quadratic), a text of 500,000 short paragraphs, 200,000
levels of nested block quotes, and a PDF whose page draws a 512 MB stream
eight times (checked with ``--max-memory 1GiB``: refused in one line). The
tests use the same generators at small sizes.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path


def unclosed_comments(n: int) -> bytes:
    """Markdown: a paragraph of ``n`` HTML comments that never close, then a finding."""
    return ("Intro. " + "<!-- open " * n + "\n\nThe chairman approves leave.\n").encode()


def inline_directives(n: int) -> bytes:
    """Markdown: ``n`` policylint directives, each before a paragraph it turns off."""
    return "".join(f"<!-- policylint-disable-next-line PL401 -->\nThe chairman {i} approves leave.\n\n"
                   for i in range(n)).encode()


def entities(n: int) -> bytes:
    """Markdown: one paragraph of ``n`` character entities, then a finding."""
    return ("Fees &amp; costs &#169; " * (n // 2) + "\n\nThe chairman approves leave.\n").encode()


def short_paragraphs(n: int) -> bytes:
    """Plain text: ``n`` paragraphs of two words."""
    return "".join(f"Item {i}.\n\n" for i in range(n)).encode()


def nested_quotes(depth: int, text: str = "The chairman approves leave.") -> bytes:
    return ("> " * depth + text + "\n").encode()


def nested_lists(depth: int, text: str = "the chairman approves leave") -> bytes:
    return "".join("  " * level + f"- level {level}: {text}\n" for level in range(depth)).encode()


def content_stream_bomb(megabytes: int, references: int = 8) -> bytes:
    """A small PDF whose one page draws, ``references`` times, a FlateDecode
    stream that inflates to ``megabytes`` MiB of spaces."""
    compressor = zlib.compressobj(9)
    piece = b" " * (1 << 20)
    body = b"".join(compressor.compress(piece) for _ in range(megabytes)) + compressor.flush()
    contents = b" ".join([b"4 0 R"] * references)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents [" + contents + b"] >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


#: name -> (file name, bytes, extra options, what the issue allows: seconds, MiB)
def cases() -> dict[str, tuple[str, callable, list[str], float, int]]:
    return {
        "unclosed-comments": ("comments.md", lambda: unclosed_comments(100_000), [], 10, 500),
        "inline-directives": ("directives.md", lambda: inline_directives(100_000), [], 10, 500),
        "entities": ("entities.md", lambda: entities(200_000), [], 10, 500),
        "short-paragraphs": ("paragraphs.txt", lambda: short_paragraphs(500_000), [], 10, 500),
        "nested-quotes": ("nested.md", lambda: nested_quotes(200_000), [], 10, 500),
        "content-stream-bomb": ("bomb.pdf", lambda: content_stream_bomb(512), ["--max-memory", "1GiB"], 30, 1536),
    }


def measure(name: str, folder: Path) -> dict[str, object]:
    file_name, make, options, seconds, mib = cases()[name]
    path = folder / file_name
    path.write_bytes(make())
    command = [sys.executable, "-m", "policylint", "check", str(path), "--no-cache", "--format", "json",
               "--max-words", "0", "--timeout", "0", *options]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # MiB; the largest process so far
    path.unlink()
    return {"case": name, "size": f"{len(make()) / 1e6:.1f} MB", "seconds": round(elapsed, 1),
            "peak MiB": round(peak), "exit": done.returncode, "target": f"< {seconds} s, < {mib} MiB",
            "stderr": done.stderr.strip().splitlines()[:1]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", nargs="*", choices=[[], *cases()], default=[], help="cases to run (default: all)")
    names = parser.parse_args().cases or list(cases())
    with tempfile.TemporaryDirectory() as folder:
        for name in names:  # one process per case, so each peak is its own
            if len(names) > 1:
                subprocess.run([sys.executable, __file__, name], check=False)
                continue
            row = measure(name, Path(folder))
            print(" | ".join(f"{key}: {value}" for key, value in row.items()), flush=True)


if __name__ == "__main__":
    main()
