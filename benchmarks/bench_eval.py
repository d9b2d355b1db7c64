"""Evaluation benchmarks: the default pack on the seed model against the hand-written version of the
same rules, and 30 table identities in this language against hand-written Python, Python ``eval``,
cel-python and JsonLogic (each measured in the same run)."""

from __future__ import annotations

from typing import Any

import handwritten
from common import default_pack, interleaved, per_call, seed_report, statuses

from compliance.engine import check_report


def evaluate_only(pack: Any, names: dict[str, Any], lang_cache: dict[str, Any]) -> dict[str, str]:
    """The rules' decisions (requires → when → for_each → require) without building findings."""
    out: dict[str, str] = {}
    for rule in pack.rules:
        if rule.uses_previous:  # a cross-year rule without a previous report: the engine skips it unevaluated
            out[rule.id] = "skip"
            continue

        def ev(expr: Any, locals_: Any = None, rule: Any = rule) -> Any:
            return expr.evaluate(names, locals_, lang_cache)
        if any(ev(req.path) is None for req in rule.requires):
            out[rule.id] = "error"
            continue
        if rule.when is not None and ev(rule.when) is not True:
            out[rule.id] = "skip" if ev(rule.when) is False else "error"
            continue
        if rule.for_each is None:
            items: Any = [None]
        else:
            collection = ev(rule.for_each.collection)
            items = [{rule.for_each.var: v} for v in (collection.values() if isinstance(collection, dict)
                                                      else collection)]
        seen = [ev(rule.require, _bound(rule, item, ev)) for item in items]
        out[rule.id] = "error" if any(s is not True and s is not False for s in seen) else (
            "fail" if False in seen else "pass")
    return out


def _bound(rule: Any, item: Any, ev: Any) -> Any:
    """``item`` with the rule's ``let`` bindings added, in order (each sees those above it)."""
    if not rule.lets:
        return item
    bound = dict(item or {})
    for name, expr in rule.lets:
        bound[name] = ev(expr, bound)
    return bound


def _items_status(rule: Any, positions: tuple[int, ...], names: dict[str, Any], cache: dict[str, Any]) -> str:
    """fail or error, from the require of the items at ``positions`` only (as the engine does)."""
    def ev(expr: Any, locals_: Any = None) -> Any:
        return expr.evaluate(names, locals_, cache)
    if rule.for_each is None:
        items: list[Any] = [None]
    else:
        collection = ev(rule.for_each.collection)
        items = [{rule.for_each.var: v} for v in (collection.values() if isinstance(collection, dict)
                                                   else collection)]
    seen = [ev(rule.require, _bound(rule, items[i], ev)) for i in positions]
    return "error" if any(s is not True and s is not False for s in seen) else "fail"


def decide_with_program(pack: Any, names: dict[str, Any], lang_cache: dict[str, Any]) -> dict[str, str]:
    """The same decisions as the engine makes them: the pack's program (one generated function,
    ``rules.decisions``) decides the quiet outcomes, ``evaluate_only`` the rules it leaves."""
    from compliance.lang.program import HOLDS
    from compliance.rules.decisions import program

    outcomes = program(pack).run(names, lang_cache)
    out: dict[str, str] = {}
    left = []
    for rule, outcome in zip(pack.rules, outcomes, strict=True):
        if outcome is None:
            left.append(rule)
        elif isinstance(outcome, tuple):  # the items not true: fail, or error when one is not false
            out[rule.id] = _items_status(rule, outcome, names, lang_cache)
        else:
            out[rule.id] = "pass" if outcome == HOLDS else "skip"

    class Left:
        rules = left
    out.update(evaluate_only(Left, names, lang_cache))
    return out


def bench_pack() -> dict[str, Any]:
    """Default pack on the seed: engine (findings included), evaluation only, hand-written."""
    pack, report = default_pack(), seed_report()
    data, constants = dict(report.data), dict(pack.constants)
    names = {**constants, "report": data, **data, "previous": None}
    engine = statuses(check_report(report, [pack]))
    hand = handwritten.check(data, constants)
    assert engine == hand, {k: (engine.get(k), hand.get(k)) for k in set(engine) | set(hand)
                            if engine.get(k) != hand.get(k)}
    only = evaluate_only(pack, names, {})
    assert only == engine, "evaluate_only disagrees with the engine"
    assert decide_with_program(pack, names, {}) == engine, "the pack's program disagrees with the engine"
    from compliance.lang.functions import _first_match

    def fresh(run: Any) -> Any:
        # The regex-answer cache would make every round after the first a replay of the same
        # report; clear it so each round pays what a new report pays (the baseline clears
        # nothing: hand-written code has no such cache).
        def timed() -> Any:
            _first_match.cache_clear()
            return run()
        return timed

    from compliance.rules.decisions import program

    # CPU time, the five taken in turn (benchmarks.common.interleaved): on a shared machine the
    # ratios are what the figures are for.
    t = interleaved({
        "clear": _first_match.cache_clear,
        "hand": lambda: handwritten.check(data, constants),
        "engine": fresh(lambda: check_report(report, [pack])),
        "eval": fresh(lambda: evaluate_only(pack, names, {})),
        "program": fresh(lambda: decide_with_program(pack, names, {})),
        "run": fresh(lambda: program(pack).run(names, {})),  # the program alone
    })
    t_hand = t["hand"]
    t_engine, t_eval, t_program, t_run = (t[k] - t["clear"] for k in ("engine", "eval", "program", "run"))
    return {"rules": len(pack.rules), "handwritten_us": t_hand * 1e6, "engine_us": t_engine * 1e6,
            "evaluate_us": t_eval * 1e6, "program_us": t_program * 1e6, "program_alone_us": t_run * 1e6,
            "engine_ratio": t_engine / t_hand, "evaluate_ratio": t_eval / t_hand, "program_ratio": t_program / t_hand,
            "program_alone_ratio": t_run / t_hand}


