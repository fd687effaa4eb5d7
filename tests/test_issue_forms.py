"""The issue forms (.github/ISSUE_TEMPLATE/) read back from an issue's body: the
"propose a resolution" form, and every problem of either form's answers named by the
field's label with the validator's own message and hint."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from typing import get_args

import pytest
import yaml

from shora.cli import main
from shora.load.loader import load_bytes
from shora.models.resolution import Vote
from shora.tools.issue_form import FIELDS as COUNCIL_FIELDS
from shora.tools.issue_form import MAX_BODY_CHARS, council_from_issue, parse_body, reply_language
from shora.tools.resolution_form import (
    FIELDS,
    VOTE_OPTIONS,
    organization_options,
    resolution_from_issue,
)
from shora.validate import validate_project

from .site_project import REPO

TEMPLATES = REPO / ".github" / "ISSUE_TEMPLATE"
ISSUES = REPO / "tests" / "data" / "issues"
RESOLUTION_ISSUE = ISSUES / "propose-resolution-solidarity.md"
COUNCIL_ISSUE = ISSUES / "propose-council-gothenburg.md"
TODAY = dt.date(2026, 11, 22)


def _form(name: str) -> dict:
    return yaml.safe_load((TEMPLATES / name).read_text(encoding="utf-8"))


def _asked(form: dict) -> list[dict]:
    return [item for item in form["body"] if item["type"] != "markdown"]


def answer(body: str, label: str, value: str) -> str:
    """``body`` with the answer under ``### label`` replaced by ``value``."""
    heading = re.escape(f"### {label}\n\n")
    pattern = re.compile(f"({heading})(.*?)(\n\n### |\n*\\Z)", re.S)
    replaced, count = pattern.subn(lambda m: m.group(1) + value + m.group(3), body)
    assert count == 1, label
    return replaced


def _read(text: str) -> dict:
    """The file's data as the project reads it (YAML 1.2: ``yes:`` is a key)."""
    document, problems = load_bytes(text.encode("utf-8"), "x.yml")
    assert document is not None and problems == []
    return document.data


def _lines(problems: list) -> list[str]:
    return [problem.format() for problem in problems]


# ---------------------------------------------------------------- the forms


def test_resolution_form_fields_are_the_table_of_the_parser() -> None:
    form = _form("propose-resolution.yml")
    assert form["labels"] == ["resolution"]
    asked = _asked(form)
    assert [(item["id"], item["attributes"]["label"]) for item in asked] == [
        (field.id, field.label) for field in FIELDS
    ]
    for item, field in zip(asked, FIELDS, strict=True):
        assert item.get("validations", {}).get("required", False) == field.required, field.id
        assert (item["type"] == "textarea") == (field.kind == "textarea"), field.id
        assert (item["type"] == "dropdown") == (field.kind == "choice"), field.id


@pytest.mark.parametrize("name", ["propose-council.yml", "propose-resolution.yml"])
def test_both_forms_warn_that_the_account_is_public_and_ask_the_reply_language(
    name: str,
) -> None:
    form = _form(name)
    warning = form["body"][0]
    assert warning["type"] == "markdown"
    assert "**Your GitHub account is public too:**" in warning["attributes"]["value"]
    assert "**حساب GitHub شما هم عمومی است:**" in warning["attributes"]["value"]
    language = _asked(form)[0]
    assert language["id"] == "reply-language"
    assert language["attributes"]["options"] == ["فارسی", "English"]


@pytest.mark.parametrize("name", ["propose-council.yml", "propose-resolution.yml"])
def test_forms_keep_github_s_rules(name: str) -> None:
    """What GitHub refuses in a form: ids or labels used twice, a dropdown option used
    twice or named 'None' (its own name for no answer)."""
    form = _form(name)
    assert set(form) == {"name", "description", "title", "labels", "body"}
    asked = _asked(form)
    ids = [item["id"] for item in asked]
    labels = [item["attributes"]["label"] for item in asked]
    assert len(set(ids)) == len(ids) and len(set(labels)) == len(labels)
    for item in asked:
        assert re.fullmatch(r"[a-z0-9-]+", item["id"]), item["id"]
        assert item["type"] in {"input", "textarea", "dropdown"}
        options = item["attributes"].get("options", [])
        assert len(set(options)) == len(options) and "None" not in options


