"""Interface text in both languages. Persian first; every key has both."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # key: (Persian, English)
    "site_name": ("شورا", "Shora"),
    "resolutions": ("قطعنامه‌ها", "Resolutions"),
    "resolution": ("قطعنامه", "Resolution"),
    "details": ("مشخصات", "Details"),
    "text": ("متن", "Text"),
    "organization": ("سازمان", "Organization"),
    "adopted_by": ("مرجع تصویب", "Adopted by"),
    "date": ("تاریخ", "Date"),
    "date_unknown": ("نامعلوم", "unknown"),
    "vote": ("رأی", "Vote"),
    "status": ("وضعیت", "Status"),
    "published": ("محل انتشار", "Published in"),
    "not_published": ("در منبع ذکر نشده", "not stated in the source"),
    "issue": ("شماره", "issue"),
    "topics": ("موضوع‌ها", "Topics"),
    "original_language": ("زبان اصلی", "Original language"),
    "language_fa": ("فارسی", "Persian"),
    "language_en": ("انگلیسی", "English"),
    "vote_unanimous": ("به اتفاق آرا", "Unanimous"),
    "vote_without_vote": ("بدون رأی‌گیری", "Adopted without a vote"),
    "vote_unknown": ("نامعلوم", "Unknown"),
    "vote_counts": (
        "موافق {yes}، مخالف {no}، ممتنع {abstain}",
        "{yes} for, {no} against, {abstain} abstaining",
    ),
    "of_participants": ("از {participants} شرکت‌کننده", "of {participants} participants"),
    "status_in-force": ("معتبر", "In force"),
    "status_superseded": ("جایگزین‌شده", "Superseded"),
    "status_repealed": ("لغوشده", "Repealed"),
    "status_unknown": ("نامعلوم", "Unknown"),
    "supersedes": ("جایگزین", "Supersedes"),
    "superseded_by": ("جایگزین‌شده با", "Superseded by"),
    "amends": ("اصلاح", "Amends"),
    "amended_by": ("اصلاح‌شده با", "Amended by"),
    "translation_notice": (
        "این متن ترجمه است؛ متن اصلی به زبان {original} است.",
        "This is a translation; the original text is in {original}.",
    ),
    "read_original": ("خواندن متن اصلی", "Read the original"),
    "parallel_view": ("نمایش دوزبانه", "Parallel view"),
    "parallel_title": ("{title} — دو زبان", "{title} — both languages"),
    "single_view": ("نمایش یک‌زبانه", "Single-language view"),
    "link_to_clause": ("پیوند به این بند", "Link to this clause"),
    "considerations": ("مقدمه", "Considerations"),
    "operative_part": ("بندهای اجرایی", "Operative points"),
    "source": ("منبع", "Source"),
    "permanent_address": ("نشانی دائمی", "Permanent address"),
    "year_unknown": ("تاریخ نامعلوم", "Date unknown"),
    "filter": ("پالایش", "Filter"),
    "filter_all": ("همه", "All"),
    "year": ("سال", "Year"),
    "body": ("مرجع", "Body"),
    "topic": ("موضوع", "Topic"),
    "filter_count": ("{shown} از {total} قطعنامه", "{shown} of {total} resolutions"),
    "no_resolutions": ("هنوز قطعنامه‌ای منتشر نشده است.", "No resolution has been published yet."),
    "latest_resolutions": ("تازه‌ترین قطعنامه‌ها", "Latest resolutions"),
    "all_resolutions": ("همه قطعنامه‌ها", "All resolutions"),
    "councils": ("شوراها", "Councils"),
    "no_councils": (
        "هنوز شورایی در این فهرست منتشر نشده است.",
        "No council has been published in this directory yet.",
    ),
    "platform": ("پلاتفرم شوراها", "The councils' platform"),
    "platform_source": ("برگرفته از", "As set out in"),
    "platform_unit": ("واحد پایه", "The basic unit"),
    "platform_federations": ("فدراسیون‌ها", "Federations"),
    "platform_membership": ("شرایط عضویت", "Conditions of membership"),
    "platform_decisions": ("شیوه تصمیم‌گیری", "How councils decide"),
    "platform_board": ("هیات اجرایی", "The executive board"),
    "platform_levels": ("سطح‌ها: {levels}", "Levels: {levels}"),
    "level_country": ("کشور", "country"),
    "level_continent": ("قاره", "continent"),
    "rule_majority": (
        "تصمیم با اکثریت آرای شرکت‌کنندگان در مجمع عمومی",
        "Decisions by majority of the participants in the general assembly",
    ),
    "board_recallable": (
        "اعضای منتخب هر زمان با تصمیم جمع قابل عزل و تعویض‌اند",
        "Elected members can be recalled and replaced at any time by decision of the assembly",
    ),
    "clause": ("بند", "clause"),
    "skip_to_content": ("رفتن به محتوا", "Skip to content"),
    "switch_language": ("English", "فارسی"),
    "print": ("چاپ", "Print"),
    "translated_text": ("ترجمه", "Translation"),
    "original_text": ("متن اصلی", "Original"),
}

LANGUAGE_NAMES = {"fa": "فارسی", "en": "English"}


def t(key: str, language: str, **values: object) -> str:
    persian, english = STRINGS[key]
    text = persian if language == "fa" else english
    return text.format(**values) if values else text
