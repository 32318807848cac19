"""`export` then `import` gives the same plan back: a property over generated plans, in .xlsx and .csv."""

from __future__ import annotations

import datetime as dt

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rhythm_console import vocabulary
from rhythm_console.plan import SELLING_KINDS, Plan, load_plan, parse_plan
from rhythm_console.spreadsheet.columns import END_WORDS, PLACEHOLDERS
from rhythm_console.spreadsheet.exporter import export_script
from rhythm_console.spreadsheet.importer import import_script
from tests.support.plans import ROOT

PLANS = ROOT / "plans"

WORD = st.text(alphabet=st.sampled_from("羊毛大衣围巾福袋开场讲解面料尺码abcXYZ"), min_size=1, max_size=6)
TEXT = st.lists(WORD, min_size=1, max_size=3).map(" ".join).filter(
    lambda text: text.casefold() not in PLACEHOLDERS and text.replace(" ", "").casefold() not in END_WORDS)
LINES = st.lists(TEXT, max_size=3)
SELLING = {kind.value for kind in SELLING_KINDS}
PRICE = st.one_of(st.integers(0, 99_999), st.integers(0, 999_999).map(lambda cents: cents / 100))


@st.composite
def segments(draw, index: int) -> dict:
    kind = draw(st.sampled_from(["opening", "product", "interaction", "lottery", "qa", "break", "closing", "custom",
                                 "flash_sale", "hold", "revisit"]))
    sells = kind in ("product", "flash_sale") or (kind == "hold" and draw(st.booleans()))
    # A title that is only a selling kind's word (讲解) is completed with its product's name on import.
    title = draw(TEXT.filter(lambda text: not sells or vocabulary.code_for("kind", text) not in SELLING))
    segment = {"id": f"s{index}-{draw(st.sampled_from(['a', 'bb', 'x1']))}", "kind": kind, "title": title,
               "duration": draw(st.integers(1, 3 * 3600))}
    if draw(st.booleans()):
        segment["owner"] = draw(st.sampled_from(["manager", "host", "assistant", "ops"]))
    segment["talking_points"] = draw(LINES)
    segment["lines"] = draw(st.dictionaries(st.sampled_from(["assistant", "manager", "ops"]),
                                            st.lists(TEXT, min_size=1, max_size=2), max_size=2))
    if sells:
        product = {"name": draw(TEXT), "price": draw(PRICE), "selling_points": draw(LINES)}
        for key, value in (("sku", st.from_regex(r"[A-Z]{2}-[0-9]{2}", fullmatch=True)), ("list_price", PRICE),
                           ("link_no", st.integers(1, 99)),
                           ("stock", st.integers(0, 5000)), ("offer", TEXT), ("gift", TEXT)):
            if draw(st.booleans()):
                product[key] = draw(value)
        segment["product"] = product
    interaction = {key: draw(TEXT) for key in ("prize", "coupon", "prompt")
                   if not sells or key == "prompt" if draw(st.booleans())}
    if interaction:  # the kind of interaction a script carries: a lottery's, else one that asks for comments
        interaction["type"] = "lottery" if kind == "lottery" else "comment_prompt" if "prompt" in interaction else "other"
        segment["interaction"] = interaction
    if kind == "hold" and draw(st.booleans()):
        segment["hold"] = draw(st.one_of(st.fixed_dictionaries({"online": st.integers(0, 50_000)}),
                                         st.fixed_dictionaries({"longest": st.integers(1, 3600)}),
                                         st.fixed_dictionaries({"online": st.integers(0, 50_000),
                                                                "longest": st.integers(1, 3600)})))
    for key in ("props", "samples"):
        segment[key] = draw(st.lists(WORD, max_size=3))
    if draw(st.booleans()):
        segment["notes"] = "\n".join(draw(st.lists(TEXT, min_size=1, max_size=2)))
    return segment


