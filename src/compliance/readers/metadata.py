"""What a report says about itself: its title, the agency, the report year and the agency's level.

A report states these in several places, and real ones often leave one out: the body's title line
may be a bare "政府信息公开工作年度报告" while the page's ``<title>``, an ``ArticleTitle`` meta,
a crawler's header block (``标题: …``), the introduction ("现将2023年度…报告如下") or the period
statement ("统计期限自2023年1月1日起至2023年12月31日止") gives the year. Readers collect what they
have as *candidates* ``(text, where)`` and call ``metadata``, which takes each fact from the most
authoritative place that states it and records where the year came from (``year_from``), so a
user (and the rules) can tell a year read from the title from one inferred from the period.

Order of authority, highest first (``WHERE``): the document's own title, a header block's title,
the page's meta tags and ``<title>``, other title-like headings and first lines, the introduction,
the period statement, and last the opening of section 一 ("2022年，潼南区公安局认真贯彻…": the
year and the subject the overview opens with). A year is never guessed: when no place states one,
``year`` is null, and the rules do not hold such a report to a format on a guess.

The agency comes from the title, else from the introduction's own words ("现公布区统计局2023年
政府信息公开工作年度报告", "本年度报告由天津市发展改革委编制", "上饶市人民政府根据…编制本报告", "佛冈县住房和城乡建设局
特向社会公布2024年度本机关…报告", "对以重庆市两江新区人民政府及其办公室名义(以下统称区政府机关)开展…"), else
from the subject of the opening sentence of the introduction or of section 一 ("2022年,春城街道办事处
按照…"), else from the contact line ("请与厦门市发展和改革委员会办公室联系") when the report's own words
do not contradict it (and last from a dated sentence of section 二, "截至2019年12月31日,牛街乡人民政府通过…",
when the report calls itself 我乡): a body that calls itself 我局 is no 县政府办公室, and a contact that is a
government's office or its 政务公开 unit may be answering for the government, so it is not taken. A
short form ("市市场监管局") is replaced by the full name the text gives elsewhere with the same
characters in order ("广元市市场监督管理局"). A name is only ever cut from the text; when no place
names the body plainly, the agency is None (a wrong agency is worse than none). A title that names only
the kind of body ("市场监督管理局2021年…报告") is spelled out the same way, by those names or by the subject
section 一 opens with ("2021年,武汉市东湖生态旅游风景区管理委员会市场监督管理局认真…").

The level comes from the shape of the agency's name (…人民政府, a region → government; …局, …委员会,
…厅, …办公室, …中心 → department), else from how the report calls itself ("我局", "本单位" → a
department; "我镇", "我乡" → a township government). A report a government's office compiled for the
government ("由交口县人民政府办公室编制", and the text says 我县, never 我办) is the government's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from compliance.hanzi import to_simplified
from compliance.nfkc import nfkc
from compliance.readers.lazy_re import lazy

Candidate = tuple[str, str]
"""(text, where): a place a report states something about itself; ``where`` is one of ``WHERE``."""

WHERE = ("title", "header", "meta", "heading", "intro", "period", "narrative")
"""Where a year can come from, most authoritative first (``metadata.year_from``)."""

_TITLE_LIKE = ("title", "header", "meta", "heading")
# A breadcrumb ("当前位置：首页 > 政务公开 > 政府信息公开年报 > 2022年") is not a title.
_BREADCRUMB = lazy(r"当前位置|您的位置|现在的位置|所在位置|首页|[>»›]")
# The label a page puts before its title ("标   题 县政府办2022年度…", "名称：…").
# A table's cell bars before it are not part of it either ("|名称|城东管理区2025年…").
_TITLE_LABEL = lazy(r"^[\s|｜]*(?:(?:标\s*题|题\s*目|名\s*称|文章标题)\s*[:：|｜]?\s*)?")
# A title's year: "2023年", "2023年度", or the year right before the report's name without its 年
# ("海南省生态环境厅 2022政府信息公开工作年度报告").
_YEAR = lazy(r"([0-9]{4})\s*(?:年|(?=政府信息公开|政务公开))")
# A year in a title-like line: "2023年" or "2023年度", never the start of a date ("2024年1月20日").
_TITLE_YEAR = lazy(r"((?:19|20)[0-9]{2})\s*(?:年(?!\s*[0-9])|(?=政府信息公开|政务公开))")
_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
# A year in Chinese numerals ("二〇二三年度…"), one digit a character, so positions hold once it is mapped.
_HAN_YEAR = lazy(r"[一二][〇零○Ｏ九][〇零○Ｏ一二三四五六七八九]{2}(?=年)")
_HAN_DIGITS = str.maketrans("〇零○Ｏ一二三四五六七八九", "000012345678" + "9")
_TITLE_MAX = 80

_DEPARTMENT_SUFFIXES = (
    "街道办事处",
    "机关",
    "室",
    "委员会",
    "海关",
    "办公室",
    "办公厅",
    "公司",
    "局",
    "委",
    "办",
    "中心",
    "部",
    "厅",
    "院",
    "署",
    "所",
    "站",
    "队",
    "会",
    "处",
    "社",
    "馆",
)
_REGION_SUFFIXES = ("实验区", "新区", "开发区", "省", "市", "区", "县", "州", "旗", "盟", "镇", "乡")
_PLACE_CHARS = "省市县区州旗盟镇乡"  # before 政府, a region's government: "青龙镇政府", "建水县政府"

# The introduction names the report it opens ("…2023年度政府信息公开工作年度报告", "现将2023年度…
# 报告如下", "编制2023年政府信息公开年报"); matched in folded text (no spaces, ASCII digits).
_INTRO_YEAR = (
    lazy(r"((?:19|20)\d{2})年度?(?:的)?(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:情况)?(?:年度)?(?:报告|年报)"),
    lazy(r"现将(?:[^。\d]{0,20}?)((?:19|20)\d{2})年度?"),
    lazy(r"((?:19|20)\d{2})年度?(?:的)?(?:政府信息公开|政务公开|信息公开)工作(?:情况|开展情况)?(?:报告如下|如下)"),
    # "长江大学学校办公室结合学校2020年信息公开工作实际情况,编制发布本报告": the year of the work it is made from.
    lazy(r"结合[^。\d,，;；]{0,8}?((?:19|20)\d{2})年度?(?:的)?(?:政府信息公开|政务公开|信息公开)工作(?:的)?(?:实际|开展情况)"),
)
# "…等六个方面汇报我镇2023年政府信息公开工作": the report's own year, after how it calls itself; said in
# its first sentences, so looked for there only (over a whole section it costs ~5 µs a report).
_SELF_YEAR = lazy(r"(?:汇报|报告|总结)[我本](?:镇|乡|局|委|办|区|县|市|单位)((?:19|20)\d{2})年度?(?:的)?"
                  r"(?:政府信息公开|政务公开)工作")
_SELF_YEAR_SPAN = 300
# The period statement: a date range, or "统计期限为2023年度/2023年全年", after a word that says
# it is the data's period. Only a range within one year gives a year.
_PERIOD_WORDS = r"(?:统计|期限|时限|期间|起止|起讫|涵盖|所列数据|时间范围|时段)"
_DATE = r"((?:19|20)\d{2})(?:年|\.|-|/)(\d{1,2})(?:月|\.|-|/)(\d{1,2})日?"
_PERIOD_RANGE = lazy(
    _PERIOD_WORDS + r"[^。]{0,40}?" + _DATE + r"(?:起)?(?:到|至|—+|–+|-+|~|[,，]?截[止至])"  # "起，截止"
    r"(?:((?:19|20)\d{2})(?:年|\.|-|/))?"
    r"(\d{1,2})(?:月|\.|-|/)(\d{1,2})日?"
)
# The introduction naming the agency whose report it opens: "现公布区统计局2023年政府信息公开工作年度
# 报告", "特向社会公布2024年度永安市卫生健康局信息公开年度报告", "结合2021年池州市公安局政府信息公开工作
# 编制而成", "本年度报告由天津市发展改革委编制". Matched in folded text; the name has no digits or
# punctuation.
_NAME_CHAR = r"[^\d,，。、;；:：()（）《》〈〉<>“”\"'\s]"
# A name may hold one short parenthesis: "泰州医药高新区(高港区)卫生健康委员会", "贵阳市人民政府(市人民政府
# 办公厅)".
# Or the short form it introduces, dropped from the name (``_agency_name``): "武汉东湖新技术开发区发展改革局(以下
# 简称发改局)2024年度…", "(以下简称“市发改委”)".
_SO_CALLED = r"[(（](?:以下简称|以下统称|以下称|下称|简称|统称)[^()（）。,，;；]{1,14}[)）]"
_NAME = r"((?:" + _NAME_CHAR + r"|[(（]" + _NAME_CHAR + r"{1,12}[)）]|" + _SO_CALLED + r"){2,30}?)"
_REPORT = r"(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:情况)?(?:年度)?(?:报告|年报)"
_COMPILES_THIS = r"编制(?:并)?(?:发布|公布)?(?:了)?(?:本|此)(?:年度)?(?:报告|年报)"
_HAS_COMPILES_THIS = lazy(_COMPILES_THIS)
# "上饶市人民政府根据全市2022年度政府信息公开工作开展情况,编制本报告": the subject of the sentence
# (tried only where "编制本报告" is: tried from every comma it costs ~60 µs on a long section).
_SUBJECT_COMPILES = lazy(r"(?:^|[,，。])" + _NAME + r"(?:根据|依据|按照|结合)[^。]{0,50}?" + _COMPILES_THIS)
_INTRO_AGENCY = (
    lazy(r"(?:公布|公开|编制|发布|形成|编写|印发|现将|特将)(?:了)?(?:本)?《?" + _NAME
               + r"(?:19|20)\d{2}年度?(?:的)?(?:" + _REPORT + r"|(?:政府信息公开|政务公开)工作情况(?:汇报|报告)如下)"),
    lazy(r"(?:公布|编制|发布|形成|编写|制定)(?:了)?(?:19|20)\d{2}年度?(?:的)?" + _NAME + _REPORT),
    lazy(r"结合(?:(?:19|20)\d{2}年度?(?:的)?)?" + _NAME + r"(?:政府信息公开|政务公开)工作"),
    # "根据2023年眉山市司法局信息公开工作实际编制而成": with the year before it, a name after 根据/按照/依据
    # is the body whose work the report covers (without the year, "根据全县政务公开工作…" names none).
    lazy(r"(?:根据|按照|依据)(?:19|20)\d{2}年度?(?:的)?" + _NAME + r"(?:政府信息公开|政务公开|信息公开)工作"),
    # "绍兴市越城区东湖街道特编制2023年政府信息公开年度报告": the body compiling the year's report.
    lazy(r"(?:^|[,，。])" + _NAME + r"(?:特|现|特此)?编制(?:了)?(?:19|20)\d{2}年度?(?:的)?" + _REPORT),
    lazy(r"由" + _NAME + r"编制"),
    lazy(r"由" + _NAME + r"(?:结合|根据|依据|按照|负责|组织|围绕|在)[^,，。]{0,30}?编制"),
    _SUBJECT_COMPILES,
    # "本报告由邹城市太平镇人民政府按照《条例》和《…格式》要求编制": the rules it follows come between.
    lazy(r"(?:报告|年报)由" + _NAME + r"(?:根据|依据|按照)《"),
    # "佛冈县住房和城乡建设局特向社会公布2024年度本机关信息公开工作报告": the body publishing the year's report,
    # as the subject of the sentence (the name it gives the report, 本机关, is no name).
    lazy(r"(?:^|[,，。])" + _NAME + r"(?:特|现)?(?:向社会)?(?:公布|公开|发布)(?:了)?(?:19|20)\d{2}年度?(?:的)?"
         r"(?:本机关|本单位|本部门|本局|本委|本办)?" + _REPORT),
    # "对以重庆市两江新区人民政府及其办公室名义(以下统称区政府机关)开展政府信息公开工作的情况进行报告": the body in
    # whose name the work was done (a government's report, its office's included).
    lazy(r"以" + _NAME + r"(?:及其(?:所属)?(?:办公厅|办公室))?(?:的)?名义(?:" + _SO_CALLED + r")?"
         r"(?:开展|进行|发布)?(?:的)?(?:政府信息公开|政务公开|信息公开)"),
)
# The opening of section 一: "2022年，撫遠市自然資源局不斷強化…", "(一)主动公开。2025年度，我局…".
# A mirror that lost a paragraph's indentation (full-width spaces) shows "??" before it: "??2025年,辽宁省…".
_OPENING = lazy(r"(?:^|[。:：])\?*((?:19|20)\d{2})年度?(?:以来)?[,，](?:在[^,，。]{1,30}?(?:下|中)[,，])?(.{0,40})")
# … or, without the comma, the year running into the subject: "(一)主动公开情况。2022年宜城市教育局全面贯彻…"
# (a date or a number is no subject: "2022年1月…", "2022年共…" leave no name before a verb).
_OPENING_BARE = lazy(r"(?:^|[。:：])\?*(?:19|20)\d{2}年度?(?![\d,，])(.{0,40})")
_OPENING_MAX = 160  # the first lines, for the year
# … and the subject it names, before a verb or adverb such reports use ("认真贯彻", "深入…").
_SUBJECT_END = lazy(
    r"(?:认真|深入|坚持|不断|紧紧|严格|全面|持续|始终|高度|进一步|积极|围绕|按照|聚焦|扎实|切实|着力|大力|努力|继续"
    r"|立足|牢牢|强化|加强|依法|结合|贯彻|落实|紧扣|以|在|共|主动|把|将|对|通过|\(|信息公开|政务公开"
    r"|不斷|緊緊|嚴格|積極|圍繞|堅持|持續|進一步|紮實|強化|加強|結合|貫徹)")  # traditional forms hanzi.py does not fold
# How a report calls itself, most telling first: "我局" (a department), "我镇"/"我乡" (a township
# government), "本单位"/"本部门" (a department), "我县"/"我区"/"我市" (a government; a department
# says so too, so it counts only when nothing else is said).
_SELF = (
    (lazy(r"[我本](?:局|委|办(?![法理])|厅|署|中心|院|站|所|队|馆|室)"), "department"),  # not 本办法
    (lazy(r"[我本](?:镇|乡)"), "government"),
    (lazy(r"[我本](?:部门|单位|街道)"), "department"),
    (lazy(r"我(?:县|区|市|旗|州)"), "government"),
)
_PERIOD_YEAR = lazy(_PERIOD_WORDS + r"[^。\d]{0,20}?((?:19|20)\d{2})年(?:度|全年)")


# A traditional character the folding maps: reports in simplified characters (nearly all) have none,
# and a regex scan for one is ~10× faster than ``str.translate`` with the table's dict over the text.


def fold(text: str) -> str:
    """``text`` as the rules' ``normalize()`` sees it: NFKC, no whitespace, simplified label characters."""
    folded = _FOLDED.get(text)
    if folded is None:
        folded = to_simplified(_plain(text))
        if len(_FOLDED) < _PLAIN_MAX:
            _FOLDED[text] = folded
    return folded


