"""Bad data stops everything with an error naming the file, the line, the field and the rule.

Each test breaks one thing in a copy of the real data and checks the message a contributor sees.
"""

from __future__ import annotations

import json

import pytest
from helpers import rewrite

import briefing
from briefing.errors import DataValidationError


def problems_of(name: str = "events"):
    with pytest.raises(DataValidationError) as caught:
        briefing.load(name)
    return caught.value


def only(error: DataValidationError, rule: str):
    found = [p for p in error.problems if p.rule == rule]
    assert found, f"no {rule} problem in:\n{error}"
    return found[0]


def first_line(path):
    return path.read_text(encoding="utf-8").splitlines()[1]


def test_missing_column(data_copy):
    path = data_copy / "events.csv"
    rewrite(path, "event_id,date,", "date,")
    problem = only(problems_of(), "column-missing")
    assert (problem.file, problem.line, problem.field) == ("data/events.csv", 1, "event_id")
    assert "data/events.csv, line 1, field 'event_id'" in str(problem)


def test_extra_column(data_copy):
    path = data_copy / "trade.csv"
    rewrite(path, ",note\n", ",note,comment\n")
    assert only(problems_of("trade"), "column-extra").field == "comment"


def test_wrong_type(data_copy):
    path = data_copy / "ree_production.csv"
    text = path.read_text(encoding="utf-8").splitlines()
    header = text[0].split(",")
    cells = text[1].split(",")
    cells[header.index("production_t")] = "lots"
    text[1] = ",".join(cells)
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    problem = only(problems_of("ree_production"), "type")
    assert (problem.line, problem.field) == (2, "production_t")
    assert "'lots' is not a number" in problem.message


def test_bad_date(data_copy):
    path = data_copy / "events.csv"
    line = first_line(path)
    date = line.split(",")[1]
    rewrite(path, f"{line.split(',')[0]},{date},", f"{line.split(',')[0]},{date[:4]}-13-40,")
    problem = only(problems_of(), "type")
    assert (problem.line, problem.field) == (2, "date")


def test_date_after_the_as_of_date(data_copy):
    path = data_copy / "events.csv"
    line = first_line(path)
    date = line.split(",")[1]
    rewrite(path, f"{line.split(',')[0]},{date},", f"{line.split(',')[0]},2099-01-01,")
    # events may be dated in the future only while scheduled: one that happened may not
    problem = only(problems_of(), "happened-after-as-of")
    assert problem.field == "date" and "2099-01-01" in problem.message


def test_unknown_source_id(data_copy):
    path = data_copy / "trade.csv"
    text = path.read_text(encoding="utf-8")
    line = text.splitlines()[1]
    source = next(c for c in line.split(",") if c.startswith("S") and c[1:].isdigit())
    rewrite(path, f",{source},", ",S9999,")
    problem = only(problems_of("trade"), "foreign-key")
    assert problem.field == "source_id" and "'S9999'" in problem.message


def test_duplicate_key(data_copy):
    path = data_copy / "sources.csv"
    text = path.read_text(encoding="utf-8")
    rewrite(path, "\nS2,", "\nS1,")
    problem = only(problems_of("sources"), "primary-key")
    assert problem.line == 3 and "repeats line 2" in problem.message
    assert text  # original existed


def test_empty_required_value(data_copy):
    path = data_copy / "events.csv"
    line = first_line(path)
    parts = line.split(",")
    rewrite(path, line, ",".join([parts[0], parts[1], parts[2], "", *parts[4:]]))
    problem = only(problems_of(), "required")
    assert (problem.line, problem.field) == (2, "actor")


def test_negative_tonnage(data_copy):
    path = data_copy / "ree_reserves.csv"
    text = path.read_text(encoding="utf-8").splitlines()
    header = text[0].split(",")
    index = header.index("reserves_t")
    for number, line in enumerate(text[1:], start=1):
        cells = line.split(",")
        if cells[index]:
            cells[index] = "-" + cells[index]
            text[number] = ",".join(cells)
            break
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    problem = only(problems_of("ree_reserves"), "minimum")
    assert problem.field == "reserves_t"


def test_share_above_100(data_copy):
    path = data_copy / "value_chain_shares.csv"
    text = path.read_text(encoding="utf-8").splitlines()
    index = text[0].split(",").index("share_pct")
    cells = text[1].split(",")
    cells[index] = "120"
    text[1] = ",".join(cells)
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    problem = only(problems_of("value_chain_shares"), "maximum")
    assert (problem.line, problem.field) == (2, "share_pct")


