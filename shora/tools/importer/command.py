"""``shora import resolution``: from a published text to ``resolutions/<id>.yml``.

Reads the source (and the translation), recognises the structure, aligns the
translation, writes the file, validates the project with it in place, and reports:
each recognised part with its source line, every change made to the text, what could
not be placed, and what the editor still has to do. Exit 0 when the written file
validates, 1 when it needs the editor (or nothing could be written), 2 on usage errors
(raised as :class:`UsageProblem` for the command line to show).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from shora.core.dates import PartialDate
from shora.core.diagnostics import Diagnostic, Severity
from shora.core.language import other_language
from shora.core.messages import Message, msg, render
from shora.load.loader import load_file
from shora.models.common import ID_PATTERN
from shora.models.kinds import RESOLUTION
from shora.models.schema import schema_line
from shora.tools.importer.align import Parting, aligned_parts, parting
from shora.tools.importer.recognize import (
    Recognized,
    known_organization,
    language_of,
    outline,
    recognize,
)
from shora.tools.importer.sources import SourceProblem, read_source
from shora.tools.importer.writer import resolution_data, to_yaml
from shora.validate import validate_project

EXIT_OK, EXIT_NEEDS_EDITOR, EXIT_USAGE = 0, 1, 2

_LANGUAGE_NAMES = {"fa": msg("Persian"), "en": msg("English")}


class UsageProblem(Exception):
    def __init__(self, message: Message):
        super().__init__(message)
        self.message = message


@dataclass
class _Out:
    language: str
    stdout: TextIO
    stderr: TextIO

    def say(self, message: Message) -> None:
        print(render(message, self.language), file=self.stdout)

    def at(self, path: str, line: int | None, message: Message) -> None:
        where = f"{path}:{line}: " if line is not None else f"{path}: "
        print(where + render(message, self.language), file=self.stdout)

    def error(self, path: str, line: int | None, col: int | None, message: Message) -> None:
        where = path + "".join(f":{n}" for n in (line, col) if n is not None)
        word = render(msg("error"), self.language)
        print(f"{where}: {word}: {render(message, self.language)}", file=self.stderr)


def organizations(root: Path) -> dict[str, dict[str, str]]:
    """The known organizations: id -> their names by language."""
    found: dict[str, dict[str, str]] = {}
    for path in sorted((root / "councils" / "organizations").glob("*.yml")):
        document, _ = load_file(path, path.name)
        data = document.data if document is not None else None
        name = data.get("name") if isinstance(data, dict) else None
        found[path.stem] = (
            {k: v for k, v in name.items() if isinstance(v, str)} if isinstance(name, dict) else {}
        )
    return found


def import_resolution(
    root: Path,
    source: Path,
    resolution_id: str,
    *,
    organization: str | None = None,
    translation: Path | None = None,
    force: bool = False,
    language: str = "en",
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    out = _Out(language, stdout or sys.stdout, stderr or sys.stderr)
    if not re.match(ID_PATTERN, resolution_id):
        raise UsageProblem(
            msg(
                "'{id}' is not a valid id: use lowercase ASCII words joined by '-'",
                id=resolution_id,
            )
        )
    target = root / "resolutions" / f"{resolution_id}.yml"
    shown_target = target.relative_to(root).as_posix()
    if target.exists() and not force:
        raise UsageProblem(
            msg(
                "{path} exists already: choose another id, or add {option} to replace it",
                path=shown_target,
                option="--force",
            )
        )
    known = organizations(root)
    if organization is not None and organization not in known:
        raise UsageProblem(
            msg(
                "no organization '{id}' in {folder} (known: {known})",
                id=organization,
                folder="councils/organizations/",
                known=sorted(known) or [msg("none")],
            )
        )
    for path in (source, translation):
        if path is not None and not path.is_file():
            raise UsageProblem(msg("no such file: {path}", path=str(path)))

    try:
        original_source = read_source(source, str(source))
        translation_source = read_source(translation, str(translation)) if translation else None
    except SourceProblem as problem:
        out.error(problem.path, problem.line, problem.col, problem.message)
        return EXIT_NEEDS_EDITOR

    original = recognize(original_source)
    translated = None
    if translation_source is not None:
        if language_of(translation_source) == original.language:
            raise UsageProblem(
                msg(
                    "{path} is in {language}, as the text is: the translation must be the "
                    "text in the other language",
                    path=str(translation),
                    language=_LANGUAGE_NAMES[original.language],
                )
            )
        translated = recognize(translation_source, other_language(original.language))
    out.at(
        str(source),
        None,
        msg(
            "{kind} in {language}, {count} lines",
            kind=original_source.kind,
            language=_LANGUAGE_NAMES[original.language],
            count=len(original_source.lines),
        ),
    )
    _report(out, original)
    if not original.points:
        out.error(
            str(source),
            None,
            None,
            msg(
                "no numbered points found: the operative points must be numbered "
                "(1. 2. 3. or ۱- ۲- ۳-)"
            ),
        )
        return EXIT_NEEDS_EDITOR
    if translated is not None:
        assert translation_source is not None
        out.at(
            str(translation),
            None,
            msg(
                "{kind} in {language}, {count} lines",
                kind=translation_source.kind,
                language=_LANGUAGE_NAMES[translated.language],
                count=len(translation_source.lines),
            ),
        )
        _report(out, translated, parts=False)
        where = parting(original, translated)
        if where is not None:
            out.error(
                str(source),
                where.original_line,
                None,
                _parting_message(where, str(translation)),
            )
            return EXIT_NEEDS_EDITOR
        out.say(
            msg(
                "the translation follows the text clause by clause ({count} parts)",
                count=aligned_parts(original),
            )
        )

    needs: list[Message] = []
    organization_id = organization
    if organization_id is not None:
        out.say(
            msg("organization: {id} (from {option})", id=organization_id, option="--organization")
        )
    else:
        signatures = [
            found.signature.text
            for found in (original, translated)
            if found is not None and found.signature
        ]
        organization_id = next(
            (found for text in signatures if (found := known_organization(text, known))), None
        )
        if organization_id is not None:
            out.say(msg("organization: {id} (named in the signature)", id=organization_id))
        else:
            organization_id = "unknown"
            needs.append(
                msg(
                    "the organization: the text names none that is known; give {option} "
                    "(one of: {known}) or add it to {folder}",
                    option="--organization ID",
                    known=sorted(known) or [msg("none")],
                    folder="councils/organizations/",
                )
            )
    date = _adoption_date(original)
    if date is not None and date.known:
        came_from = (
            msg("from the adoption line")
            if original.adoption and original.adoption.date
            else msg("from the place-and-date line")
        )
        out.say(msg("adoption date: {date} ({source})", date=str(date), source=came_from))
    data = resolution_data(original, translated, organization_id, date)
    text = to_yaml(data, schema_line(RESOLUTION, shown_target))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    out.say(msg("wrote {path}", path=shown_target))

    report = validate_project(root)
    mine = [d for d in report.diagnostics if d.path == shown_target]
    # Texts without their translation are counted once below, not listed one by one.
    for diagnostic in mine:
        if not _missing_translation(diagnostic):
            print(diagnostic.format(language), file=out.stdout)
    untranslated = _untranslated(data, other_language(original.language))
    if untranslated:
        needs.append(
            msg(
                "the {language} translation: {count} texts have none (import again with "
                "{option}, or write each one)",
                language=_LANGUAGE_NAMES[other_language(original.language)],
                count=untranslated,
                option="--translation FILE",
            )
        )
    if not original.adoption and not original.signature:
        needs.append(
            msg("the adopting body ({key}): the text does not name it", key="adopted_by.body")
        )
    errors = [d for d in mine if d.severity is Severity.ERROR]
    if errors:
        needs.insert(0, msg("the errors above"))
    else:  # valid, also where the translation is still to do (Persian first)
        out.say(msg("{path} is valid", path=shown_target))
    if needs:
        out.say(msg("{path} needs the editor:", path=shown_target))
        for need in needs:
            out.say(msg("  - {need}", need=need))
        return EXIT_NEEDS_EDITOR
    return EXIT_OK


def _parting_message(where: Parting, translation: str) -> Message:
    if where.problem is not None:
        return msg(
            "the translation differs ({problem}): here the text has {ours}, and "
            "{path}:{line} has {theirs}",
            problem=where.problem,
            ours=where.original_part,
            path=translation,
            line=where.translation_line or 0,
            theirs=where.translation_part,
        )
    return msg(
        "the translation does not follow the same structure: here the text has {ours}, "
        "and {path}:{line} has {theirs}",
        ours=where.original_part,
        path=translation,
        line=where.translation_line or 0,
        theirs=where.translation_part,
    )


def _adoption_date(found: Recognized) -> PartialDate | None:
    """The adoption line's date, else the place-and-date line's."""
    if found.adoption and found.adoption.date:
        return found.adoption.date
    return found.place_date.date if found.place_date else None


def _untranslated(value: object, language: str) -> int:
    """How many texts of the data lack ``language``."""
    if isinstance(value, dict):
        own = int(bool({"fa", "en"} & value.keys()) and language not in value)
        return own + sum(_untranslated(inner, language) for inner in value.values())
    if isinstance(value, list):
        return sum(_untranslated(inner, language) for inner in value)
    return 0


def _missing_translation(diagnostic: Diagnostic) -> bool:
    """A diagnostic saying that a text lacks its ``fa`` or ``en``."""
    message = diagnostic.message
    inner = dict(getattr(message, "params", ())).get("message", message)
    template = getattr(inner, "template", "")
    return template.startswith("missing required key '{key}': add the")


def _report(out: _Out, found: Recognized, parts: bool = True) -> None:
    path = found.source.path
    for source_note in found.source.notes:
        out.at(path, source_note.line, source_note.message)
    if parts:
        for _key, line, label in outline(found):
            out.at(path, line, label)
    for fix in found.fixes:
        out.at(path, fix.line, msg("fixed: {fix}", fix=fix.message))
    for note in found.notes:
        out.at(path, note.line, note.message)
    for piece in found.unplaced:
        out.at(
            path,
            piece.line,
            msg("could not place this line; it is left out: {start}", start=_start(piece.text)),
        )
    if found.place_date and found.place_date.problem:
        out.at(path, found.place_date.piece.line, found.place_date.problem)


def _start(text: str) -> str:
    words = text.split()
    return " ".join(words[:8]) + (" …" if len(words) > 8 else "")
