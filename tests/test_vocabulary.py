"""The table vocabulary (compliance/schemas/vocabulary.json) is the one place labels are written:
the file is consistent, the readers find every official label through what they derive from it,
the default pack's table constants are its, the report schema's descriptions agree with it, a
pack can take it and override it, and a change to it reaches the pack cache key."""

from __future__ import annotations

import json
import re
import shutil
import textwrap
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance import api
from compliance.errors import ComplianceError, RulePackError
from compliance.lang.functions import _normalize
from compliance.readers import labels as L
from compliance.readers.run_together import segment
from compliance.readers.table_applications import _application_cell
from compliance.rules import cache, load_pack
from compliance.rules.packs import default_pack_path, load_default_pack
from compliance.schemas import schema, vocabulary
from tests.hypothesis_budget import examples
from tests.test_startup import _modules

TABLES = vocabulary.tables()
T1, T2, T3 = (TABLES[t] for t in vocabulary.TABLE_IDS)


def _labels(entry: Mapping[str, Any]) -> list[str]:
    return [entry[key] for key in ("label", "label_2019") if key in entry]


def _entries() -> Iterator[tuple[str, str, Mapping[str, Any]]]:
    """(table id, "row" | "column" | "group", entry) for every entry of the vocabulary."""
    for table_id, table in TABLES.items():
        for kind, key in (("row", "rows"), ("column", "columns"), ("group", "groups")):
            for entry in table.get(key, ()):
                yield table_id, kind, entry


# ---------------------------------------------------------------------------------- the file itself

def test_ids_are_unique_and_every_reference_names_an_entry() -> None:
    assert tuple(TABLES) == vocabulary.TABLE_IDS
    for table_id, table in TABLES.items():
        rows = [r["id"] for r in table["rows"]] + [g["subtotal"]["id"] for g in table.get("groups", ())]
        columns = [c["id"] for c in table["columns"]]
        assert len(rows) == len(set(rows)), table_id
        assert len(columns) == len(set(columns)), table_id
        for _, row_id in table.get("row_keywords", ()):
            assert row_id in rows, (table_id, row_id)
        for _, column_id in table.get("column_keywords", ()):
            assert column_id in columns, (table_id, column_id)
        for row in table["rows"]:
            assert set(row.get("columns", ())) <= set(columns), row
        for group in table.get("groups", ()):
            assert all(row_id in rows for _, row_id in group["items"]), group["id"]
        for part in table.get("results", ()):
            assert part in rows or part in [g["id"] for g in table["groups"]], part
        assert set(table["title"]) == set(vocabulary.LANGS)
    for table_id, kind, entry in _entries():
        assert _labels(entry) or (kind == "row" and table_id == "review_litigation"), entry
        for names in (entry.get("names"), entry.get("phrase")):
            assert names is None or set(names) == set(vocabulary.LANGS), entry


def test_the_file_is_plain_json_the_package_ships() -> None:
    path = Path(vocabulary.__file__).with_name("vocabulary.json")
    assert json.loads(path.read_text(encoding="utf-8")) == vocabulary.vocabulary()
    assert vocabulary.problems(vocabulary.vocabulary()) == []
    for _, _, entry in _entries():
        if "run_together" in entry:
            re.compile(entry["run_together"])


def _broken(change: Any) -> str:
    data = json.loads(json.dumps(vocabulary.vocabulary()))
    change(data["tables"])
    return json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize(("change", "pointer"), [
    (lambda t: t["applications"]["rows"].pop(0), "/tables/applications/row_keywords/0: no entry 'new_received'"),
    (lambda t: t["review_litigation"]["columns"].append({"id": "total"}), "/tables/review_litigation/columns: an id"),
    (lambda t: t["active_disclosure"]["rows"][0]["names"].pop("en"), "/tables/active_disclosure/rows/0/names"),
    (lambda t: t["applications"]["groups"][0]["items"].append(["x", "nowhere"]), "/groups/0/items/8: no entry"),
    (lambda t: t["applications"]["results"].append("granted_twice"), "/tables/applications/results/6"),
    (lambda t: t["active_disclosure"]["rows"][0].update(columns=["issued", "sold"]), "/rows/0/columns"),
    (lambda t: t.pop("review_litigation"), "/tables: must hold"),
    (lambda t: t["applications"].update(title={"zh": ["表二"]}), "/tables/applications/title"),
])
def test_an_inconsistent_vocabulary_is_one_error_naming_the_file_and_the_place(change: Any, pointer: str) -> None:
    with pytest.raises(ComplianceError) as caught:
        vocabulary.parse(_broken(change), "/pkg/compliance/schemas/vocabulary.json")
    message = str(caught.value)
    assert message.startswith("/pkg/compliance/schemas/vocabulary.json: the table vocabulary is inconsistent: ")
    assert pointer in message
    assert "\n" not in message


