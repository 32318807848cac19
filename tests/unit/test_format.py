"""How the screens cut a line that does not fit."""


def test_a_clipped_line_ends_at_its_last_character_that_fits():
    from rich.text import Text

    from rhythm_console.ui.format import clip

    assert clip(Text("主推① 双面羊毛大衣"), 13).plain == "主推① 双面羊…"  # Rich's own: "主推① 双面羊 …"
    assert clip(Text("开场暖场 · 福利预告"), 14).plain == "开场暖场 · 福…"
    assert clip(Text("开场 暖场"), 6).plain == "开场…"  # no space left before the ellipsis
    assert clip(Text("short"), 10).plain == "short" and clip(Text("abc"), 1).plain == "…"
    assert clip(Text("上链接"), 5).cell_len <= 5
