"""Section headings glued to the end of the previous paragraph (HTML-to-text copies) are found,
and every value still points at its line in the original text."""

from __future__ import annotations

from compliance.api import example_path
from compliance.readers import read_bytes

SEED = example_path().read_text(encoding="utf-8")


def test_glued_headings_are_sections_with_their_original_lines() -> None:
    glued = SEED.replace("\n\n二、主动公开政府信息情况", "二、主动公开政府信息情况") \
        .replace("\n\n六、其他需要报告的事项", "六、其他需要报告的事项")
    model = read_bytes(glued.encode("utf-8"), uri="glued.txt").data
    assert [s["number"] for s in model["sections"]] == [1, 2, 3, 4, 5, 6]
    assert model["sections"][0]["text"].endswith("提高政务公开工作在评优评先考察和绩效考核中的权重。")
    original = glued.split("\n")
    for index, heading in ((1, "二、主动公开政府信息情况"), (5, "六、其他需要报告的事项")):
        line = model["provenance"][f"/sections/{index}"]["line"]
        assert original[line - 1].endswith(heading)  # the glued line, counted as in the file
    # values after the split still point at their own lines
    granted = model["provenance"]["/tables/applications/rows/granted/values/natural_person"]["line"]
    assert original[granted - 1].split("\t")[1].startswith("(一) 予以公开")


def test_an_enumeration_inside_a_sentence_is_not_a_heading() -> None:
    enumeration = "二、加强培训，提高能力，做好工作；并且持续推进相关工作落实"
    text = SEED.replace("三是强化考核问效。", "三是强化考核问效。" + enumeration)
    model = read_bytes(text.encode("utf-8"), uri="x.txt").data
    assert [s["number"] for s in model["sections"]] == [1, 2, 3, 4, 5, 6]
