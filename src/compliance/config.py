"""Configuration without editing a pack: ``compliance.toml``, or ``[tool.compliance]`` in
``pyproject.toml``. Select packs, disable rules, change severities, override pack parameters
(constants such as ``publication_deadline``), and waive known failures::

    packs = ["ogi-2021", "./rules/local"]     # names of installed packs, or folders/files
    disable = ["narrative.internal-sums"]

    [severity]
    "tables.labels" = "error"

    [parameters.publication_deadline]        # deep-merged over the pack's value, re-typechecked
    department = { month = 1, day = 20 }

    [[waivers]]
    rule = "applications.row-totals"
    agency = "聊城市人力资源和社会保障局"
    year = 2023
    by = "王五"
    reason = "已报送更正，待重新发布"
    until = 2024-12-31

Unknown keys, rule ids and parameters are errors with a did-you-mean.
"""

from __future__ import annotations

import datetime
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from compliance.errors import RulePackError, UsageError
from compliance.rules import RulePack, find_pack, load_default_pack
from compliance.rules.diagnostics import suggest
from compliance.severity import Severity
from compliance.source import SourceRef, Span
from compliance.waivers import Waiver, WaiverError, parse_waiver

CONFIG_FILE = "compliance.toml"
KEYS = ("packs", "disable", "severity", "parameters", "waivers")


class ConfigError(UsageError):
    """The configuration is invalid: ``CRxxx message`` at ``file:line``."""