def test_organization_dropdown_is_the_data_s_organizations() -> None:
    organization = next(item for item in _asked(_form("propose-resolution.yml"))
                        if item["id"] == "organization")  # fmt: skip
    options = organization["attributes"]["options"]
    # If this fails after an organization was added: copy organization_options(REPO)
    # into the form's dropdown.
    assert options == organization_options(REPO)
    ids = [re.search(r"\(([a-z0-9-]+)\)$", option).group(1) for option in options]  # type: ignore[union-attr]
    assert ids == sorted(p.stem for p in (REPO / "councils" / "organizations").glob("*.yml"))


def test_vote_dropdown_offers_each_kind_of_vote_of_the_model() -> None:
    vote = next(item for item in _asked(_form("propose-resolution.yml")) if item["id"] == "vote")
    assert vote["attributes"]["options"] == list(VOTE_OPTIONS)
    kinds = [
        get_args(member.model_fields["kind"].annotation)[0]
        for member in (get_args(arg)[0] for arg in get_args(get_args(Vote)[0]))
    ]
    assert list(VOTE_OPTIONS.values()) == kinds


def test_reply_language_chosen_or_detected() -> None:
    label = "### Language of replies · زبان پاسخ‌ها\n\n"
    assert reply_language(label + "English\n\n### Name in Persian\n\nشورا") == "en"
    assert reply_language(label + "فارسی\n\n### Name in English\n\nCouncil") == "fa"
    assert reply_language(label + "_No response_\n\n### Name in Persian\n\nشورا") == "fa"
    assert reply_language("### Name in English\n\nCouncil") == "en"


# ---------------------------------------------------------------- a resolution


def _project(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "resolutions", tmp_path / "resolutions")
    shutil.copytree(REPO / "councils", tmp_path / "councils")
    return tmp_path


def test_filled_in_resolution_issue_becomes_a_valid_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path)
    argv = ["--root", str(root), "import", "resolution", "--from-issue", str(RESOLUTION_ISSUE)]
    assert main(argv) == 0
    assert capsys.readouterr().out.strip() == "resolutions/solidarity-with-strikes.yml"
    written = root / "resolutions" / "solidarity-with-strikes.yml"
    text = written.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/resolution.schema.json\n")
    data = _read(text)
    assert data["title"] == {
        "fa": "قطعنامه در باره همبستگی با اعتصابات",
        "en": "Resolution on solidarity with the strikes",
    }
    assert data["organization"] == "worker-communist-unity-party"
    assert data["adopted_by"] == {
        "body": {
            "fa": "کمیته مرکزی حزب اتحاد کمونیسم کارگری",
            "en": "Central Committee of the Worker-communism Unity Party",
        }
    }
    assert data["adopted"] == {"date": "۱۵ مهر ۱۴۰۴"}  # as written; read as 1404-07-15 SH
    assert data["vote"] == {"kind": "counts", "yes": "۱۲", "no": "۲", "abstain": "۱"}
    assert data["published"] == [
        {
            "periodical": {"fa": "انترناسیونال", "en": "Internasional"},
            "issue": "۲۷۳",
            "date": "1404-07-20 SH",
        }
    ]
    assert data["translations"] == {"en": {"status": "complete"}}
    assert [point["en"] for point in data["text"]["points"]] == [
        "We support all workers' strikes.",
        "The councils of the Reds collect money for the strike fund.",
    ]
    assert len(data["text"]["considerations"]) == 2
    report = validate_project(root, today=TODAY)
    assert [d.format() for d in report.diagnostics if d.path.startswith("resolutions/")] == []
    # A second time: the file exists already, nothing is overwritten.
    assert main(argv) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{RESOLUTION_ISSUE.as_posix()}:7:1: error: 'شناسه (نام فایل) · Resolution id (file "
        "name)': resolutions/solidarity-with-strikes.yml exists already: choose another id"
    ]
    assert written.read_text(encoding="utf-8") == text


def test_resolution_without_translation_is_persian_first() -> None:
    body = RESOLUTION_ISSUE.read_text(encoding="utf-8")
    proposal = resolution_from_issue(answer(body, "ترجمه · Translation", "_No response_"),
                                     "x.md", REPO)  # fmt: skip
    assert proposal.problems == []
    assert proposal.text is not None
    data = _read(proposal.text)
    assert data["translations"]["en"]["status"] == "missing"
    assert "en" not in data["text"]["points"][0]