def is_title(text: str) -> bool:
    """True when ``text`` reads like a report title (政府信息公开…年度报告, short, not a sentence, not a
    breadcrumb)."""
    compact = to_simplified(re.sub(r"\s+", "", text))  # 政府資訊公開…年度報告 too
    return (
        "政府信息公开" in compact
        and ("年度报告" in compact or "年报" in compact)
        and len(text) <= _TITLE_MAX
        and not text.endswith("。")
        and not _BREADCRUMB.search(compact)
    )


def strip_title_label(text: str) -> str:
    """``text`` without a page's field label before the title ("标   题 …", "名称：…")."""
    return _TITLE_LABEL.sub("", text)


def level_of(agency: str | None) -> str | None:
    """department / government from the agency's name (in either script: 廳 is 厅), or None when the
    name does not tell."""
    if not agency:
        return None
    named = len(agency) > 3  # "青龙镇政府", not a bare "县政府"
    agency = to_simplified(agency[-5:])  # the ending is all that is read
    if agency.endswith("人民政府") or (named and agency.endswith("政府") and agency[-3] in _PLACE_CHARS):
        return "government"
    if agency.endswith(_DEPARTMENT_SUFFIXES):
        return "department"
    if agency.endswith(_REGION_SUFFIXES):
        return "government"
    return None


