"""docs/plans.md: its complete example passes `check`, and its tables name the words the loader accepts."""

import re

from rhythm_console.cli import main
from rhythm_console.plan import parse_plan
from rhythm_console.vocabulary import VOCABULARY
from tests.support.plans import ROOT

GUIDE = ROOT / "docs" / "plans.md"
MARKER = "<!-- check: complete-example -->"


def _complete_example() -> str:
    text = GUIDE.read_text(encoding="utf-8")
    after = text[text.index(MARKER) + len(MARKER):]
    return re.search(r"```yaml\n(.*?)```", after, re.DOTALL).group(1)


def test_the_guides_complete_example_passes_check(tmp_path, capsys):
    path = tmp_path / "example.yaml"
    path.write_text(_complete_example(), encoding="utf-8")
    assert main(["check", str(path)]) == 0
    assert "计划 1h30m" in capsys.readouterr().out  # the guide's plan is Chinese: so is check's line


def test_the_guides_example_is_written_in_the_teams_words():
    plan = parse_plan(_complete_example())
    assert plan.planned_total == 90 * 60
    assert {segment.kind.value for segment in plan.segments} >= {"opening", "product", "lottery", "qa", "closing"}


def test_the_guide_lists_every_kind_and_builtin_cue():
    text = GUIDE.read_text(encoding="utf-8")
    for field in ("kind", "cue", "level", "metric"):
        for word in VOCABULARY[field]:
            assert word.zh[0] in text and word.code in text, (field, word.code)
