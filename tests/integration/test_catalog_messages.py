"""What the commands print is in the plan's language, or --lang's (issues 20.6, 23.4).

A plan is usually Chinese: a command run on one speaks Chinese, its errors too, and `--lang en` makes it
speak English. Before a plan or journal is read, a command speaks --lang, else Chinese.
"""

import ast
from pathlib import Path

import pytest

from rhythm_console.cli import main
from rhythm_console.commands.drill import where_the_debrief_is
from rhythm_console.errors import UserError
from rhythm_console.i18n import Said, Texts, speak, speaking, spoken
from tests.support.across_helpers import team_events, write_journal
from tests.support.plans import DATA, PLANS, ROOT

PACKAGE = ROOT / "rhythm_console"


# Errors whose words reach a user: a UserError, and those a command says as one (the journal reader's, the
# archive's quarantine reasons, the bus's, a source spec's, the link's configuration).
SAID_ERRORS = {"UserError", "JournalError", "Refused", "BusRefused", "BusUnreachable", "BusConfigError",
               "SourceSpecError", "LinkConfigError"}


def _literal_messages(path: Path) -> list[int]:
    """The lines of `UserError("...")`, `UserError(f"...")` and `UserError("..." + ...)` (or one of the other
    SAID_ERRORS): words no catalog holds."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in SAID_ERRORS):
            continue
        first = node.args[0] if node.args else None
        while isinstance(first, ast.BinOp):  # a concatenation: its left-most part
            first = first.left
        if isinstance(first, (ast.Constant, ast.JoinedStr)):
            found.append(node.lineno)
    return sorted(found)


def test_no_user_error_is_written_as_a_literal():
    literals = [f"{path.relative_to(ROOT)}:{line}" for path in sorted(PACKAGE.rglob("*.py"))
                for line in _literal_messages(path)]
    assert literals == []


def test_the_scan_finds_each_kind_of_literal_message(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('raise UserError("plain")\nraise UserError(f"{x}: formatted")\nraise UserError("a" + b)\n'
                      'raise UserError(Said("error.run.needs_plan"))\nraise UserError(str(exc))\n'
                      'raise JournalError(f"{where}: torn")\nraise Refused(exc.said)\n', encoding="utf-8")
    assert _literal_messages(sample) == [1, 2, 3, 6]


def test_a_message_is_worded_when_printed_in_the_language_the_command_speaks_by_then():
    error = UserError(Said("error.run.needs_plan"))
    with speaking(None):
        assert str(error).startswith("run 需要一个脚本")
        speak("en")  # the command read its plan: English from now on, errors raised earlier too
        assert str(error).startswith("run needs a plan")
    assert spoken() == "zh"  # outside a command's run nothing is kept
    speak("en")
    assert spoken() == "zh"


def test_a_typo_in_a_key_fails_where_it_is_raised():
    with pytest.raises(KeyError):
        Said("error.no_such_key")


def test_check_speaks_each_plan_s_language_unless_told(capsys):
    assert main(["check", str(PLANS / "demo.yaml"), str(PLANS / "demo-en.yaml")]) == 0
    chinese, english = capsys.readouterr().out.splitlines()
    assert "：通过，18 个环节、计划 2h、" in chinese
    assert ": ok, 18 segments, 2h planned, " in english
    assert main(["check", str(PLANS / "demo.yaml"), "--lang", "en"]) == 0
    assert ": ok, 18 segments, 2h planned, " in capsys.readouterr().out


def test_an_annotate_error_on_a_chinese_show_is_chinese_and_english_with_lang_en(tmp_path, capsys):
    journal = write_journal(tmp_path / "show.jsonl", team_events())
    assert main(["annotate", str(journal), "--viewers-uv", "-1"]) == 2
    assert capsys.readouterr().err.strip().startswith("rhythm-console: --viewers-uv -1：不能为负")
    assert main(["annotate", str(journal), "--viewers-uv", "-1", "--lang", "en"]) == 2
    assert capsys.readouterr().err.strip().startswith("rhythm-console: --viewers-uv -1: cannot be negative")


def test_an_import_error_before_any_plan_is_chinese_unless_told(tmp_path, capsys):
    sheet = tmp_path / "script.pdf"
    sheet.write_bytes(b"%PDF")
    assert main(["import", str(sheet)]) == 2
    assert capsys.readouterr().err.strip() == f"rhythm-console: {sheet}：import 读 .xlsx 和 .csv 脚本，不读 .pdf"
    assert main(["import", str(sheet), "--lang", "en"]) == 2
    assert capsys.readouterr().err.strip() == f"rhythm-console: {sheet}: import reads .xlsx and .csv scripts, not .pdf"


def test_probe_s_lines_follow_lang(capsys):
    feed = f"douyin:{DATA / 'feeds' / 'douyin-quirks.jsonl'}"
    assert main(["probe", feed]) == 0
    chinese = capsys.readouterr().out
    assert "在线 12,000（峰值 12,000）" in chinese and "商品点击、订单、成交额：这个数据源没有" in chinese
    assert "不认识 2（WebcastFansclubMessage 1、WebcastEmojiChatMessage 1）" in chinese  # the feed's own names, listed
    assert main(["probe", feed, "--lang", "en"]) == 0
    english = capsys.readouterr().out
    assert "online 12,000 (peak 12,000)" in english
    assert "unknown 2 (WebcastFansclubMessage 1, WebcastEmojiChatMessage 1)" in english


def test_simulate_says_what_it_made_in_the_plan_s_language(tmp_path, capsys):
    journal = tmp_path / "quick.jsonl"
    assert main(["simulate", str(PLANS / "quick.yaml"), "--instant", "-o", str(journal),
                 "--library", str(tmp_path / "lib.sqlite")]) == 0
    said = capsys.readouterr()
    assert f"{journal}：5 个环节，" in said.out and "模拟用时" in said.out
    assert "模拟已加入直播库" in said.err and "直播已加入" not in said.err  # what the show was (F13)


def test_the_library_line_after_a_show_says_what_the_show_was(tmp_path):
    from rhythm_console.library import add_after_show

    journal = write_journal(tmp_path / "r.jsonl", team_events(), kind="rehearsal")
    with speaking("zh"):
        assert add_after_show(journal, kind="rehearsal").endswith("：彩排已加入直播库")
        assert add_after_show(journal, kind="live").endswith("：直播已加入直播库")  # a live show's line as it was
    with speaking("en"):
        assert add_after_show(journal, kind="drill").endswith(": drill added to the library")


def test_a_drill_s_debrief_line_is_in_the_session_s_language(tmp_path):
    path = tmp_path / "drill.jsonl"
    assert where_the_debrief_is(path, "show.jsonl", Texts("zh")).splitlines() == [
        f"日志：{path}", f"演练复盘：rhythm-console report {path} --against show.jsonl --format html -o debrief.html"]
    assert where_the_debrief_is(path, "show.jsonl", Texts("en")).splitlines()[1].startswith("debrief: ")


def test_report_s_file_line_and_errors_follow_the_journal_s_plan(tmp_path, capsys):
    journal = write_journal(tmp_path / "show.jsonl", team_events())
    out = tmp_path / "review.md"
    assert main(["report", str(journal), "-o", str(out)]) == 0
    assert capsys.readouterr().out.strip() == f"{out}: {journal} 的 md 复盘"
    assert main(["report", str(journal), "-o", str(journal), "--lang", "en"]) == 2
    assert "that is the input" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["check"], ["run"], ["simulate", "--instant", "-o", "x.jsonl"], ["brief"],
                                     ["improve"]])
def test_a_plan_that_cannot_be_read_is_said_in_chinese_unless_told(tmp_path, capsys, command):
    missing, not_text = tmp_path / "nosuch.yaml", tmp_path / "binary.yaml"
    not_text.write_bytes(b"\xff\xfe\x00plan")
    for path, chinese in ((missing, "没有这个文件"), (tmp_path, "是一个目录，不是脚本文件"), (not_text, "不是 UTF-8 文本")):
        assert main([command[0], str(path), *command[1:]]) == 2
        assert capsys.readouterr().err.strip().startswith(f"{path}: {chinese}")
    if command[0] in ("check", "run"):  # the commands with --lang
        assert main([command[0], "--lang", "en", str(missing), *command[1:]]) == 2
        assert capsys.readouterr().err.strip() == f"{missing}: no such file"


@pytest.mark.parametrize("command", [["report"], ["replay"], ["annotate", "--buyers", "3"], ["run", "--resume"]])
def test_a_journal_that_cannot_be_read_is_said_in_chinese_unless_told(tmp_path, capsys, command):
    missing, empty, other = tmp_path / "nosuch.jsonl", tmp_path / "empty.jsonl", tmp_path / "other.jsonl"
    empty.write_bytes(b"")
    other.write_text('{"not": "a journal"}\n', encoding="utf-8")
    for path, chinese in ((missing, f"{missing}：没有这个文件"), (tmp_path, f"{tmp_path}：是一个目录，不是日志"),
                          (empty, f"{empty}：日志是空的"), (other, f"{other}:1：不是 Rhythm Console 的日志（没有日志头）")):
        args = [command[0], *command[1:], str(path)] if command[0] == "run" else [command[0], str(path), *command[1:]]
        assert main(args) == 2
        assert capsys.readouterr().err.strip() == f"rhythm-console: {chinese}"
    assert main([*args, "--lang", "en"]) == 2
    assert capsys.readouterr().err.strip() == f"rhythm-console: {other}:1: not a Rhythm Console journal (no header)"


def _damaged(path, *, torn: bool):
    """A journal with a record that breaks the reader's rules: its last line cut mid-write (read on past,
    with a warning) or a record further on that is not an event (refused, naming its line)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    if torn:
        path.write_text("".join(lines)[:-7], encoding="utf-8")
    else:
        lines.insert(3, '{"seq": 3, "wall": 5, "at": 1, "type": "note", "text": "x"}\n')
        path.write_text("".join(lines), encoding="utf-8")
    return len(lines)