def looks_like_agency(text: str) -> bool:
    """True for a short name line (no sentence punctuation or digits) whose ending names an agency."""
    return 2 <= len(text) <= 30 and not re.search(r"[。，,：:；;！？\d]", text) and level_of(text) is not None


def _digits(text: str) -> str:
    """``text`` with full-width digits and a year in Chinese numerals as ASCII digits (one for one)."""
    text = text.translate(_DIGITS)
    return _HAN_YEAR.sub(lambda m: m.group(0).translate(_HAN_DIGITS), text) if "年" in text else text


# The words of the report's own name: a title's agency ends before them ("宁波市交通运输局政府信息公开工作年度报告
# （2023年度）"), and "…人民政府信息公开…" keeps its 政府.
_REPORT_WORDS = lazy(r"(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:情况)?(?:年度)?(?:报告|年报)")  # not 政务公开办
# What a page puts before a title's agency: "关于印发…的通知", "【宁波市交通运输局】".
_TITLE_PREFIX = lazy(r"^(?:关于|關於)?(?:印发|公布|发布|转发|印發|發布|轉發)")


def _title_agency(words: str) -> str:
    """The agency in a title's words around its year: without the report's own name after it,
    without a page's "关于印发…" before it, and without brackets."""
    words = _TITLE_PREFIX.sub("", re.sub(r"\s+", "", words)).strip("《》〈〉「」“”\"'（(【】[]")
    cut = _REPORT_WORDS.search(to_simplified(words))  # one character for one: positions hold
    if cut:
        words = words[: cut.start()]
        words = words + "政府" if words.endswith("人民") else words
    words = _QUALIFIER.sub("", words.removesuffix("关于").removesuffix("關於"))
    return words.strip("《》〈〉「」“”\"'（(【】[]")