# -- 30 table identities ---------------------------------------------------------------------------------

APPLICANTS = ["natural_person", "commercial_enterprise", "research_institution", "public_interest_org",
              "legal_service_org", "other_org"]


def identities(rows: list[str], results: list[str]) -> list[tuple[str, list[str]]]:
    """(left path, right paths) of 30 identities: 25 row totals of table 2, (七) total, the balance, the
    three groups of table 3. Each is ``left == sum(right)``; paths are dotted."""
    out = [(f"t2.{r}.values.total", [f"t2.{r}.values.{c}" for c in APPLICANTS]) for r in rows]
    out.append(("t2.results_total.values.total", [f"t2.{r}.values.total" for r in results]))
    out.append(("t2.new_received.values.total", ["t2.results_total.values.total", "t2.carried_forward.values.total",
                                                 "-t2.carried_over.values.total"]))
    for g in ("review", "litigation_direct", "litigation_after_review"):
        out.append((f"t3.{g}.values.total", [f"t3.{g}.values.{o}" for o in ("upheld", "corrected", "other",
                                                                              "pending")]))
    return out[:30]


def _dsl(left: str, right: list[str]) -> str:
    return f"{left} == " + " + ".join(right).replace("+ -", "- ")


def _python(path: str) -> str:
    sign = "-" if path.startswith("-") else ""
    parts = path.lstrip("-").split(".")
    return sign + parts[0] + "".join(f"[{p!r}]" for p in parts[1:])


def _jsonlogic(left: str, right: list[str]) -> Any:
    plus = [{"var": p} for p in right if not p.startswith("-")]
    minus = [{"var": p[1:]} for p in right if p.startswith("-")]
    total: Any = {"+": plus}
    if minus:
        total = {"-": [total, {"+": minus}]}
    return {"==": [{"var": left}, total]}


def bench_identities() -> dict[str, Any]:
    """The same 30 identities, in each engine, on the seed's tables (µs per report, all 30)."""
    report = seed_report()
    tables = report.data["tables"]
    data = {"t2": tables["applications"]["rows"], "t3": tables["review_litigation"]["rows"]}
    rows = list(data["t2"])
    checks = identities(rows, [r for r in rows if r not in ("new_received", "carried_over", "results_total",
                                                            "carried_forward")])
    assert len(checks) == 30
    out: dict[str, Any] = {}

    # hand-written Python: one function per identity
    fns = [eval(f"lambda t2, t3: {_python(left)} == " + " + ".join(_python(p) for p in right).replace("+ -", "- "))
           for left, right in checks]
    t2, t3 = data["t2"], data["t3"]
    expected = [f(t2, t3) for f in fns]
    out["handwritten"] = per_call(lambda: [f(t2, t3) for f in fns])

    codes = [compile(f"{_python(left)} == " + " + ".join(_python(p) for p in right).replace("+ -", "- "),
                     "<id>", "eval") for left, right in checks]
    out["python_eval"] = per_call(lambda: [eval(c, {}, data) for c in codes])

    from compliance.lang import ANY, Environment

    env = Environment({"t2": ANY, "t3": ANY})
    exprs = [env.compile(_dsl(left, right)) for left, right in checks]
    assert [e.evaluate(data) for e in exprs] == expected
    out["compliance"] = per_call(lambda: [e.evaluate(data, None, {}) for e in exprs])
    out["compliance_reference_interpreter"] = per_call(lambda: [e.evaluate_reference(data) for e in exprs],
                                                       rounds=5)
    try:
        import celpy

        cel = celpy.Environment()
        programs = [cel.program(cel.compile(_dsl(left, right))) for left, right in checks]

        def run_cel() -> list[Any]:
            activation = {"t2": celpy.json_to_cel(t2), "t3": celpy.json_to_cel(t3)}
            return [bool(p.evaluate(activation)) for p in programs]
        assert run_cel() == expected
        out["cel_python"] = per_call(run_cel, rounds=5)
    except ImportError:
        out["cel_python"] = None
    try:
        from json_logic import jsonLogic

        logic = [_jsonlogic(left, right) for left, right in checks]
        assert [jsonLogic(r, data) for r in logic] == expected
        out["jsonlogic"] = per_call(lambda: [jsonLogic(r, data) for r in logic], rounds=5)
    except ImportError:
        out["jsonlogic"] = None
    base = out["handwritten"]
    return {name: (None if t is None else {"us": t * 1e6, "ratio": t / base}) for name, t in out.items()}
