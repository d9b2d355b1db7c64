"""A short row that kept one number (PyMuPDF text of a report that leaves zeros blank): its placements
handed to the engine as readings, so the table is checked rather than marked unreadable, within the
number of readings the engine checks (column_dump.lone_readings, docs/inputs.md)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance import api
from compliance.engine import readings
from compliance.readers import column_dump
from compliance.readers.column_dump import LEFT_OUT
from compliance.rules import load_default_pack
from tests.hypothesis_budget import examples
from tests.readers.helpers import read
from tests.readers.test_column_dump import ROW_IDS, ROWS, _document
from tests.rendering.tables import APPLICATION_HEADERS

PACK = [load_default_pack()]
# What the text with zeros left out does have, under every reading: blank cells where numbers belong.
TRUE_OF_BLANKS = frozenset({"counts.blank-cells"})
ROW = "/tables/applications/rows/"


def _lines(cells: list[list[int]], short: set[int], zero_total: bool = False) -> list[str]:
    """Table 2 one cell a line, as PyMuPDF writes it; the rows in ``short`` leave their zeros out. A row
    of zeros keeps its 总计 "0", a lone number, when ``zero_total``, else all seven: a row left wholly
    blank is a row the table lacks (tables.applications.present says so), not a reading."""
    lines = ["申请人情况", "自然人", "法人或其他组织", *APPLICATION_HEADERS]
    r = 0
    for row, label in ROWS:
        lines.append(label)
        if row is not None:
            written = [str(v) for v in cells[r] if v or r not in short]
            lines += written or (["0"] if zero_total else ["0"] * 7)
            r += 1
    return lines


def _whole_rows() -> list[list[int]]:
    return [[1, 1, 1, 1, 1, 1, 6] for _ in ROW_IDS]


def _statuses(text: str) -> dict[str, set[str]]:
    result = api.check(read(text.encode("utf-8")), PACK)
    out: dict[str, set[str]] = {}
    for finding in result.findings:
        out.setdefault(finding.rule, set()).add(finding.status.value)
    return out


def test_the_readers_cap_is_the_engines() -> None:
    assert column_dump.MAX_VARIANTS == readings.MAX_VARIANTS


def test_a_lone_number_is_read_in_every_column_and_a_defect_under_every_reading_is_reported() -> None:
    cells = _whole_rows()
    partly = ROW_IDS.index("partly_granted")
    cells[partly] = [3, 0, 0, 0, 0, 0, 0]  # 总计 left blank: a real defect, in whichever column the 3 stands
    text = _document(_lines(cells, {partly}))
    model = read(text.encode("utf-8"))
    table = model["tables"]["applications"]
    assert table.get("unreadable") is None  # before: marked unreadable, and the defect skipped
    assert table["rows"]["partly_granted"]["values"]["natural_person"] == 3
    (alternative,) = [a for a in model["alternatives"] if a["row"] == ROW + "partly_granted"]
    assert len(alternative["readings"]) == 7
    assert sorted(r.index(3) for r in alternative["readings"]) == list(range(7))
    assert model["provenance"][ROW + "partly_granted/values/natural_person"]["inferred"]["readings"] == 7
    assert "fail" in _statuses(text)["applications.row-totals"]


def test_more_readings_than_the_engine_checks_leave_the_table_unreadable() -> None:
    cells = _whole_rows()
    short = set(range(6))  # six lone numbers: 6 x 6 other readings > 32
    for r in short:
        cells[r] = [0, 0, 0, 0, 0, 0, 0]
        cells[r][r] = 2
    model = read(_document(_lines(cells, short)).encode("utf-8"))
    assert model["tables"]["applications"]["unreadable"]["reason"] == LEFT_OUT
    assert not [a for a in model.get("alternatives") or () if a["row"].startswith(ROW)]


def _clean_row(values: list[int]) -> list[int]:
    return [*values, sum(values)]


@settings(max_examples=examples(10), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cells=st.lists(st.lists(st.sampled_from([0, 0, 0, 1, 4]), min_size=6, max_size=6).map(_clean_row),
                      min_size=len(ROW_IDS), max_size=len(ROW_IDS)),
       short=st.sets(st.integers(0, len(ROW_IDS) - 1), max_size=3),
       zeros=st.sets(st.integers(0, len(ROW_IDS) - 1), max_size=4), zero_total=st.booleans())
def test_rows_that_leave_zeros_out_never_fail_a_rule_the_whole_table_passes(
        cells: list[list[int]], short: set[int], zeros: set[int], zero_total: bool) -> None:
    for r in zeros:  # rows of zeros, left out but for a lone 总计 "0" (when ``zero_total``)
        cells[r] = [0] * 7
    short |= zeros
    whole = _statuses(_document(_lines(cells, set())))
    left_out = _statuses(_document(_lines(cells, short, zero_total)))
    false = [rule for rule, found in left_out.items() if "fail" in found and "fail" not in whole.get(rule, set())
             and rule not in TRUE_OF_BLANKS]
    assert not false
