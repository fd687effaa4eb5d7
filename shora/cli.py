"""The ``shora`` command: validate, fix, new, schemas, build.

Exit status: 0 when clean or warnings only, 1 on errors in the data, 2 on usage
errors. Never a traceback: an unexpected failure is reported in one line.

Every message is in the editor's language: ``--lang fa|en`` (before or after the
command's name), else the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG`` beginning with
``fa`` mean Persian), else English.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import urlsplit

from shora.cli_parser import LanguageParser, language_of
from shora.core.diagnostics import Diagnostic, Severity
from shora.core.messages import ERRORS, FILES, WARNINGS, Message, count_of, msg, render
from shora.engine.engines import DEFAULT_ENGINE, ENGINES
from shora.models.schema import write_schemas
from shora.tools.fix import fix_files, unified_diff
from shora.tools.scaffold import TEMPLATES, new_file

if TYPE_CHECKING:
    from shora.validate.project import Report

EXIT_OK, EXIT_ERRORS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def _selected(diagnostics: list[Diagnostic], root: Path, paths: Sequence[str]) -> list[Diagnostic]:
    """Diagnostics of the named files or folders only (the whole project is still
    loaded, so references are checked against everything)."""
    if not paths:
        return diagnostics
    wanted = []
    for raw in paths:
        resolved = Path(raw).resolve()
        try:
            wanted.append(resolved.relative_to(root.resolve()).as_posix())
        except ValueError:
            wanted.append(raw)
    return [
        d
        for d in diagnostics
        if any(
            w in (".", "") or d.path == w or d.path.startswith(w.rstrip("/") + "/") for w in wanted
        )
    ]


def say(message: Message, language: str, stream: TextIO | None = None) -> None:
    """Print one message in the editor's language."""
    print(render(message, language), file=stream or sys.stdout)


def _print(diagnostics: list[Diagnostic], output_format: str, language: str) -> None:
    for diagnostic in diagnostics:
        if output_format == "github":
            print(diagnostic.format_github(language))
        else:
            print(diagnostic.format(language))
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    files = len({d.path for d in diagnostics})
    if diagnostics:
        say(
            msg(
                "{errors}, {warnings} in {files}",
                errors=count_of(errors, *ERRORS),
                warnings=count_of(warnings, *WARNINGS),
                files=count_of(files, *FILES),
            ),
            language,
            sys.stderr,
        )


def _format(args: argparse.Namespace) -> str:
    chosen: str | None = args.format
    if chosen:
        return chosen
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def _check_paths(parser: LanguageParser, paths: Sequence[str]) -> None:
    for raw in paths:
        if not Path(raw).exists():
            parser.fail(msg("no such file or folder: {path}", path=raw))


def today() -> dt.date:
    """The day the data is validated for (rules compare dates with it)."""
    return dt.date.today()


def _validated(root: Path, day: dt.date) -> Report:
    # The pipeline and the models it imports are needed only when something changed.
    from shora.validate.project import validate_project

    return validate_project(root, day)


def cmd_validate(args: argparse.Namespace, parser: LanguageParser) -> int:
    from shora.validate.unchanged import unchanged_diagnostics

    _check_paths(parser, args.paths)
    day = today()
    diagnostics = unchanged_diagnostics(args.root, day)
    if diagnostics is None:
        diagnostics = _validated(args.root, day).diagnostics
    shown = _selected(diagnostics, args.root, args.paths)
    _print(shown, _format(args), args.lang)
    return EXIT_ERRORS if any(d.severity is Severity.ERROR for d in shown) else EXIT_OK


def cmd_fix(args: argparse.Namespace, parser: LanguageParser) -> int:
    _check_paths(parser, args.paths)
    report = _validated(args.root, today())
    changes = fix_files(args.root, _selected(report.diagnostics, args.root, args.paths))
    for path, (old, new) in changes.items():
        sys.stdout.write(unified_diff(path, old, new))
        if not args.dry_run:
            (args.root / path).write_text(new, encoding="utf-8")
    files = count_of(len(changes), *FILES)
    done = (
        msg("would fix {files}", files=files) if args.dry_run else msg("fixed {files}", files=files)
    )
    say(done, args.lang, sys.stderr)
    remaining = _validated(args.root, today()) if changes and not args.dry_run else report
    selected = _selected(remaining.diagnostics, args.root, args.paths)
    # The diff above shows what the fixes change; list only what needs a person.
    _print([d for d in selected if d.fix is None], _format(args), args.lang)
    # Exit as `validate` would on the result: a dry run leaves fixable errors in place.
    return EXIT_ERRORS if any(d.severity is Severity.ERROR for d in selected) else EXIT_OK


