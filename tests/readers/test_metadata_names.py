"""The agency and its level on real reports' beginnings (readers/metadata.py): names given only in a
sentence, in the opening of the introduction, in the contact line, short forms spelled out elsewhere,
and a government's report compiled by its office. A name is only ever cut from the text, and a wrong
agency is worse than none: the cases that must give None are as important as the ones that name one."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.readers import read_bytes
from compliance.readers.metadata import _is_short_form, contact_agency, full_name, metadata
from tests.hypothesis_budget import examples

SIX = "\n".join(["一、总体情况", "正文。", "二、主动公开政府信息情况", "正文。", "三、收到和处理政府信息公开申请情况",
                 "正文。", "四、政府信息公开行政复议、行政诉讼情况", "正文。", "五、存在的主要问题及改进情况",
                 "存在不足。下一步将改进。", "六、其他需要报告的事项", "本年度未收取信息处理费。"])


def _meta(intro: str, opening: str = "正文。") -> dict:  # type: ignore[type-arg]
    text = intro + "\n" + SIX.replace("一、总体情况\n正文。", "一、总体情况\n" + opening, 1)
    return dict(read_bytes(text.encode("utf-8"), uri="r.txt").data["metadata"])


# ------------------------------------------------------------------ named only in a sentence

@pytest.mark.parametrize(("intro", "agency", "level"), [
    # the first candidate the pattern meets is a piece of a quoted notice; the report's name comes later
    ("根据《省政务公开领导小组办公室关于做好2021年度政府信息公开工作年度报告编制及发布工作的通知》要求,"
     "现公布西秀区东街街道办事处2021年政府信息公开工作年度报告。", "西秀区东街街道办事处", "department"),
    ("根据《条例》,特向制定2020年度县统计局信息公开年度报告。", "县统计局", "department"),
    ("现将县统计局2020年度政府信息公开工作情况汇报如下。", "县统计局", "department"),
    ("本年度报告由安康市统计局围绕2020年度政府信息公开工作情况编制而成。", "安康市统计局", "department"),
    ("根据《条例》要求,上饶市人民政府根据全市2022年度政府信息公开工作开展情况,编制本报告。", "上饶市人民政府",
     "government"),
    ("结合来宾市卫生健康委员会政府信息公开工作实际,现编制2023年政府信息公开工作年度报告。", "来宾市卫生健康委员会",
     "department"),
    # one report of a government and its office is the government's
    ("现公布《贵阳市人民政府(市人民政府办公厅)2021年政府信息公开工作年度报告》。", "贵阳市人民政府",
     "government"),
    ("现公布泰州医药高新区(高港区)卫生健康委员会2025年政府信息公开工作年度报告。",
     "泰州医药高新区(高港区)卫生健康委员会", "department"),
    ("本年度报告根据《条例》要求编制,由本单位负责解释。", None, "department"),  # 本单位: how it calls itself
    # the body compiling the year's report, its subject ("特编制"); a street has no level of its own
    ("根据《中华人民共和国政府信息公开条例》的要求,绍兴市越城区东湖街道特编制2023年政府信息公开年度报告。",
     "绍兴市越城区东湖街道", None),
    ("根据《条例》要求,城关镇人民政府编制了2022年度政府信息公开工作年度报告。", "城关镇人民政府", "government"),
    # the body whose year of work the report covers, after 根据/按照 with the year before it
    ("本年报按照《条例》要求,根据2023年眉山市司法局信息公开工作实际编制而成。", "眉山市司法局", "department"),
    # … but the whole of a region is no body, and without the year a name there is not taken
    ("本报告按照2023年全市政府信息公开工作要点编制。", None, None),
    ("本报告根据2023年全县政务公开工作安排编制。", None, None),
    ("根据全椒县政务公开工作要求,现公布2023年政府信息公开工作年度报告。", None, None),
])
def test_a_name_given_only_in_a_sentence(intro: str, agency: str | None, level: str | None) -> None:
    meta = _meta(intro)
    assert (meta["agency"], meta["level"]) == (agency, level)


# ------------------------------------------------------------------ the opening of the introduction

@pytest.mark.parametrize(("intro", "agency"), [
    ("2022年,春城街道办事处按照中央、省、市、区的要求,不断拓展公开内容。", "春城街道办事处"),
    ("2025年,梁平区卫生健康委坚持以人民为中心的发展思想。", "梁平区卫生健康委"),
    ("2022年,商务局信息公开工作在县委、县政府的正确领导下有序开展。", "商务局"),
    ("2024年以来,长通街道办事处通过官方网站、公示栏等渠道主动公开信息。", "长通街道办事处"),
    ("2024年,在区政府政务信息公开工作主管部门的引领下,小营街道办事处严格依照要求公开信息。", "小营街道办事处"),
    ("2025年度,建章路街道全面贯彻落实《条例》。", "建章路街道"),  # a street named without 办事处
    # the sentence opens with a verb: the words up to the next verb span a comma and are no name
    ("2025年,围绕卫生健康领域工作重点,我委严格按照要求主动公开信息。", None),
    ("2022年,全市各地各部门坚持以习近平新时代中国特色社会主义思想为指导。", None),
])
def test_the_subject_the_introduction_opens_with(intro: str, agency: str | None) -> None:
    assert _meta(intro)["agency"] == agency


# ------------------------------------------------------------------ the contact line

@pytest.mark.parametrize(("intro", "opening", "agency"), [
    ("如对报告有任何疑问,请联系:涵江区教育局办公室(地址:新涵大街789号)。", "2021年我局认真贯彻落实《条例》。",
     "涵江区教育局"),
    ("如有疑问请与来凤县政务服务和大数据管理局(地址:政务服务中心501室)。", "编制我单位2021年报告。",
     "来凤县政务服务和大数据管理局"),
    ("如对本年度报告有疑问,请与厦门市发展和改革委员会政府信息公开办公室联系。", "正文。", "厦门市发展和改革委员会"),
    # a government's report: the unit that answers for it is not the report's body
    ("本报告所列数据统计时限为2023年1月1日至12月31日,如对本报告有疑问,请联系吴起县政府政务服务中心。",
     "2023年,我县坚持以人民为中心。", None),
    ("如对本报告有任何疑问,请与东至县政务公开办公室联系。", "正文。", None),
    # a department's contact for a report that calls itself a township's
    ("如对本报告有疑问,请与县统计局联系。", "2024年,我镇主动公开信息。", None),
    ("如对本年度报告有任何疑问,请与我室联系。", "正文。", None),
])
def test_the_contact_line_names_the_body_when_nothing_contradicts_it(intro: str, opening: str,
                                                                     agency: str | None) -> None:
    assert _meta(intro, opening)["agency"] == agency


def test_a_contact_names_the_body_whose_office_answers() -> None:
    assert contact_agency("请与南关区长通街道办事处办公室联系(办公地址:亚泰大街1055号)") == "南关区长通街道办事处"
    assert contact_agency("请与两城镇人民政府党政办公室联系。") == "两城镇人民政府"
    assert contact_agency("请与木塔乡党政办联系(地址:木塔乡)。") == "木塔乡"
    assert contact_agency("请与东至县政务公开办公室联系。") is None  # not 东至县, and the unit names no body
    assert contact_agency("请联系:硚口区荣华街道办事处党政综合办公室,地址:集贤里38号。") == "硚口区荣华街道办事处"
    assert contact_agency("请与思明区司法局综合科联系(地址:禾祥东路168号)。") == "思明区司法局"
    assert contact_agency("请与我局办公室联系。") is None
    assert contact_agency("请与咸宁市交通运输局政务公开工作办公室联系(地址:咸宁大道49号)。") == "咸宁市交通运输局"


# ------------------------------------------------------------------ short forms and compilers

def test_a_short_form_is_spelled_out_by_the_full_name_the_text_gives() -> None:
    intro = ("本报告电子版可在广元市市场监督管理局门户网站下载。如对本报告有疑问,可与广元市市场监督管理局办公室联系"
             "(地址:利州东路二段686号)。")
    meta = _meta(intro, "2023年,市市场监管局认真贯彻落实《条例》。")
    assert (meta["agency"], meta["level"]) == ("广元市市场监督管理局", "department")


def test_a_unit_of_the_body_is_not_its_full_name() -> None:
    meta = _meta("高平市人民政府办公室\n2023年政府信息公开工作年度报告\n"
                 "如有疑问,请与高平市人民政府办公室信息室联系(地址)。")
    assert meta["agency"] == "高平市人民政府办公室"


@pytest.mark.parametrize(("short", "full", "right"), [
    ("市市场监管局", "广元市市场监督管理局", True),
    ("县统计局", "息烽县统计局", True),
    ("市政府研究室", "铜陵市人民政府研究室", True),
    ("昆区卫生健康委员会", "昆都仑区卫生健康委员会", True),
    ("高平市人民政府办公室", "高平市人民政府办公室信息室", False),  # a unit of it
    ("区统计局", "区档案馆", False),
    ("区统计局", "区统计局", False),
])
def test_what_counts_as_a_short_form(short: str, full: str, right: bool) -> None:
    assert _is_short_form(short, full) is right


def test_a_government_report_its_office_compiled_is_the_governments() -> None:
    intro = "本报告根据《条例》要求,由交口县人民政府办公室编制。本年报所列数据的统计期限自2023年1月1日起至12月31日止。"
    meta = _meta(intro, "2023年,交口县人民政府在吕梁市委、市政府的坚强领导下,有效推进政府信息公开工作。")
    assert (meta["agency"], meta["level"]) == ("交口县人民政府", "government")
    meta = _meta(intro, "2023年,我县深入推进政务公开。")
    assert (meta["agency"], meta["level"]) == ("交口县人民政府", "government")
    meta = _meta(intro, "2023年,我办深入推进政务公开。")  # the office's own report
    assert (meta["agency"], meta["level"]) == ("交口县人民政府办公室", "department")


def test_a_table_bar_and_label_before_the_title_are_not_part_of_the_agency() -> None:
    meta = metadata("|名称|城东管理区2025年政府信息公开工作年度报告", "x", "x")
    assert meta["agency"] == "城东管理区"


def test_a_numbered_paragraph_may_open_with_the_year_and_the_body() -> None:
    intro = "如对本报告有任何疑问,请与思明区司法局综合科联系。"
    assert _meta(intro, "1.主动公开工作情况:2020年,思明区司法局认真贯彻落实《条例》。")["agency"] == "思明区司法局"


@pytest.mark.parametrize(("opening", "agency"), [
    # the year runs into the subject without a comma, after the introduction and a sub-heading
    ("本报告依据《条例》要求编制。数据统计期限为2022年1月1日至2022年12月31日。报告全文包括:总体情况、主动公开"
     "政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、主要问题及改进情况、其他"
     "需要报告的事项。\n(一)主动公开情况。2022年宜城市教育局全面贯彻落实《条例》精神,全年公开各类信息165条。",
     "宜城市教育局"),
    ("(一)主动公开。2024年全椒县人民政府持续推进政务公开。", "全椒县人民政府"),
    # a date, a number or the whole of a region is no subject
    ("(一)主动公开。2022年1月至12月,共公开信息30条。", None),
    ("(一)主动公开。2022年共收到政府信息公开申请3件。", None),
    ("(一)主动公开。2022年全区政务公开工作扎实推进。", None),
    ("(一)主动公开。2022年全局认真落实《条例》。", None),
    ("(一)主动公开。2023年全州县人民政府持续推进政务公开。", "全州县人民政府"),
    ("(一)主动公开。2022年度主动公开政府信息120条。", None),
    ("(一)主动公开情况。2021年通过政府网站主动公开信息73条。", None),  # the verb first: no subject
])
def test_an_opening_whose_year_runs_into_its_subject(opening: str, agency: str | None) -> None:
    meta = metadata(None, "x", "x", [(opening, "narrative")])
    assert meta["agency"] == agency
    assert meta["year_from"] != "narrative"  # such an opening gives the body, never the year


@pytest.mark.parametrize(("title", "year", "agency", "level"), [
    # the year after the report's own name: the agency ends where that name begins
    ("宁波市交通运输局政府信息公开工作年度报告（2023年度）", 2023, "宁波市交通运输局", "department"),
    ("江北区人民政府信息公开工作年度报告(2023年)", 2023, "江北区人民政府", "government"),  # 人民政府 keeps 政府
    ("蜀山區教育體育局政府信息公開工作年度報告（2022年）", 2022, "蜀山區教育體育局", "department"),
    # a page's words and brackets around the name are not part of it
    ("关于印发宁波市交通运输局2023年政府信息公开工作年度报告的通知", 2023, "宁波市交通运输局", "department"),
    ("【宁波市交通运输局】2023年政府信息公开工作年度报告", 2023, "宁波市交通运输局", "department"),
    # a year in Chinese numerals; a customs house is a department
    ("宁波市交通运输局二〇二三年政府信息公开工作年度报告", 2023, "宁波市交通运输局", "department"),
    ("宁波海关2023年政府信息公开工作年度报告", 2023, "宁波海关", "department"),
    # a body named for 政务公开 keeps its name: only the report's own name is cut
    ("东至县政务公开办公室2023年政府信息公开工作年度报告", 2023, "东至县政务公开办公室", "department"),
    ("2023年聊城市人民政府政府信息公开工作年度报告", 2023, "聊城市人民政府", "government"),
    ("关于2023年政府信息公开工作年度报告", 2023, None, None),
])
def test_the_agency_a_title_names(title: str, year: int, agency: str | None, level: str | None) -> None:
    meta = metadata(title, "x", "x")
    assert (meta["year"], meta["agency"], meta["level"]) == (year, agency, level)


@settings(max_examples=examples(40), deadline=None)
@given(year=st.integers(1990, 2099), zero=st.sampled_from("〇零○"), name=st.sampled_from(["宁波海关", "息烽县统计局"]))
def test_any_year_in_chinese_numerals_is_read(year: int, zero: str, name: str) -> None:
    han = "".join(zero if d == "0" else "一二三四五六七八九"[int(d) - 1] for d in str(year))
    meta = metadata(f"{name}{han}年度政府信息公开工作年度报告", "x", "x")
    assert (meta["year"], meta["agency"]) == (year, name)


def _read(text: str) -> tuple[int | None, str | None, str | None]:
    meta = read_bytes(text.encode("utf-8"), uri="r.txt").data["metadata"]
    return meta["year"], meta["agency"], meta["level"]


OPENS = ("根据《条例》要求编制本报告。统计期限为2023年1月1日至2023年12月31日。\n一、总体情况\n"
         "2023年,我局认真贯彻落实《条例》。")


@pytest.mark.parametrize(("page", "agency"), [
    # a page's publisher field above a title without a name, or on the line under it
    ("索引号:001/2024-0001\n发布机构:宁波市鄞州区交通运输局\n生成日期:2024-01-20\n2023年政府信息公开工作年度报告\n",
     "宁波市鄞州区交通运输局"),
    ("2023年度政府信息公开工作年度报告\n来源:宁波市鄞州区交通运输局 发布时间:2024-01-20\n", "宁波市鄞州区交通运输局"),
    ("2023年度政府信息公开工作年度报告\n发布来源:宁波市鄞州区交通运输局网站 发布时间:2024-01-20\n",
     "宁波市鄞州区交通运输局"),
    # the name alone above a title without one, the year under it
    ("宁波市鄞州区交通运输局\n政府信息公开工作年度报告\n（2023年度）\n", "宁波市鄞州区交通运输局"),
    # a department's report (我局) on a page the government's portal published: not the government's
    ("发布机构:宁波市鄞州区人民政府\n2023年政府信息公开工作年度报告\n", None),
    ("宁波市鄞州区人民政府\n政府信息公开工作年度报告\n（2023年度）\n", None),
])
def test_a_page_field_or_name_line_names_the_body(page: str, agency: str | None) -> None:
    assert _read(page + OPENS) == (2023, agency, "department")


@pytest.mark.parametrize(("opening", "agency"), [
    ("(一)加强组织领导。我局成立了由局长任组长,相关股室负责人为成员的姚安县农业农村局政府信息公开工作领导小组。",
     "姚安县农业农村局"),
    ("我镇成立了城关镇政务公开工作领导小组,由镇长任组长。", "城关镇"),
    ("如有疑问,请与城关镇政务公开领导小组办公室联系。我镇深入推进政务公开。", "城关镇"),
    # the group of another body, or of a body whose level the report's words contradict, is not taken
    ("我局按照县政府信息公开工作领导小组的部署开展工作。", None),
    ("我局配合城关镇政务公开工作领导小组开展工作。", None),
])
def test_the_body_whose_working_group_the_report_names(opening: str, agency: str | None) -> None:
    intro = "根据《条例》要求,现将2023年度政府信息公开工作情况报告如下。"
    assert metadata(None, "x", "x", [(intro, "intro"), (opening, "narrative")])["agency"] == agency


def test_a_line_above_the_title_never_gives_the_year() -> None:
    text = ("当前位置:首页>政府信息公开年报>2022年\n政府信息公开工作年度报告\n根据《条例》要求编制本报告。\n"
            "一、总体情况\n正文。")
    assert _read(text)[0] is None


def test_a_name_given_with_the_short_form_it_introduces() -> None:
    intro = ("本报告中使用数据统计期限为2024年1月1日至12月31日。现将武汉东湖新技术开发区发展改革局(以下简称发改局)"
             "2024年度信息公开工作报告如下:")
    meta = metadata(None, "x", "x", [(intro, "intro"), ("2024年,发改局认真对照要求。", "narrative")])
    assert (meta["agency"], meta["level"]) == ("武汉东湖新技术开发区发展改革局", "department")


def test_a_name_in_traditional_characters_has_its_level() -> None:
    meta = metadata("黑龍江省生態環境廳2022年政府信息公開工作年度報告", "x", "x")
    assert (meta["agency"], meta["level"], meta["year"]) == ("黑龍江省生態環境廳", "department", 2022)


def test_a_title_year_without_its_nian() -> None:
    meta = metadata("2022政府信息公开工作年度报告", "x", "x", [("本报告由海南省生态环境厅编制。", "intro")])
    assert (meta["year"], meta["year_from"], meta["agency"], meta["level"]) == (
        2022, "title", "海南省生态环境厅", "department")
    assert metadata("统计期限为2022年1月1日至2022年12月31日", "x", "x")["year"] is None  # a date is no title year


def test_the_year_a_report_says_it_reports_on() -> None:
    intro = "本报告结合我镇实际,从六个方面汇报我镇2023年政府信息公开工作。"
    meta = metadata(None, "x", "x", [(intro, "narrative")])
    assert (meta["year"], meta["year_from"]) == (2023, "intro")


def test_the_body_in_whose_name_the_work_was_done() -> None:
    # the report of a government and its office, which the opening then calls by a collective name
    intro = ("本年度报告根据《条例》要求,对以某市东湖新区人民政府及其办公室名义(以下统称区政府机关)开展政府信息公开工作"
             "的情况进行报告。本年度报告中所列数据的统计期限自2025年1月1日起至2025年12月31日止。")
    meta = metadata(None, "x", "x", [(intro, "intro"), ("2025年,区政府机关认真贯彻落实《条例》精神。", "narrative")])
    assert (meta["agency"], meta["level"]) == ("某市东湖新区人民政府", "government")


@pytest.mark.parametrize(("intro", "agency"), [
    # the body is the subject of 特向社会公布; the name it gives the report (本机关) is none
    ("根据《条例》和省、市、县有关要求,新兴县交通运输局特向社会公布2023年度本机关信息公开工作报告。",
     "新兴县交通运输局"),
    ("根据《条例》规定,东山区财政局向社会公布2022年政府信息公开工作年度报告。", "东山区财政局"),
    # no name before it: nothing is made of 特向社会
    ("根据《条例》规定,特向社会公布2021年本机关政府信息公开年度报告。", None),
])
def test_the_body_publishing_its_report_as_the_subject(intro: str, agency: str | None) -> None:
    assert metadata(None, "x", "x", [(intro, "intro")])["agency"] == agency


@pytest.mark.parametrize(("title", "opening", "agency"), [
    # the title gives only the body's kind; section 一 opens with its full name
    ("市场监督管理局2021年政府信息公开工作年度报告",
     "2021年,某市东湖生态旅游风景区管理委员会市场监督管理局认真贯彻落实《条例》。",
     "某市东湖生态旅游风景区管理委员会市场监督管理局"),
    ("教育局2022年政府信息公开工作年度报告", "2022年,宜城市教育局认真贯彻落实《条例》。", "宜城市教育局"),
    # a name of another body in the opening is no full name of this one
    ("教育局2022年政府信息公开工作年度报告", "2022年,宜城市财政局认真贯彻落实《条例》。", "教育局"),
    # a title that names its place keeps its name
    ("泰州市教育局2022年政府信息公开工作年度报告", "2022年,江苏省泰州市教育局认真贯彻落实《条例》。", "泰州市教育局"),
])
def test_a_title_naming_only_the_kind_of_body_is_spelled_out(title: str, opening: str, agency: str) -> None:
    meta = metadata(title, "x", "x", [(opening, "narrative")])
    assert (meta["year"], meta["agency"], meta["level"]) == (int(title[title.index("局") + 1:][:4]), agency,
                                                             "department")


# ------------------------------------------------------------------ properties

FULL_NAMES = st.sampled_from(["广元市市场监督管理局", "息烽县统计局", "铜陵市人民政府研究室", "昆都仑区卫生健康委员会",
                              "厦门市发展和改革委员会", "湖北省人力资源和社会保障厅", "木兰县发展和改革局"])


@settings(max_examples=examples(60), deadline=None)
@given(full=FULL_NAMES, data=st.data())
def test_any_short_form_made_by_leaving_characters_out_is_spelled_out(full: str, data: st.DataObject) -> None:
    kept = data.draw(st.lists(st.booleans(), min_size=len(full) - 1, max_size=len(full) - 1))
    short = "".join(c for c, keep in zip(full[:-1], kept, strict=True) if keep) + full[-1]
    if len(short) < 2 or full.startswith(short):
        return
    assert _is_short_form(short, full)
    assert full_name(short, [f"如对本报告有疑问,请与{full}办公室联系(电话:1234)。"]) == full


# Pieces of real introductions and openings, none of which names a body: whatever their order, no
# agency may be made of them (the words around a name are never a name).
NAMELESS = st.sampled_from([
    "根据《中华人民共和国政府信息公开条例》要求,", "现将我局2023年度政府信息公开工作情况报告如下。",
    "本报告由总体情况等六部分组成。", "2023年,围绕中心工作,我委严格按照要求主动公开信息。",
    "如对本报告有疑问,请与我室联系。", "请联系县政务公开办公室。", "本年度报告由本机关编制。",
    "2024年以来,全区各部门坚持公开为常态。", "结合本单位实际编制。", "现公布2022年政府信息公开工作年度报告。",
    "(地址:人民路1号,电话:0000-1234567)", "统计期限为2023年1月1日至2023年12月31日。",
    "。2021年通过政府网站主动公开信息73条。", "按照2023年全市政府信息公开工作要点,", "。2022年全局认真落实。",
    "成立了以局长为组长的政务公开领导小组。", "来源:本站 发布时间:2024-01-20", "。2022年1月至12月,",
    "特向社会公布2021年本机关政府信息公开年度报告。", "以本机关名义开展政府信息公开工作,", "现向社会公布2023年度报告。",
])


@settings(max_examples=examples(80), deadline=None)
@given(intro=st.lists(NAMELESS, min_size=1, max_size=6), opening=st.lists(NAMELESS, max_size=3))
def test_no_agency_is_made_up_from_text_that_names_none(intro: list[str], opening: list[str]) -> None:
    meta = metadata(None, "x", "x", [("".join(intro), "intro"), ("".join(opening), "narrative")])
    assert meta["agency"] is None


@settings(max_examples=examples(80), deadline=None)
@given(pieces=st.lists(st.sampled_from([
    "现公布西秀区东街街道办事处2021年政府信息公开工作年度报告。", "2022年,春城街道办事处按照要求公开信息。",
    "请与厦门市发展和改革委员会办公室联系。", "由交口县人民政府办公室编制。", "2023年,市市场监管局认真贯彻。",
    "可与广元市市场监督管理局办公室联系(地址)。", "2023年,我县深入推进政务公开。", "2021年我局认真贯彻落实。",
    "现公布《贵阳市人民政府(市人民政府办公厅)2021年政府信息公开工作年度报告》。",
    "对以某市东湖新区人民政府及其办公室名义(以下统称区政府机关)开展政府信息公开工作的情况进行报告。",
    "新兴县交通运输局特向社会公布2023年度本机关信息公开工作报告。",
]), min_size=1, max_size=5), where=st.sampled_from(["intro", "narrative"]))
def test_an_agency_is_always_cut_from_the_text(pieces: list[str], where: str) -> None:
    text = "".join(pieces)
    agency = metadata(None, "x", "x", [(text, where)])["agency"]
    assert agency is None or agency in text
