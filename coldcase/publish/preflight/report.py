"""What preflight found: one `CheckResult` per check, each with its `Finding`s, gathered in a `PreflightReport`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MM = 72 / 25.4  # PDF points per millimetre
BLEED_MM = 3.0
#: Paper sizes (portrait, mm) that a manifest's `size` may name.
PAPER_MM = {"A3": (297.0, 420.0), "A4": (210.0, 297.0), "A5": (148.0, 210.0), "card": (63.0, 88.0)}
MIN_DPI = {"print": 300, "cards": 300, "card": 300, "screen": 150}
SCREEN_MAX_BYTES = 8 * 1000 * 1000
PRINT_WARN_BYTES = 25 * 1000 * 1000
#: Resampling to exactly 300 dpi can land a hair under it after rounding to whole pixels.
DPI_TOLERANCE = 0.99
#: Text may start this far (pt) outside its clip or the page before it counts as cut off.
TEXT_TOLERANCE_PT = 1.0
NOT_FOR_PRINT_SUFFIX = "-NOT-FOR-PRINT"
#: Variants printed in CMYK with an output intent (the others are screen-only).
CMYK_VARIANTS = ("print", "cards", "card")
#: Variants cut to their TrimBox, with bleed: the calendar pages and the single cards.
BLEED_VARIANTS = ("print", "card")

CHECKS = (
    ("pages", "page count and order against the manifest"),
    ("boxes", "trim and bleed boxes"),
    ("fonts", "fonts embedded"),
    ("output-intent", "CMYK output intent"),
    ("colour", "no RGB colour or image"),
    ("resolution", "photo resolution at its printed size"),
    ("text", "no text clipped or overflowing its box"),
    ("file-size", "file size"),
    ("crop-marks", "crop marks outside the bleed, in registration colour"),
    ("ink", "total ink at most 300%"),
    ("font-subsets", "one name for each font subset"),
    ("tip-line", "the tip line digit for digit in every language"),
    ("contact", "real contact details, no placeholder"),
)


@dataclass(frozen=True)
class Finding:
    """One problem: which check found it, on which page (1-based; None for the whole file), and how bad."""

    check: str
    message: str
    page: int | None = None
    severity: str = "error"  # error | warning

    def to_text(self) -> str:
        """`page 7: ...` or the message alone for a file-wide problem."""
        where = f"page {self.page}: " if self.page is not None else ""
        return f"{where}{self.message}"


@dataclass
class CheckResult:
    """The outcome of one check: its findings, or why it did not apply."""

    name: str
    title: str
    findings: list[Finding] = field(default_factory=list)
    skipped: str | None = None  # why the check did not apply to this file

    @property
    def result(self) -> str:
        """`pass`, `fail` (an error), `warn` (warnings only) or `skipped`."""
        if any(f.severity == "error" for f in self.findings):
            return "fail"
        if self.findings:
            return "warn"
        return "skipped" if self.skipped else "pass"


@dataclass
class PreflightReport:
    """Everything preflight found in one PDF."""

    pdf_path: Path
    variant: str
    manifest_path: Path | None
    checks: list[CheckResult]

    @property
    def errors(self) -> list[Finding]:
        """Problems that stop the file going to print."""
        return [f for c in self.checks for f in c.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        """Problems worth a look that do not stop the print."""
        return [f for c in self.checks for f in c.findings if f.severity == "warning"]

    @property
    def ok(self) -> bool:
        """Whether the file may go to print (no errors)."""
        return not self.errors

    def to_text(self) -> str:
        """A report for the terminal or a build log: one line a check, then every problem."""
        lines = [f"preflight {self.pdf_path.name} ({self.variant}): "
                 + ("OK" if self.ok else f"{len(self.errors)} error(s), NOT FOR PRINT")
                 + (f", {len(self.warnings)} warning(s)" if self.warnings else "")]
        for check in self.checks:
            note = f" ({check.skipped})" if check.skipped and not check.findings else ""
            lines.append(f"  {check.result.upper():7} {check.name}: {check.title}{note}")
            for finding in check.findings:
                label = "error" if finding.severity == "error" else "warning"
                lines.append(f"          {label}: {finding.to_text()}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data (stored with a build, printed by `--format json`)."""
        return {
            "file": self.pdf_path.name,
            "variant": self.variant,
            "manifest": self.manifest_path.name if self.manifest_path else None,
            "ok": self.ok,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "checks": [{"name": c.name, "title": c.title, "result": c.result, "skipped": c.skipped,
                        "findings": [{"page": f.page, "severity": f.severity, "message": f.message}
                                     for f in c.findings]}
                       for c in self.checks],
        }
