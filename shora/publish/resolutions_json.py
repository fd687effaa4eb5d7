"""data/resolutions.json: every resolution with its full structured text, and each
clause with its anchor and its labels in both languages.

A text not translated into English yet has ``"en": null`` wherever it is (the title,
the adopting body, each clause ...), and each clause says whether it is translated
(``"translated": false``); ``translations.en.status`` says how far the translation is
(complete, draft or missing). Format 2: before it, every ``en`` was text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from shora.load.dataset import Dataset
from shora.models.clauses import clauses
from shora.publish.common import date_record, write_text
from shora.site.routes import RESOLUTIONS_JSON, in_both_languages, resolution_url

FILE = RESOLUTIONS_JSON
FORMAT_VERSION = 2


def resolution_record(dataset: Dataset, id_: str) -> dict[str, Any]:
    model = dataset.resolutions[id_].model
    record: dict[str, Any] = {"id": id_, **model.model_dump(mode="json", exclude={"id"})}
    # Dates: the Gregorian one (ISO 8601, an interval for a Solar Hijri month or year),
    # the Solar Hijri one, the calendar the editor wrote it in, and its precision.
    record["adopted"].update(date_record(model.adopted.date))
    for publication, published in zip(model.published, record["published"], strict=True):
        published.update(date_record(publication.date))
    record["url"] = in_both_languages(resolution_url(id_))
    record["clauses"] = [
        {
            "anchor": clause.anchor,
            "kind": clause.kind,
            "number": clause.number,
            "parent": clause.parent,
            "label": {language: clause.label(language) for language in ("fa", "en")},
            "text": {"fa": clause.text.fa, "en": clause.text.en},
            "translated": clause.text.translated(),
        }
        for clause in clauses(model)
    ]
    return record


def document(dataset: Dataset) -> dict[str, Any]:
    return {
        "format_version": FORMAT_VERSION,
        "resolutions": [resolution_record(dataset, id_) for id_ in sorted(dataset.resolutions)],
    }


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def write(dataset: Dataset, site_dir: Path) -> list[Path]:
    return [write_text(site_dir / FILE, dumps(document(dataset)))]
