"""Benchmark the calendar build against a naive baseline, in one run.

Run: /work/venv-dev/bin/python bench/calendar_build.py [--year 2027] [--rounds 2] [--keep DIR]

The sample cases are copied to a temporary folder and the printed photo of each of the edition's 52
cases is replaced by a generated 2000×1500 px photograph-like JPEG. Then, each in a fresh process so
that its peak memory is its own:

- baseline: the same pages rendered by one WeasyPrint call with the original photos
  (`build.render_naive`): no cache, no parallel chunks, no photo conversion;
- split: the baseline's own work split in two halves rendered by two processes at once and merged,
  still with the original photos and nothing else: what parallel rendering alone can gain on this
  machine, the floor under any real build (which must also convert the photos to CMYK);
- cold print build: `build_calendar(..., "print")` with an empty cache (target ≤ 0.6× the baseline);
- rebuild after editing one case's summary (target ≤ 0.15×);
- preview of one page after editing another case (`coldcase calendar preview`: that week page alone, laid
  out in the process, PDF and a 30 dpi PNG; target ≤ 0.08×);
- copies: every distribution point's copy of the print variant (11 for 2027) from an empty cache of their own,
  laid out once and stamped (`build.build_copies`), each merged, preflighted and ticketed: target ≤ 2× the cold
  build of the same round;
- screen build (its size: target ≤ 8 MB).

Each phase runs in its own process tree (the build's workers and their forkserver included), which
is sampled every 50 ms from /proc:

- peak memory is the largest total PSS of the tree (`Pss` of /proc/PID/smaps_rollup, summed):
  memory shared between processes (the libraries and WeasyPrint the workers inherit from the
  forkserver) is divided between them instead of counted once per process, which is fair to a
  parallel build and to the single-process baseline alike. The target is the baseline's peak or less;
- CPU time is the user + system time of every process of the tree (the last sample of each, so a
  process that lives under 50 ms is missed): the work done, whatever the other load on the machine.

`--rounds N` alternates baseline, cold build and rebuild N times (fresh caches each round) and
reports the median of each round's ratios, so that a machine shared with other work compares the
phases under the same load. Figures are printed as ratios to the baseline, so runs on different
machines compare.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

TODAY = datetime.date(2026, 11, 1)
PHOTO_PX = (2000, 1500)
TARGETS = {"cold": 0.6, "rebuild": 0.15, "preview": 0.08, "copies": 2.0, "print_mb": 25.0, "screen_mb": 8.0}
#: The case of the week edited before the preview phase (another than the rebuild's).
PREVIEW_WEEK = 21


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
    from coldcase.publish.build import BuildOptions, build_calendar, build_copies, render_naive

    library = load_library(root, today=TODAY)
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    figures: dict = {}
    if phase == "baseline":
        path = render_naive(library, year, out / "naive-print.pdf", BuildOptions(cache_dir=cache))
        workers = 0
    elif phase == "split":
        path, workers = render_split(library, year, out, cache), 2
    elif phase == "preview":
        from coldcase.publish.preview import PreviewRequest, preview_page

        case_id = library.editions[year].weeks[PREVIEW_WEEK - 1]
        result = preview_page(library, year, PreviewRequest(case_id=case_id, png_dpi=30),
                              BuildOptions(variant="print", out_dir=out, cache_dir=cache))
        if not result.ok:
            raise SystemExit(f"preview: not made: {result.problems}")
        path, workers = result.pdf_path, 0
        figures.update(rendered=int(result.rendered))
    elif phase == "copies":
        workers = os.cpu_count() or 1
        codes = [point.code for point in library.editions[year].distribution]
        results = build_copies(library, year, BuildOptions(variant="print", out_dir=out, cache_dir=cache,
                                                           workers=workers), codes)
        if any(result.pdf_path is None for result in results):
            raise SystemExit(f"{phase}: not built: {results[0].problems}")
        path = results[0].pdf_path
        figures.update(copies=len(results), rendered=sum(r.chunks_rendered for r in results), pages=results[0].pages,
                       total_bytes=sum(r.pdf_path.stat().st_size for r in results),
                       preflight_errors=[e.to_text() for r in results for e in getattr(r.preflight, "errors", [])])
    else:
        variant = "screen" if phase == "screen" else "print"
        workers = os.cpu_count() or 1
        result = build_calendar(library, year, BuildOptions(variant=variant, out_dir=out, cache_dir=cache,
                                                           workers=workers))
        if result.pdf_path is None:
            raise SystemExit(f"{phase}: not built: {result.problems}")
        path = result.pdf_path
        figures.update(rendered=result.chunks_rendered, cached=result.chunks_cached, pages=result.pages,
                       preflight_errors=[e.to_text() for e in getattr(result.preflight, "errors", [])])
    figures["seconds"] = time.perf_counter() - started
    figures["workers"] = workers
    figures["bytes"] = path.stat().st_size
    figures["file"] = path.name
    return figures


_SPLIT: dict = {}  # what the forked halves inherit instead of receiving it pickled


def _render_half(page_range: tuple[int, int | None]) -> Path:
    from coldcase.publish.build import BuildOptions, render_naive

    library, year, out, cache = _SPLIT["args"]
    return render_naive(library, year, out / f"half-{page_range[0]}.pdf",
                        BuildOptions(cache_dir=cache / str(page_range[0])), page_range=page_range)


def render_split(library, year: int, out: Path, cache: Path) -> Path:
    """The baseline in two halves, rendered by two processes at once (each imports WeasyPrint, as a
    worker must), then merged: no photo conversion, no cache, no preflight."""
    import multiprocessing

    from coldcase.publish.pdfpost import merge_chunks

    half = (len(library.editions[year].weeks) + 4) // 2  # cover, intro, index and back besides the weeks
    _SPLIT["args"] = (library, year, out, cache)
    with multiprocessing.get_context("fork").Pool(2) as pool:
        halves = pool.map(_render_half, [(0, half), (half, None)])
    path = out / "split-print.pdf"
    merge_chunks(halves, path, {"title": "split", "subject": "split", "author": "bench"})
    return path


class TreeSampler:
    """Samples a process tree every `interval` seconds: peak total PSS and CPU time per process."""

    def __init__(self, root_pid: int, interval: float = 0.05):
        self.root_pid, self.interval = root_pid, interval
        self.peak_pss_kb = 0
        self.cpu: dict[int, float] = {}  # pid -> last seen user + system seconds
        self._stop = threading.Event()
        self._tick = os.sysconf("SC_CLK_TCK")
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _tree(self) -> list[int]:
        parents: dict[int, list[int]] = {}
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as handle:
                    fields = handle.read().rsplit(b")", 1)[1].split()
            except OSError:
                continue
            parents.setdefault(int(fields[1]), []).append(int(entry.name))
        tree, todo = [], [self.root_pid]
        while todo:
            pid = todo.pop()
            tree.append(pid)
            todo.extend(parents.get(pid, ()))
        return tree

    def sample(self) -> None:
        total = 0
        for pid in self._tree():
            try:
                with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
                    for line in handle:
                        if line.startswith(b"Pss:"):
                            total += int(line.split()[1])
                            break
                with open(f"/proc/{pid}/stat", "rb") as handle:
                    fields = handle.read().rsplit(b")", 1)[1].split()
                self.cpu[pid] = (int(fields[11]) + int(fields[12])) / self._tick  # utime, stime
            except (OSError, IndexError, ValueError):
                continue
        self.peak_pss_kb = max(self.peak_pss_kb, total)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def cpu_seconds(self) -> float:
        return sum(self.cpu.values())


def in_child(phase: str, root: Path, out: Path, year: int, cache: Path) -> dict:
    command = [sys.executable, __file__, "--phase", phase, "--root", str(root), "--out", str(out),
               "--year", str(year), "--cache", str(cache)]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = TreeSampler(child.pid)
    stdout, stderr = child.communicate()
    sampler.stop()
    if child.returncode != 0:
        raise SystemExit(f"phase {phase} failed:\n{stderr[-3000:]}")
    figures = json.loads(stdout.strip().splitlines()[-1])
    figures["peak_mb"] = sampler.peak_pss_kb / 1024
    figures["cpu"] = sampler.cpu_seconds
    return figures


def _line(label: str, figures: dict, extra: str = "") -> None:
    print(f"{label:10} {figures['seconds']:6.1f} s  CPU {figures['cpu']:6.1f} s  peak {figures['peak_mb']:5.0f} MB  "
          f"{figures['bytes'] / 1e6:5.1f} MB {extra}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2027)
    parser.add_argument("--keep", type=Path, default=None, help="work in this folder and keep it")
    parser.add_argument("--rounds", type=int, default=1, help="alternate baseline, cold and rebuild this many times")
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
        print(f"{os.cpu_count()} cores; wall s, CPU s (every process of the phase), peak PSS of the tree",
              flush=True)
        ratios: dict[str, list[float]] = {"cold": [], "rebuild": [], "cold_cpu": [], "rebuild_cpu": [], "memory": [],
                                          "split": [], "split_memory": [], "preview": [], "preview_cpu": [],
                                          "copies": [], "copies_cpu": []}
        for number in range(1, args.rounds + 1):
            for folder in (cache, work / "cache-naive", work / "cache-split", work / "cache-copies", out / "print",
                           out / "copies"):
                shutil.rmtree(folder, ignore_errors=True)
            base = in_child("baseline", root, out / "baseline", args.year, work / "cache-naive")
            _line(f"{number} baseline", base)
            split = in_child("split", root, out / "split", args.year, work / "cache-split")
            _line(f"{number} split", split, "(the baseline in two halves at once)")
            cold = in_child("cold", root, out / "print", args.year, cache)
            _line(f"{number} cold", cold, f"({cold['rendered']} pages rendered)")
            copies = in_child("copies", root, out / "copies", args.year, work / "cache-copies")
            _line(f"{number} copies", copies, f"({copies['copies']} copies, {copies['rendered']} pages laid out, "
                                              f"{copies['total_bytes'] / 1e6:.1f} MB in all)")
            edit_one_case(root, weeks[9])
            warm = in_child("rebuild", root, out / "print", args.year, cache)
            _line(f"{number} rebuild", warm, f"({warm['rendered']} rendered, {warm['cached']} from cache)")
            edit_one_case(root, weeks[PREVIEW_WEEK - 1])
            preview = in_child("preview", root, out / "preview", args.year, cache)
            _line(f"{number} preview", preview, f"({preview['rendered']} page laid out)")
            ratios["preview"].append(preview["seconds"] / base["seconds"])
            ratios["preview_cpu"].append(preview["cpu"] / base["cpu"])
            ratios["cold"].append(cold["seconds"] / base["seconds"])
            ratios["rebuild"].append(warm["seconds"] / base["seconds"])
            ratios["cold_cpu"].append(cold["cpu"] / base["cpu"])
            ratios["rebuild_cpu"].append(warm["cpu"] / base["cpu"])
            ratios["memory"].append(cold["peak_mb"] / base["peak_mb"])
            ratios["copies"].append(copies["seconds"] / cold["seconds"])
            ratios["copies_cpu"].append(copies["cpu"] / cold["cpu"])
            ratios["split"].append(split["seconds"] / base["seconds"])
            ratios["split_memory"].append(split["peak_mb"] / base["peak_mb"])
        screen = in_child("screen", root, out / "screen", args.year, cache)
        _line("screen", screen)

        median = {name: statistics.median(values) for name, values in ratios.items()}
        rows = [
            ("cold print build / baseline time", median["cold"], TARGETS["cold"], "x"),
            ("rebuild after one edit / baseline time", median["rebuild"], TARGETS["rebuild"], "x"),
            ("preview of one page after an edit / base", median["preview"], TARGETS["preview"], "x"),
            ("peak PSS, cold build / baseline", median["memory"], 1.0, "x"),
            (f"all {copies['copies']} copies / one cold build", median["copies"], TARGETS["copies"], "x"),
            ("print PDF size (MB)", cold["bytes"] / 1e6, TARGETS["print_mb"], ""),
            ("screen PDF size (MB)", screen["bytes"] / 1e6, TARGETS["screen_mb"], ""),
        ]
        print()
        print(f"{'figure' + (f' (median of {args.rounds} rounds)' if args.rounds > 1 else ''):42} "
              f"{'measured':>9} {'target':>8}")
        for name, value, target, unit in rows:
            verdict = "ok" if value <= target else "MISSED"
            print(f"{name:42} {value:8.2f}{unit or ' '} {'≤ ' + format(target, 'g') + unit:>8}  {verdict}")
        print(f"{'floor: baseline split in two / baseline':42} {median['split']:8.2f}x  (parallel rendering alone)")
        print(f"{'floor: its peak PSS / baseline':42} {median['split_memory']:8.2f}x")
        print(f"{'CPU time, cold build / baseline':42} {median['cold_cpu']:8.2f}x")
        print(f"{'CPU time, rebuild / baseline':42} {median['rebuild_cpu']:8.2f}x")
        print(f"{'CPU time, preview / baseline':42} {median['preview_cpu']:8.2f}x")
        print(f"{'CPU time, all copies / one cold build':42} {median['copies_cpu']:8.2f}x")
        for label, figures in (("print", cold), ("screen", screen), ("copies", copies)):
            errors = figures.get("preflight_errors") or []
            print(f"preflight {label}: " + ("passed" if not errors else f"{len(errors)} error(s): {errors[:3]}"))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