@pytest.mark.parametrize("command", [["report"], ["replay"], ["annotate", "--buyers", "3"]])
def test_a_damaged_record_is_said_in_the_command_s_language(tmp_path, capsys, command):
    path = write_journal(tmp_path / "show.jsonl", team_events())
    _damaged(path, torn=False)
    assert main([command[0], str(path), *command[1:]]) == 2
    assert capsys.readouterr().err.strip() == f"rhythm-console: {path}:4：不是有效的事件记录（wall 不是文本）"
    assert main([command[0], str(path), *command[1:], "--lang", "en"]) == 2
    assert capsys.readouterr().err.strip() == f"rhythm-console: {path}:4: not a valid event record (wall is not text)"


def test_a_torn_journal_s_warning_is_said_in_the_show_s_language(tmp_path, capsys):
    chinese = write_journal(tmp_path / "zh.jsonl", team_events())
    english = write_journal(tmp_path / "en.jsonl", team_events(), plan_text=(PLANS / "demo-en.yaml").read_text(encoding="utf-8"))
    for path in (chinese, english):
        last = _damaged(path, torn=True)
        assert main(["report", str(path), "-o", str(tmp_path / f"{path.stem}.md")]) == 0
    said = capsys.readouterr().err.splitlines()
    assert said[0] == f"警告：{chinese}:{last}：最后一行不完整（写到一半被截断）；已丢弃"
    assert said[1] == f"warning: {english}:{last}: the last line is torn (cut mid-write); it was dropped"
    assert "最后一行不完整" in (tmp_path / "zh.md").read_text(encoding="utf-8")  # the report says it too


