"""The command line builds only the parser of the command it names first (start-up), and says the same."""

import pytest

from rhythm_console.cli import build_parser, main


def test_one_commands_parser_reads_its_arguments_as_the_whole_one_does():
    argv = ["probe", "douyin:capture.jsonl", "--json", "--lang", "en"]
    assert vars(build_parser("probe").parse_args(argv)).keys() == vars(build_parser().parse_args(argv)).keys()
    one, whole = build_parser("probe").parse_args(argv), build_parser().parse_args(argv)
    assert (one.command, one.source, one.json, one.lang) == (whole.command, whole.source, whole.json, whole.lang)


def test_the_other_commands_are_not_built():
    assert set(build_parser("probe")._subparsers._group_actions[0].choices) == {"probe"}


@pytest.mark.parametrize("argv", [["prob"], ["-h"], ["probe"], ["library"], ["probe", "--bogus", "x"]])
def test_errors_and_help_read_as_with_every_parser_built(argv, capsys, monkeypatch):
    import rhythm_console.cli as cli

    def said(build):
        monkeypatch.setattr(cli, "build_parser", build)
        try:
            code = main(argv)
        except SystemExit as exit_:
            code = exit_.code
        out, err = capsys.readouterr()
        return code, out, err

    whole = said(lambda command=None: build_parser())
    assert said(build_parser) == whole
    assert whole[0] != 0 or argv == ["-h"]
