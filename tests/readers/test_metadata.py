"""What a report says about itself (readers/metadata.py): the year from every place it is stated,
in order of authority, and where it came from; a year is never guessed."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.readers import read_bytes
from compliance.readers.metadata import WHERE, metadata, period_year
from tests.conftest import corrected_seed_text
from tests.hypothesis_budget import examples

BARE = "政府信息公开工作年度报告"
SEED_TITLE = "聊城市人力资源和社会保障局 2023年政府信息公开工作年度报告"
SIX = "\n".join(["一、总体情况", "正文。", "二、主动公开政府信息情况", "正文。", "三、收到和处理政府信息公开申请情况",
                 "正文。", "四、政府信息公开行政复议、行政诉讼情况", "正文。", "五、存在的主要问题及改进情况",
                 "存在不足。下一步将改进。", "六、其他需要报告的事项", "本年度未收取信息处理费。"])


def _meta(text: str, uri: str = "r.txt") -> dict:  # type: ignore[type-arg]
    return dict(read_bytes(text.encode("utf-8"), uri=uri).data["metadata"])


def test_a_title_with_its_year_says_so() -> None:
    meta = metadata(SEED_TITLE, "r.txt", "text")
    assert (meta["year"], meta["year_from"], meta["agency"], meta["level"]) == (
        2023, "title", "聊城市人力资源和社会保障局", "department")
    assert meta["url"] is None
    assert meta["published"] is None


def test_a_bare_title_takes_year_title_and_agency_from_a_header_block() -> None:
    meta = metadata(BARE, "p.txt", "flat", [("平潭综合实验区2020年度政府信息公开工作年度报告", "header")],
                    published="2021-03-05", url="https://www.pingtan.gov.cn/x.htm")
    assert (meta["year"], meta["year_from"], meta["agency"], meta["level"]) == (
        2020, "header", "平潭综合实验区", "government")
    assert meta["title"] == "平潭综合实验区2020年度政府信息公开工作年度报告"
    assert (meta["published"], meta["url"]) == ("2021-03-05", "https://www.pingtan.gov.cn/x.htm")


def test_places_are_asked_in_order_of_authority_whatever_order_they_are_given_in() -> None:
    candidates = [("本报告所列数据的统计期限自2019年1月1日起至2019年12月31日止。", "period"),
                  ("现将2021年度政府信息公开工作情况报告如下。", "intro"),
                  ("某某市2022年政府信息公开工作年度报告", "meta")]
    assert metadata(BARE, "x", "x", candidates)["year_from"] == "meta"
    assert metadata(BARE, "x", "x", candidates[:2])["year"] == 2021
    assert metadata(BARE, "x", "x", candidates[:1])[("year_from")] == "period"
    assert metadata(SEED_TITLE, "x", "x", candidates)["year"] == 2023  # the title wins over all
    assert list(WHERE) == ["title", "header", "meta", "heading", "intro", "period", "narrative"]


@pytest.mark.parametrize(("sentence", "year"), [
    ("本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。", 2023),
    ("本报告中所列数据统计时限为2022年1月1日至2022年12月31日。", 2022),
    ("除特别说明外，本报告所列数据统计期限为2023年1月1日至12月31日。", 2023),
    ("统计时间范围：2023.1.1—2023.12.31", 2023),
    ("本报告内容涵盖2024年1月1日-12月31日期间的工作", 2024),
    ("本报告中所列数据的统计期限为2023年度。", 2023),
    ("本报告统计时段为2021年全年。", 2021),
    ("報告中所列數據的統計時限自2023年1月1日起，截止2023年12月31日。", 2023),  # 起，截止 between the dates
    ("统计期限自2022年12月1日起至2023年11月30日止。", None),  # two years: no guess
    ("2023年，我局认真落实各项部署。", None),  # a year, but no period statement
])
def test_the_period_statement_gives_the_year_of_a_calendar_year(sentence: str, year: int | None) -> None:
    assert period_year(sentence) == year


def test_a_date_line_under_the_title_is_not_a_year() -> None:
    meta = metadata(BARE, "x", "x", [("2024年1月20日", "heading"), ("发布时间：2024年01月20日", "heading")])
    assert (meta["year"], meta["year_from"]) == (None, None)


def test_a_text_report_with_a_bare_title_takes_the_year_from_its_period() -> None:
    text = BARE + "\n本报告所列数据的统计期限自2020年1月1日起至2020年12月31日止。\n" + SIX
    meta = _meta(text)
    assert (meta["title"], meta["year"], meta["year_from"], meta["agency"]) == (BARE, 2020, "period", None)


def test_a_text_report_that_names_the_year_in_its_introduction() -> None:
    text = BARE + "\n现将本局2022年度政府信息公开工作情况报告如下。\n" + SIX
    assert (_meta(text)["year"], _meta(text)["year_from"]) == (2022, "intro")


def test_a_year_line_under_a_bare_title_is_a_heading() -> None:
    assert (_meta(BARE + "\n（2023年度）\n" + SIX)["year_from"]) == "heading"


def test_the_agency_and_year_above_a_bare_title_join_it() -> None:
    """平潭 2019/2020 pages: "平潭综合实验区2020年" and "政府信息公开工作年度报告" in two paragraphs."""
    meta = _meta("平潭综合实验区2020年\n" + BARE + "\n" + SIX)
    assert (meta["title"], meta["year"], meta["year_from"], meta["agency"], meta["level"]) == (
        "平潭综合实验区2020年政府信息公开工作年度报告", 2020, "title", "平潭综合实验区", "government")


def test_a_report_that_states_no_year_anywhere_has_none() -> None:
    meta = _meta(BARE + "\n本报告根据条例编制。\n" + SIX)
    assert (meta["year"], meta["year_from"], meta["agency"], meta["level"]) == (None, None, None, None)


def test_the_seed_year_comes_from_its_title() -> None:
    meta = _meta(corrected_seed_text())
    assert (meta["year"], meta["year_from"], meta["url"]) == (2023, "title", None)


PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<meta name="ArticleTitle" content="{meta_title}"/>
<meta name="PubDate" content="2021-03-05 08:58"/>
<meta name="Url" content="https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202103/t20210305_80595.htm"/>
<title>{page_title}_政府信息公开年报_平潭综合实验区党工委管委会</title></head>
<body><div class="nav">首页 政务公开</div><div class="TRS_Editor">{head}
<p>本报告所列数据的统计期限自2020年1月1日起至2020年12月31日止。</p>
{body}</div></body></html>"""


