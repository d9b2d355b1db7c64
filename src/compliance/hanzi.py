"""Traditional renderings of the characters that occur in report labels and headings, and their
simplified forms. A leaf module: readers (label matching) and the expression language's
``normalize()`` both fold with it, so a rule's simplified patterns match traditional copies.
"""

from __future__ import annotations

TRADITIONAL = (
    "國開請處機關無總計結轉複訴訟維決費規範許罰強製現審數項業構組織"
    "會護權務類訪舉報確獲補繳採購額條號廢執詢過險穩屬實內據並"
    "資訊報告對應問題檢議協辦達經體質進況際點"
)
SIMPLIFIED = (
    "国开请处机关无总计结转复诉讼维决费规范许罚强制现审数项业构组织"
    "会护权务类访举报确获补缴采购额条号废执询过险稳属实内据并"
    "资讯报告对应问题检议协办达经体质进况际点"
)
assert len(TRADITIONAL) == len(SIMPLIFIED)

TO_SIMPLIFIED = str.maketrans(TRADITIONAL, SIMPLIFIED)