def test_every_reader_message_has_chinese_words():
    """The reader's refusals and warnings, each key said in Chinese (no English left behind in a zh table)."""
    from rhythm_console.i18n import CATALOGS
    from rhythm_console.i18n import journal as reader
    for key in reader.ZH:
        words = CATALOGS["zh"][key]
        if key != "journal.value.null":
            assert any("\u4e00" <= char <= "\u9fff" for char in words), key


def test_a_plan_saved_as_gbk_is_told_where_it_stops_being_utf8_and_in_the_language_set_first(tmp_path, capsys):
    plan = tmp_path / "gbk.yaml"
    plan.write_bytes("show:\n  title: 测试\n".encode("gbk"))
    assert main(["check", str(plan)]) == 2
    assert capsys.readouterr().err.strip() == f"{plan}: 不是 UTF-8 文本（第 2 行，第 10 个字节起）：请存成 UTF-8"
    assert main(["--lang", "en", "check", str(plan)]) == 2  # --lang before the command means the same
    assert capsys.readouterr().err.strip() == f"{plan}: not UTF-8 text (line 2, from byte 10 on): save it as UTF-8"
    assert main(["--lang=en", "check", str(tmp_path / "nosuch.yaml")]) == 2
    assert capsys.readouterr().err.strip().endswith("nosuch.yaml: no such file")


@pytest.mark.parametrize(("words", "said"), [
    (["--lang"], "--lang 后面要跟语言：zh 或 en"),
    (["--lang", "en"], "a command must follow --lang en, e.g. rhythm-console --lang en check PLAN"),
    (["--lang=zh"], "--lang zh 后面要写命令，例如：rhythm-console --lang zh check PLAN"),
    (["--lang", "en", "brief", "plans/demo.yaml"], "brief speaks its plan's language (the plan's locale); it has no --lang"),
    (["simulate", "plans/demo.yaml", "-o", "x.jsonl", "--lang=zh"], "simulate 说计划自己的语言（计划里的 locale），没有 --lang"),
])
def test_a_misplaced_lang_is_told_what_was_meant(words, said, capsys):
    """Not argparse's "unrecognized arguments" or "COMMAND cannot be 'en'": what --lang lacks, or that the
    command speaks its plan's language."""
    with pytest.raises(SystemExit) as stopped:
        main(words)
    assert stopped.value.code == 2
    assert capsys.readouterr().err.strip().splitlines()[-1].endswith(said)


def test_lang_before_help_or_version_is_no_error(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["--lang", "en", "--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out.startswith("rhythm-console ")


@pytest.mark.parametrize(("words", "said"), [
    (["--lang", "check", "plans/demo.yaml"], "--lang 后面要跟语言：zh 或 en"),  # a command is no language
    (["--lang", "--help"], "--lang 后面要跟语言：zh 或 en"),
    (["--lang", "en", "check", "--lang"], "rhythm-console check: error: --lang expects one value"),
])
def test_lang_left_without_its_language_is_told_so(words, said, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(words)
    assert stopped.value.code == 2
    assert capsys.readouterr().err.strip().splitlines()[-1].endswith(said)


def test_two_langs_before_the_command_are_taken_as_argparse_takes_two(capsys):
    assert main(["--lang", "en", "--lang", "zh", "check", str(PLANS / "demo.yaml")]) == 0
    assert "通过" in capsys.readouterr().out