def _page(head: str, meta_title: str = "", page_title: str = "") -> dict:  # type: ignore[type-arg]
    body = "".join(f"<p>{line}</p>" for line in SIX.split("\n"))
    html = PAGE.format(head=head, body=body, meta_title=meta_title, page_title=page_title)
    return dict(read_bytes(html.encode("utf-8"), uri="p.html").data["metadata"])


def test_a_page_with_the_title_split_over_two_paragraphs_reads_the_year_from_its_title() -> None:
    """The 平潭 2020 page: <p>平潭综合实验区2020年</p><p>政府信息公开工作年度报告</p>."""
    meta = _page("<p>平潭综合实验区2020年</p><p>政府信息公开工作年度报告</p>",
                 "平潭综合实验区2020年度政府信息公开工作年度报告", "平潭综合实验区2020年度政府信息公开工作年度报告")
    assert (meta["year"], meta["year_from"], meta["agency"]) == (2020, "title", "平潭综合实验区")
    assert meta["published"] == "2021-03-05"
    assert meta["url"] == "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202103/t20210305_80595.htm"


def test_a_page_whose_body_title_is_bare_takes_the_year_from_its_metas() -> None:
    meta = _page(f"<p>{BARE}</p>", "", "平潭综合实验区2019年度政府信息公开工作年度报告")
    assert (meta["year"], meta["year_from"], meta["agency"]) == (2019, "meta", "平潭综合实验区")
    assert meta["title"] == "平潭综合实验区2019年度政府信息公开工作年度报告"


def test_a_page_with_no_title_metas_takes_the_year_from_its_period() -> None:
    meta = _page(f"<p>{BARE}</p>")
    assert (meta["year"], meta["year_from"], meta["title"]) == (2020, "period", BARE)


AGENCIES = st.sampled_from(["聊城市人力资源和社会保障局", "平潭综合实验区", "沭阳县人民政府", "某某街道办事处",
                            "北京市东城区财政局", "某某镇"])


@settings(max_examples=examples(60), deadline=None)
@given(agency=AGENCIES, year=st.integers(1990, 2099), suffix=st.sampled_from(["年", "年度"]),
       where=st.sampled_from(["title", "header", "meta", "heading"]), space=st.sampled_from(["", " "]))
def test_any_title_like_place_gives_year_and_agency(agency: str, year: int, suffix: str, where: str,
                                                    space: str) -> None:
    text = f"{agency}{space}{year}{suffix}政府信息公开工作年度报告"
    title = text if where == "title" else None
    meta = metadata(title, "x", "x", [] if title else [(text, where)])
    assert (meta["year"], meta["year_from"], meta["agency"]) == (year, where, agency)


@settings(max_examples=examples(60), deadline=None)
@given(text=st.text(alphabet=st.sampled_from("年度报告统计期限至月日一二三，。政府信息公开工作 "), max_size=60),
       where=st.sampled_from(WHERE))
def test_no_year_is_made_up_from_text_without_one(text: str, where: str) -> None:
    assert metadata(None, "x", "x", [(text, where)])["year"] is None


# ------------------------------------------------------------------ the agency and level in the prose