def _plain(value: Any) -> Any:
    """TOML values as pack values: dates become ISO text (floats are already Decimals)."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


@dataclass(frozen=True, slots=True)
class Config:
    """A parsed configuration; ``apply`` gives packs adjusted by it (new objects, never mutated)."""

    path: str | None = None
    packs: tuple[str, ...] | None = None
    disable: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    parameters: Mapping[str, Any] = field(default_factory=dict)
    waivers: tuple[Waiver, ...] = ()
    text: str = ""

    def error(self, code: str, message: str, needle: str | None = None) -> ConfigError:
        """A ``ConfigError`` pointing at the first line of the file that mentions ``needle``."""
        span = None
        if needle is not None:
            for number, line in enumerate(self.text.splitlines(), 1):
                col = line.find(needle)
                if col >= 0:
                    span = Span(number, col + 1)
                    break
        return ConfigError(f"{code} {message}", source=SourceRef(self.path, span) if self.path else None)

    def load_packs(self) -> list[RulePack]:
        """The packs the configuration selects (default: ogi-2021); each after the first is loaded
        on top of the first, as ``check --rules`` does, unless it ``extends`` packs itself."""
        if self.packs is None:
            return [load_default_pack()]
        where = Path(self.path).parent if self.path else Path.cwd()
        out: list[RulePack] = []
        for name in self.packs:
            path = where / name if (where / name).exists() else None
            try:
                resolved = path or find_pack(name, where)
                from compliance.rules.loader import load_pack

                out.append(load_pack(resolved, base=out[0] if out else None))
            except RulePackError as exc:
                raise self.error("CR020", f"pack '{name}': {exc}", f'"{name}"') from exc
        return out

    def _ids(self, packs: Sequence[RulePack]) -> dict[str, str]:
        return {rid: rule.id for pack in packs for rule in pack.rules for rid in (rule.id, *rule.aliases)}

    def check(self, packs: Sequence[RulePack]) -> None:
        """Raise ``ConfigError`` for a rule id or parameter that the packs do not have."""
        ids = self._ids(packs)
        named = [*self.disable, *self.severity, *(w.rule for w in self.waivers)]
        for rid in named:
            if rid not in ids:
                raise self.error("CR021", f"no rule '{rid}' in the packs {', '.join(p.name for p in packs)}"
                                 f"{suggest(rid, ids)}", f'"{rid}"')
        known = {name for p in packs for name in p.parameters}
        for name in self.parameters:
            if name not in known:
                raise self.error("CR022", f"no pack parameter '{name}'{suggest(name, known)}", name)

    def apply(self, packs: Sequence[RulePack]) -> list[RulePack]:
        """New packs with parameters overridden (re-typechecked), rules disabled and severities set."""
        self.check(packs)
        ids = self._ids(packs)
        disabled = {ids[r] for r in self.disable}
        severity = {ids[r]: s for r, s in self.severity.items()}
        reloaded: dict[int, RulePack] = {}
        out: list[RulePack] = []
        for pack in packs:
            base = reloaded.get(id(pack.base)) if pack.base is not None else None
            overrides = {k: v for k, v in self.parameters.items() if k in pack.parameters}
            new = pack
            if overrides or base is not None:
                try:
                    from compliance.rules.loader import load_pack

                    new = load_pack(pack.path, base=base or pack.base, overrides=overrides)
                except RulePackError as exc:
                    raise self.error("CR022", f"with the parameters of {self.path or 'the configuration'}, "
                                     f"pack {pack.name} does not load: {exc}", next(iter(overrides), None)) from exc
                reloaded[id(pack)] = new
            rules = tuple(replace(r, severity=severity[r.id]) if r.id in severity else r
                          for r in new.rules if r.id not in disabled)
            out.append(replace(new, rules=rules))
        return out


def _find(path: Path, explicit: bool) -> Path | None:
    """The configuration file at ``path``, or the one found in the folder ``path``.

    A ``pyproject.toml`` found in a folder (not named with ``--config``) that does not parse or
    cannot be read belongs to some other project: it is skipped with a one-line warning on stderr,
    never an error of every run in that folder.
    """
    if path.is_file():
        return path
    for candidate in (path / CONFIG_FILE, path / "pyproject.toml"):
        if candidate.is_file():
            if candidate.name == CONFIG_FILE:
                return candidate
            import tomllib  # only when there is a file to read

            try:
                data = tomllib.loads(candidate.read_bytes().decode("utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
                if explicit:
                    raise ConfigError(f"CR020 {candidate}: not readable TOML: {exc}") from None
                print(f"compliance: warning: {candidate} is not valid TOML; it is ignored ({exc})", file=sys.stderr)
                continue
            tool = data.get("tool")
            if isinstance(tool, dict) and "compliance" in tool:
                return candidate
    return None


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def load_config(path_or_dir: str | Path = ".", *, explicit: bool = False) -> Config:
    """The configuration in a file, or found in a folder (compliance.toml, else pyproject.toml with
    ``[tool.compliance]``); an empty ``Config`` when there is none. ``explicit``: the path was
    named by the user (``--config``), so a broken ``pyproject.toml`` in it is an error, not skipped.

    Raises:
        ConfigError: invalid TOML, an unknown key (did-you-mean), a value of the wrong kind.
    """
    found = _find(Path(path_or_dir), explicit)
    if found is None:
        if Path(path_or_dir).is_file() or not Path(path_or_dir).exists():
            raise ConfigError(f"CR020 no configuration file {path_or_dir}")
        return Config()
    try:
        text = found.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"CR020 not UTF-8 text (byte {exc.start}); TOML files are UTF-8",
                          source=SourceRef(str(found))) from None
    except OSError as exc:
        raise ConfigError(f"CR020 cannot read: {exc.strerror}", source=SourceRef(str(found))) from None
    import tomllib

    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"CR020 invalid TOML: {exc}", source=SourceRef(str(found))) from exc
    if found.name == "pyproject.toml":
        data = data.get("tool", {}).get("compliance", {})
        if not isinstance(data, dict):
            raise ConfigError("CR020 [tool.compliance] must be a table", source=SourceRef(str(found)))
    blank = Config(str(found), text=text)
    for key in data:
        if key not in KEYS:
            raise blank.error("CR020", f"unknown key '{key}'{suggest(key, KEYS)}", key)

    def strings(key: str) -> tuple[str, ...]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise blank.error("CR020", f"`{key}` must be a list of strings", key)
        return tuple(value)

    def table(key: str) -> dict[str, Any]:
        value = data.get(key) or {}
        if not isinstance(value, dict):
            raise blank.error("CR020", f"`{key}` must be a table ([{key}]), not {type(value).__name__} "
                              f"{_short(value)}", key)
        return value

    severity: dict[str, Severity] = {}
    for rid, value in table("severity").items():
        try:
            severity[rid] = Severity(value)
        except ValueError:
            raise blank.error("CR020", f"severity of '{rid}' must be error, warning or info, not {value!r}",
                              f'"{rid}"') from None
    parameters = table("parameters")
    entries = data.get("waivers") or []
    if not isinstance(entries, list):
        raise blank.error("CR023", f"`waivers` must be a list of tables ([[waivers]]), not {_short(entries)}",
                          "waivers")
    waivers: list[Waiver] = []
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise blank.error("CR023", f"waiver {i + 1} must be a table ([[waivers]] with rule, by, reason), "
                              f"not {_short(entry)}", "waivers")
        try:
            waivers.append(parse_waiver(entry))
        except WaiverError as exc:
            raise blank.error("CR023", f"waiver {i + 1}: {exc}", str(entry.get("rule", "[[waivers]]"))) from exc
    return Config(str(found), strings("packs") if "packs" in data else None, strings("disable"), severity,
                  _plain(parameters), tuple(waivers), text)
