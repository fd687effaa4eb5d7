"""The command line's parser, in the editor's language.

argparse writes its own words (``usage:``, ``options``, "the following arguments are
required") in English; this parser shows them, the help texts and every usage error
in the language chosen by ``--lang`` or the locale. ``--lang`` may stand before or after
the command's name, so it is found in the arguments before argparse parses them.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from shora.core.language import LANGUAGES, LanguageCode
from shora.core.messages import (
    Message,
    language_from_environment,
    msg,
    msg_template,
    render,
)

LANGUAGE_CHOICES = tuple(language.code for language in LANGUAGES)


def language_of(argv: Sequence[str]) -> LanguageCode:
    """The language ``--lang`` names anywhere in ``argv``, else the locale's."""
    chosen: str | None = None
    for i, argument in enumerate(argv):
        if argument == "--":
            break
        if argument == "--lang" and i + 1 < len(argv):
            chosen = argv[i + 1]
        elif argument.startswith("--lang="):
            chosen = argument.split("=", 1)[1]
    for language in LANGUAGES:
        if chosen == language.code:
            return language.code
    return language_from_environment()


# argparse's own usage errors, as it words them, and what they say in our catalogs.
_ARGPARSE_ERRORS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"the following arguments are required: (?P<names>.+)"),
        msg_template("these arguments are missing: {names}"),
    ),
    (
        re.compile(
            r"argument (?P<name>\S+): invalid choice: '?(?P<value>.*?)'? "
            r"\(choose from (?P<choices>.+)\)"
        ),
        msg_template("{name}: '{value}' is not one of the choices: {choices}"),
    ),
    (
        re.compile(r"unrecognized arguments: (?P<names>.+)"),
        msg_template("unknown arguments: {names}"),
    ),
    (
        re.compile(r"argument (?P<name>\S+): expected one argument"),
        msg_template("{name} needs a value after it"),
    ),
]


class LanguageParser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose words, help and errors are in one language."""

    def __init__(self, *args: Any, language: str = "en", **kwargs: Any) -> None:
        self.language = language
        kwargs.setdefault("formatter_class", _formatter(language))
        # Our own -h/--help below says its help in the parser's language.
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = render(msg("arguments"), language)
        self._optionals.title = render(msg("options"), language)
        self.add_argument(
            "-h", "--help", action="help", help=render(msg("show this help and exit"), language)
        )
        # Parsed here too (the language was already taken from the arguments), so that
        # `shora validate --lang fa` is accepted after the command's name.
        self.add_argument(
            "--lang",
            choices=LANGUAGE_CHOICES,
            default=argparse.SUPPRESS,
            help=render(msg("language of the messages (default: from the locale)"), language),
        )

    def text(self, message: Message) -> str:
        return render(message, self.language)

    def fail(self, message: Message) -> NoReturn:
        """A usage error in the parser's language: usage, the message, exit 2."""
        self.print_usage(sys.stderr)
        shown = msg("{command}: error: {message}", command=self.prog, message=message)
        self.exit(2, self.text(shown) + "\n")

    def error(self, message: str) -> NoReturn:  # argparse's own errors
        for pattern, wording in _ARGPARSE_ERRORS:
            found = pattern.fullmatch(message)
            if found:
                self.fail(Message(wording, found.groupdict()))
        self.fail(msg("{problem}", problem=message))

    def add_subparsers(self, **kwargs: Any) -> Any:
        kwargs.setdefault("parser_class", _subparser_class(self.language))
        kwargs.setdefault("title", self.text(msg("commands")))
        return super().add_subparsers(**kwargs)


def _subparser_class(language: str) -> type[LanguageParser]:
    class SubParser(LanguageParser):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, language=language, **kwargs)

    return SubParser


def _formatter(language: str) -> type[argparse.HelpFormatter]:
    class Formatter(argparse.HelpFormatter):
        def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: Any = None) -> None:
            if prefix is None:
                prefix = render(msg("usage: "), language)
            super().add_usage(usage, actions, groups, prefix)

    return Formatter