def title_facts(title: str) -> tuple[int | None, str | None]:
    """(year, agency) a title states: the year, and the words before it (or, for a title that opens
    with the year, the words between it and 政府信息公开; for a title without a year, the words before
    政府信息公开)."""
    # Full-width digits map one-to-one, so positions in the mapped title hold in the original.
    title = strip_title_label(title)
    match = _YEAR.search(_digits(title))
    if not match:  # "宁波市鄞州区交通运输局政府信息公开工作年度报告", the year on the next line
        return None, (_title_agency(title) or None) if is_title(title) else None
    agency = _title_agency(title[: match.start()])
    if not agency:  # "2023年聊城市人民政府政府信息公开工作年度报告": the agency follows the year
        after = re.sub(r"\s+", "", title[match.end():]).removeprefix("度")
        agency = _title_agency(after) if _REPORT_WORDS.search(to_simplified(after)) else ""
    return int(match.group(1)), agency or None


def intro_year(text: str) -> int | None:
    """The report year an introduction names ("…2023年度政府信息公开工作年度报告", "现将2023年度…",
    "汇报我镇2023年政府信息公开工作")."""
    folded = fold(text)
    for pattern in _INTRO_YEAR:
        match = pattern.search(folded)
        if match:
            return int(match.group(1))
    match = _SELF_YEAR.search(folded, 0, _SELF_YEAR_SPAN)
    return int(match.group(1)) if match else None


# ``_plain`` of the texts of the report being read: ``metadata`` asks for the year, the period, the
# agency and the level of the same introduction and section 一 (five NFKC passes over the section's
# text, a third of reading the seed); each text is normalised once. Emptied by ``metadata`` when it
# ends, so nothing is kept from one report to the next; bounded in case it is called elsewhere.
_PLAIN: dict[str, str] = {}
_FOLDED: dict[str, str] = {}  # and ``fold`` of them
_PLAIN_MAX = 64


def _plain(text: str) -> str:
    """``fold`` without the traditional → simplified step (one character for one, so positions in
    ``fold(text)`` hold here): names are cut from this, in the script the report is written in."""
    plain = _PLAIN.get(text)
    if plain is None:
        plain = "".join(nfkc(text).split())  # str.split and \s agree on what is whitespace
        if len(_PLAIN) < _PLAIN_MAX:
            _PLAIN[text] = plain
    return plain