def cmd_new(args: argparse.Namespace, parser: LanguageParser) -> int:
    import re

    from shora.models.common import ID_PATTERN, id_suggestion

    if args.from_issue is not None:
        return _new_from_issue(args, parser)
    if args.id is None:
        parser.fail(msg("give the id of the new file (or --from-issue FILE for a council)"))
    if not re.match(ID_PATTERN, args.id):
        suggestion = id_suggestion(args.id)
        if suggestion:
            parser.fail(
                msg(
                    "'{value}' is not a valid id: use lowercase ASCII words joined by '-', "
                    "e.g. '{suggestion}'",
                    value=args.id,
                    suggestion=suggestion,
                )
            )
        parser.fail(
            msg(
                "'{value}' is not a valid id: use lowercase ASCII words joined by '-'",
                value=args.id,
            )
        )
    values = {}
    if args.organization:
        values["organization"] = args.organization
    if args.council:
        values["council"] = args.council
    path, text = new_file(args.root, args.what, args.id, dt.date.today(), **values)
    return _write_new(args.root, path, text, args.lang)


def _write_new(root: Path, path: Path, text: str, language: str) -> int:
    """Write a new data file; never overwrite one."""
    if path.exists():
        shown = path.relative_to(root).as_posix()
        say(msg("{path} exists already: choose another id", path=shown), language, sys.stderr)
        return EXIT_USAGE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(path.relative_to(root).as_posix())
    return EXIT_OK


def _new_from_issue(args: argparse.Namespace, parser: LanguageParser) -> int:
    from shora.tools.scaffold import new_file_from_issue

    if args.what != "council" or args.id is not None:
        parser.fail(msg("--from-issue makes a council: shora new council --from-issue FILE"))
    if not args.from_issue.is_file():
        parser.fail(msg("no such file: {path}", path=str(args.from_issue)))
    path, text, problems = new_file_from_issue(args.root, args.from_issue)
    if path is None:
        _print(problems, "text", args.lang)
        return EXIT_ERRORS
    return _write_new(args.root, path, text, args.lang)


def cmd_import(args: argparse.Namespace, parser: LanguageParser) -> int:
    from shora.tools.importer.command import UsageProblem, import_resolution

    if args.from_issue is not None:
        return _import_from_issue(args, parser)
    if args.source is None or args.id is None:
        parser.fail(msg("give the text to import and --id ID (or --from-issue FILE)"))
    try:
        return import_resolution(
            args.root,
            args.source,
            args.id,
            organization=args.organization,
            translation=args.translation,
            force=args.force,
            language=args.lang,
        )
    except UsageProblem as problem:
        parser.fail(problem.message)


def _import_from_issue(args: argparse.Namespace, parser: LanguageParser) -> int:
    from shora.tools.resolution_form import import_from_issue

    if args.source is not None or args.id is not None or args.translation is not None:
        parser.fail(msg("--from-issue takes the id, the text and the translation from the issue"))
    if not args.from_issue.is_file():
        parser.fail(msg("no such file: {path}", path=str(args.from_issue)))
    proposal = import_from_issue(args.root, args.from_issue)
    if proposal.text is None or proposal.resolution_id is None:
        _print(proposal.problems, "text", args.lang)
        return EXIT_ERRORS
    for note in proposal.notes:
        say(note, args.lang, sys.stderr)
    path = args.root / "resolutions" / f"{proposal.resolution_id}.yml"
    return _write_new(args.root, path, proposal.text, args.lang)


def cmd_schemas(args: argparse.Namespace, parser: LanguageParser) -> int:
    for path in write_schemas(args.root):
        say(msg("wrote {path}", path=path.relative_to(args.root).as_posix()), args.lang)
    return EXIT_OK


