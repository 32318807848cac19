"""Import and export of the team's 直播脚本 spreadsheet.

    python benchmarks/spreadsheet.py

Prints `name: value unit` lines: wall seconds to import a generated 500-row, 14-column .xlsx script (title rows
above the header, two rows per product with merged 环节 cells) and the same as .csv, and to export a
500-segment plan to .xlsx and .csv (each the best of three; openpyxl's own import counted once, outside).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import openpyxl

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from rhythm_console.errors import UserError  # noqa: E402
from rhythm_console.plan import Plan  # noqa: E402
from rhythm_console.spreadsheet.exporter import export_script  # noqa: E402
from rhythm_console.spreadsheet.importer import import_script  # noqa: E402
from tests.support.hostile_sheets import a_million_rows, merged_over_a_million_rows  # noqa: E402

GROWTH = (625, 2_500, 10_000)
HEADER = ["序号", "时间段", "环节", "商品", "链接号", "日常价", "到手价", "优惠", "库存", "卖点", "主播话术", "助播", "中控", "备注"]


def script(path: Path, rows: int = 500) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "脚本"
    sheet.append(["压测专场 · 直播脚本"])
    sheet.append(["直播日期：2026年11月28日"])
    sheet.append(HEADER)
    minute = 0
    for index in range(rows // 2):
        start, end = minute, minute + 4
        minute = end
        times = "-".join(f"{(20 * 60 + at) // 60 % 24:02d}:{at % 60:02d}" for at in (start, end))  # passes midnight
        sheet.append([index + 1, times, f"第{index + 1}款讲解", f"商品{index}", f"{index}号", "199元", "¥99",
                      "满300减40", f"剩{index + 10}件", "面料好；版型好", "上身展示", "递样衣", "上链接", "注意灯光"])
        sheet.append([None, None, None, None, None, None, None, None, None, None, "面料特写", None, None, None])
        row = sheet.max_row
        sheet.merge_cells(f"C{row - 1}:C{row}")
    book.save(path)


def plan(segments: int = 500) -> Plan:
    return Plan.model_validate({"show": {"title": "压测专场", "starts_at": "2026-11-28T20:00:00+08:00"}, "segments": [
        {"id": f"s{i}", "kind": "product", "title": f"第{i}款", "duration": 240, "talking_points": ["上身展示", "面料特写"],
         "lines": {"assistant": ["递样衣"]},
         "product": {"name": f"商品{i}", "price": 99, "list_price": 199, "stock": 10, "selling_points": ["面料好"]}}
        for i in range(segments)]})


def best(action, times: int = 3) -> float:
    results = []
    for _ in range(times):
        started = time.perf_counter()
        action()
        results.append(time.perf_counter() - started)
    return min(results)


def bare_read(path: Path) -> None:
    """The floor: openpyxl's own read-only load of every cell's value, nothing made of them."""
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for _ in book.active.iter_rows(values_only=True):
        pass
    book.close()


def growth(folder: Path) -> None:
    """Import at 1x, 4x and 16x rows: the cost per row should stay flat (linear), near the bare read's."""
    for rows in GROWTH:
        path = folder / f"growth-{rows}.xlsx"
        script(path, rows)
        ours = best(lambda: import_script(path), times=2)
        floor = best(lambda: bare_read(path), times=2)
        print(f"import_{rows}_rows_xlsx: {ours:.3f} s")
        print(f"import_{rows}_rows_xlsx_per_row: {ours / rows * 1e6:.0f} us")
        print(f"import_{rows}_rows_xlsx_floor: {floor:.3f} s")
        print(f"import_{rows}_rows_xlsx_ratio: {ours / floor:.2f} x")


def hostile(folder: Path) -> None:
    """How fast sheets beyond the limits are refused (they used to take minutes and gigabytes)."""
    for name, make in (("merged_million_rows", merged_over_a_million_rows), ("million_rows", a_million_rows)):
        path = folder / f"{name}.xlsx"
        make(path)
        started = time.perf_counter()
        try:
            import_script(path)
        except UserError:
            pass
        print(f"refuse_{name}: {time.perf_counter() - started:.3f} s ({path.stat().st_size / 1024:.0f} KiB file)")


def main() -> None:
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        script(folder / "script.xlsx")
        export_script(plan(2), folder / "warm.xlsx")  # openpyxl's import, once
        result = import_script(folder / "script.xlsx")
        assert result.segments == 250 and not result.problems, result.problems
        print(f"import_500_rows_xlsx: {best(lambda: import_script(folder / 'script.xlsx')):.3f} s")
        big = plan()
        export_script(big, folder / "plan.csv")
        print(f"import_500_segments_csv: {best(lambda: import_script(folder / 'plan.csv')):.3f} s")
        print(f"export_500_segments_xlsx: {best(lambda: export_script(big, folder / 'out.xlsx')):.3f} s")
        print(f"export_500_segments_csv: {best(lambda: export_script(big, folder / 'out.csv')):.3f} s")
        growth(folder)
        hostile(folder)


if __name__ == "__main__":
    main()
