"""Score rules + classifier honestly on the labelled real documents: every
organisation is checked by ``policylint check`` with the model of its own
cross-validation fold (trained without it, thresholds chosen without it).

    python benchmarks/train_classifier.py --no-save --folds /tmp/folds     # the fold models (once)
    python benchmarks/crossval_classifier.py --folds /tmp/folds -o /tmp/crossval.json
    python benchmarks/evaluate_documents.py --findings /tmp/crossval.json --quiet   # rules + model
    python benchmarks/evaluate_documents.py --quiet -- --no-model-findings          # rules alone

For each organisation this runs ``policylint check --isolated --no-cache
--format json`` on its documents with ``$POLICYLINT_TEXTCAT`` set to the
fold's model folder, and merges the reports into one JSON in the shape of
``check --format json`` output (``files`` and ``errors``), which
``evaluate_documents.py --findings`` scores. Extra arguments after ``--`` go
to ``policylint check``. The fold models and the output are written where
you say (keep them outside the repository: they come from the real documents).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.realdocs import REAL_DEV, load


def organisations(root: Path = REAL_DEV) -> dict[str, list[Path]]:
    """Organisation -> its labelled documents' files."""
    provenance = {e["file"]: e["source"] for e in json.loads((root / "provenance.json").read_text())}
    found: dict[str, list[Path]] = {}
    for doc in load(root):
        found.setdefault(provenance[str(doc.path.relative_to(root))], []).append(doc.path)
    return found


def check(paths: list[Path], model: Path, extra: list[str]) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "findings.json"
        command = [sys.executable, "-m", "policylint", "check", "--isolated", "--no-cache", "--format", "json",
                   "--fail-on", "never", "--timeout", "0", "-o", str(out), *extra, *[str(p) for p in paths]]
        env = {**os.environ, "NO_COLOR": "1", "POLICYLINT_TEXTCAT": str(model)}
        done = subprocess.run(command, capture_output=True, text=True, env=env)
        if done.returncode not in (0, 1, 3) or not out.exists():
            raise SystemExit(f"crossval_classifier: policylint failed ({done.returncode}): {done.stderr.strip()}")
        return json.loads(out.read_text(encoding="utf-8"))


def main() -> int:
    argv = sys.argv[1:]
    extra = argv[argv.index("--") + 1:] if "--" in argv else []
    argv = argv[:argv.index("--")] if "--" in argv else argv
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=Path, required=True, help="the folder train_classifier.py --folds wrote")
    parser.add_argument("-o", "--output", type=Path, required=True, help="where to write the merged JSON")
    args = parser.parse_args(argv)
    merged: dict = {}
    for group, paths in sorted(organisations().items()):
        model = args.folds / group
        if not (model / "classifier.json").is_file():
            raise SystemExit(f"crossval_classifier: no fold model for {group} in {args.folds}")
        report = check(paths, model, extra)
        if not merged:
            merged = {key: value for key, value in report.items() if key not in ("files", "errors", "summary")}
            merged["files"], merged["errors"] = [], []
        merged["files"].extend(report.get("files", []))
        merged["errors"].extend(report.get("errors", []))
        found = sum(1 for f in report.get("files", []) for x in f["findings"] if x["name"].startswith("model-"))
        print(f"{group:30} {len(paths)} file(s), {found} model findings", file=sys.stderr)
    args.output.write_text(json.dumps(merged), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