# Words no agency's name holds: a name cut around them is a piece of a sentence ("领导小组办公室关于做好").
_NOT_A_NAME = lazy(r"关于|通知|条例|要求|规定|根据|做好|报告|年报|工作|情况|信息公开|政务公开|我|本")
# "根据2023年全市政府信息公开工作要点", "2022年全局上下…": the whole of a region or a body is no body
# (全椒县 and 全州县 are).
_WHOLE_REGION = lazy(r"^全(?:[省市县区旗盟镇乡局委办厅系]|州(?!县))")
# "贵阳市人民政府(市人民政府办公厅)": one report of the government and its office is the government's.
# "青龙镇政府(机关)信息公开年度报告": which part of the body reports, after its name, is no part of the name.
_QUALIFIER = lazy(r"[(（](?:机关|本级|本部|机关本级|机关本部|本机关)[)）]$")
_GOVERNMENT_WITH_OFFICE = lazy(r"^(.+人民政府)[(（][^()（）]*办公[厅室][)）]$")


def _agency_name(name: str) -> str | None:
    """``name`` as an agency's name (a few words before it dropped), or None when it is not one."""
    name = re.sub(r"^(?:向社会|特|现)+", "", name)  # "特向社会公布…": no name before 公布
    name = _QUALIFIER.sub("", re.sub(_SO_CALLED + "$", "", name))
    if _NOT_A_NAME.search(to_simplified(name)) or _WHOLE_REGION.match(name):  # "本机关", "我局", a clause
        return None
    # "两城镇人民政府党政办公室编制": the township's report, compiled by its office.
    name = re.sub(r"(人民政府)(?:党政)?(?:办公室|办)$", r"\1", name) if "党政" in name else name
    joint = _GOVERNMENT_WITH_OFFICE.match(name)
    name = joint.group(1) if joint else name
    if len(name) >= 2 and (level_of(name) is not None or name.endswith(("街道", "管理区", "管委会"))):
        return name
    return None


def _names(patterns: Iterable[re.Pattern[str]], text: str) -> Iterable[str]:
    """The names ``patterns`` cut from ``text`` (group 1, in the report's own script), in order."""
    plain = _plain(text)
    folded = to_simplified(plain)
    compiles_this = None
    for pattern in patterns:
        if pattern is _SUBJECT_COMPILES:
            compiles_this = _HAS_COMPILES_THIS.search(folded) is not None if compiles_this is None else compiles_this
            if not compiles_this:
                continue
        for match in pattern.finditer(folded):
            yield plain[match.start(1): match.end(1)]


def intro_agency(text: str) -> str | None:
    """The agency an introduction names as the report's ("现公布区统计局2023年…报告"), if any."""
    for raw in _names(_INTRO_AGENCY, text):
        name = _agency_name(raw)
        if name is not None:
            return name
    return None


# A page's publisher field, on the lines around the title ("发布机构: 开远市人民政府", "来源 : 霞山区教育局",
# "发布来源:国家卫生健康委员会网站 发布时间:…"): the body that published the page, ended by the next field.
_PUBLISHER = lazy(r"(?:发布机构|发文机关|发文单位|发布单位|发布部门|信息来源|文章来源|来源单位|发布来源|来源)[:：]"
                  + _NAME + r"(?=$|发布|发文|生成|成文|时间|日期|点击|浏览|访问|作者|字号|索引|主题|文号"
                  r"|[^\u4e00-\u9fff()（）])")
_SITE = lazy(r"(?:门户网站|网站|官网|网)$")
_PAGE_FIELDS = ("page", "header", "meta", "heading")  # where a page's fields stand


def publisher_of(texts: Iterable[str]) -> str | None:
    """The body a page's publisher field names ("发布机构:市交通局" → 市交通局; a site's name without
    网站), if any."""
    return next((name for raw in _names((_PUBLISHER,), "\n".join(texts))
                 if (name := _agency_name(_SITE.sub("", raw))) is not None), None)


# The body's own working group: "…为成员的姚安县农业农村局政府信息公开工作领导小组" (the name after the
# last 的 or 成立/调整…).
_OWN_GROUP = lazy(_NAME + r"(?:政府信息公开|政务公开|信息公开|政务信息公开)(?:工作)?领导小组")


def group_agency(texts: Iterable[str]) -> str | None:
    """The body whose 政府信息公开工作领导小组 a report names, if any."""
    for text in texts:
        for raw in _names((_OWN_GROUP,), text):
            name = re.split(r"的|请与|可与|联系|(?:成立|调整|组建|健全|设立|完善)了?", raw)[-1]
            if (name := _agency_name(name)) is not None:
                return name
    return None


# The contact line: "请与厦门市发展和改革委员会政府信息公开办公室联系", "请联系:涵江区教育局办公室(地址…".
_CONTACT = (lazy(r"(?:请与|可与|请联系|联系)[:：]?" + _NAME + r"(?:联系|[(（,，。;；]|$)"),)
# The unit of a body that answers for it: the body is the name before it.
_CONTACT_UNIT = lazy(r"(?:党政|综合|政府信息公开|信息公开|政务公开|秘书){0,2}(?:工作)?(?:办公室|办|科|股)$")
# A contact body that may answer for a government rather than be the report's body: a government's
# office, its 政务公开 or 政务服务 unit (the name left once the office of a body is taken off).
_ANSWERS_FOR_GOVERNMENT = lazy(r"政府|政务公开|政务服务|信息公开")


