"""Benchmark the calendar build against a naive baseline, in one run.

Run: /work/venv-dev/bin/python bench/calendar_build.py [--year 2027] [--keep DIR]

The sample cases are copied to a temporary folder and the printed photo of each of the edition's 52
cases is replaced by a generated 2000×1500 px photograph-like JPEG. Then, each in a fresh process so
that its peak memory is its own:

- baseline: the same pages rendered by one WeasyPrint call with the original photos
  (`build.render_naive`): no cache, no parallel chunks, no photo conversion;
- cold print build: `build_calendar(..., "print")` with an empty cache (target ≤ 0.6× the baseline);
- rebuild after editing one case's summary (target ≤ 0.15×);
- screen build (its size: target ≤ 8 MB).

Peak memory is the resident set size: the process's own peak plus, for the parallel build, the
largest worker's peak times the number of workers (an upper bound: they may not peak together). The
target is the baseline's peak or less. Figures are printed as ratios to the baseline, so runs on
different machines compare.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

TODAY = datetime.date(2026, 11, 1)
PHOTO_PX = (2000, 1500)
TARGETS = {"cold": 0.6, "rebuild": 0.15, "print_mb": 25.0, "screen_mb": 8.0}


def make_photo(path: Path, seed: int) -> None:
    """A 2000×1500 JPEG with a photograph's texture (gradients, shapes and grain), not a flat colour
    that would compress to nothing and flatter the file sizes."""
    from PIL import Image, ImageDraw, ImageFilter

    rng = random.Random(seed)
    width, height = PHOTO_PX
    base = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    tint = Image.new("RGB", (width, height), tuple(rng.randrange(40, 200) for _ in range(3)))
    image = Image.blend(base, tint, 0.6)
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x, y = rng.randrange(width), rng.randrange(height)
        r = rng.randrange(40, 400)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rng.randrange(256) for _ in range(3)))
    image = image.filter(ImageFilter.GaussianBlur(6))
    grain = Image.effect_noise((width, height), 24).convert("RGB")
    image = Image.blend(image, grain, 0.18)
    image.save(path, quality=90)


def prepare_library(root: Path, year: int) -> list[str]:
    """Copy the sample cases to `root` and give the edition's cases 2000×1500 photos; returns the week order."""
    from coldcase.cases.loader import load_library

    shutil.copytree(REPO / "cases", root)
    library = load_library(root, today=TODAY)
    edition = library.editions[year]
    for number, case_id in enumerate(edition.weeks, start=1):
        make_photo(library.cases[case_id].printed_photo.path, seed=number)
    return list(edition.weeks)


def edit_one_case(root: Path, case_id: str) -> None:
    """Add a sentence to one case's summary, as an investigator would."""
    import yaml

    path = root / case_id / "case.md"
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    fields = yaml.safe_load(front)
    fields["summary"] = fields["summary"].rstrip() + " Getuigen gezocht."
    path.write_text("---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False) + "---\n" + body,
                    encoding="utf-8")


# ---------- one phase, in its own process ----------

def run_phase(phase: str, root: Path, out: Path, year: int, cache: Path) -> dict:
    """Run one phase here and return its figures (called in a child process)."""
    from coldcase.cases.loader import load_library
    from coldcase.publish.build import build_calendar, render_naive

    library = load_library(root, today=TODAY)
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    figures: dict = {}
    if phase == "baseline":
        path = render_naive(library, year, "print", out / "naive-print.pdf", cache_dir=cache)
        workers = 0
    else:
        variant = "screen" if phase == "screen" else "print"
        workers = os.cpu_count() or 1
        result = build_calendar(library, year, variant, out, cache_dir=cache, workers=workers)
        if result.pdf_path is None:
            raise SystemExit(f"{phase}: not built: {result.problems}")
        path = result.pdf_path
        figures.update(rendered=result.chunks_rendered, cached=result.chunks_cached, pages=result.pages,
                       preflight_errors=[e.to_text() for e in getattr(result.preflight, "errors", [])])
    figures["seconds"] = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    figures["peak_mb"] = (own + children * workers) / 1024
    figures["bytes"] = path.stat().st_size
    figures["file"] = path.name
    return figures


def in_child(phase: str, root: Path, out: Path, year: int, cache: Path) -> dict:
    command = [sys.executable, __file__, "--phase", phase, "--root", str(root), "--out", str(out),
               "--year", str(year), "--cache", str(cache)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"phase {phase} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2027)
    parser.add_argument("--keep", type=Path, default=None, help="work in this folder and keep it")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--root", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--cache", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(run_phase(args.phase, args.root, args.out, args.year, args.cache)))
        return

    work = args.keep or Path(tempfile.mkdtemp(prefix="coldcase-bench-"))
    if work.exists() and args.keep:
        shutil.rmtree(work)
    try:
        root, out, cache = work / "cases", work / "out", work / "cache"
        out.mkdir(parents=True)
        print(f"preparing {work}: sample cases with 52 photos of {PHOTO_PX[0]}×{PHOTO_PX[1]} px ...", flush=True)
        weeks = prepare_library(root, args.year)
        print(f"{os.cpu_count()} cores", flush=True)
        base = in_child("baseline", root, out / "baseline", args.year, work / "cache-naive")
        print(f"baseline  {base['seconds']:7.1f} s  peak {base['peak_mb']:6.0f} MB  {base['bytes'] / 1e6:6.1f} MB",
              flush=True)
        cold = in_child("cold", root, out / "print", args.year, cache)
        print(f"cold      {cold['seconds']:7.1f} s  peak {cold['peak_mb']:6.0f} MB  {cold['bytes'] / 1e6:6.1f} MB "
              f"({cold['rendered']} chunks rendered)", flush=True)
        edit_one_case(root, weeks[9])
        warm = in_child("rebuild", root, out / "print", args.year, cache)
        print(f"rebuild   {warm['seconds']:7.1f} s  peak {warm['peak_mb']:6.0f} MB  "
              f"({warm['rendered']} rendered, {warm['cached']} from cache)", flush=True)
        screen = in_child("screen", root, out / "screen", args.year, cache)
        print(f"screen    {screen['seconds']:7.1f} s  peak {screen['peak_mb']:6.0f} MB  "
              f"{screen['bytes'] / 1e6:6.1f} MB", flush=True)

        rows = [
            ("cold print build / baseline time", cold["seconds"] / base["seconds"], TARGETS["cold"], "x"),
            ("rebuild after one edit / baseline time", warm["seconds"] / base["seconds"], TARGETS["rebuild"], "x"),
            ("peak memory, cold build / baseline", cold["peak_mb"] / base["peak_mb"], 1.0, "x"),
            ("print PDF size (MB)", cold["bytes"] / 1e6, TARGETS["print_mb"], ""),
            ("screen PDF size (MB)", screen["bytes"] / 1e6, TARGETS["screen_mb"], ""),
        ]
        print()
        print(f"{'figure':42} {'measured':>9} {'target':>8}")
        for name, value, target, unit in rows:
            verdict = "ok" if value <= target else "MISSED"
            print(f"{name:42} {value:8.2f}{unit or ' '} {'≤ ' + format(target, 'g') + unit:>8}  {verdict}")
        for label, figures in (("print", cold), ("screen", screen)):
            errors = figures.get("preflight_errors") or []
            print(f"preflight {label}: " + ("passed" if not errors else f"{len(errors)} error(s): {errors[:3]}"))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