@st.composite
def plans(draw) -> Plan:
    count = draw(st.integers(1, 6))
    show = {"title": draw(TEXT), "locale": draw(st.sampled_from(["zh-CN", "en"]))}
    if draw(st.booleans()):
        zone = dt.timezone(dt.timedelta(hours=draw(st.sampled_from([8, 0, -5]))))
        show["starts_at"] = dt.datetime(2026, 11, draw(st.integers(1, 28)), draw(st.integers(0, 23)),
                                        draw(st.integers(0, 59)), tzinfo=zone)
    drawn = [draw(segments(i)) for i in range(count)]
    names = [segment["product"]["name"] for segment in drawn if "product" in segment]
    for segment in drawn:  # a 返场 names products the plan sells
        if segment["kind"] == "revisit" and names:
            segment["revisit"] = draw(st.lists(st.sampled_from(names), unique=True, max_size=3))
    team = draw(st.fixed_dictionaries({}, optional={"manager": WORD, "host": WORD,
                                                     "assistants": st.lists(WORD, min_size=1, max_size=2, unique=True),
                                                     "ops": st.lists(WORD, min_size=1, max_size=2, unique=True)}))
    return Plan.model_validate({"show": show, "team": team, "segments": drawn})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=plans(), suffix=st.sampled_from([".xlsx", ".csv"]))
def test_import_of_an_export_is_the_same_plan(tmp_path, plan, suffix):
    path = tmp_path / f"script{suffix}"
    export_script(plan, path)
    result = import_script(path)
    assert result.problems == []
    assert parse_plan(result.yaml, "back.yaml") == plan


def test_the_demo_plan_comes_back_in_everything_a_script_carries(tmp_path):
    plan = load_plan(PLANS / "demo.yaml")
    export_script(plan, tmp_path / "demo.xlsx")
    back = parse_plan(import_script(tmp_path / "demo.xlsx").yaml, "back.yaml")
    assert [s.model_dump(include={"id", "kind", "title", "duration", "talking_points", "product", "notes"})
            for s in back.segments] == [
        s.model_dump(include={"id", "kind", "title", "duration", "talking_points", "product", "notes"})
        for s in plan.segments]
    assert back.show.starts_at == plan.show.starts_at


def test_the_exported_sheet_is_one_a_team_would_print(tmp_path):
    export_script(load_plan(PLANS / "demo.yaml"), tmp_path / "demo.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "demo.xlsx").active
    assert sheet["A1"].value == "暖冬上新专场 · 羊毛大衣节"
    header = [cell.value for cell in sheet[4]]
    assert header[:5] == ["序号", "时间", "时长", "类型", "环节"]
    assert all(cell.font.bold for cell in sheet[4])
    assert sheet.freeze_panes == "F5"
    assert sheet["B5"].value == "20:00-20:06" and sheet["D5"].value == "开场"
    assert sheet["D5"].fill.fgColor.rgb != sheet["D6"].fill.fgColor.rgb  # kinds coloured
    assert sheet["G5"].alignment.wrap_text and sheet.column_dimensions["G"].width > 20


def test_export_measures_the_sheet_a_bounded_number_of_times(tmp_path, monkeypatch):
    """Each segment's row was fetched with sheet[n], which measures the whole sheet: 10,000 segments took minutes."""
    from openpyxl.worksheet.worksheet import Worksheet

    measured = []
    original = Worksheet.max_column.fget
    monkeypatch.setattr(Worksheet, "max_column", property(lambda sheet: measured.append(1) or original(sheet)))
    segments = "".join(f"  - {{id: s{i}, kind: product, title: 讲品{i}, duration: 1m, product: {{name: 品{i}, price: 9}}}}\n"
                       for i in range(300))
    plan = tmp_path / "p.yaml"
    plan.write_text("show: {title: 大计划}\nsegments:\n" + segments, encoding="utf-8")
    export_script(load_plan(plan), tmp_path / "p.xlsx")
    assert len(measured) < 20
    assert openpyxl.load_workbook(tmp_path / "p.xlsx").active.max_row > 300