def test_a_vocabulary_that_is_not_json_is_one_error_naming_the_file() -> None:
    with pytest.raises(ComplianceError, match=r"^vocabulary.json: the table vocabulary is not valid JSON: "):
        vocabulary.parse('{"tables": ')


# ------------------------------------------------------------------- the readers, derived from it

def test_the_table_readers_find_every_official_label() -> None:
    for row in T1["rows"]:
        for label in _labels(row):
            assert L.lookup(label, L.ACTIVE_ROWS) == row["id"], label
    for column in T1["columns"]:
        for label in _labels(column):
            assert L.lookup(label, L.ACTIVE_COLUMNS) == column["id"], label
    for column in T2["columns"]:
        assert L.APPLICATION_HEADERS[L.normalise_label(column["label"])] == column["id"]
    for row in T2["rows"]:
        assert _application_cell(row["label"], None) == ("row", row["id"]), row["label"]
    for group in T2["groups"]:
        assert _application_cell(group["label"], None) == ("group", group["id"])
        for number, (_, row_id) in enumerate(group["items"], 1):  # an item named by its number alone
            assert _application_cell(f"{number}.", group["id"]) == ("row", row_id)
    for row in T3["rows"]:
        assert L.lookup(row["label"], L.REVIEW_GROUPS) == row["id"]
    for column in T3["columns"]:
        assert L.lookup(column["label"], L.REVIEW_HEADERS) == column["id"]
    for table_id, _, entry in _entries():
        for label in _labels(entry):
            assert L.is_vocabulary(L.normalise_label(label)), (table_id, label)


def test_every_label_has_a_run_together_pattern_that_reads_it() -> None:
    kinds = dict(vocabulary.run_together_labels())
    for table_id, kind, entry in _entries():
        pattern = vocabulary.run_together_pattern(entry)
        assert pattern in kinds, entry
        for label in _labels(entry):
            assert re.fullmatch(pattern, L.normalise_label(label)), (label, pattern)
            cells = segment(label)
            assert [c.text for c in cells] == ["".join(label.split())], label  # as written
            expected = "head" if kind == "column" or table_id == "review_litigation" else kind
            assert cells[0].kind == expected, label
        if not entry.get("numbered") and "label" in entry:  # the numbering is optional
            bare = re.sub(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|[0-9]+\.)", "", entry["label"])
            assert re.fullmatch(pattern, L.normalise_label(bare)), bare


def _table_labels(table: Mapping[str, Any]) -> list[str]:
    """A table's labels in form order, as they stand in its grid (normalised)."""
    out = [L.normalise_label(label) for c in table["columns"] for label in _labels(c)[:1]]
    out += [L.normalise_label(label) for r in table["rows"] for label in _labels(r)[:1]]
    return out


@settings(max_examples=examples(60), deadline=None)
@given(st.sampled_from(vocabulary.TABLE_IDS).flatmap(
    lambda t: st.lists(st.sampled_from(_table_labels(TABLES[t])), min_size=1, max_size=8)))
def test_run_together_labels_of_a_table_are_cut_where_each_starts(picked: list[str]) -> None:
    """Labels of one table written without a boundary ("本年制发件数本年废止件数规章…") come apart
    into exactly those labels: the patterns derived from the vocabulary overlap nowhere."""
    cells = segment("".join(picked))
    assert [c.text for c in cells] == picked
    assert all(c.kind for c in cells)


# -------------------------------------------------------------------------------------- the pack

def test_the_default_pack_takes_its_table_constants_from_the_vocabulary() -> None:
    constants = load_default_pack().constants
    derived = vocabulary.pack_constants()
    assert tuple(derived) == vocabulary.CONSTANT_NAMES
    for name, value in derived.items():
        assert constants[name] == value, name
    written = yaml.safe_load((default_pack_path() / "pack.yaml").read_text(encoding="utf-8"))
    assert written["table_vocabulary"] is True
    assert not set(written["constants"]) & set(derived)  # written once: not again in pack.yaml


