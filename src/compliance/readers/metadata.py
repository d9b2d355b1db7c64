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
the period statement. A year is never guessed: when no place states one, ``year`` is null, and
the rules do not hold such a report to a format on a guess.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from compliance.hanzi import TO_SIMPLIFIED

Candidate = tuple[str, str]
"""(text, where): a place a report states something about itself; ``where`` is one of ``WHERE``."""

WHERE = ("title", "header", "meta", "heading", "intro", "period")
"""Where a year can come from, most authoritative first (``metadata.year_from``)."""

_TITLE_LIKE = ("title", "header", "meta", "heading")
_YEAR = re.compile(r"([0-9]{4})\s*年")
# A year in a title-like line: "2023年" or "2023年度", never the start of a date ("2024年1月20日").
_TITLE_YEAR = re.compile(r"((?:19|20)[0-9]{2})\s*年(?!\s*[0-9])")
_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_TITLE_MAX = 80

_DEPARTMENT_SUFFIXES = (
    "街道办事处",
    "委员会",
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

# The introduction names the report it opens ("…2023年度政府信息公开工作年度报告", "现将2023年度…
# 报告如下", "编制2023年政府信息公开年报"); matched in folded text (no spaces, ASCII digits).
_INTRO_YEAR = (
    re.compile(r"((?:19|20)\d{2})年度?(?:的)?(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:报告|年报)"),
    re.compile(r"现将(?:[^。\d]{0,20}?)((?:19|20)\d{2})年度?"),
    re.compile(r"((?:19|20)\d{2})年度?(?:的)?(?:政府信息公开|政务公开|信息公开)工作(?:情况|开展情况)?(?:报告如下|如下)"),
)
# The period statement: a date range, or "统计期限为2023年度/2023年全年", after a word that says
# it is the data's period. Only a range within one year gives a year.
_PERIOD_WORDS = r"(?:统计|期限|时限|期间|起止|涵盖|所列数据|时间范围|时段)"
_DATE = r"((?:19|20)\d{2})(?:年|\.|-|/)(\d{1,2})(?:月|\.|-|/)(\d{1,2})日?"
_PERIOD_RANGE = re.compile(
    _PERIOD_WORDS + r"[^。]{0,40}?" + _DATE + r"(?:起)?(?:到|至|—+|–+|-+|~)(?:((?:19|20)\d{2})(?:年|\.|-|/))?"
    r"(\d{1,2})(?:月|\.|-|/)(\d{1,2})日?"
)
_PERIOD_YEAR = re.compile(_PERIOD_WORDS + r"[^。\d]{0,20}?((?:19|20)\d{2})年(?:度|全年)")


def fold(text: str) -> str:
    """``text`` as the rules' ``normalize()`` sees it: NFKC, no whitespace, simplified label characters."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).translate(TO_SIMPLIFIED)


def is_title(text: str) -> bool:
    """True when ``text`` reads like a report title (政府信息公开…年度报告, short, not a sentence)."""
    compact = re.sub(r"\s+", "", text).translate(TO_SIMPLIFIED)  # 政府資訊公開…年度報告 too
    return (
        "政府信息公开" in compact
        and ("年度报告" in compact or "年报" in compact)
        and len(text) <= _TITLE_MAX
        and not text.endswith("。")
    )


def level_of(agency: str | None) -> str | None:
    """department / government from the agency's name, or None when the name does not tell."""
    if not agency:
        return None
    if agency.endswith("人民政府"):
        return "government"
    if agency.endswith(_DEPARTMENT_SUFFIXES):
        return "department"
    if agency.endswith(_REGION_SUFFIXES):
        return "government"
    return None


def looks_like_agency(text: str) -> bool:
    """True for a short name line (no sentence punctuation or digits) whose ending names an agency."""
    return 2 <= len(text) <= 30 and not re.search(r"[。，,：:；;！？\d]", text) and level_of(text) is not None


def title_facts(title: str) -> tuple[int | None, str | None]:
    """(year, agency) a title states: the year, and the words before it (or, for a title that opens
    with the year, the words between it and 政府信息公开)."""
    # Full-width digits map one-to-one, so positions in the mapped title hold in the original.
    match = _YEAR.search(title.translate(_DIGITS))
    if not match:
        return None, None
    agency = re.sub(r"\s+", "", title[: match.start()]).strip("《》〈〉「」“”\"'（(")
    agency = agency.removesuffix("关于")
    if not agency:  # "2023年聊城市人民政府政府信息公开工作年度报告": the agency follows the year
        after = re.sub(r"\s+", "", title[match.end():]).removeprefix("度")
        agency = after.split("政府信息公开")[0] if "政府信息公开" in after else ""
    return int(match.group(1)), agency or None


def intro_year(text: str) -> int | None:
    """The report year an introduction names ("…2023年度政府信息公开工作年度报告", "现将2023年度…")."""
    folded = fold(text)
    for pattern in _INTRO_YEAR:
        match = pattern.search(folded)
        if match:
            return int(match.group(1))
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
    """(year, where) a candidate states: a title-like place through its title, else the intro's
    wording, else a period statement (``where`` "period")."""
    if where in _TITLE_LIKE:
        match = _TITLE_YEAR.search(text.translate(_DIGITS))
        if match and (where == "title" or is_title(text) or re.search("年度|报告|年报", text)):
            return int(match.group(1)), where
        return None
    if where == "intro":
        year = intro_year(text)
        if year is not None:
            return year, "intro"
    year = period_year(text)
    return (year, "period") if year is not None else None


_LINE_MAX = 40


def body_candidates(model: dict[str, Any]) -> list[Candidate]:
    """What a report model's body says about the report besides its title: each line of the
    introduction (a short line without sentence punctuation is a ``"heading"``, such as "（2023年度）"
    under a bare title; a longer one is ``"intro"``, which may name the year or state the period),
    and the text of the first section (``"period"``: the period statement sometimes opens 一)."""
    out: list[Candidate] = []
    for line in (model.get("intro") or "").split("\n"):
        text = line.strip()
        if text:
            short = len(text) <= _LINE_MAX and not re.search(r"[。；;]", text)
            out.append((text, "heading" if short else "intro"))
    sections = model.get("sections") or []
    if sections and sections[0].get("text"):
        out.append((sections[0]["text"], "period"))
    return out


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
) -> dict[str, Any]:
    """The report's ``metadata``: title, agency, level and year, and where the year came from.

    ``title`` is the document's own title line (or None); ``candidates`` are the other places the
    report states itself, as ``(text, where)`` with ``where`` in ``WHERE`` (a header block's title
    is ``"header"``, a page's ``<title>`` or title meta ``"meta"``, a title-like line or heading
    ``"heading"``, the introduction ``"intro"``, a sentence or section that may hold the period
    ``"period"``). Each fact comes from the most authoritative place that states it:

    - ``year``/``year_from``: the first of title, header, meta, heading, intro, period that gives one;
    - ``title``: the document's own title when it states the year, else the title-like candidate
      that does (a bare "政府信息公开工作年度报告" yields to "平潭综合实验区2020年度…");
    - ``agency``: from the chosen title, else from another title-like candidate stating the same year;
    - ``level``: from the agency's name.
    """
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

    agency = title_facts(chosen)[1] if chosen else None
    if agency is None:
        for text, where, facts in stated:
            if where in _TITLE_LIKE and facts[0] == year:
                agency = title_facts(text)[1]
                if agency:
                    break
    return {
        "title": chosen,
        "agency": agency,
        "level": level_of(agency),
        "year": year,
        "year_from": year_from,
        "published": published,
        "source": uri,
        "reader": reader,
        "url": url,
    }