@pytest.mark.parametrize(
    "written",
    ["۱۵ مهر ۱۴۰۴", "1404-07-15 SH", "۱۴۰۴-۰۷-۱۵ ش", "27 July 2009", "2009-07-27", "unknown"],
)
def test_date_of_adoption_in_any_form(written: str) -> None:
    body = answer(RESOLUTION_ISSUE.read_text(encoding="utf-8"), "تاریخ تصویب · Date of adoption",
                  written)  # fmt: skip
    proposal = resolution_from_issue(body, "x.md", REPO)
    assert _lines(proposal.problems) == []
    assert _read(proposal.text or "")["adopted"]["date"] == written


RESOLUTION_PROBLEMS = [
    (
        "تاریخ تصویب · Date of adoption",
        "پانزدهم مهر",
        "x.md:49:1: error: 'تاریخ تصویب · Date of adoption': 'پانزدهم مهر' is not a date: "
        "write 2009-07-27, 2009-07 or 2009 (Gregorian), 1404-07-15 SH, 1404-07 SH or 1404 SH "
        "(Solar Hijri), '15 مهر 1404', '27 July 2009', or 'unknown'",
    ),
    (
        "ترجمه · Translation",
        "۱- یک\n۲- دو",
        "x.md:24:1: error: 'ترجمه · Translation': the translation is in the text's language: "
        "paste here the text in the other language",
    ),
    (
        "ترجمه · Translation",
        "Resolution on solidarity with the strikes\n1. Workers' strikes have spread.\n"
        "Therefore we declare:\n1. We support all workers' strikes.\n2. Money for the fund.",
        "x.md:26:1: error: 'ترجمه · Translation': the translation does not follow the text: "
        "here it has operative introduction, where the text has consideration 2 (line 17)",
    ),
    (
        "آرای موافق، مخالف، ممتنع · Votes for, against, abstaining",
        "دوازده",
        "x.md:57:1: error: 'آرای موافق، مخالف، ممتنع · Votes for, against, abstaining': with "
        "counted votes, write the votes for, against and (if any) abstaining, e.g. '۱۲، ۲، ۱'",
    ),
    (
        "سازمان · Organization",
        "Some party (some-party)",
        "x.md:11:1: error: 'سازمان · Organization': no organization 'some-party' in "
        "councils/organizations/ (known: worker-communist-party, worker-communist-unity-party)",
    ),
    (
        "نشانی انتشار · Address of the publication",
        "http://example.org/x",
        "x.md:77:1: error: 'نشانی انتشار · Address of the publication': 'http://example.org/x' "
        "uses http: write https:// (only secure links are published)",
    ),
    (
        "تاریخ انتشار · Date of publication",
        "1404-13-01 SH",
        "x.md:73:1: error: 'تاریخ انتشار · Date of publication': '1404-13-01 SH' is not a real "
        "Solar Hijri date: the month must be 1 to 12 (Farvardin to Esfand)",
    ),
    (
        "شناسه (نام فایل) · Resolution id (file name)",
        "Solidarity",
        "x.md:7:1: error: 'Solidarity' is not a valid id: use lowercase ASCII words joined by "
        "'-', e.g. 'mass-organizing-abroad'",
    ),
    (
        "نهاد تصویب‌کننده به انگلیسی · Adopting body in English",
        "Central\nCommittee",
        "x.md:38:1: error: 'نهاد تصویب‌کننده به انگلیسی · Adopting body in English': write the "
        "answer on one line (2 lines here)",
    ),
]


@pytest.mark.parametrize(("label", "value", "expected"), RESOLUTION_PROBLEMS)
def test_resolution_answer_problems_named_by_label(label: str, value: str, expected: str) -> None:
    body = answer(RESOLUTION_ISSUE.read_text(encoding="utf-8"), label, value)
    proposal = resolution_from_issue(body, "x.md", REPO)
    assert proposal.text is None
    assert _lines(proposal.problems) == [expected]


def test_resolution_counts_only_with_counted_votes() -> None:
    body = answer(RESOLUTION_ISSUE.read_text(encoding="utf-8"), "رأی‌گیری · Vote",
                  "به اتفاق آرا · unanimous")  # fmt: skip
    assert _lines(resolution_from_issue(body, "x.md", REPO).problems) == [
        "x.md:57:1: error: 'آرای موافق، مخالف، ممتنع · Votes for, against, abstaining': counts "
        "are written only with the vote 'با شمارش آرا · counts'"
    ]


