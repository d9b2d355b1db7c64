"""Traditional renderings of the characters that occur in report labels and headings, and their
simplified forms. A leaf module: readers (label matching) and the expression language's
``normalize()`` both fold with it, so a rule's simplified patterns match traditional copies.
Also how wide a character stands in a text browser's or extractor's layout (``display_width``).
"""

from __future__ import annotations

import functools
import re
import unicodedata

TRADITIONAL = (
    "國開請處機關無總計結轉複訴訟維決費規範許罰強製現審數項業構組織會護權務類訪舉報確"
    "獲補繳採購額條號廢執詢過險穩屬實內據並資訊對應問題檢議協辦達經體質進況際點個優傳"
    "創動區員單圍學將專導層廣從徹態戶擴時極標濟為熱營環當發監眾積統網線編繞繼續與記評"
    "認調論證貫責這還錄長門黨視間麼樣讀覽參聯繫準級縣鎮鄉廳書稅醫療衛財於後臺鑑傷節"
    "沒蓋訖斷產徵"  # period and fee wordings: 沒有, 涵蓋, 起訖, 不斷, 產生, 徵收
)
SIMPLIFIED = (
    "国开请处机关无总计结转复诉讼维决费规范许罚强制现审数项业构组织会护权务类访举报确"
    "获补缴采购额条号废执询过险稳属实内据并资讯对应问题检议协办达经体质进况际点个优传"
    "创动区员单围学将专导层广从彻态户扩时极标济为热营环当发监众积统网线编绕继续与记评"
    "认调论证贯责这还录长门党视间么样读览参联系准级县镇乡厅书税医疗卫财于后台鉴伤节"
    "没盖讫断产征"
)
assert len(TRADITIONAL) == len(SIMPLIFIED)

TO_SIMPLIFIED = str.maketrans(TRADITIONAL, SIMPLIFIED)


@functools.cache
def _any_traditional() -> re.Pattern[str]:
    return re.compile("[" + TRADITIONAL + "]")  # compiled on first use, not at start-up


def to_simplified(text: str) -> str:
    """``text.translate(TO_SIMPLIFIED)``, without the per-character pass (a dictionary look-up each)
    when the text holds no traditional character, which is nearly always."""
    return text.translate(TO_SIMPLIFIED) if _any_traditional().search(text) else text


def display_width(char: str) -> int:
    """The columns ``char`` takes in a monospaced layout (w3m, inscriptis): two for a wide or
    full-width (CJK) character, else one."""
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1