def test_shares_of_one_stage_summing_above_100(data_copy):
    path = data_copy / "value_chain_shares.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[1].split(",")
    cells[header.index("country")] = "Japan" if cells[header.index("country")] != "Japan" else "India"
    cells[header.index("share_pct")] = "99"
    lines.append(",".join(cells))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problem = only(problems_of("value_chain_shares"), "group-sum-max")
    assert problem.field == "share_pct" and "more than 100" in problem.message


def test_unknown_country(data_copy):
    path = data_copy / "events.csv"
    line = first_line(path)
    parts = line.split(",")
    country_index = 4
    rewrite(path, line, ",".join([*parts[:country_index], "Atlantis", *parts[country_index + 1 :]]))
    problem = only(problems_of(), "enum")
    assert problem.field == "country" and "'Atlantis'" in problem.message


def test_unknown_enum_value(data_copy):
    path = data_copy / "sources.csv"
    rewrite(path, "\nS6,news,", "\nS6,rumour,")
    problem = only(problems_of("sources"), "enum")
    assert problem.field == "kind" and "'rumour'" in problem.message


def test_non_utf8_bytes(data_copy):
    path = data_copy / "trade.csv"
    raw = path.read_bytes()
    lines = raw.split(b"\n")
    lines[2] = lines[2] + b"\xff"
    path.write_bytes(b"\n".join(lines))
    problem = only(problems_of("trade"), "encoding-utf8")
    assert problem.line == 3 and "0xff" in problem.message


def test_byte_order_mark(data_copy):
    path = data_copy / "trade.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert only(problems_of("trade"), "encoding-bom").line == 1


def test_stray_whitespace_in_a_key(data_copy):
    path = data_copy / "sources.csv"
    rewrite(path, "\nS6,", "\nS6 ,")
    problem = only(problems_of("sources"), "whitespace")
    assert (problem.field, problem.line) == ("source_id", 7)


def test_quote_longer_than_the_house_limit(data_copy):
    path = data_copy / "mou_provisions.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    import csv
    import io

    rows = list(csv.reader(io.StringIO("\n".join(lines) + "\n")))
    header = rows[0]
    target = next(i for i, r in enumerate(rows[1:], 1) if r[header.index("wording")] == "verbatim")
    rows[target][header.index("text")] = " ".join(["word"] * 41)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    problem = only(problems_of("mou_provisions"), "max-words")
    assert problem.line == target + 1 and "41 words" in problem.message


def test_verified_row_citing_only_news(data_copy):
    path = data_copy / "events.csv"
    sources = briefing.load_sources().set_index("source_id")["kind"]
    news = next(s for s, kind in sources.items() if kind == "news")
    line = first_line(path)
    parts = line.split(",")
    # event_id,date,date_precision,actor,country,event,themes,source_id,status,note: rebuild via csv
    import csv
    import io

    header = next(csv.reader(io.StringIO(path.read_text(encoding="utf-8").splitlines()[0])))
    row = next(csv.reader(io.StringIO(line)))
    row[header.index("source_id")], row[header.index("status")] = news, "verified"
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(row)
    rewrite(path, line, out.getvalue())
    problem = only(problems_of(), "verified-needs-primary")
    assert problem.line == 2 and news in problem.message
    assert parts


def test_empty_file(data_copy):
    (data_copy / "trade.csv").write_text("", encoding="utf-8")
    assert only(problems_of("trade"), "file-empty").file == "data/trade.csv"


def test_missing_file(data_copy):
    (data_copy / "trade.csv").unlink()
    assert only(problems_of("trade"), "file-missing").file == "data/trade.csv"


def test_malformed_descriptor(data_copy):
    path = data_copy / "datapackage.json"
    path.write_text(path.read_text(encoding="utf-8")[:-20], encoding="utf-8")
    problem = only(problems_of(), "descriptor-json")
    assert problem.file == "data/datapackage.json" and problem.line is not None


def test_descriptor_without_resources(data_copy):
    (data_copy / "datapackage.json").write_text(json.dumps({"name": "x"}), encoding="utf-8")
    assert only(problems_of(), "descriptor-shape")