def _body_of(raw: str) -> str | None:
    """The body a contact names: the office of a body is the body ("X局办公室" → X局, "X镇人民政府党政
    办公室" → X镇人民政府), but the office of a bare region is an office ("X县政务公开办公室")."""
    body = _CONTACT_UNIT.sub("", raw)
    township_office = raw[len(body):].startswith("党政")  # "X镇党政办": the township's own office
    name = _agency_name(body) if body != raw and (township_office or not body.endswith(_REGION_SUFFIXES)) else None
    return name or _agency_name(raw)


def _contact(text: str) -> tuple[str, str] | None:
    """(body, the words the contact line gives) of the first contact line naming a body."""
    for raw in _names(_CONTACT, text):
        name = _body_of(raw)
        if name is not None:
            return name, raw
    return None


def contact_agency(text: str) -> str | None:
    """The body a report's contact line names ("请与X局办公室联系" → X局), if any."""
    found = _contact(text)
    return found[0] if found else None


# A character a full name has before its body: a name without one ("商务局"), or one opening with it
# ("市市场监管局"), may be a short form.
_PLACE = lazy(r"[省市县区州旗盟镇乡]")


def _is_short_form(short: str, full: str) -> bool:
    """True when ``full`` spells out ``short``: longer, same last character, and ``short``'s
    characters in it in order ("市市场监管局" in "广元市市场监督管理局", "昆区卫健委" in "昆都仑区卫生健康委员会"
    is not: 委 is not its last character)."""
    if len(full) <= len(short) or full[-1] != short[-1] or full.startswith(short):  # not 办公室信息室
        return False
    rest = iter(full)
    return all(char in rest for char in short)


def _bounded(texts: Iterable[str]) -> list[str]:
    """The names ``texts`` give where a name is plainly bounded (the introduction's own words, the
    contact line), as bodies, in order."""
    raws = (raw for text in texts for patterns in (_INTRO_AGENCY, _CONTACT) for raw in _names(patterns, text))
    return [name for name in map(_body_of, raws) if name is not None]


def full_name(short: str, texts: Iterable[str], bounded: list[str] | None = None) -> str:
    """``short`` spelled out by a name the ``texts`` give where a name is plainly bounded (the
    introduction's own words, the contact line), else ``short`` itself (``bounded``: those names,
    when the caller has them)."""
    names = _bounded(texts) if bounded is None else bounded
    return next((name for name in names if _is_short_form(short, name)), short)


def _subject(plain: str, rest: str, start: int) -> str | None:
    """The body a sentence opening at ``start`` of ``plain`` names before its verb (``rest``: the
    folded words from there), or None."""
    for end in _SUBJECT_END.finditer(rest):
        if end.start() == 0:  # "2021年通过政府网站主动公开…": it opens with the verb, no subject
            return None
        name = plain[start: start + end.start()]
        if re.search(r"[,，。、;；:：\d]", name) or end.start() > 25:  # past the subject
            return None
        if 2 <= len(name) <= 25 and not name.startswith(("我", "本", "在")) and not _WHOLE_REGION.match(name) and (
                level_of(name) or name.endswith(("街道", "管理区", "管委会"))):
            return name
    return None


def opening_facts(text: str) -> tuple[int | None, str | None]:
    """(year, agency) of section 一's opening sentence: "2022年，潼南区公安局认真贯彻…" gives (2022,
    潼南区公安局); "2025年度，我局…" gives (2025, None). The year is looked for in the first lines only;
    a subject the year runs into without a comma ("。2022年宜城市教育局全面贯彻…") is looked for as far as
    the text given goes, where no opening with a comma comes first: it gives the agency, not the year."""
    plain = _plain(text)
    folded = to_simplified(plain)
    match = _OPENING.search(folded, 0, _OPENING_MAX)
    if match:
        return int(match.group(1)), _subject(plain, match.group(2), match.start(2))
    bare = _OPENING_BARE.search(folded)
    return None, (_subject(plain, bare.group(1), bare.start(1)) if bare else None)


# A later section's sentence opening with a time and its subject: "截至2019年12月31日,牛街乡人民政府通过…",
# "2019年,X局…" (read only for the body's name).
_DATED_OPENING = lazy(r"(?:^|[。:：])\?*(?:截[至止]到?)?(?:19|20)\d{2}年(?:度|底|末)?"
                      r"(?:\d{1,2}月(?:\d{1,2}日)?(?:止)?)?(?:以来)?[,，](.{0,40})")


def later_subject(text: str) -> str | None:
    """The first body a sentence of ``text`` opening with a time has for its subject
    ("截至2019年12月31日,牛街乡人民政府通过…" → 牛街乡人民政府), or None."""
    plain = _plain(text)
    folded = to_simplified(plain)
    for match in _DATED_OPENING.finditer(folded):
        name = _subject(plain, match.group(1), match.start(1))
        if name is not None:
            return name
    return None


