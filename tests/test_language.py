"""The site's two languages (shora.core.language) and its interface text in the gettext
catalog site.po (shora.site.strings), checked against Babel's CLDR data."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import get_args

import pytest
from babel import Locale
from babel.messages.plurals import get_plural
from babel.numbers import get_decimal_symbol

from shora.core.catalogs import site_catalog_problems
from shora.core.language import (
    ENGLISH,
    LANGUAGES,
    PERSIAN,
    Language,
    language_of,
    other_language,
)
from shora.core.messages import msg
from shora.models.clauses import ClauseKind
from shora.site.strings import SITE_CATALOG, plural_forms, read_site_catalog, t, t_count

PACKAGE = Path(__file__).resolve().parent.parent / "shora"


# ---------------------------------------------------------------- the Language value


def test_persian_first_then_english_each_found_by_its_code() -> None:
    assert [language.code for language in LANGUAGES] == ["fa", "en"]
    assert language_of("fa") is PERSIAN and language_of("en") is ENGLISH
    assert language_of(PERSIAN) is PERSIAN
    assert str(PERSIAN) == "fa"


def test_the_other_language_is_the_other_one() -> None:
    assert PERSIAN.other is ENGLISH and ENGLISH.other is PERSIAN
    for language in LANGUAGES:
        assert language.other.other is language
    assert other_language("fa") == "en" and other_language("en") == "fa"


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
def test_direction_name_and_digits_agree_with_cldr(language: Language) -> None:
    locale = Locale.parse(language.code)
    assert language.locale == locale
    assert language.direction == locale.text_direction
    assert language.rtl == (locale.text_direction == "rtl")
    assert language.name == locale.get_display_name(language.code)
    # The digits of the locale's own numbering system, 0 to 9 (Babel names the system,
    # Unicode its digits: CLDR's "arabext" is the Extended Arabic-Indic digits).
    names = {"arabext": "EXTENDED ARABIC-INDIC DIGIT", "latn": "DIGIT"}
    system = locale.default_numbering_system
    prefix = names[system]
    assert [unicodedata.digit(digit) for digit in language.digits] == list(range(10))
    assert all(unicodedata.name(digit).startswith(prefix) for digit in language.digits)
    assert language.decimal_separator == get_decimal_symbol(locale, numbering_system=system)
    # CLDR's list pattern, less the right-to-left mark it adds after the Persian comma.
    middle = locale.list_patterns["standard"]["middle"].replace("\u200f", "")
    assert middle == "{0}" + language.comma + "{1}"


def test_digits_localized_as_readers_write_them() -> None:
    assert PERSIAN.localize_digits("2024-05 ۳") == "۲۰۲۴-۰۵ ۳"
    assert PERSIAN.localize_digits("٤٥") == "۴۵"  # Arabic-Indic digits too
    assert ENGLISH.localize_digits("2024 ۱۲") == "2024 ۱۲"  # English leaves text as it is


def test_numbers_of_our_own_in_each_language() -> None:
    assert PERSIAN.localize_number(12) == "۱۲" and PERSIAN.localize_number(2.5) == "۲٫۵"
    assert ENGLISH.localize_number(12) == "12" and ENGLISH.localize_number(2.5) == "2.5"


def test_an_unknown_code_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match=r"unknown language 'de'.*fa, en"):
        language_of("de")


# ---------------------------------------------------------------- the site's catalog


def test_the_site_catalog_is_complete_for_what_the_code_asks() -> None:
    assert len(read_site_catalog()) > 200
    assert site_catalog_problems(PACKAGE) == []


def test_the_plural_rule_is_babels_for_persian() -> None:
    assert read_site_catalog().plural_forms == get_plural("fa").plural_forms


@pytest.mark.parametrize(
    ("count", "english", "persian"),
    [(0, "0 councils", "۰ شورا"), (1, "1 council", "۱ شورا"), (2, "2 councils", "۲ شورا")],
)
def test_a_plural_in_both_languages(count: int, english: str, persian: str) -> None:
    assert t_count("councils_count", "en", count) == english
    assert t_count("councils_count", "fa", count) == persian
    marker = t_count("directory_country_marker", "en", count, country="Chile")
    assert marker == f"Chile: {english}"


@pytest.mark.parametrize(
    ("key", "one", "two"),
    [
        ("of_participants", ("of 1 participant", "از ۱ شرکت‌کننده"), "of 2 participants"),
        ("countries_count", ("1 country", "۱ کشور"), "2 countries"),
        (
            "decisions_count",
            ("1 decision, newest first", "۱ تصمیم، تازه‌ترین در آغاز"),
            "2 decisions, newest first",
        ),
    ],
)
def test_the_site_plurals_at_one_and_two(key: str, one: tuple[str, str], two: str) -> None:
    assert (t_count(key, "en", 1), t_count(key, "fa", 1)) == one
    assert t_count(key, "en", 2) == two
    assert t_count(key, "fa", 2) == one[1].replace("۱", "۲")


def test_plural_forms_for_a_script_are_named_as_cldr_names_them() -> None:
    """What a page gives its script to choose from with the browser's Intl.PluralRules:
    one text per category of the language's rule, the count left to fill."""
    assert plural_forms("search_count", "en", query="q") == {
        "one": "{count} result for “q”",
        "other": "{count} results for “q”",
    }
    assert plural_forms("search_count", "fa", query="q") == {
        "one": "{count} نتیجه برای «q»",
        "other": "{count} نتیجه برای «q»",
    }
    with pytest.raises(TypeError, match=r"t\(\)"):
        plural_forms("resolutions", "en")