def test_blank_line_inside_a_table_is_not_skipped(data_copy):
    path = data_copy / "trade.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(2, "")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert only(problems_of("trade"), "row-blank").line == 3


def test_wrong_number_of_values_in_a_row(data_copy):
    path = data_copy / "trade.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1] + ",surplus"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert only(problems_of("trade"), "row-length").line == 2


def test_all_problems_are_listed_at_once(data_copy):
    rewrite(data_copy / "sources.csv", "\nS6,news,", "\nS6,rumour,")
    (data_copy / "trade.csv").write_text("", encoding="utf-8")
    error = problems_of("events")  # loading any dataset reports problems in every file
    rules = {p.rule for p in error.problems}
    assert {"enum", "file-empty"} <= rules
    assert str(error).startswith(f"{len(error.problems)} data problem")


def test_validate_command_lists_problems_and_exits_nonzero(data_copy):
    import subprocess
    import sys

    rewrite(data_copy / "sources.csv", "\nS6,news,", "\nS6,rumour,")
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "validate"],
        capture_output=True,
        text=True,
        env={**__import__("os").environ},
    )
    assert result.returncode == 1
    assert "data/sources.csv, line 7, field 'kind'" in result.stderr


def test_frictionless_agrees_on_the_real_data():
    from helpers import DATA

    from briefing.frictionless_check import frictionless_problems

    assert frictionless_problems(DATA) == []


def test_frictionless_catches_a_schema_fault_too(data_copy):
    from briefing.frictionless_check import frictionless_problems

    rewrite(data_copy / "sources.csv", "\nS6,news,", "\nS6,rumour,")
    found = frictionless_problems(data_copy)
    assert any(p.file == "data/sources.csv" and p.line == 7 and p.field == "kind" for p in found)


def _set_cell(path, column: str, value: str, row: int = 1) -> int:
    """Put ``value`` in ``column`` of data row ``row`` (1 = first); return the file line it is on."""
    import csv
    import io

    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[row][rows[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return row + 1


@pytest.mark.parametrize(
    ("published", "rule", "words"),
    [
        ("2025-13", "calendar-date", "month 13"),
        ("2025-02-30", "calendar-date", "not a real calendar day"),
        ("2025-1-5", "calendar-date", "YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2099-01", "after-as-of", "later than the dataset's as-of"),
    ],
    ids=["month-13", "no-such-day", "wrong-shape", "after-as-of"],
)
def test_publication_date_is_a_real_date_not_after_the_as_of(data_copy, published, rule, words):
    line = _set_cell(data_copy / "sources.csv", "date_published", published)
    problem = only(problems_of("sources"), rule)
    assert (problem.line, problem.field) == (line, "date_published")
    assert words in problem.message


def test_data_year_after_the_as_of_date(data_copy):
    line = _set_cell(data_copy / "ree_production.csv", "year", "2099")
    problem = only(problems_of("ree_production"), "after-as-of")
    assert (problem.line, problem.field) == (line, "year")


def _first_row_where(path, column: str, value: str) -> int:
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    return next(i for i, row in enumerate(rows, start=1) if row[column] == value)


def test_a_past_due_scheduled_item_without_an_outcome_stops_the_build(data_copy):
    path = data_copy / "events.csv"
    row = _first_row_where(path, "timing", "no_outcome_found")
    _set_cell(path, "timing", "scheduled", row)
    line = _set_cell(path, "outcome_searched", "", row)
    problem = only(problems_of(), "scheduled-past-due")
    assert (problem.line, problem.field) == (line, "timing")
    assert "no_outcome_found" in problem.message and "outcome_id" in problem.message


def test_no_outcome_found_needs_the_date_of_the_search(data_copy):
    path = data_copy / "watch_indicators.csv"
    row = _first_row_where(path, "timing", "no_outcome_found")
    line = _set_cell(path, "outcome_searched", "", row)
    problem = only(problems_of("watch_indicators"), "no-outcome-needs-search-date")
    assert (problem.line, problem.field) == (line, "outcome_searched")


def test_an_outcome_must_name_a_real_event(data_copy):
    path = data_copy / "events.csv"
    row = _first_row_where(path, "timing", "suspended")
    _set_cell(path, "outcome_id", "E9999", row)
    problem = only(problems_of(), "foreign-key")
    assert problem.field == "outcome_id" and "'E9999'" in problem.message