def test_the_constants_hold_what_the_rules_expect() -> None:
    constants = vocabulary.pack_constants()
    assert len(constants["application_rows"]) == 25
    assert len(constants["result_rows"]) == 21
    assert constants["applicant_columns"] + ["total"] == constants["application_columns"]
    assert set(constants["row_labels"]) == set(constants["application_rows"]) | set(
        constants["active_disclosure_rows"])
    for lang in vocabulary.LANGS:
        names = constants["row_names"][lang]
        assert set(constants["row_labels"]) | set(constants["review_groups"]) <= set(names)
        assert all(group["id"] in names for group in constants["result_groups"])
    assert constants["document_rows"] == ["regulations", "normative_documents"]
    assert constants["review_outcomes"] + ["total"] == constants["review_columns"]


def test_the_packs_own_table_words_agree_with_the_vocabulary() -> None:
    """Two constants pack.yaml still writes itself name table-1 labels and ids: the pattern of the
    2019 format's signatures, and the statements of table-1 counts in the text."""
    constants = load_default_pack().constants
    old_format = constants["old_format_pattern"]
    articles_2021 = {r["article"] for r in T1["rows"] if "label" in r}
    for entry in [*T1["rows"], *T1["columns"]]:
        if "label" in entry:
            assert not re.search(old_format, _normalize(entry["label"])), entry["label"]
            continue
        assert re.search(old_format, _normalize(entry["label_2019"])), entry["label_2019"]  # only in 2019
        if entry.get("article", next(iter(articles_2021))) not in articles_2021:  # 第二十条第（九）项
            assert re.search(old_format, _normalize(entry["article"])), entry["article"]
    rows = {r["id"] for r in T1["rows"]}
    phrased = {c["id"] for c in T1["columns"] if "phrase" in c}
    for statement in constants["disclosure_statements"]:
        assert statement["row"] in rows
        assert statement["column"] in phrased