def test_plural_and_plain_texts_are_not_mixed_up() -> None:
    with pytest.raises(TypeError, match="t_count"):
        t("councils_count", "en")
    with pytest.raises(TypeError, match=r"t\(\)"):
        t_count("resolutions", "en", 2)
    with pytest.raises(KeyError, match="no_such_key"):
        t("no_such_key", "fa")


def test_a_text_in_each_language_with_its_placeholders() -> None:
    assert t("resolutions", "fa") == "قطعنامه‌ها" and t("resolutions", "en") == "Resolutions"
    assert t("decisions_page", "en", page=2, pages=5) == "Page 2 of 5"
    assert t("decisions_page", "fa", page="۲", pages="۵") == "صفحه ۲ از ۵"


MSGFMT = shutil.which("msgfmt")


@pytest.mark.skipif(MSGFMT is None, reason="GNU gettext's msgfmt is not installed")
def test_gnu_msgfmt_accepts_the_catalog_and_finds_a_wrong_placeholder(tmp_path: Path) -> None:
    """GNU gettext's own check: the syntax, the plural forms against the header and, in
    the entries marked python-brace-format, the placeholders of every form."""

    def check(path: Path) -> subprocess.CompletedProcess[str]:
        command = [str(MSGFMT), "--check", "-o", "/dev/null", str(path)]
        return subprocess.run(command, capture_output=True, text=True, check=False)

    assert check(SITE_CATALOG).returncode == 0
    broken = _edited_catalog(tmp_path, "decisions_page", ("از {pages}", "از {page_count}"))
    result = check(broken)
    assert result.returncode != 0 and "'page_count' doesn't exist" in result.stderr


def _edited_catalog(tmp_path: Path, key: str, replace: tuple[str, str]) -> Path:
    """site.po with the entry of ``key`` changed: ``replace`` = (old, new) in it."""
    text = SITE_CATALOG.read_text(encoding="utf-8")
    entry = re.search(rf'msgctxt "{key}"\n(?:msgid.*\n)+(?:msgstr.*\n)+', text)
    assert entry is not None
    old, new = replace
    assert old in entry.group(0)
    changed = text.replace(entry.group(0), entry.group(0).replace(old, new))
    path = tmp_path / "site.po"
    path.write_text(changed, encoding="utf-8")
    return path


