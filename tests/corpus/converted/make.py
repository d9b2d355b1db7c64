"""Make PDFs of real reports laid out as agencies publish them, and convert them with real converters.

Why: the checker is judged on "PDF conversions" -- the text a user gets by running pdftotext or PyMuPDF on
the PDF an agency published. Imitations of converter output (tests/rendering/conversions.py) are not the
real thing, so this script prints real report content (whose cells and verdicts are known by hand) as an
agency would -- A4 pages, paragraphs with a two-character indent, the three official tables with ruled cells
and merged header and group cells (colspan/rowspan), tables crossing page breaks, "— N —" page numbers in the
footer -- and runs four real converters on each PDF:

    <id>-pdftotext.txt         poppler ``pdftotext x.pdf``
    <id>-pdftotext-layout.txt  poppler ``pdftotext -layout x.pdf``
    <id>-pymupdf.txt           PyMuPDF ``"".join(page.get_text() for page in doc)``
    <id>-pymupdf4llm.md        ``pymupdf4llm.to_markdown(doc)``

The content is each source document's report model as ``compliance extract`` reads it (title, introduction,
section headings and text, table cells as written, blanks kept); the script refuses to print a source whose
model disagrees with its hand-verified cells in ../manifest.yaml, so a reader bug cannot leak into the PDFs.

NOT run by the test suite or CI (they have neither the fonts nor poppler). To reproduce (Debian):

    apt-get install -y fonts-wqy-zenhei poppler-utils
    python3 -m venv /tmp/pdfvenv && /tmp/pdfvenv/bin/pip install fpdf2 pymupdf pymupdf4llm pyyaml
    /tmp/pdfvenv/bin/python tests/corpus/converted/make.py --compliance /work/venv/bin/compliance

Versions used for the committed files: fpdf2 2.8.9, PyMuPDF 2.0, pymupdf4llm 2.0, poppler 22.12.0,
WenQuanYi Zen Hei (fonts-wqy-zenhei). Outputs are written next to this script; the PDFs go to --pdf-dir.
Two of the PDFs are kept in pdf/ (the seed, and 上海市人民政府办公厅 2019 with its blank cells and 2019
format), read by the PDF reader's test (tests/readers/test_real_pdf_conversions.py); the PDF reader
(pdfplumber) reads all five right: every hand-verified cell, every defect, no false alarm.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"

# id -> source file; the hand verdicts are the manifest entry named in ``VERDICTS`` (None: the seed).
SOURCES = {
    "liaocheng-hrss-2023": Path("/work/shared/seed/liaocheng-hrss-2023.txt"),
    "pingtan-2021": Path("/work/shared/corpus/pingtan-2021.html"),
    "pingtan-2022": Path("/work/shared/corpus/pingtan-2022.html"),
    "pingtan-2023": Path("/work/shared/corpus/pingtan-2023.html"),
    "shanghai-bgt-2019": ROOT / "tests/corpus/whole/shanghai-bgt-2019.html",
}
VERDICTS = {"pingtan-2021": "pingtan-2021-flat", "pingtan-2022": "pingtan-2022-flat",
            "pingtan-2023": "pingtan-2023-flat", "shanghai-bgt-2019": "shanghai-bgt-2019-html"}

APPLICANTS = ("natural_person", "commercial_enterprise", "research_institution", "public_interest_org",
              "legal_service_org", "other_org", "total")
OUTCOMES = ("upheld", "corrected", "other", "pending", "total")
# Table 2's rows in printed order, with the group each result row sits under (rowspan cells).
RESULT_GROUPS = (("denied_", "（三）不予公开"), ("unable_", "（四）无法提供"),
                 ("not_processed_", "（五）不予处理"), ("other_", "（六）其他处理"))
ORDER = ("new_received", "carried_over", "granted", "partly_granted", "denied_state_secret",
         "denied_prohibited_by_law", "denied_three_securities", "denied_third_party", "denied_internal_affairs",
         "denied_process_info", "denied_enforcement_files", "denied_query_matters", "unable_not_held",
         "unable_needs_creation", "unable_unclear", "not_processed_petition", "not_processed_repeated",
         "not_processed_publications", "not_processed_excessive", "not_processed_confirmation",
         "other_no_correction", "other_unpaid_fee", "other_other", "results_total", "carried_forward")


def extract(cli: str, source: Path) -> dict[str, Any]:
    """The source's report model, as the project reads it."""
    out = subprocess.run([cli, "extract", str(source)], check=True, capture_output=True, text=True)
    return dict(json.loads(out.stdout))


