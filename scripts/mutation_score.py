"""Print the mutation score of the last `mutmut run` (see `make mutation`) and the survivors nobody has judged.

score = killed / (mutants - the ones judged equivalent in tests/mutation_equivalent.txt)

A killed mutant is one that some test failed on (a timeout counts: the mutant made the code hang). A survivor
is either equivalent (it behaves exactly like the original, so no test can tell them apart; listed with the
reason in tests/mutation_equivalent.txt) or a gap in the tests: those are printed, to be killed with a test.
Exit status 1 when the score is below the aim (85 %, or the first argument).
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENT = ROOT / "tests" / "mutation_equivalent.txt"
KILLED = {"killed", "timeout", "caught by type check"}


def judged_equivalent() -> dict[str, str]:
    """The listed mutant names, each with the reason it is equivalent."""
    listed = {}
    for line in EQUIVALENT.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, reason = line.partition("#")
            listed[name.strip()] = reason.strip()
    return listed


def main() -> int:
    aim = float(sys.argv[1]) if len(sys.argv) > 1 else 85.0
    output = subprocess.run(
        [str(Path(sys.executable).parent / "mutmut"), "results", "--all", "true"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout
    status = dict(line.strip().rsplit(": ", 1) for line in output.splitlines() if ": " in line)
    if not status:
        print("no mutmut results: run `make mutation`")
        return 1
    equivalent = judged_equivalent()
    counts = Counter(status.values())
    killed = sum(counts[name] for name in KILLED)
    unjudged = sorted(name for name, result in status.items() if result not in KILLED and name not in equivalent)
    stale = sorted(name for name in equivalent if status.get(name) != "survived")
    counted = len(status) - sum(1 for name in equivalent if status.get(name) == "survived")
    score = 100 * killed / counted
    print(", ".join(f"{count} {result}" for result, count in sorted(counts.items())))
    if counts["not checked"]:
        print(f"the run did not finish: {counts['not checked']} mutants not checked (counted as not killed)")
    for name in unjudged:
        if status[name] != "not checked":
            print(f"  not killed: {name} ({status[name]})")
    for name in stale:
        print(f"  listed as equivalent but {status.get(name, 'no longer a mutant')}: {name}")
    print(f"mutation score: {killed} killed of {counted} non-equivalent mutants = {score:.1f}% "
          f"({len(status) - counted} judged equivalent; aim {aim:.0f}%)")
    return 0 if score >= aim else 1


if __name__ == "__main__":
    sys.exit(main())