def test_a_problem_of_the_text_is_on_the_text_s_line() -> None:
    text = "متن قطعنامه · Text of the resolution"
    body = answer(RESOLUTION_ISSUE.read_text(encoding="utf-8"), text, "فقط یک جمله، بی هیچ بندی.")
    body = answer(body, "ترجمه · Translation", "_No response_")
    assert _lines(resolution_from_issue(body, "x.md", REPO).problems) == [
        "x.md:15:1: error: 'متن قطعنامه · Text of the resolution': no numbered points found: "
        "the operative points must be numbered (1. 2. 3. or ۱- ۲- ۳-)"
    ]


def test_a_text_without_title_is_told_where_to_write_it() -> None:
    text = "متن قطعنامه · Text of the resolution"
    body = answer(RESOLUTION_ISSUE.read_text(encoding="utf-8"), text,
                  "۱- از همه اعتصابات حمایت میکنیم.\n۲- شوراها پول جمع میکنند.")  # fmt: skip
    body = answer(body, "ترجمه · Translation", "_No response_")
    assert _lines(resolution_from_issue(body, "x.md", REPO).problems) == [
        "x.md:15:1: error: 'متن قطعنامه · Text of the resolution': no title found: write the "
        "title on the first line of the text"
    ]


def test_issue_without_the_resolution_form() -> None:
    proposal = resolution_from_issue("Please add our resolution.", "x.md", REPO)
    assert _lines(proposal.problems) == [
        "x.md:1:1: error: no answers of the 'propose a resolution' form found: paste the "
        "issue's body, with its '### ' headings"
    ]


# ---------------------------------------------------------------- a council: how to fix


def _council_problems(**answers: str) -> list[str]:
    body = COUNCIL_ISSUE.read_text(encoding="utf-8")
    for label, value in answers.items():
        body = answer(body, label, value)
    _, _, problems = council_from_issue(body, "x.md", TODAY)
    return _lines(problems)


def test_council_answers_in_persian_digits_and_dates_in_words_are_valid() -> None:
    body = COUNCIL_ISSUE.read_text(encoding="utf-8")
    for label, value in {
        "Latitude of the city centre": "۵۷٫۷۱",
        "Longitude of the city centre": "۱۱٫۹۷",
        "Founded": "اسفند ۱۴۰۲",
        "Last verified": "۱ آذر ۱۴۰۵",
        "Assembly: time": "۱۷:۰۰",
    }.items():
        body = answer(body, label, value)
    _, text, problems = council_from_issue(body, "x.md", TODAY)
    assert _lines(problems) == []
    data = yaml.safe_load(text or "")
    assert data["coordinates"] == {"lat": 57.71, "lon": 11.97}
    assert data["founded"] == "اسفند ۱۴۰۲"


def test_a_bare_dash_left_in_a_list_is_no_name() -> None:
    body = answer(COUNCIL_ISSUE.read_text(encoding="utf-8"), "Other names of the city",
                  "- Göteborg\n-")  # fmt: skip
    _, text, problems = council_from_issue(body, "x.md", TODAY)
    assert _lines(problems) == []
    assert _read(text or "")["other_names"] == ["Göteborg"]


def test_misspelt_network_named_with_the_choices_and_the_closest() -> None:
    assert _council_problems(**{"Social media": "telegram @a https://t.me/a\ntelegrm @b"}) == [
        "x.md:65:1: error: 'Social media': 'telegrm' is not allowed here; write one of: bluesky, "
        "facebook, instagram, mastodon, signal, telegram, x, youtube; did you mean 'telegram'?"
    ]


def test_social_line_not_laid_out() -> None:
    assert _council_problems(**{"Social media": "telegram"}) == [
        "x.md:64:1: error: 'Social media': write on this line the network, the handle and "
        "optionally the https:// address, separated by spaces, e.g. 'telegram "
        "@council_gothenburg https://t.me/council_gothenburg'"
    ]


def test_latitude_out_of_range_says_swapped() -> None:
    problems = _council_problems(
        **{"Latitude of the city centre": "157.71", "Longitude of the city centre": "57.71"}
    )
    assert problems == [
        "x.md:32:1: error: 'Latitude of the city centre': must be at most 90, found the number "
        "157.71: latitude and longitude look swapped; write 57.71 as the latitude and 157.71 "
        "as the longitude"
    ]


