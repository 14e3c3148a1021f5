"""The command line stays thin: one module per command, argparse only in medialit/cli, and one
error base class that the command turns into a message and an exit code."""

from __future__ import annotations

import ast
import importlib
import json
import shutil
import subprocess
import sys

import pytest

from medialit.cli import COMMANDS, CommandError, build_parser, main
from medialit.errors import MedialitError
from tests.support.paths import REPO, SEED_ID

PACKAGE = REPO / "medialit"
CLI = PACKAGE / "cli"


def _imported_modules(path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_only_the_command_line_imports_argparse():
    offenders = [str(p.relative_to(REPO)) for p in sorted(PACKAGE.rglob("*.py"))
                 if CLI not in p.parents and any(m.split(".")[0] == "argparse" for m in _imported_modules(p))]
    assert offenders == [], "argparse belongs in medialit/cli; move the command there"


def test_every_command_module_is_listed_and_declares_register_and_run():
    modules = {p.stem for p in CLI.glob("*.py")} - {"__init__", "__main__"}
    assert sorted(COMMANDS.values()) == sorted(modules), "list every command module in medialit.cli.COMMANDS"
    for name, module_name in COMMANDS.items():
        tree = ast.parse((CLI / f"{module_name}.py").read_text(encoding="utf-8"))
        functions = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
        assigned = {t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)}
        assert {"register", "run"} <= set(functions), f"{module_name}.py must define register() and run()"
        assert "HELP" in assigned, f"{module_name}.py must set HELP, the line `medialit --help` shows"
        assert [a.arg for a in functions["run"].args.args] == ["args"], module_name
        assert module_name.rstrip("_") == name.replace("-", "_"), "a command module is named after its command"


def test_help_lists_exactly_the_commands_in_order():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert list(sub.choices) == list(COMMANDS)
    for name, command in sub.choices.items():
        run = command.get_default("run")
        assert run.__module__ == f"medialit.cli.{COMMANDS[name]}"


#: Imports every module of the package (in a child process, so that nothing an import does
#: reaches the test run) and prints each public exception class, whether it is a MedialitError.
_LIST_ERRORS = """
import importlib, inspect, json, pkgutil, medialit
from medialit.errors import MedialitError
found = {}
for info in pkgutil.walk_packages(medialit.__path__, "medialit."):
    if info.name == "medialit.cli.__main__":
        continue
    module = importlib.import_module(info.name)
    for name, obj in vars(module).items():
        if (inspect.isclass(obj) and issubclass(obj, BaseException) and not issubclass(obj, Warning)
                and obj.__module__ == info.name and not name.startswith("_")):
            found[name] = issubclass(obj, MedialitError)
print(json.dumps(found))
"""


def test_every_error_of_the_package_is_a_medialit_error_and_keeps_its_builtin_base():
    out = subprocess.run([sys.executable, "-c", _LIST_ERRORS], capture_output=True, text=True, timeout=300,
                         cwd=REPO, check=True)
    found = json.loads(out.stdout)
    assert {"ArticleError", "AnnotationError", "QuestionBankError", "CourseError", "ExchangeError",
            "AnswersFileError", "CommandError", "ModelNotInstalled"} <= set(found)
    assert [name for name, ok in found.items() if not ok] == []
    from medialit.answers.store import AnswersFileError
    from medialit.articles.article import ArticleError
    from medialit.core.annotation import AnnotationError
    from medialit.questions import UnknownQuestionError

    assert issubclass(ArticleError, LookupError) and issubclass(UnknownQuestionError, LookupError)
    assert issubclass(AnnotationError, ValueError) and issubclass(AnswersFileError, OSError)


class HarbourviewArchiveClosed(MedialitError):
    """A fictional error a domain function might raise."""


@pytest.mark.parametrize(("argv", "module", "function"), [
    (["articles"], "medialit.articles.listing", "print_articles"),
    (["show", SEED_ID], "medialit.articles.highlight", "print_highlighted"),
    (["questions", "list"], "medialit.questions.listing", "print_questions"),
    (["analyze", SEED_ID], "medialit.nlp.batch", "analyze"),
])
def test_a_medialit_error_from_a_domain_function_is_exit_2_and_a_message(argv, module, function, monkeypatch,
                                                                         capsys):
    def closed(*args, **kwargs):
        raise HarbourviewArchiveClosed("the Harbourview archive is closed; try again on Monday")

    monkeypatch.setattr(importlib.import_module(module), function, closed)
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.err == f"medialit {argv[0]}: the Harbourview archive is closed; try again on Monday\n"
    assert captured.out == ""


def test_command_errors_and_real_domain_errors_exit_2(tmp_path, capsys):
    assert issubclass(CommandError, MedialitError)
    assert main(["reference-build"]) == 2
    assert capsys.readouterr().err == "medialit reference-build: give one ARTICLE_ID or --all (not both)\n"
    assert main(["report", str(tmp_path), "01-sources"]) == 2  # a CourseError from the grading package
    err = capsys.readouterr().err
    assert err.startswith("medialit report: ") and "has no nbgrader_config.py" in err


def test_invalid_article_data_is_a_failed_check_exit_1(tmp_path, monkeypatch, capsys):
    """An AnnotationError says the data failed its check: exit 1, whichever command met it."""
    copy = tmp_path / SEED_ID
    shutil.copytree(REPO / "seeds" / SEED_ID, copy)
    (copy / "reference.json").write_text('{"schema_version": 1}', encoding="utf-8")
    monkeypatch.setenv("MEDIALIT_SEEDS", str(tmp_path))
    for argv in (["reference", SEED_ID], ["show", SEED_ID, "--layer", "hedges"], ["article", "review", SEED_ID]):
        assert main(argv) == 1, argv
        err = capsys.readouterr().err
        assert err.startswith(f"medialit {argv[0]}: {copy / 'reference.json'} is not valid"), err
        assert "'article_id' is a required property" in err
