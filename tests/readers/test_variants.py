"""Ways other agencies write what the seed writes: each must read to the same facts."""

from __future__ import annotations

from pathlib import Path

from compliance.api import check, example_path, load_packs
from compliance.readers import read_bytes
from compliance.results import Status
from tests.conftest import corrected_seed_text

CORPUS = Path(__file__).resolve().parent / "corpus"


def _read(text: str) -> dict:  # type: ignore[type-arg]
    return dict(read_bytes(text.encode("utf-8"), uri="variant.txt").data)


def _failing(text: str) -> set[str]:
    result = check(read_bytes(text.encode("utf-8"), uri="variant.txt"), load_packs())
    return {f.rule for f in result.findings if f.status in (Status.FAIL, Status.ERROR)}


def test_a_title_split_over_two_lines_keeps_the_agency_and_level() -> None:
    text = corrected_seed_text().replace("聊城市人力资源和社会保障局 2023年政府信息公开工作年度报告",
                                         "聊城市人民政府\n2023年政府信息公开工作年度报告")
    meta = _read(text)["metadata"]
    assert (meta["agency"], meta["level"], meta["year"]) == ("聊城市人民政府", "government", 2023)


def test_a_title_that_starts_with_the_year_keeps_the_agency() -> None:
    text = corrected_seed_text().replace("聊城市人力资源和社会保障局 2023年政府信息公开工作年度报告",
                                         "2023年聊城市人力资源和社会保障局政府信息公开工作年度报告")
    assert _read(text)["metadata"]["agency"] == "聊城市人力资源和社会保障局"


def test_sections_out_of_order_are_reported_as_out_of_order_not_missing() -> None:
    text = corrected_seed_text()
    four = text[text.index("四、政府信息公开行政复议"):text.index("五、存在的主要问题")]
    five = text[text.index("五、存在的主要问题"):text.index("六、其他需要报告的事项")]
    swapped = text.replace(four + five, five + four)
    assert [s["number"] for s in _read(swapped)["sections"]] == [1, 2, 3, 5, 4, 6]
    assert _failing(swapped) == {"sections.order"}


def test_units_in_numeric_cells_are_read_and_kept() -> None:
    text = corrected_seed_text().replace("行政事业性收费\t595.353309", "行政事业性收费\t595.353309万元")
    row = _read(text)["tables"]["active_disclosure"]["rows"]["administrative_fees"]
    assert str(row["values"]["amount"]) == "595.353309"
    assert row["raw"]["amount"] == "595.353309万元"
    assert "active-disclosure.fee-amount" not in _failing(text)


def test_a_heading_glued_in_an_html_paragraph_is_a_section() -> None:
    page = (CORPUS / "pingtan-2023.html").read_bytes()
    start = page.index("效能问责。".encode())
    end = page.index("二、主动公开政府信息情况".encode())
    glued = page[:start] + "效能问责。".encode() + page[end:]
    model = read_bytes(glued, uri="glued.html").data
    assert [s["number"] for s in model["sections"]] == [1, 2, 3, 4, 5, 6]
    assert model["sections"][1]["tables"] == ["active_disclosure"]


def test_the_seed_still_reads_to_its_golden_model_facts() -> None:
    model = read_bytes(example_path().read_bytes(), uri="seed.txt").data
    assert model["tables"]["applications"]["rows"]["granted"]["values"]["total"] == 0


def _with_subtotal(subtotal: str) -> str:
    lines = corrected_seed_text().split("\n")
    item = lines[69].split("\t")  # line 70: "\t(四) 无法提供\t1. 本机关不掌握相关政府信息\t2\t0…"
    assert item[1].startswith("(四)")
    lines[69:70] = ["\t" + item[1] + "\t\t" + subtotal, "\t\t" + "\t".join(item[2:])]
    return "\n".join(lines)


def test_a_group_subtotal_row_is_read_and_checked() -> None:
    text = _with_subtotal("3\t0\t0\t0\t0\t0\t3")
    rows = _read(text)["tables"]["applications"]["rows"]
    assert rows["unable_subtotal"]["values"]["natural_person"] == 3
    assert rows["unable_not_held"]["values"]["total"] == 2
    assert rows["unable_needs_creation"]["values"]["natural_person"] == 1
    assert _failing(text) == set()
    wrong = _with_subtotal("4\t0\t0\t0\t0\t0\t4")
    assert _failing(wrong) == {"applications.group-subtotals"}


def test_a_report_in_traditional_characters_reads_and_checks_like_the_simplified_one() -> None:
    from compliance.hanzi import SIMPLIFIED, TRADITIONAL

    to_traditional = str.maketrans(SIMPLIFIED, TRADITIONAL)
    text = corrected_seed_text().translate(to_traditional)
    assert "政府信息公開工作年度報告" in text
    meta = _read(text)["metadata"]
    assert (meta["year"], meta["level"]) == (2023, "department")
    assert _failing(text) == set()
    broken = example_path().read_text(encoding="utf-8").translate(to_traditional)
    assert _failing(broken) == {"applications.row-totals", "applications.results-total"}


def test_tables_whose_cells_are_separated_by_runs_of_spaces_are_read() -> None:
    text = corrected_seed_text().replace("\t", "   ")  # as copied from a PDF viewer
    model = _read(text)
    rows = model["tables"]["applications"]["rows"]
    assert len(rows) == 25
    assert rows["granted"]["values"]["natural_person"] == 6
    assert model["tables"]["review_litigation"]["rows"]["review"]["values"]["total"] == 1
    assert str(model["tables"]["active_disclosure"]["rows"]["administrative_fees"]["values"]["amount"]) == "595.353309"
    assert _failing(text) == set()


def test_part_numbered_headings_are_sections() -> None:
    text = corrected_seed_text()
    for numeral, heading in (("一", "总体情况"), ("二", "主动公开政府信息情况"), ("六", "其他需要报告的事项")):
        text = text.replace(f"\n{numeral}、{heading}\n", f"\n第{numeral}部分  {heading}\n")
    assert [s["number"] for s in _read(text)["sections"]] == [1, 2, 3, 4, 5, 6]
    assert _failing(text) == set()