def self_level(texts: Iterable[str]) -> str | None:
    """The level a report's own words give: "我局" → department, "我镇"/"我乡" → government,
    "本单位" → department, "我县"/"我区"/"我市" → government (in that order of weight)."""
    # fold of the texts joined by newlines, each text folded once (a newline never combines with
    # its neighbours under NFKC, and folding deletes it)
    joined = "".join(fold(text) for text in texts)
    for pattern, level in _SELF:
        if pattern.search(joined):
            return level
    return None


def period_year(text: str) -> int | None:
    """The year of a period statement within one calendar year ("统计期限自2023年1月1日起至2023年
    12月31日止", "统计时限为2023年1月1日-12月31日", "统计期限为2023年度"), else None."""
    folded = fold(text)
    match = _PERIOD_RANGE.search(folded)
    if match:
        start, end = int(match.group(1)), int(match.group(4) or match.group(1))
        return start if start == end else None
    match = _PERIOD_YEAR.search(folded)
    return int(match.group(1)) if match else None


def _candidate_year(text: str, where: str) -> tuple[int, str] | None:
    """(year, where) a candidate states: a title-like place through its title (a year, not a date);
    prose through the intro's wording ("intro"), else a period statement ("period"), else, for
    section 一, the year it opens with ("narrative")."""
    if where in ("page", "later"):  # a line of the page before the title, or section 二: never the year
        return None
    if where in _TITLE_LIKE:
        match = _TITLE_YEAR.search(_digits(text))
        if match and (where == "title" or is_title(text) or re.search("年度|报告|年报", text)):
            return int(match.group(1)), where
        return None
    if where in ("intro", "narrative"):
        year = intro_year(text)
        if year is not None:
            return year, "intro"
    year = period_year(text)
    if year is not None:
        return year, "period"
    if where == "narrative":
        year = opening_facts(text)[0]
        if year is not None:
            return year, "narrative"
    return None


_LINE_MAX = 40


def body_candidates(model: dict[str, Any]) -> list[Candidate]:
    """What a report model's body says about the report besides its title: each line of the
    introduction (a short line without sentence punctuation is a ``"heading"``, such as "（2023年度）"
    under a bare title; a longer one is ``"intro"``, which may name the year or state the period),
    the text of the first section (``"narrative"``: it may state the period, or open with the
    year and the agency: "2022年，潼南区公安局认真贯彻…"), and that of the second (``"later"``: read only
    for the body's name, when nothing before names it: "截至2019年12月31日,牛街乡人民政府通过…")."""
    out: list[Candidate] = []
    for line in (model.get("intro") or "").split("\n"):
        text = line.strip()
        if text:
            short = len(text) <= _LINE_MAX and not re.search(r"[。；;]", text)
            out.append((text, "heading" if short else "intro"))
    sections = model.get("sections") or []
    if sections and sections[0].get("text"):
        out.append((sections[0]["text"], "narrative"))
    if len(sections) > 1 and sections[1].get("text"):
        out.append((sections[1]["text"][:_SAID_MAX], "later"))
    return out


# How much of section 一 is read for the body's name: a report names itself in its first sentences
# ("本报告由…编制", "2022年，潼南区公安局…"), and a whole section read with a dozen patterns costs ~0.3 ms.
_SAID_MAX = 400


def _opening_subject(said: Iterable[str]) -> str | None:
    """The first body the introduction's or section 一's opening sentence has for its subject."""
    return next((name for name in (opening_facts(text)[1] for text in said) if name), None)


def _prose_agency(said: list[str], prose: list[str], published_by: str | None = None,
                  later: Iterable[str] = ()) -> tuple[str | None, str | None]:
    """(agency, the level the report's own words give) for a report whose titles name no agency:
    the introduction's words, else the subject its opening or section 一's has, else the page's
    publisher field, else the contact line, either when how the report calls itself agrees (or,
    saying nothing, the contact is no government's unit), else the subject a ``later`` section's dated
    sentence has, when its level is the one the report's own words give; a short form is spelled out by the full
    name the same texts give."""
    own = self_level(prose)
    agency = next((name for name in map(intro_agency, said) if name), None)
    if agency is not None:
        government = re.sub(r"办公[室厅]$", "", agency)
        if (government != agency and government.endswith("人民政府") and own != "department"
                and (own == "government" or level_of(_opening_subject(said)) == "government")):
            agency = government  # compiled by the government's office ("由…办公室编制"): the government's
    else:
        agency = _opening_subject(said)
    if agency is None and published_by is not None and own in (None, level_of(published_by)):
        agency = published_by  # a department's page published by the government's portal is not taken
    group = group_agency(prose) if agency is None and own is not None else None
    if group is not None and own == level_of(group):  # "我局成立了…X局政府信息公开工作领导小组"
        agency = group
    for text in said if agency is None else ():
        found = _contact(text)
        if found and (own == level_of(found[0]) if own else not _ANSWERS_FOR_GOVERNMENT.search(found[0])):
            agency = found[0]
            break
    # Named only in section 二, where how the report calls itself agrees ("我乡" … "牛街乡人民政府").
    for text in later if agency is None and own is not None else ():
        name = later_subject(text)
        if name is not None and level_of(name) == own:
            agency = name
            break
    if agency and _placeless(agency):  # "市市场监管局", "春城街道办事处"
        agency = full_name(agency, said)
    return agency, own


