"""The one catalog: every language says every code, with the same placeholders."""

from string import Formatter
from typing import get_args

import pytest

from rhythm_console.advisor import AlertCode
from rhythm_console.i18n import CATALOGS, Texts
from rhythm_console.phrases import drift_words, verdict_words
from rhythm_console.plan import BUILTIN_CUES
from rhythm_console.refusals import RefusalCode, refuse
from rhythm_console.review import FindingCode
from rhythm_console.show import DisplayPhase, RunStatus, Verdict, VerdictKind


def _fields(template: str) -> set[tuple[str, str]]:
    return {(name, spec) for _, name, spec, _ in Formatter().parse(template) if name is not None}


def test_every_language_has_the_same_keys_and_placeholders():
    first, *others = CATALOGS.items()
    for lang, table in others:
        assert set(table) == set(first[1]), lang
        for key, template in table.items():
            assert _fields(template) == _fields(first[1][key]), (lang, key)


@pytest.mark.parametrize("lang", CATALOGS)
def test_every_template_formats(lang):
    texts = Texts(lang)
    for key, template in CATALOGS[lang].items():
        values = {name: 1.5 for name, _ in _fields(template)}
        assert texts(key, **values) if values else texts(key), key


@pytest.mark.parametrize(("prefix", "codes"), [
    ("refusal.", get_args(RefusalCode)),
    ("finding.", get_args(FindingCode)),
    ("alert.", get_args(AlertCode)),
    ("cue.builtin.", tuple(BUILTIN_CUES)),
    ("status.", tuple(status.value for status in RunStatus)),
    ("phase.", ("running", "warning", "over", "overrun", "held")),
])
def test_every_code_the_domain_hands_out_has_words(prefix, codes):
    assert codes
    for code in codes:
        assert f"{prefix}{code}" in CATALOGS["zh"], code


def test_refusals_are_said_in_each_language_with_their_values():
    assert Texts("zh").reason(refuse("unknown_segment", id="coat")) == "没有环节“coat”"
    assert Texts("en").reason(refuse("unknown_segment", id="coat")) == 'no segment "coat"'
    nested = refuse("action_refused", reason=refuse("no_skip"))
    assert Texts("zh").reason(nested) == "提词已发送，但动作未执行：没有可跳过的下一个环节"
    assert Texts("en").reason(nested) == "cue sent, but its action was refused: there is no next segment to skip"
    not_pending = refuse("not_pending", id="open", status=("status.running",))
    assert Texts("zh").reason(not_pending) == "环节“open”进行中，不是待开始状态"
    assert Texts("en").reason(not_pending) == 'segment "open" is running, not pending'
    assert refuse("cue_sequence", cue=3, expected=2) == refuse("cue_sequence", cue=3, expected=2)


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="fr"):
        Texts("fr")


@pytest.mark.parametrize(("lang", "drift", "words"), [
    ("zh", 0.5, "按计划"), ("zh", 80, "落后 +1:20"), ("zh", -45, "领先 0:45"),
    ("en", -0.9, "on plan"), ("en", 80, "behind +1:20"), ("en", -45, "ahead 0:45"),
])
def test_drift_is_said_one_way(lang, drift, words):
    assert drift_words(Texts(lang), drift) == words


def test_verdicts_are_said_one_way():
    zh, en = Texts("zh"), Texts("en")
    assert verdict_words(zh, Verdict(VerdictKind.over, 110)) == "超时 +1:50"
    assert verdict_words(en, Verdict(VerdictKind.under, -40)) == "under −0:40"
    assert verdict_words(en, Verdict(VerdictKind.on_time, 5)) == "on time"
    assert verdict_words(en, Verdict(VerdictKind.on_time, 5), compact=True) == "✓"
    assert verdict_words(zh, Verdict(VerdictKind.over, 110), compact=True) == "+1:50"


def test_built_in_cues_are_said_in_the_asked_language(small_plan):
    assert small_plan.cue_for("wrap_up", "zh")[0] == "收尾"
    assert small_plan.cue_for("wrap_up", Texts("en")) == ("Wrap up", BUILTIN_CUES["wrap_up"])
    assert small_plan.cue_for("1", "en")[0] == "上链接"  # a preset is the plan's own words
    assert small_plan.cue_for("nope", "en") is None


def test_every_display_phase_has_a_look_on_the_console():
    from rhythm_console.ui.format import PHASE_CLASSES, phase_class

    assert {phase_class(phase) for phase in DisplayPhase} == set(PHASE_CLASSES)


def test_a_plans_locale_picks_its_catalog():
    from rhythm_console.i18n import lang_for_locale

    assert [lang_for_locale(locale) for locale in ("zh-CN", "en-US", "en", "fr-FR")] == ["zh", "en", "en", "zh"]


def test_one_list_joiner_for_keys_and_for_outside_words():
    assert Texts("zh").listed(["小林", "阿杰"]) == "小林、阿杰"
    assert Texts("en").listed(["Lin", "Jie"]) == "Lin, Jie"
    assert Texts("zh")("finding.ended_not_run", count=2, titles=["开场", "收尾"]) == "提前结束：2 段没有播（开场、收尾）"
    assert Texts("en")("finding.ended_not_run", count=2, titles=["Opening", "Close"]).endswith("(Opening, Close)")
    assert Texts("zh").who("host", ["小美", "小林"]) == "主播（小美、小林）"
    assert Texts("en").who("assistant", []) == Texts("en")("role.assistant")