def check_cells(model: dict[str, Any], verdicts: dict[str, Any] | None, name: str) -> None:
    """Stop when the model disagrees with a hand-verified cell (the PDF would carry a reader's error)."""
    if not verdicts:
        return
    for table, rows in (verdicts.get("tables") or {}).items():
        for row, cells in rows.items():
            columns = APPLICANTS if table == "applications" else OUTCOMES
            pairs = zip(columns, cells, strict=True) if isinstance(cells, list) else cells.items()
            for column, value in pairs:
                got = model["tables"][table]["rows"][row]["values"].get(column)
                if str(got) != str(value) and not (value == 0 and got is None):
                    sys.exit(f"{name}: model cell {table}/{row}/{column} is {got}, hand verdict {value}")


def make_pdf(model: dict[str, Any], path: Path) -> None:
    """Lay the model out as an agency's PDF."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    class Report(FPDF):  # type: ignore[misc]
        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("zh", size=10)
            self.cell(0, 8, f"— {self.page_no()} —", align="C")

    pdf = Report(format="A4")
    pdf.set_margins(25, 25, 25)
    pdf.set_auto_page_break(True, margin=22)
    pdf.add_font("zh", fname=FONT)
    pdf.add_page()
    pdf.set_font("zh", size=16)
    pdf.multi_cell(0, 10, model["metadata"]["title"], align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)

    def paragraphs(text: str | None) -> None:
        pdf.set_font("zh", size=11)
        for line in (text or "").split("\n"):
            if line.strip():
                pdf.multi_cell(0, 7, "\u3000\u3000" + line.strip(), new_x="LMARGIN", new_y="NEXT")

    paragraphs(model.get("intro"))
    head = FontFace(fill_color=(235, 235, 235))
    for section in model["sections"]:
        pdf.ln(2)
        pdf.set_font("zh", size=13)
        pdf.multi_cell(0, 9, "\u3000\u3000" + section["heading"], new_x="LMARGIN", new_y="NEXT")
        paragraphs(section.get("text"))
        for table in section.get("tables") or []:
            pdf.ln(2)
            pdf.set_font("zh", size=9)
            data = model["tables"][table]
            {"active_disclosure": table_one, "applications": table_two,
             "review_litigation": table_three}[table](pdf, data, head)
            pdf.ln(3)
    pdf.output(str(path))


def _raw(row: dict[str, Any] | None, column: str) -> str:
    return "" if row is None else str((row.get("raw") or {}).get(column) or "")


def table_one(pdf: Any, data: dict[str, Any], head: Any) -> None:
    """Table 1: blocks under 第二十条第（…）项 headings, as in the 2021 (or 2019) format."""
    rows = data["rows"]
    if data.get("format") == "2019":
        blocks = [("第二十条第（一）项", ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
                   ("new_made", "new_published", "total_published"), ("regulations", "normative_documents")),
                  ("第二十条第（五）项", ("上一年项目数量", "本年增/减", "处理决定数量"),
                   ("previous_items", "change", "decisions"), ("licensing", "other_services")),
                  ("第二十条第（六）项", ("上一年项目数量", "本年增/减", "处理决定数量"),
                   ("previous_items", "change", "decisions"), ("punishment", "enforcement")),
                  ("第二十条第（八）项", ("上一年项目数量", "本年增/减"), ("previous_items", "change"),
                   ("administrative_fees",)),
                  ("第二十条第（九）项", ("采购项目数量", "采购总金额"), ("procurement_items", "procurement_amount"),
                   ("procurement",))]
    else:
        blocks = [("第二十条第（一）项", ("本年制发件数", "本年废止件数", "现行有效件数"),
                   ("issued", "repealed", "in_force"), ("regulations", "normative_documents")),
                  ("第二十条第（五）项", ("本年处理决定数量",), ("decisions",), ("licensing",)),
                  ("第二十条第（六）项", ("本年处理决定数量",), ("decisions",), ("punishment", "enforcement")),
                  ("第二十条第（八）项", ("本年收费金额（单位：万元）",), ("amount",), ("administrative_fees",))]
    with pdf.table(col_widths=(40, 30, 30, 30), text_align="CENTER", first_row_as_headings=False,
                   line_height=4.5) as table:
        for title, labels, columns, ids in blocks:
            table.row().cell(title, colspan=4, style=head)
            row = table.row()
            row.cell("信息内容")
            for label in labels:
                row.cell(label, colspan=4 - len(labels) if len(labels) == 1 else 1)
            if len(labels) == 2:
                row.cell("")
            for rid in ids:
                row = table.row()
                row.cell((rows.get(rid) or {}).get("label") or rid)
                for column in columns:
                    row.cell(_raw(rows.get(rid), column), colspan=3 if len(columns) == 1 else 1)
                if len(columns) == 2:
                    row.cell("")


def table_two(pdf: Any, data: dict[str, Any], head: Any) -> None:
    """Table 2: the three-row merged header, 三、本年度办理结果 spanning its rows, groups spanning their items."""
    rows = data["rows"]
    present = [rid for rid in ORDER if rid in rows]
    results = [rid for rid in present if rid not in ("new_received", "carried_over", "carried_forward")]
    with pdf.table(col_widths=(14, 16, 40, 14, 14, 14, 14, 14, 14, 14), text_align="CENTER",
                   first_row_as_headings=False, line_height=4.5) as table:
        r = table.row()
        r.cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", colspan=3, rowspan=3,
               style=head)
        r.cell("申请人情况", colspan=7, style=head)
        r = table.row()
        r.cell("自然人", rowspan=2, style=head)
        r.cell("法人或其他组织", colspan=5, style=head)
        r.cell("总计", rowspan=2, style=head)
        r = table.row()
        for label in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"):
            r.cell(label, style=head)
        group_done: set[str] = set()
        for rid in present:
            row = rows[rid]
            r = table.row()
            if rid in results:
                # The merged 三、本年度办理结果 cell in two parts (as Word splits a merged cell at a page break;
                # fpdf2 keeps a rowspan on one page): over 予以公开 … 不予公开, then an empty one over the rest.
                first = [x for x in results if not x.startswith(("unable_", "not_processed_", "other_"))
                         and x != "results_total"]
                if rid == results[0]:
                    r.cell("三、本年度办理结果", rowspan=len(first))
                elif rid == results[len(first)]:
                    r.cell("", rowspan=len(results) - len(first))
                prefix = next((p for p, _ in RESULT_GROUPS if rid.startswith(p)), None)
                single = prefix is None or str(row.get("label", "")).startswith("（")
                if single:
                    r.cell(row["label"], colspan=2, align="LEFT")
                else:
                    if prefix not in group_done:
                        group_done.add(prefix)
                        span = sum(1 for x in results if x.startswith(prefix))
                        r.cell(dict(RESULT_GROUPS)[prefix], rowspan=span)
                    r.cell(row["label"], align="LEFT")
            else:
                r.cell(row["label"], colspan=3, align="LEFT")
            for column in APPLICANTS:
                r.cell(_raw(row, column))


def table_three(pdf: Any, data: dict[str, Any], head: Any) -> None:
    """Table 3: 行政复议 (5 columns) and 行政诉讼 (10), two header rows of merged cells, one row of 15 values."""
    rows = data["rows"]
    labels = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    with pdf.table(col_widths=(1,) * 15, text_align="CENTER", first_row_as_headings=False,
                   line_height=4.5) as table:
        r = table.row()
        r.cell("行政复议", colspan=5, style=head)
        r.cell("行政诉讼", colspan=10, style=head)
        r = table.row()
        for label in labels:
            r.cell(label, rowspan=2, style=head)
        r.cell("未经复议直接起诉", colspan=5, style=head)
        r.cell("复议后起诉", colspan=5, style=head)
        r = table.row()
        for label in labels * 2:
            r.cell(label, style=head)
        r = table.row()
        for rid in ("review", "litigation_direct", "litigation_after_review"):
            for column in OUTCOMES:
                r.cell(_raw(rows.get(rid), column))


def convert(pdf: Path, name: str) -> None:
    """Run the four converters on one PDF and write their outputs next to this script."""
    import fitz
    import pymupdf4llm

    subprocess.run(["pdftotext", str(pdf), str(HERE / f"{name}-pdftotext.txt")], check=True)
    subprocess.run(["pdftotext", "-layout", str(pdf), str(HERE / f"{name}-pdftotext-layout.txt")], check=True)
    with fitz.open(str(pdf)) as doc:
        (HERE / f"{name}-pymupdf.txt").write_text("".join(page.get_text() for page in doc), encoding="utf-8")
    (HERE / f"{name}-pymupdf4llm.md").write_text(pymupdf4llm.to_markdown(str(pdf)), encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    import yaml

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compliance", default="compliance", help="the project's CLI (to extract the models)")
    parser.add_argument("--pdf-dir", default="/tmp/converted-pdf", help="where the PDFs are written")
    parser.add_argument("--only", help="only the sources whose id contains this text")
    args = parser.parse_args(argv)
    manifest = yaml.safe_load((HERE.parent / "manifest.yaml").read_text(encoding="utf-8"))
    by_id = {d["id"]: d for d in manifest["documents"]}
    pdf_dir = Path(args.pdf_dir)
    pdf_dir.mkdir(parents=True, exist_ok=True)
    for name, source in SOURCES.items():
        if args.only and args.only not in name:
            continue
        model = extract(args.compliance, source)
        check_cells(model, by_id.get(VERDICTS.get(name, "")), name)
        pdf = pdf_dir / f"{name}.pdf"
        make_pdf(model, pdf)
        convert(pdf, name)
        print(f"{name}: {pdf} ({pdf.stat().st_size} bytes), 4 conversions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
