"""Score the checker on real year pairs: does a batch pair them, and are the cross-year verdicts right?

Why: the checker is judged on "real year pairs" no one here wrote — the same agency's reports for two
consecutive years, checked together. ``manifest.yaml`` lists each pair with the status a correct
checker gives for ``years.consecutive``, ``years.carry-over`` and ``years.stock-flow``, worked out by
hand from both documents. This script runs the project as a user would and compares:

- **recognised**: of the ``pair: true`` entries, how many ``compliance check DIR`` would pair by itself
  (``pairing.pair_inputs`` over every document the entries name); **wrong pairs**: pairs it makes
  that the manifest does not list;
- **verdicts**: for every entry, ``api.check(current, previous=previous)``; a rule's status is fail if
  any of its findings fails, else error, else skip, else pass; **defects** are expected failures it
  reports, **false alarms** failures it reports where none is expected, **undecided** skips where the
  manifest expects a verdict.

    python tests/corpus/pairs/score_pairs.py           # the figures
    python tests/corpus/pairs/score_pairs.py --details # and every verdict that differs
    python tests/corpus/pairs/score_pairs.py --json
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent
MANIFEST = HERE / "manifest.yaml"
RULES = ("years.consecutive", "years.carry-over", "years.stock-flow")
STATUSES = ("pass", "fail", "skip", "error")


def load_manifest(path: Path = MANIFEST) -> dict[str, Any]:
    """The pairs manifest as a mapping."""
    with path.open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return data


def entry_path(relative: str) -> str:
    """A manifest path (relative to tests/corpus) as the path a user would give."""
    return str((CORPUS / relative).resolve())


def rule_status(findings: Sequence[Any], rule: str) -> str:
    """One status for a rule over its findings: fail if any fails, else error, else skip, else pass."""
    found = {f.status.value for f in findings if f.rule == rule}
    return next((s for s in ("fail", "error", "skip", "pass") if s in found), "missing")


@dataclass
class PairsScore:
    """The figures for a set of pairs, and what differed."""

    recognised: tuple[int, int] = (0, 0)
    wrong_pairs: list[str] = field(default_factory=list)
    verdicts: tuple[int, int] = (0, 0)
    defects: tuple[int, int] = (0, 0)
    false_alarms: list[str] = field(default_factory=list)
    undecided: list[str] = field(default_factory=list)
    differences: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, Any]:
        """The figures as plain data (for --json and the floors)."""
        return {"recognised": list(self.recognised), "wrong_pairs": len(self.wrong_pairs),
                "verdicts": list(self.verdicts), "defects": list(self.defects),
                "false_alarms": len(self.false_alarms), "undecided": len(self.undecided)}


def _recognition(entries: Sequence[Mapping[str, Any]], score: PairsScore) -> None:
    from compliance.pairing import pair_inputs

    # One batch per folder, as a user checks a folder: pairs across folders (a page in one, a text
    # copy in another) are a choice of the manifest, not of the checker.
    wanted = {(entry_path(e["previous"]), entry_path(e["current"])) for e in entries if e.get("pair")}
    folders: dict[str, set[str]] = {}
    for pair in wanted:
        for path in pair:
            folders.setdefault(str(Path(path).parent), set()).add(path)
    made: set[tuple[str, str]] = set()
    for paths in folders.values():
        made |= {(p.previous.path, p.current.path) for p in pair_inputs(sorted(paths)).pairs}
    score.recognised = (len(wanted & made), len(wanted))
    score.wrong_pairs = sorted(f"{Path(a).name} → {Path(b).name}" for a, b in made - wanted)


def _verdicts(entries: Sequence[Mapping[str, Any]], packs: Sequence[Any], score: PairsScore) -> None:
    from compliance import api

    right = total = caught = expected_fails = 0
    for entry in entries:
        name = f"{entry['previous']} → {entry['current']}"
        result = api.check(entry_path(entry["current"]), packs, previous=entry_path(entry["previous"]))
        for rule, want in (entry.get("expect") or {}).items():
            if want is None:
                continue
            got = rule_status(result.findings, rule)
            total += 1
            right += got == want
            if want == "fail":
                expected_fails += 1
                caught += got == "fail"
            elif got == "fail":
                score.false_alarms.append(f"{name}: {rule}")
            if got == "skip" and want in ("pass", "fail"):
                score.undecided.append(f"{name}: {rule}")
            if got != want:
                score.differences.append(f"{name}: {rule} expected {want}, got {got}")
    score.verdicts = (right, total)
    score.defects = (caught, expected_fails)


def run(manifest: Mapping[str, Any] | None = None, packs: Sequence[Any] | None = None) -> PairsScore:
    """Score every pair of the manifest with the default pack (or ``packs``)."""
    from compliance import api

    manifest = manifest if manifest is not None else load_manifest()
    entries = manifest.get("pairs") or []
    packs = packs if packs is not None else api.load_packs()
    score = PairsScore()
    _recognition(entries, score)
    _verdicts(entries, packs, score)
    return score


def render(score: PairsScore, details: bool = False) -> str:
    """The figures as a few lines of text."""
    def share(pair: tuple[int, int]) -> str:
        right, total = pair
        return f"{right}/{total}" + (f" ({100 * right / total:.1f} %)" if total else "")

    lines = [
        f"pairs recognised by a batch   {share(score.recognised)}   wrong pairs: {len(score.wrong_pairs)}",
        f"cross-year verdicts right      {share(score.verdicts)}",
        f"defects caught                 {share(score.defects)}",
        f"false alarms                   {len(score.false_alarms)}",
        f"undecided (skip, verdict due)  {len(score.undecided)}",
    ]
    if details:
        lines += [f"  wrong pair: {w}" for w in score.wrong_pairs]
        lines += [f"  {d}" for d in score.differences]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list every verdict that differs")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    score = run()
    print(json.dumps(score.figures(), indent=2) if args.json else render(score, args.details))
    return 0


if __name__ == "__main__":
    sys.exit(main())
