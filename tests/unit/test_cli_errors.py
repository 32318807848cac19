"""A mistyped command line is answered in the user's language (--lang, else Chinese), not in argparse's English."""

import pytest

from rhythm_console.cli import argparse_error, main


def refused(capsys, *argv: str) -> str:
    with pytest.raises(SystemExit) as exit_:
        main(list(argv))
    assert exit_.value.code == 2
    return capsys.readouterr().err


@pytest.mark.parametrize(("argv", "said"), [
    (["report", "--bogus", "x.jsonl"], "rhythm-console：错误：不认识的参数：--bogus"),
    (["report", "--format", "pdf", "x.jsonl"], "rhythm-console report：错误：--format 不能是 'pdf'，可选：'md', 'html', 'csv'"),
    (["report"], "缺少参数：journal"),
    (["simulate", "plans/demo.yaml", "--seed", "x"], "--seed 的值 'x' 不是整数"),
    (["simulate", "plans/demo.yaml", "--speed", "2", "--instant"], "--instant 不能与 --speed 一起用"),
    (["report", "x.jsonl", "--lang", "en", "--format", "pdf"], "--format cannot be 'pdf'; choose from 'md', 'html', 'csv'"),
    (["report", "x.jsonl", "--lang=en", "--bogus"], "rhythm-console: error: unrecognized arguments: --bogus"),
    (["brief", "plans/demo.yaml", "--role", "老板"], "--role：“老板”不是一个角色"),
])
def test_argparse_s_errors_in_the_language_asked_for(capsys, argv, said):
    error = refused(capsys, *argv)
    assert said in error
    assert "error: argument" not in error and "invalid choice" not in error


def test_a_message_no_pattern_knows_is_passed_on_as_it_is():
    assert argparse_error("something argparse may say one day") == "something argparse may say one day"
