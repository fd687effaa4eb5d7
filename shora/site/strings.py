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
    # A resolution published before its translation is done: what is not translated yet
    # is shown in the original language, and says so.
    "untranslated_all": (
        "این قطعنامه هنوز به {target} ترجمه نشده است و متن آن این‌جا به زبان اصلی‌اش، "
        "{original}، آمده است.",
        "This resolution has not been translated into {target} yet: its text is shown "
        "here in the original {original}.",
    ),
    "untranslated_some": (
        "ترجمهٔ {target} این قطعنامه هنوز کامل نیست: بخش‌هایی که ترجمه نشده‌اند به زبان "
        "اصلی، {original}، آمده‌اند.",
        "The {target} translation of this resolution is not finished: the parts not yet "
        "translated are shown in the original {original}.",
    ),
    "untranslated_part": ("هنوز ترجمه نشده", "not yet translated"),
    "parallel_view": ("نمایش دوزبانه", "Parallel view"),
    "parallel_title": ("{title} — دو زبان", "{title} — both languages"),
    "single_view": ("نمایش یک‌زبانه", "Single-language view"),
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
    "resolutions_pages": ("صفحه‌های قطعنامه‌ها", "Pages of resolutions"),
    "resolutions_find": (
        "برای یافتن قطعنامه‌ای با واژه‌های متن آن:",
        "To find a resolution by the words of its text:",
    ),
    "resolutions_found": ("قطعنامه‌های پیداشده", "Resolutions found"),
    "resolutions_loading": ("در حال بارگیری فهرست قطعنامه‌ها…", "Loading the list of resolutions…"),
    "resolutions_load_failed": (
        "فهرست همه قطعنامه‌ها بارگیری نشد؛ صفحه‌های فهرست همچنان در دسترس است.",
        "The list of all resolutions could not be loaded; the pages of the list still work.",
    ),
    "councils": ("شوراها", "Councils"),
    "no_councils": (
        "هنوز شورایی در این فهرست منتشر نشده است.",
        "No council has been published in this directory yet.",
    ),
    # ---- council directory, federations, decisions
    "directory_intro": (
        "{councils} شورا در {countries} کشور.",
        "{councils} councils in {countries} countries.",
    ),
    "directory_list": ("شوراها، کشور به کشور", "Councils by country"),
    "directory_filter": ("جست‌وجوی شهر یا شورا", "Find a city or council"),
    "directory_filter_hint": (
        "نام شهر یا شورا را به فارسی یا انگلیسی بنویسید.",
        "Type a city or council name, in Persian or English.",
    ),
    "directory_filter_in": (
        "جست‌وجوی شهر یا شورا در {country}",
        "Find a city or council in {country}",
    ),
    "directory_filter_count": ("شوراهای پیداشده: {count}", "Councils found: {count}"),
    "directory_filter_more": (
        "{shown} شورای نخست در فهرست آمده است؛ برای کوتاه‌تر شدن فهرست بیشتر بنویسید.",
        "The first {shown} are listed; type more to narrow the list.",
    ),
    "directory_nothing_found": ("شورایی با این نام پیدا نشد.", "No council matches."),
    "directory_results": ("شوراهای پیداشده", "Councils found"),
    "directory_loading": ("در حال بارگیری فهرست شوراها…", "Loading the list of councils…"),
    "directory_load_failed": (
        "فهرست شوراها بارگیری نشد. فهرست کشورها در همین صفحه است.",
        "The list of councils could not be loaded. The list of countries is on this page.",
    ),
    "directory_map": ("نقشه", "Map"),
    "directory_map_label": (
        "نقشه جهان: شمار شوراها در هر کشور",
        "World map: number of councils in each country",
    ),
    "directory_country_marker": ("{country}: {count} شورا", "{country}: {count} councils"),
    "directory_country_marker_one": ("{country}: ۱ شورا", "{country}: 1 council"),
    "directory_map_note": (
        "اندازه هر دایره به شمار شوراهای آن کشور است و به فهرست شوراهای آن کشور می‌رود؛ "
        "همین کشورها در فهرست بالا هم آمده‌اند.",
        "Each circle is sized by the number of councils in that country and links to their "
        "list; the list above has the same countries.",
    ),
    "country_councils": ("شوراهای {country}", "Councils in {country}"),
    "country_intro": ("{councils} در {cities}.", "{councils} in {cities}."),
    "country_list": ("شهرها و شوراها", "Cities and councils"),
    "country_pages": ("صفحه‌های شوراهای {country}", "Pages of the councils in {country}"),
    "country_map_label": (
        "نقشه شوراهای این صفحه در {country}",
        "Map of the councils on this page, {country}",
    ),
    "country_map_note": (
        "روی نقشه شوراهای همین صفحه آمده‌اند.",
        "The map shows the councils listed on this page.",
    ),
    "all_countries": ("همه کشورها", "All countries"),
    "cities_count": ("{count} شهر", "{count} cities"),
    "cities_count_one": ("۱ شهر", "1 city"),
    "map_cluster": ("{count} شورا در نزدیکی {city}", "{count} councils around {city}"),
    "map_merged_note": (
        "شوراهای نزدیک به هم با یک دایره نشان داده شده‌اند که به فهرست آن‌ها می‌رود.",
        "Councils close together are drawn as one circle, which links to their list.",
    ),
    "near_me": ("شوراهای نزدیک من", "Councils near me"),
    "near_me_button": ("پیدا کردن شوراهای نزدیک", "Find councils near me"),
    "near_me_privacy": (
        "موقعیت شما فقط در همین صفحه و روی دستگاه خودتان به کار می‌رود و به هیچ جا فرستاده نمی‌شود.",
        "Your location is used only inside this page, on your device; it is never sent anywhere.",
    ),
    "near_me_distance": ("حدود {km} کیلومتر", "about {km} km"),
    "near_me_denied": (
        "موقعیت در دسترس نیست. می‌توانید نام شهر را در کادر جست‌وجو بنویسید.",
        "Your location is not available. You can type your city in the search box.",
    ),
    "near_me_searching": ("در حال یافتن موقعیت…", "Finding your position…"),
    "published_heading": ("چه چیزی منتشر می‌شود", "What is published here"),
    "published_text": (
        "برای هر شورا فقط نام، شهر و مختصات مرکز شهر (گرد شده) منتشر می‌شود، نه محل جلسه. "
        "نشانی محل جلسه فقط وقتی منتشر می‌شود که خود شورا آن را عمومی اعلام کرده باشد. "
        "نام اشخاص فقط با رضایت خودشان منتشر می‌شود؛ در غیر این صورت فقط عنوان مسئولیت "
        "می‌آید. این سایت هیچ آماری از بازدیدکنندگان جمع نمی‌کند و هیچ درخواستی به سایت "
        "دیگری نمی‌فرستد، حتی برای نقشه‌ها.",
        "For each council we publish only its name, its city and the coordinates of the "
        "city centre (rounded), never a meeting place. A venue's address is published only "
        "when the council has made it public. People's names are published only with their "
        "consent; otherwise only the role is shown. This site keeps no statistics about its "
        "visitors and makes no request to any other site, not even for maps.",
    ),
    "all_decisions": ("تصمیم‌های منتشرشده", "Published decisions"),
    "decisions": ("تصمیم‌ها", "Decisions"),
    "no_decisions": ("هنوز تصمیمی منتشر نشده است.", "No decision has been published yet."),
    "decisions_page": ("صفحه {page} از {pages}", "Page {page} of {pages}"),
    "decisions_pages": ("صفحه‌های تصمیم‌ها", "Pages of decisions"),
    "previous_page": ("صفحه قبل", "Previous page"),
    "next_page": ("صفحه بعد", "Next page"),
    "decisions_count": ("{count} تصمیم، تازه‌ترین در آغاز", "{count} decisions, newest first"),
    "council_decisions": ("تصمیم‌های {name}", "Decisions of {name}"),
    "council_decisions_pages": ("صفحه‌های تصمیم‌های {name}", "Pages of the decisions of {name}"),
    "council_decisions_latest": (
        "تازه‌ترین {shown} تصمیم از {count} تصمیم این شورا:",
        "The latest {shown} of this council's {count} decisions:",
    ),
    "council_decisions_all": ("همه تصمیم‌های این شورا", "All decisions of this council"),
    "council": ("شورا", "Council"),
    "city": ("شهر", "City"),
    "country": ("کشور", "Country"),
    "continent": ("قاره", "Continent"),
    "federation": ("فدراسیون", "Federation"),
    "federations": ("فدراسیون‌ها", "Federations"),
    "no_federations": ("هنوز فدراسیونی منتشر نشده است.", "No federation has been published yet."),
    "federations_chain": ("زنجیره فدراسیون", "Federations"),
    "council_status_forming": ("در حال تشکیل", "Forming"),
    "council_status_active": ("فعال", "Active"),
    "council_status_inactive": ("غیرفعال", "Inactive"),
    "council_status_dissolved": ("منحل‌شده", "Dissolved"),
    "sample_notice": (
        "نمونه: این داده ساختگی است و فقط برای نمایش است.",
        "Sample: this is fictional data, for demonstration only.",
    ),
    "founded": ("تأسیس", "Founded"),
    "last_verified": ("آخرین بررسی", "Last verified"),
    "contacts": ("راه‌های تماس", "How to reach it"),
    "no_contacts": ("راه تماسی منتشر نشده است.", "No contact has been published."),
    "email": ("ایمیل", "E-mail"),
    "website": ("وب‌سایت", "Website"),
    "assembly": ("مجمع عمومی", "General assembly"),
    "assembly_unknown": ("زمان جلسه‌ها منتشر نشده است.", "Meeting times are not published."),
    "assembly_schedule": (
        "{frequency}، {weekday}‌ها ساعت {time} ({timezone})",
        "{frequency}, on {weekday}s at {time} ({timezone})",
    ),
    "weekday_monday": ("دوشنبه", "Monday"),
    "weekday_tuesday": ("سه‌شنبه", "Tuesday"),
    "weekday_wednesday": ("چهارشنبه", "Wednesday"),
    "weekday_thursday": ("پنجشنبه", "Thursday"),
    "weekday_friday": ("جمعه", "Friday"),
    "weekday_saturday": ("شنبه", "Saturday"),
    "weekday_sunday": ("یکشنبه", "Sunday"),
    "frequency_weekly": ("هر هفته", "Every week"),
    "frequency_every-two-weeks": ("هر دو هفته", "Every two weeks"),
    "frequency_monthly": ("هر ماه", "Every month"),
    "frequency_irregular": ("نامنظم", "Irregularly"),
    "venue": ("محل جلسه", "Venue"),
    "network_bluesky": ("بلواسکای", "Bluesky"),
    "network_facebook": ("فیس‌بوک", "Facebook"),
    "network_instagram": ("اینستاگرام", "Instagram"),
    "network_mastodon": ("ماستودون", "Mastodon"),
    "network_signal": ("سیگنال", "Signal"),
    "network_telegram": ("تلگرام", "Telegram"),
    "network_x": ("ایکس", "X"),
    "network_youtube": ("یوتیوب", "YouTube"),
    "board": ("هیات اجرایی", "Executive board"),
    "board_empty": ("نقشی در هیات اجرایی ثبت نشده است.", "No board role is listed."),
    "name_not_published": ("نام منتشر نمی‌شود", "name not published"),
    "members": ("شوراهای عضو", "Member councils"),
    "member_federations": ("فدراسیون‌های کشوری عضو", "Member country federations"),
    "no_members": ("هنوز شورایی عضو نیست.", "No council is a member yet."),
    "federation_map_label": ("نقشه شوراهای {name}", "Map of the councils of {name}"),
    "part_of": ("عضو", "Part of"),
    "councils_count": ("{count} شورا", "{count} councils"),
    "councils_count_one": ("۱ شورا", "1 council"),
    "members_by_country": ("شوراهای عضو، کشور به کشور", "Member councils by country"),
    "members_listed": (
        "شوراهای عضو در فهرست شوراهای هر کشور آمده‌اند، {per_page} شورا در هر صفحه:",
        "The member councils are listed with the councils of each country, {per_page} a page:",
    ),
    "decision": ("تصمیم", "Decision"),
    "decided_by": ("مرجع تصمیم", "Decided by"),
    "decision_kind": ("نوع تصمیم", "Kind"),
    "body_general-assembly": ("مجمع عمومی", "General assembly"),
    "body_executive-board": ("هیات اجرایی", "Executive board"),
    "kind_policy": ("تصمیم", "Decision"),
    "kind_other": ("تصمیم", "Decision"),
    "kind_election": ("انتخاب: {role}", "Election: {role}"),
    "kind_recall": ("عزل: {role}", "Recall: {role}"),
    "person": ("شخص", "Person"),
    "outcome": ("نتیجه", "Outcome"),
    "decision_outcome_adopted": ("تصویب شد", "Adopted"),
    "decision_outcome_rejected": ("رد شد", "Rejected"),
    "decision_vote": (
        "موافق {yes}، مخالف {no}، ممتنع {abstain}، از {participants} حاضر",
        "{yes} for, {no} against, {abstain} abstaining, of {participants} present",
    ),
    "permalink": ("پیوند دائمی", "Permanent link"),
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
        "تصمیم‌ها با اکثریت آرای شرکت‌کنندگان در جلسات مجمع عمومی گرفته می‌شوند",
        "Decisions are taken by a majority of the votes of those taking part in the meetings "
        "of the general assembly",
    ),
    "board_recallable": (
        "انتخاب‌شدگان در هر اجلاس می‌توانند با تصمیم جمع عزل و تعویض شوند",
        "Those elected at any session can be removed and replaced by decision of the collective",
    ),
    "clause": ("بند", "clause"),
    "skip_to_content": ("رفتن به محتوا", "Skip to content"),
    "switch_language": ("English", "فارسی"),
    "print": ("چاپ", "Print"),
    "translated_text": ("ترجمه", "Translation"),
    "original_text": ("متن اصلی", "Original"),
    # search, feeds and open data
    "search": ("جستجو", "Search"),
    "search_label": ("جستجو در سایت", "Search the site"),
    "search_button": ("جستجو", "Search"),
    "search_placeholder": ("جستجو…", "Search…"),
    "search_searching": ("در حال جستجو…", "Searching…"),
    "search_count": ("{count} نتیجه برای «{query}»", "{count} result(s) for “{query}”"),
    "search_none": ("نتیجه‌ای برای «{query}» یافت نشد.", "No results for “{query}”."),
    "search_noscript": (
        "جستجو به جاوااسکریپت نیاز دارد. فهرست قطعنامه‌ها و شوراها بدون آن هم کار می‌کند.",
        "Search needs JavaScript. The lists of resolutions and councils work without it.",
    ),
    "search_error": ("جستجو انجام نشد.", "The search failed."),
    "feed_resolutions": ("شورا: قطعنامه‌های تازه", "Shora: new resolutions"),
    "feed_decisions": ("شورا: تصمیم‌های شوراها", "Shora: decisions of councils"),
    "feed_council": ("شورا: تصمیم‌های {name}", "Shora: decisions of {name}"),
    "outcome_adopted": ("تصویب شد", "adopted"),
    "outcome_rejected": ("رد شد", "rejected"),
    "open_data": ("داده‌های باز", "Open data"),
    # ---- starting a council, where the directory or a federation lists none
    "start_heading": ("راه‌اندازی یک شورا", "Starting a council"),
    "start_intro": (
        "آنچه {platform} دربارهٔ عضویت در شورا، شیوهٔ تصمیم‌گیری و هیات اجرایی آن می‌گوید:",
        "Here is what the {platform} says about who may join a council, how it decides "
        "and its executive board:",
    ),
    "start_platform": ("پلاتفرم شوراها", "councils' platform"),
    "start_intro_translated": (
        "آنچه {platform} دربارهٔ عضویت در شورا، شیوهٔ تصمیم‌گیری و هیات اجرایی آن می‌گوید "
        "(ترجمهٔ فارسی بندها از ماست):",
        "Here is what the {platform} says about who may join a council, how it decides "
        "and its executive board (the English of its clauses is our translation):",
    ),
    "start_join": ("چه کسانی می‌توانند عضو شوند", "Who may join"),
    "start_decide": ("شورا چگونه تصمیم می‌گیرد", "How a council decides"),
    "start_board": ("هیات اجرایی", "The executive board"),
    "start_listing": ("افزودن شورا به این فهرست", "Having a council listed"),
    "start_listing_text": (
        "برای افزودن شورایتان به این فهرست، {how} را در صفحهٔ مشارکت ببینید. هر چه در فرم "
        "معرفی شورا بنویسید عمومی است.",
        "To have your council listed in this directory, see {how} on the Contribute page. "
        "Everything written in the council form is public.",
    ),
    "start_how": ("راه معرفی یک شورا", "how to propose a council"),
    "start_find_none": (
        "اگر در شهرتان هنوز شورایی نیست، می‌توانید خودتان یکی راه بیندازید: {platform} و "
        "{how} را بخوانید.",
        "If there is no council in your city yet, you can start one: read the {platform} "
        "and {how}.",
    ),
    "start_find_none_listing": (
        "اگر در شهرتان هنوز شورایی نیست، می‌توانید خودتان یکی راه بیندازید: {how} را بخوانید.",
        "If there is no council in your city yet, you can start one: read {how}.",
    ),
    "start_federations": (
        "هنوز هیچ شورایی در فهرست نیست؛ ببینید {start}.",
        "No council is listed yet; see {start}.",
    ),
    "start_federations_link": ("چگونه می‌توان شورایی راه انداخت", "how to start one"),
    # ---- a resolution's content: clauses by name, the source's misprints, publication
    "link_to": ("پیوند به {name}", "Link to {name}"),
    "clause_headnote": ("سرعنوان", "the headnote"),
    "clause_consideration": ("بند {n} مقدمه", "consideration {n}"),
    "clause_operative_intro": ("جملهٔ پیش از بندهای اجرایی", "the sentence before the points"),
    "clause_point": ("بند {n}", "point {n}"),
    "clause_item": ("بند {n}، زیربند {letter}", "point {n}, item ({letter})"),
    "clause_paragraph": ("بند {n}، پاراگراف {m}", "point {n}, paragraph {m}"),
    "clause_closing": ("پاراگراف پایانی {n}", "closing paragraph {n}"),
    "clause_signature": ("امضا", "the signature"),
    "clause_place_date": ("سطر محل و تاریخ", "the place and date line"),
    # A misprint of the source, kept as printed: the note after the clause. Persian
    # words are given as {printed} and {intended}, the English as {words}.
    "sic_note": (
        "در متن منبع «{printed}» چاپ شده است، به جای «{intended}»؛ این‌جا همان‌گونه که "
        "چاپ شده آمده است.",
        "The source prints “{printed}”, a misprint for “{intended}”; it is kept here as printed.",
    ),
    "sic_note_translated": (
        "در متن منبع «{printed}» چاپ شده است، به جای «{intended}»؛ «{words}» در ترجمه "
        "برگردان واژهٔ درست است.",
        "The source prints “{printed}”, a misprint for “{intended}”; “{words}” translates "
        "the intended word.",
    ),
    "sic_note_translation": (
        "در متن منبع «{printed}» چاپ شده است، به جای «{intended}»؛ ترجمه برگردان واژهٔ درست است.",
        "The source prints “{printed}”, a misprint for “{intended}”; the translation "
        "follows the intended word.",
    ),
    "publication_date_unknown": ("تاریخ نامعلوم", "date unknown"),
    "source_unknown": ("محل انتشار نامعلوم", "place of publication unknown"),
    "rule_majority_reading": (
        "برداشت ما: این سایت «اکثریت آرای شرکت‌کنندگان» را اکثریت همهٔ شرکت‌کنندگان در "
        "جلسه می‌خواند، نه اکثریت رأی‌های داده‌شده؛ یعنی تصمیمی تصویب می‌شود که بیش از نیمی "
        "از حاضران به آن رأی موافق بدهند. خود قطعنامه نمی‌گوید کدام منظور است.",
        "Our reading: this site reads “a majority of the votes of those taking part” as a "
        "majority of everyone taking part in the meeting, not of the votes cast; that is, "
        "a decision is adopted when more than half of those present vote for it. The "
        "resolution itself does not say which it means.",
    ),
    # The 404 page (shora/site/not_found.py)
    "not_found_title": ("این صفحه پیدا نشد", "Page not found"),
    "not_found_text": (
        "در این نشانی صفحه‌ای نیست. شاید نشانی درست نوشته نشده یا صفحه جابه‌جا شده است. "
        "از اینجا می‌توانید ادامه دهید:",
        "There is no page at this address. It may be mistyped, or the page may have "
        "moved. You can go on from here:",
    ),
    "not_found_home": ("صفحهٔ نخست", "Home page"),
    # a resolution's PDF (shora.publish.pdf)
    "pdf_download": ("نسخهٔ چاپی (PDF)", "Printable version (PDF)"),
    "pdf_size": ("{size} کیلوبایت", "{size} KB"),
}

LANGUAGE_NAMES = {"fa": "فارسی", "en": "English"}


def t(key: str, language: str, **values: object) -> str:
    persian, english = STRINGS[key]
    text = persian if language == "fa" else english
    return text.format(**values) if values else text
