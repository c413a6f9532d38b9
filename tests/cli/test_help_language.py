"""`--help` and Click's own lines as a user sees them: Indonesian by default; English with `--lang en`,
MKDOCS_SOP_LANG=en or the site's `language: en`."""

from __future__ import annotations

import inspect

import click
import pytest

from cli_fixtures import runner  # noqa: F401 - fixture
from mkdocs_sop.cli import main
from mkdocs_sop.cli.helptexts import CLICK_PROBLEMS, HELP, has_indonesian
from mkdocs_sop.core.messages import placeholders

ENGLISH_WORDS = ("Usage:", "Options:", "Commands:", "Show this message and exit.", "[default:", "Examples:",
                 "Error:", "Try '", "[OPTIONS]")


def help_texts():
    """Every help text the command shows: (where, text)."""
    commands = [("mkdocs-sop", main), *main.commands.items()]
    for name, cmd in commands:
        if cmd.help:
            yield name, inspect.cleandoc(cmd.help).partition("\f")[0]
        if cmd.epilog:
            yield f"{name} epilog", inspect.cleandoc(cmd.epilog)
        for param in cmd.params:
            if isinstance(param, click.Option) and param.help:
                yield f"{name} {param.opts[-1]}", param.help


def run(runner, args, **options):
    return runner.invoke(main, args, prog_name="mkdocs-sop", **options)


@pytest.fixture
def nowhere(tmp_path, monkeypatch):
    """A folder with no site config, and no language asked for by the environment."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MKDOCS_SOP_LANG", raising=False)
    return tmp_path


def test_every_help_text_has_its_indonesian():
    missing = [where for where, text in help_texts() if not has_indonesian(text)]
    assert not missing, f"add the Indonesian of these to mkdocs_sop/cli/helptexts.py: {missing}"
    for en, ind in HELP:
        assert en.count("\b") == ind.count("\b"), en[:60]  # the same paragraphs kept as written
    for en, ind in CLICK_PROBLEMS:
        assert placeholders(en) == placeholders(ind), en


def test_the_commands_help_is_indonesian_by_default(runner, nowhere):
    shown = run(runner, ["--help"])
    assert shown.exit_code == 0
    lines = shown.stdout.splitlines()
    assert lines[0] == "Penggunaan: mkdocs-sop [OPSI] PERINTAH [ARG]..."
    assert "Opsi:" in lines and "Perintah:" in lines and "  Contoh:" in lines
    assert "  -h, --help  Tampilkan bantuan ini, lalu keluar." in lines
    assert any(line.startswith("  lint          Memeriksa blok SOP") for line in lines), lines
    assert not [w for w in ENGLISH_WORDS if w in shown.stdout]
    for name in main.commands:
        page = run(runner, [name, "--help"])
        assert page.exit_code == 0, page.output
        assert page.stdout.startswith(f"Penggunaan: mkdocs-sop {name} [OPSI]"), page.stdout[:80]
        assert "\nOpsi:\n" in page.stdout and "Tampilkan bantuan ini, lalu keluar." in page.stdout
        assert not [w for w in ENGLISH_WORDS if w in page.stdout], (name, page.stdout)
    form = " ".join(run(runner, ["form", "--help"]).stdout.split())
    assert "Letak halaman formulir di dalam folder docs." in form and "[bawaan: formulir-sop.md]" in form


def test_english_when_asked_by_option_environment_or_site(runner, nowhere, monkeypatch):
    english = run(runner, ["lint", "--lang", "en", "--help"]).stdout
    assert english.startswith("Usage: mkdocs-sop lint [OPTIONS] [PATHS]...")
    assert "Check SOP blocks with every check the site build runs." in english and "Opsi" not in english
    monkeypatch.setenv("MKDOCS_SOP_LANG", "en")
    assert run(runner, ["--help"]).stdout.startswith("Usage: mkdocs-sop [OPTIONS] COMMAND [ARGS]...")
    monkeypatch.delenv("MKDOCS_SOP_LANG")
    (nowhere / "mkdocs.yml").write_text("site_name: X\nplugins:\n  - sop:\n      language: en\n", encoding="utf-8")
    assert "\nOptions:\n" in run(runner, ["fmt", "--help"]).stdout
    # the option on the command line wins over the site
    assert run(runner, ["fmt", "--lang", "id", "--help"]).stdout.startswith("Penggunaan: ")


@pytest.mark.parametrize("args, indonesian, english", [
    (["lint", "--bogus"], "Opsi '--bogus' tidak dikenal.", "No such option '--bogus'."),
    (["lint", "--format", "xml"], "Nilai '--format' tidak sah: 'xml' bukan salah satu dari 'text', 'json'.",
     "Invalid value for '--format': 'xml' is not one of 'text', 'json'."),
    (["lint", "--format"], "Opsi '--format' memerlukan sebuah nilai.", "Option '--format' requires an argument."),
    (["lnt"], "Perintah 'lnt' tidak dikenal. Mungkin maksud Anda 'lint'?", "No such command 'lnt'. Did you mean 'lint'?"),
])
def test_usage_errors_say_what_is_wrong_in_the_language(runner, nowhere, args, indonesian, english):
    wrong = run(runner, args)
    assert wrong.exit_code == 2
    assert wrong.stderr.splitlines()[-1] == f"Kesalahan: {indonesian}"
    command = "mkdocs-sop lint" if args[0] == "lint" else "mkdocs-sop"
    if args != ["lint", "--format"]:  # Click names no command for an option left without its value
        assert wrong.stderr.splitlines()[:3] == [f"Penggunaan: {command} [OPSI] " + (
            "[PATHS]..." if args[0] == "lint" else "PERINTAH [ARG]..."), f"Coba '{command} --help' untuk bantuan.", ""]
    assert not [w for w in ENGLISH_WORDS if w in wrong.stderr]
    in_english = run(runner, args, env={"MKDOCS_SOP_LANG": "en"})
    assert in_english.exit_code == 2
    assert in_english.stderr.splitlines()[-1] == f"Error: {english}"
    assert in_english.stderr.startswith("Usage: " if args != ["lint", "--format"] else "Error: ")


def test_the_version_line_has_no_english_word(runner, nowhere):
    shown = run(runner, ["--version"])
    assert shown.exit_code == 0 and shown.stdout.startswith("mkdocs-sop ") and "version" not in shown.stdout