def test_swapped_coordinates_inside_the_range_found_by_the_validator_s_map() -> None:
    problems = _council_problems(
        **{"Latitude of the city centre": "11.97", "Longitude of the city centre": "57.71"}
    )
    assert problems == [
        "x.md:32:1: error: 'Latitude of the city centre': lat 11.97, lon 57.71 is not in SE "
        "(Sweden) (nor within 0.25 degrees of its coast or border): lat and lon look swapped: "
        "write lat: 57.71 and lon: 11.97"
    ]


def test_a_number_in_words_is_explained() -> None:
    problems = _council_problems(**{"Longitude of the city centre": "یازده"})
    assert len(problems) == 1
    assert problems[0].startswith("x.md:36:1: error: 'Longitude of the city centre': ")
    assert "Input should be" not in problems[0]


@pytest.mark.parametrize(
    ("roles", "expected"),
    [
        (
            "secretary | دبیر | Secretary | Anna\ntreasurer | خزانه‌دار | Treasurer",
            "x.md:101:1: error: 'Board roles': write each role on its own line in three "
            "columns, 'id | title in Persian | title in English', e.g. 'secretary | دبیر | "
            "Secretary' (no names of people); columns found on this line: 4",
        ),
        (
            "secretary | دبیر | Secretary\ntreasurer, خزانه‌دار, Treasurer",
            "x.md:102:1: error: 'Board roles': write each role on its own line in three "
            "columns, 'id | title in Persian | title in English', e.g. 'secretary | دبیر | "
            "Secretary' (no names of people); columns found on this line: 1",
        ),
        (
            "secretary | دبیر | Secretary\nTreasurer | خزانه‌دار | Treasurer",
            "x.md:102:1: error: 'Board roles': 'Treasurer' is not a valid id: use lowercase "
            "ASCII words joined by '-', e.g. 'treasurer'",
        ),
    ],
)
def test_board_roles_layout(roles: str, expected: str) -> None:
    assert _council_problems(**{"Board roles": roles}) == [expected]


def test_no_raw_library_text_in_any_message() -> None:
    problems = _council_problems(
        **{
            "Social media": "myspace @a",
            "Latitude of the city centre": "-95",
            "Status": "sleeping",
            "Assembly: weekday": "funday",
        }
    )
    assert len(problems) == 4
    for problem in problems:
        assert "Input should be" not in problem, problem


def test_messages_in_persian() -> None:
    body = answer(COUNCIL_ISSUE.read_text(encoding="utf-8"), "Board roles",
                  "secretary | دبیر | Secretary | Anna")  # fmt: skip
    _, _, problems = council_from_issue(body, "x.md", TODAY)
    assert [p.format("fa") for p in problems] == [
        "x.md:101:1: خطا: «\u2068Board roles\u2069»: هر نقش را در یک سطر و در سه ستون بنویسید: "
        "«شناسه | عنوان فارسی | عنوان انگلیسی»، مثلاً «\u2068secretary | دبیر | Secretary\u2069» "
        "(بدون نام افراد)؛ شمار ستون‌های این سطر: ۴"
    ]


def test_a_body_longer_than_any_form_writes_is_not_read() -> None:
    body = COUNCIL_ISSUE.read_text(encoding="utf-8") + "x" * MAX_BODY_CHARS
    assert _lines(council_from_issue(body, "x.md")[2]) == [
        "x.md:1:1: error: the issue's body is longer than GitHub lets a form write (65,536 "
        "characters): nothing of it was read"
    ]
    assert _lines(resolution_from_issue(body, "x.md", REPO).problems) == [
        "x.md:1:1: error: the issue's body is longer than GitHub lets a form write (65,536 "
        "characters): nothing of it was read"
    ]


def test_answers_keep_their_lines() -> None:
    answers = parse_body(COUNCIL_ISSUE.read_text(encoding="utf-8"), COUNCIL_FIELDS)
    assert answers["board"].lines == (
        (101, "secretary | دبیر | Secretary"),
        (102, "treasurer | خزانه‌دار | Treasurer"),
    )


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["import", "resolution"], "give the text to import and --id ID (or --from-issue FILE)"),
        (
            ["import", "resolution", "text.txt", "--from-issue", str(RESOLUTION_ISSUE)],
            "--from-issue takes the id, the text and the translation from the issue",
        ),
        (["import", "resolution", "--from-issue", "no-such.md"], "no such file: no-such.md"),
    ],
)
def test_import_from_issue_usage_errors(
    argv: list[str], expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--root", str(tmp_path), *argv])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == f"shora: error: {expected}"