def test_a_missing_persian_text_fails_with_its_key(tmp_path: Path) -> None:
    broken = _edited_catalog(
        tmp_path, "no_resolutions", ('msgstr "هنوز قطعنامه‌ای منتشر نشده است."', 'msgstr ""')
    )
    problems = site_catalog_problems(PACKAGE, broken)
    assert len(problems) == 1 and "no fa translation of 'no_resolutions'" in problems[0]
    assert problems[0].startswith("site.po:")


def test_a_missing_persian_plural_form_fails_with_its_key(tmp_path: Path) -> None:
    broken = _edited_catalog(tmp_path, "cities_count", ('"{count} شهر"', '""'))
    problems = site_catalog_problems(PACKAGE, broken)
    assert problems == [problem for problem in problems if "'cities_count'" in problem]
    assert any("no fa translation of 'cities_count'" in problem for problem in problems)


def test_placeholders_must_match_the_english(tmp_path: Path) -> None:
    broken = _edited_catalog(tmp_path, "decisions_page", ("از {pages}", "از {page_count}"))
    problems = site_catalog_problems(PACKAGE, broken)
    assert len(problems) == 1
    assert "['page', 'page_count'] differ from ['page', 'pages'] in 'decisions_page'" in problems[0]


def test_a_text_with_placeholders_is_marked_for_msgfmt(tmp_path: Path) -> None:
    text = SITE_CATALOG.read_text(encoding="utf-8")
    unmarked = text.replace(
        '#, python-brace-format\nmsgctxt "decisions_page"', 'msgctxt "decisions_page"'
    )
    assert unmarked != text
    path = tmp_path / "site.po"
    path.write_text(unmarked, encoding="utf-8")
    problems = site_catalog_problems(PACKAGE, path)
    assert len(problems) == 1 and "mark 'decisions_page' '#, python-brace-format'" in problems[0]


def test_a_key_the_code_asks_for_must_be_in_the_catalog(tmp_path: Path) -> None:
    broken = _edited_catalog(
        tmp_path, "not_found_home", ('msgctxt "not_found_home"', 'msgctxt "x"')
    )
    problems = site_catalog_problems(PACKAGE, broken)
    assert problems and all("'not_found_home' (a text)" in problem for problem in problems)
    assert problems[0].startswith("site/not_found.py:") or ".html:" in problems[0]


def test_other_plural_forms_than_babels_fail(tmp_path: Path) -> None:
    path = tmp_path / "site.po"
    text = SITE_CATALOG.read_text(encoding="utf-8")
    path.write_text(
        text.replace("nplurals=1; plural=0;", "nplurals=2; plural=(n != 1);"), encoding="utf-8"
    )
    problems = site_catalog_problems(PACKAGE, path)
    assert "Plural-Forms is 'nplurals=2; plural=(n != 1);'" in problems[0]


def test_a_text_with_markup_keeps_the_englishs_tags(tmp_path: Path) -> None:
    assert "<code>" in t("data_councils_geojson", "fa")
    broken = _edited_catalog(tmp_path, "data_councils_geojson", ("<code>name</code>،", "name،"))
    problems = site_catalog_problems(PACKAGE, broken)
    assert len(problems) == 1
    assert "the HTML tags of 'data_councils_geojson' differ from the English" in problems[0]


@pytest.mark.parametrize("kind", get_args(ClauseKind))
def test_every_kind_of_clause_has_its_search_title(kind: str) -> None:
    """Keys made from data are not found by reading the code: each is asked for here."""
    for language in ("fa", "en"):
        assert t(f"search_clause_{kind}", language, n="3", l="b")


def test_counts_from_five_digits_are_grouped_as_the_locale_groups_them() -> None:
    # A year or a four-digit count stays whole; 26,626 pages are read at a glance.
    shown = msg("{count} pages in {year}", count=26626, year=2026)
    assert shown.render("en") == "26,626 pages in 2026"
    assert shown.render("fa") == "۲۶٬۶۲۶ pages in ۲۰۲۶"
    assert msg("{count}", count=1048576).render("fa") == "۱٬۰۴۸٬۵۷۶"
    assert msg("{share}", share=2.5).render("fa") == "۲٫۵"