@pytest.mark.parametrize(("intro", "agency", "level"), [
    ("根据《条例》规定，现公布区统计局2023年政府信息公开工作年度报告。", "区统计局", "department"),
    ("根据《条例》要求，特向社会公布2024年度永安市卫生健康局信息公开年度报告。", "永安市卫生健康局", "department"),
    ("本报告结合2021年池州市公安局政府信息公开工作编制而成。", "池州市公安局", "department"),
    ("本年度报告由天津市发展改革委编制，对全委2022年度的工作进行了梳理。", "天津市发展改革委", "department"),
    ("现将富县人民政府2024年政府信息公开工作年度报告予以公开。", "富县人民政府", "government"),
    ("现向社会公开《渭南市发展和改革委员会2022年政府信息公开工作年度报告》。", "渭南市发展和改革委员会", "department"),
    ("本报告由邹城市太平镇人民政府按照《中华人民共和国政府信息公开条例》(以下简称《条例》)和《中华人民共和国政府信息"
     "公开工作年度报告格式》(国办公开办函〔2021〕30号)要求编制。", "邹城市太平镇人民政府", "government"),
    ("特向社会公布2021年本机关政府信息公开年度报告。", None, None),  # 本机关 names no one
])
def test_the_introduction_names_the_agency(intro: str, agency: str | None, level: str | None) -> None:
    meta = _meta(intro + "\n" + SIX)
    assert (meta["agency"], meta["level"]) == (agency, level)


@pytest.mark.parametrize(("opening", "agency", "year"), [
    ("2021年，潼南区公安局认真贯彻落实《条例》。", "潼南区公安局", 2021),
    ("2022年,撫遠市自然資源局不斷強化宣傳信息報送工作。", "撫遠市自然資源局", 2022),  # as written
    ("2021年，汕尾市公安局（以下简称“市公安局”）以习近平新时代中国特色社会主义思想为指导。", "汕尾市公安局", 2021),
    ("2019年，泸州市人民政府信息公开工作以习近平新时代中国特色社会主义思想为指导。", "泸州市人民政府", 2019),
    ("2023年，在区委、区政府的统一部署下，区统计局紧紧围绕中心工作。", "区统计局", 2023),  # after 在…下，
    ("2022年，我县认真贯彻落实《条例》。", None, 2022),
])
def test_section_one_opens_with_the_year_and_the_agency(opening: str, agency: str | None, year: int) -> None:
    meta = _meta(SIX.replace("一、总体情况\n正文。", "一、总体情况\n" + opening))
    assert (meta["agency"], meta["year"], meta["year_from"]) == (agency, year, "narrative")


@pytest.mark.parametrize(("words", "level"), [
    ("本年度，我局共主动公开信息12条；全县政务公开工作有序开展。", "department"),
    ("结合我镇实际编制。本单位主动公开信息12条。", "government"),
    ("本单位主动公开信息12条，我县政务公开工作有序开展。", "department"),
    ("我县主动公开信息120条。", "government"),
    ("全年主动公开信息120条。", None),
])
def test_how_a_report_calls_itself_gives_the_level_when_no_agency_is_named(words: str, level: str | None) -> None:
    assert _meta(BARE + "\n本报告根据条例编制。\n" + SIX.replace("正文。", words, 1))["level"] == level


def test_a_breadcrumb_is_no_title_and_a_title_label_is_not_part_of_the_agency() -> None:
    text = ("当前位置: 网站首页 >  政务公开 >  政府信息公开年报 >  2022年 >  正文\n"
            "标   题 县政府办2022年度政府信息公开工作年度报告\n" + SIX)
    meta = _meta(text)
    assert (meta["title"], meta["agency"], meta["level"], meta["year"]) == (
        "县政府办2022年度政府信息公开工作年度报告", "县政府办", "department", 2022)


def test_a_title_broken_inside_its_words_is_joined() -> None:
    meta = _meta("市政府研究室2019年政府信息公开\n工作年度报告\n" + SIX)
    assert (meta["title"], meta["agency"], meta["year"]) == (
        "市政府研究室2019年政府信息公开工作年度报告", "市政府研究室", 2019)


def test_quoting_a_regulation_is_not_how_a_report_calls_itself() -> None:
    words = "依照本办法第十条，主动公开信息120条。"
    assert _meta(BARE + "\n本报告根据条例编制。\n" + SIX.replace("正文。", words, 1))["level"] is None


@settings(max_examples=examples(100), deadline=None)
@given(title=st.none() | st.text(max_size=40),
       candidates=st.lists(st.tuples(st.text(max_size=120), st.sampled_from([*WHERE, "elsewhere"])), max_size=5))
def test_any_text_anywhere_gives_metadata_never_an_exception(title: str | None,
                                                               candidates: list[tuple[str, str]]) -> None:
    meta = metadata(title, "x", "x", candidates)
    assert meta["year"] is None or 1900 <= meta["year"] <= 2099
    assert meta["year_from"] in (*WHERE, None)
    assert meta["level"] in ("department", "government", None)