def cmd_build(args: argparse.Namespace, parser: LanguageParser) -> int:
    from shora.build import build_site

    if args.site_url is not None:
        parts = urlsplit(args.site_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            parser.fail(
                msg("--site-url: not an http:// or https:// address: {url}", url=args.site_url)
            )
        os.environ["SHORA_SITE_URL"] = args.site_url  # mkdocs.yml reads it
    return build_site(
        args.root,
        args.config,
        args.site_dir,
        args.data_root,
        args.lang,
        engine=args.engine,
        quiet=args.quiet,
        timings=args.timings,
    )


def cmd_serve(args: argparse.Namespace, parser: LanguageParser) -> int:
    import logging
    import signal

    from shora.preview.server import parse_address, serve

    try:
        address = parse_address(args.dev_addr)
    except ValueError as error:
        parser.fail(
            msg("{problem}", problem=error.args[0]) if error.args else msg("invalid address")
        )
    if not (args.root / args.config).is_file():
        parser.fail(msg("no such file: {path}", path=str(args.root / args.config)))
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    # A terminated preview (kill, a test, the benchmark) removes its temporary folder.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    return serve(args.root, args.config, address, args.data_root, args.lang)


def cmd_check_links(args: argparse.Namespace, parser: LanguageParser) -> int:
    from shora.publish.linkcheck import main as check_links

    _need_site(args.site, parser)
    return EXIT_ERRORS if check_links(args.site, args.lang) else EXIT_OK


def _need_site(site: Path, parser: LanguageParser) -> None:
    if not (site / "index.html").is_file():
        parser.fail(msg("no built site in {site}: run `shora build` first", site=str(site)))


def cmd_offline(args: argparse.Namespace, parser: LanguageParser) -> int:
    from shora.publish.offline import make_offline

    _need_site(args.site, parser)
    print(make_offline(args.site, args.dist).as_posix())
    return EXIT_OK


def _folder(
    command: LanguageParser, name: str, default: Path | None, help_: Message, **more: Any
) -> None:
    """An argument or option naming a folder, explained in the command's language."""
    command.add_argument(
        name, type=Path, default=default, metavar="FOLDER", help=command.text(help_), **more
    )


def _site_options(command: LanguageParser) -> None:
    """The options of the commands that make the site (build, serve)."""
    command.add_argument(
        "--config",
        type=Path,
        default=Path("mkdocs.yml"),
        metavar="FILE",
        help=command.text(
            msg(
                "the Persian site's MkDocs configuration, which names the English "
                "one (default: mkdocs.yml)"
            )
        ),
    )
    _folder(
        command,
        "--data-root",
        None,
        msg("folder with resolutions/ and councils/ (default: --root), e.g. examples/demo"),
    )


def build_parser(language: str = "en") -> LanguageParser:
    parser = LanguageParser(
        prog="shora",
        description=render(msg("Validate and publish resolutions and councils."), language),
        language=language,
    )
    text = parser.text
    _folder(parser, "--root", Path("."), msg("project folder (default: current folder)"))
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help=text(msg("check every data file")))
    validate.add_argument("paths", nargs="*", help=text(msg("report only these files or folders")))
    validate.add_argument("--format", choices=["text", "github"], help=text(msg("output format")))
    validate.set_defaults(run=cmd_validate)

    fix = commands.add_parser("fix", help=text(msg("apply the safe fixes and show a diff")))
    fix.add_argument("paths", nargs="*", help=text(msg("fix only these files or folders")))
    fix.add_argument(
        "--dry-run", action="store_true", help=text(msg("show the diff, change nothing"))
    )
    fix.add_argument("--format", choices=["text", "github"], help=text(msg("output format")))
    fix.set_defaults(run=cmd_fix)

    new = commands.add_parser("new", help=text(msg("write a new file ready to fill in")))
    new.add_argument(
        "what",
        choices=sorted(TEMPLATES),
        help=text(
            msg(
                "what to write: council, federation, organization, resolution, or a "
                "council's decision, election or recall"
            )
        ),
    )
    new.add_argument(
        "id",
        nargs="?",
        help=text(msg("the id, also the file name: lowercase words joined by '-'")),
    )
    new.add_argument(
        "--from-issue",
        type=Path,
        metavar="FILE",
        help=text(
            msg("for a council: the body of a 'propose a council' issue (the id comes from it)")
        ),
    )
    new.add_argument("--organization", help=text(msg("for a resolution: the organization id")))
    new.add_argument(
        "--council", help=text(msg("for a decision, an election or a recall: the council id"))
    )
    new.set_defaults(run=cmd_new)

    import_ = commands.add_parser(
        "import", help=text(msg("make a data file from a published text (.txt, .html, .docx)"))
    )
    import_.add_argument(
        "what",
        choices=["resolution"],
        help=text(msg("what the text is: resolution (the one kind imported today)")),
    )
    import_.add_argument(
        "source",
        type=Path,
        nargs="?",
        metavar="SOURCE",
        help=text(msg("the resolution as published")),
    )
    import_.add_argument(
        "--id",
        help=text(msg("the id, also the file name: lowercase words joined by '-'")),
    )
    import_.add_argument(
        "--organization", metavar="ORG", help=text(msg("for a resolution: the organization id"))
    )
    import_.add_argument(
        "--translation",
        type=Path,
        metavar="FILE",
        help=text(msg("the text in the other language, laid out the same way")),
    )
    import_.add_argument(
        "--force", action="store_true", help=text(msg("replace the file if it exists"))
    )
    import_.add_argument(
        "--from-issue",
        type=Path,
        metavar="FILE",
        help=text(msg("the body of a 'propose a resolution' issue (instead of SOURCE and --id)")),
    )
    import_.set_defaults(run=cmd_import)

    schemas = commands.add_parser(
        "schemas", help=text(msg("write the JSON Schema files for editors"))
    )
    schemas.set_defaults(run=cmd_schemas)

    build = commands.add_parser("build", help=text(msg("validate, then build the site into site/")))
    _site_options(build)
    _folder(
        build,
        "--site-dir",
        Path("site"),
        msg("where the site is built; replaced only by a build that succeeds (default: site)"),
    )
    build.add_argument(
        "--site-url",
        metavar="URL",
        help=text(
            msg(
                "the site's address, for a sitemap, canonical links and absolute feed "
                "links (default: the variable SHORA_SITE_URL; none: all links relative)"
            )
        ),
    )
    build.add_argument(
        "--engine",
        choices=ENGINES,
        default=DEFAULT_ENGINE,
        help=text(
            msg("what renders the pages: MkDocs 1.6 or its fork ProperDocs (default: mkdocs)")
        ),
    )
    build.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help=text(msg("print only errors, not what each stage did")),
    )
    build.add_argument(
        "--timings",
        type=Path,
        metavar="FILE",
        help=text(msg("write each stage's count and times to FILE, as JSON")),
    )
    build.set_defaults(run=cmd_build)

    serve = commands.add_parser(
        "serve",
        help=text(msg("live preview of both languages: each page rendered when it is asked for")),
    )
    serve.add_argument(
        "-a",
        "--dev-addr",
        default="127.0.0.1:8000",
        metavar="<IP:PORT>",
        help=text(msg("address to listen on (default: 127.0.0.1:8000)")),
    )
    _site_options(serve)
    serve.set_defaults(run=cmd_serve)

    links = commands.add_parser(
        "check-links", help=text(msg("check every internal link of a built site"))
    )
    _folder(links, "site", Path("site"), msg("the built site (default: site)"), nargs="?")
    links.set_defaults(run=cmd_check_links)

    offline = commands.add_parser("offline", help=text(msg("zip the built site for use from disk")))
    _folder(offline, "--site", Path("site"), msg("the built site (default: site)"))
    _folder(offline, "--dist", Path("dist"), msg("where the zip is written (default: dist)"))
    offline.set_defaults(run=cmd_offline)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    language = language_of(arguments)
    parser = build_parser(language)
    args = parser.parse_args(arguments)
    args.lang = language
    if not args.root.is_dir():
        parser.fail(msg("no such folder: {path}", path=str(args.root)))
    try:
        status: int = args.run(args, parser)
        return status
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # the promise to editors: one line, never a traceback
        if os.environ.get("SHORA_DEBUG"):
            raise
        problem = f"{type(error).__name__}: {error}"
        say(msg("shora: internal error: {problem}", problem=problem), language, sys.stderr)
        say(
            msg("shora: please report it; set SHORA_DEBUG=1 to see details"),
            language,
            sys.stderr,
        )
        return EXIT_INTERNAL


def run() -> None:
    """The ``shora`` command: ``main``, then an exit without Python's teardown.

    Everything is written and closed when ``main`` returns; what is left is freeing,
    one by one, the models of every data file (a second at 12,000 files, a third of a
    validation from the cache). So the process ends at once, as mypy's does."""
    try:
        code = main()
    except SystemExit as exit_:  # argparse's usage errors
        code = exit_.code if isinstance(exit_.code, int) else 2
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