def _pack(folder: Path, manifest: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.yaml").write_text(textwrap.dedent(manifest), encoding="utf-8")
    (folder / "10-rules.yaml").write_text(textwrap.dedent("""\
        rules:
          - id: local.granted-name
            title: {zh: 标题, en: title}
            severity: info
            require: row_names.en["granted"] != row_labels["granted"]
            message: {zh: 不符, en: "{row_names.en['granted']}"}
        """), encoding="utf-8")
    return folder


def test_a_pack_takes_the_vocabulary_and_a_constant_it_writes_wins(tmp_path: Path) -> None:
    folder = _pack(tmp_path / "local", """\
        name: local
        version: "1.0"
        table_vocabulary: true
        constants:
          row_names: {zh: {granted: 予以公开}, en: {granted: given}}
        """)
    pack = load_pack(folder)
    assert pack.constants["row_labels"] == vocabulary.pack_constants()["row_labels"]
    assert pack.constants["row_names"] == {"zh": {"granted": "予以公开"}, "en": {"granted": "given"}}
    overridden = load_pack(folder, overrides={"column_names": {"en": {"natural_person": "people"}}})
    assert overridden.constants["column_names"]["en"]["natural_person"] == "people"
    assert overridden.constants["column_names"]["en"]["total"] == "total"  # deep-merged
    assert "row_labels" not in load_pack(_pack(tmp_path / "bare", """\
        name: bare
        version: "1.0"
        constants: {row_labels: {granted: x}, row_names: {en: {granted: y}}}
        """)).constants.get("column_names", {})


def test_compliance_toml_overrides_a_vocabulary_constant_of_the_default_pack() -> None:
    pack = load_pack(default_pack_path(), overrides={"row_names": {"en": {"granted": "(1) disclosed"}}})
    assert pack.constants["row_names"]["en"]["granted"] == "(1) disclosed"
    assert pack.constants["row_names"]["en"]["partly_granted"] == "(2) partly granted"


@pytest.mark.parametrize(("manifest", "message"), [
    ('name: x\nversion: "1.0"\ntable_vocabulary: "yes"\n', "is not of type 'boolean'"),
    ('name: x\nversion: "1.0"\nextends: [ogi-2021]\ntable_vocabulary: true\n', "already has the table vocabulary"),
])
def test_a_wrong_table_vocabulary_is_one_error_naming_the_file(tmp_path: Path, manifest: str, message: str) -> None:
    folder = tmp_path / "x"
    folder.mkdir()
    (folder / "pack.yaml").write_text(manifest, encoding="utf-8")
    (folder / "10-rules.yaml").write_text("rules: []\n", encoding="utf-8")
    with pytest.raises(RulePackError) as caught:
        load_pack(folder)
    assert message in str(caught.value)
    assert "pack.yaml" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_pack_on_top_of_the_default_pack_does_not_take_the_vocabulary_again(tmp_path: Path) -> None:
    folder = _pack(tmp_path / "top", 'name: top\nversion: "1.0"\ntable_vocabulary: true\n')
    with pytest.raises(RulePackError, match="CR002 `table_vocabulary: true`, but the base pack already has"):
        load_pack(folder, base=load_default_pack())
    on_top = load_pack(_pack(tmp_path / "plain", 'name: plain\nversion: "1.0"\n'), base=load_default_pack())
    assert on_top.constants["row_labels"] == vocabulary.pack_constants()["row_labels"]  # seen from the base


# ------------------------------------------------------------------- summaries, schema, cache, start-up

def test_the_summaries_name_tables_and_columns_from_the_vocabulary(monkeypatch: pytest.MonkeyPatch) -> None:
    changed = json.loads(json.dumps(vocabulary.vocabulary()))
    changed["tables"]["review_litigation"]["columns"][0]["names"]["en"] = "kept"
    changed["tables"]["review_litigation"]["title"]["en"] = ["Table Three", "Review"]
    monkeypatch.setattr(vocabulary, "tables", lambda: changed["tables"])
    assert api._columns("en")["upheld"] == "kept"
    assert api._titles()["review_litigation"]["en"] == ("Table Three", "Review")


def _described(node: Mapping[str, Any]) -> dict[str, str]:
    return {key: str(value.get("description", "")) for key, value in node["properties"].items()}


def test_the_report_schema_describes_the_vocabularys_rows_and_columns() -> None:
    """report.schema.json keeps its own descriptions (articles, form codes, 2019 notes); they must
    name the same ids and carry each official label."""
    defs = schema("report")["$defs"]
    for table_id, table in TABLES.items():
        rows = _described(defs[table_id]["properties"]["rows"])
        expected = [r["id"] for r in table["rows"]] + [g["subtotal"]["id"] for g in table.get("groups", ())]
        assert sorted(rows) == sorted(expected), table_id
        for row in table["rows"]:
            assert any(L.normalise_label(label) in L.normalise_label(rows[row["id"]]) for label in _labels(row)), row
        row_def = defs[f"{table_id}_row"]["properties"]
        columns = {c["id"]: c for c in table["columns"]}
        for part in ("values", "raw"):
            described = _described(row_def[part])
            assert sorted(described) == sorted(columns), (table_id, part)
            for column_id, text in described.items():
                assert any(label in text for label in _labels(columns[column_id])), (table_id, column_id, text)
        described = _described(defs[table_id]["properties"]["column_labels"])
        assert sorted(described) == sorted(columns), table_id
        for column_id, text in described.items():
            assert any(label in text for label in _labels(columns[column_id])), (table_id, column_id)
        title = defs[table_id]["description"]
        assert all(part in title for part in table["title"]["zh"]), title


def test_the_report_model_doc_lists_the_vocabularys_ids_and_labels() -> None:
    """docs/report-model.md shows each table's row and column ids with their labels for readers of
    the model; it must say what the vocabulary says."""
    text = (Path(__file__).resolve().parents[1] / "docs" / "report-model.md").read_text(encoding="utf-8")
    for table_id, table in TABLES.items():
        section = text.split(f"### `tables.{table_id}`", 1)[1].split("\n#", 1)[0]
        shown: dict[str, str] = {}
        for ids, label in re.findall(r"^\| (`[a-z_]+`(?:, `[a-z_]+`)*) \| (.+) \|$", section, re.M):
            for column_id in re.findall(r"`([a-z_]+)`", ids):
                shown[column_id] = label
        entries = [*table["rows"], *table["columns"]]
        assert sorted(shown) == sorted(e["id"] for e in entries), table_id
        for entry in entries:
            assert any(label in shown[entry["id"]] for label in _labels(entry)), (table_id, entry["id"])


def test_a_change_to_the_vocabulary_changes_the_pack_cache_key(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    package = Path(cache.__file__).resolve().parent.parent
    copy = tmp_path / "compliance"
    for folder in cache._CODE_DIRS:
        shutil.copytree(package / folder, copy / folder, ignore=shutil.ignore_patterns("__pycache__"))
    for name in cache._CODE_FILES:
        shutil.copy2(package / name, copy / name)
    monkeypatch.setattr(cache, "_PACKAGE", copy)
    before = cache.pack_key(default_pack_path())
    assert cache.pack_key(default_pack_path()) == before
    (copy / "schemas" / "vocabulary.json").write_text(
        (package / "schemas" / "vocabulary.json").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert cache.pack_key(default_pack_path()) != before


def test_version_does_not_load_the_vocabulary() -> None:
    assert "compliance.schemas.vocabulary" not in _modules("--version")
