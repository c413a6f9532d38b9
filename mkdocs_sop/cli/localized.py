"""``--help`` and Click's own lines in the command's language: Indonesian unless asked otherwise.

Click writes its words ("Usage:", "Options", "Show this message and exit.", "Error:",
"Try ... for help.", "No such option ...") in English through the process-wide gettext
domain, which follows the computer's locale, not the site. So the command carries its own
context, help formatter and error display (:class:`SopGroup`), which put every help text
through :mod:`.helptexts` and render Click's usage errors from their parts, in the language
:func:`help_language` picks: ``--lang`` on the command line, else ``MKDOCS_SOP_LANG``, else
the site's ``language``, else Indonesian.
"""

from __future__ import annotations

import os
import re
import sys
from contextvars import ContextVar
from typing import Sequence

import click
from click.utils import make_default_short_help

from ..core.messages import DEFAULT_LANGUAGE, language_of
from .helptexts import click_word, help_text, usage_problem

LANG_ENV = "MKDOCS_SOP_LANG"
_LANGUAGE: ContextVar[str] = ContextVar("mkdocs_sop_cli_language", default=DEFAULT_LANGUAGE)


def help_language(args: Sequence[str]) -> str:
    """The language of help and usage errors for these arguments (see the module's docstring)."""
    args = list(args)
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return language_of(args[i + 1])
        if arg.startswith("--lang="):
            return language_of(arg.partition("=")[2])
    if os.environ.get(LANG_ENV):
        return language_of(os.environ[LANG_ENV])
    from .config import find_config

    try:
        cfg = find_config(None)
    except (click.ClickException, OSError):
        return DEFAULT_LANGUAGE  # the command itself will say what is wrong with the config
    return language_of(cfg.language) if cfg else DEFAULT_LANGUAGE


def current_language() -> str:
    return _LANGUAGE.get()


class SopHelpFormatter(click.HelpFormatter):
    """Click's formatter, writing every heading, help text and bracketed extra in the language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        language = current_language()
        args = args.replace("[OPTIONS]", click_word("[OPTIONS]", language)).replace(
            "COMMAND [ARGS]...", click_word("COMMAND [ARGS]...", language))
        super().write_usage(prog, args, click_word("Usage: ", language) if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(click_word(heading, current_language()))

    def write_text(self, text: str) -> None:
        super().write_text(help_text(text, current_language()))

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl([(term, _with_extra(text, current_language())) for term, text in rows], col_max, col_spacing)


_EXTRA = re.compile(r"^(?P<help>.*?)(?P<extra>\s*\[[^\[\]]*\])?$", re.S)


def _with_extra(text: str, language: str) -> str:
    """An option's help and its "[default: x; required]" in the language."""
    found = _EXTRA.match(text)
    helped, extra = found.group("help"), found.group("extra") or ""
    if extra:
        extra = extra.replace("[default: ", "[" + click_word("default", language) + ": ").replace(
            "required]", click_word("required", language) + "]")
    return help_text(helped, language) + extra if helped else extra.strip()


class SopContext(click.Context):
    formatter_class = SopHelpFormatter


class SopGroup(click.Group):
    """The ``mkdocs-sop`` group: its commands' contexts, help and usage errors in the language."""

    context_class = SopContext

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        cmd.context_class = SopContext  # the subcommand's help is written by the same formatter
        super().add_command(cmd, name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, cmd) for name in self.list_commands(ctx)
                if (cmd := self.get_command(ctx, name)) is not None and not cmd.hidden]
        if not rows:
            return
        limit = formatter.width - 6 - max(len(name) for name, _ in rows)
        language = current_language()
        short = [(name, make_default_short_help(help_text(cmd.help or "", language), limit)) for name, cmd in rows]
        with formatter.section("Commands"):
            formatter.write_dl(short)

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True, **extra):
        """Click's ``main``, showing its usage errors (and "Aborted!") in the language."""
        argv = list(sys.argv[1:] if args is None else args)
        token = _LANGUAGE.set(help_language(argv))
        try:
            if not standalone_mode:
                return super().main(argv, prog_name, complete_var, standalone_mode=False, **extra)
            try:
                code = super().main(argv, prog_name, complete_var, standalone_mode=False, **extra)
            except click.ClickException as exc:
                _show(exc, current_language())
                sys.exit(exc.exit_code)
            except click.Abort:
                click.echo(click_word("Aborted!", current_language()), err=True)
                sys.exit(1)
            sys.exit(code if isinstance(code, int) else 0)
        finally:
            _LANGUAGE.reset(token)


def _show(exc: click.ClickException, language: str) -> None:
    """What :meth:`click.ClickException.show` prints, in the language."""
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, click.UsageError) and ctx is not None:
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            names = ctx.command.get_help_option_names(ctx)
            hint = click_word("Try '{command} {option}' for help.", language).format(
                command=ctx.command_path, option=max(names, key=len)) + "\n"
        click.echo(f"{ctx.get_usage()}\n{hint}", err=True, color=ctx.color)
    message = usage_problem(exc, language)
    click.echo(click_word("Error: {message}", language).format(message=message), err=True,
               color=ctx.color if ctx is not None else None)


__all__ = ["SopGroup", "SopContext", "SopHelpFormatter", "help_language", "LANG_ENV"]