def _placeless(agency: str | None) -> bool:
    """True for a name that may be a short form of a fuller one: it opens with a bare level word
    ("市市场监管局", "市场监督管理局") or names no place before its ending ("春城街道办事处")."""
    return agency is not None and agency != "" and (agency[0] in "省市县区州旗" or not _PLACE.search(agency[:-1]))


def _rank(where: str) -> int:
    return WHERE.index(where) if where in WHERE else len(WHERE)


def metadata(
    title: str | None,
    uri: str | None,
    reader: str | None,
    candidates: Iterable[Candidate] = (),
    *,
    published: str | None = None,
    url: str | None = None,
    publisher: str | None = None,
) -> dict[str, Any]:
    """The report's ``metadata``: title, agency, level and year, and where the year came from.

    ``title`` is the document's own title line (or None); ``candidates`` are the other places the
    report states itself, as ``(text, where)`` with ``where`` in ``WHERE`` (a header block's title
    is ``"header"``, a page's ``<title>`` or title meta ``"meta"``, a title-like line or heading
    ``"heading"``, the introduction ``"intro"``, a sentence or section that may hold the period
    ``"period"``, the text of section 一 ``"narrative"``; ``body_candidates`` makes these from a
    model; a line of the page before the title is ``"page"``, read only for its publisher field;
    ``publisher`` is a crawler header's publisher field). They may come in any order. Each fact
    comes from the most authoritative place that
    states it:

    - ``year``/``year_from``: the first of ``WHERE`` that gives one (never a guess);
    - ``title``: the document's own title when it states the year, else the title-like candidate
      that does (a bare "政府信息公开工作年度报告" yields to "平潭综合实验区2020年度…");
    - ``agency``: from the chosen title, else another title-like candidate stating the same year,
      else the introduction's words, else the subject section 一 opens with, else a page's publisher
      field ("发布机构: …") or the contact line when how the report calls itself agrees;
    - ``level``: from the agency's name, else from how the report calls itself (``self_level``).
    """
    try:
        return _metadata(title, uri, reader, candidates, published=published, url=url, publisher=publisher)
    finally:
        _PLAIN.clear()
        _FOLDED.clear()


def _metadata(
    title: str | None,
    uri: str | None,
    reader: str | None,
    candidates: Iterable[Candidate],
    *,
    published: str | None,
    url: str | None,
    publisher: str | None = None,
) -> dict[str, Any]:
    ordered = sorted(((text, where) for text, where in candidates if text), key=lambda c: _rank(c[1]))
    if title:
        ordered.insert(0, (title, "title"))
    found = [(text, where, _candidate_year(text, where)) for text, where in ordered]
    stated = [(text, where, facts) for text, where, facts in found if facts is not None]
    year, year_from = stated[0][2] if stated else (None, None)

    chosen = title
    if year_from not in (None, "title") and (title is None or title_facts(title)[0] is None):
        first = next((text for text, where, facts in stated if where in _TITLE_LIKE and is_title(text)), None)
        chosen = first or title
    if chosen is None:
        chosen = next((text for text, where in ordered if where in _TITLE_LIKE and is_title(text)), None)
    chosen = strip_title_label(chosen) if chosen else chosen

    agency = title_facts(chosen)[1] if chosen else None
    for text, where, facts in stated:  # another title stating the same year
        if agency is None and where in _TITLE_LIKE and facts[0] == year:
            agency = title_facts(text)[1]
    prose = [text for text, where in ordered if where not in _TITLE_LIKE and where not in ("page", "later")]
    # The name alone on the line above a title that has none ("宁波市鄞州区交通运输局" / "政府信息公开工作年度报告"),
    # unless how the report calls itself says otherwise.
    above = next((text for text, where in reversed(ordered) if where == "page"), None)
    if agency is None and above and chosen == title and looks_like_agency(above) and _agency_name(above):
        agency = above if self_level(prose) in (None, level_of(above)) else None
    if agency is None:
        said = [text if where == "intro" else text[:_SAID_MAX] for text, where in ordered
                if where in ("intro", "narrative")]
        fields = [text for text, where in ordered if where in _PAGE_FIELDS]
        by = publisher_of(["来源:" + publisher]) if publisher else None  # the value as the field has it
        later = [text for text, where in ordered if where == "later"]
        agency, own = _prose_agency(said, prose, by or (publisher_of(fields) if fields else None), later)
        level = level_of(agency) or own
    else:
        if _placeless(agency):  # "市场监督管理局2021年…报告" whose section 一 names "武汉市…市场监督管理局"
            said = [text if where == "intro" else text[:_SAID_MAX] for text, where in ordered
                    if where in ("intro", "narrative")]
            subjects = [name for name in (opening_facts(text)[1] for text in said) if name]
            agency = full_name(agency, said, _bounded(said) + subjects)
        level = level_of(agency) or self_level(prose)
    return {
        "title": chosen,
        "agency": agency,
        "level": level,
        "year": year,
        "year_from": year_from,
        "published": published,
        "source": uri,
        "reader": reader,
        "url": url,
    }
