"""Reading plans, large and hostile.

    python benchmarks/plan_load.py

Prints `name: value unit` lines: CPU seconds to load a 10,000-segment plan (with and without the garbage
collector paused, to show why read_document pauses it), and to refuse an alias bomb, a self-referencing
alias, 5,000 levels of nesting and a duration of 20,000 spaces.
"""

from __future__ import annotations

import gc
import time
from pathlib import Path

import yaml

from rhythm_console.errors import PlanError
from rhythm_console.plan import parse_plan

SEGMENT = "  - {{id: s{i}, kind: 讲解, title: 第{i}款, duration: 10s, product: {{name: 品{i}, price: ¥99, stock: 10}}, " \
          "talking_points: [上身展示, 面料特写]}}\n"
LARGE = "show: {title: big}\nsegments:\n" + "".join(SEGMENT.format(i=i) for i in range(10_000))


def _bomb() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]" for previous, name in zip("abcdefgh", "bcdefghi", strict=True)]
    return "show: {title: x}\nsegments: []\nnotes:\n" + "".join(f"  {line}\n" for line in lines)


HOSTILE = {
    "alias_bomb": _bomb(),
    "self_alias": "show: {title: x}\nsegments: &s [*s]\n",
    "nesting_5000": "show: {title: x}\nsegments: " + "[" * 5000 + "]" * 5000 + "\n",
    "duration_20000_spaces": 'show: {title: x}\nsegments: [{id: a, kind: opening, title: A, duration: "'
                             + " " * 20000 + 'x"}]\n',
}


def _cpu(action) -> float:
    start = time.process_time()
    action()
    return time.process_time() - start


def _refused(text: str) -> None:
    try:
        parse_plan(text)
    except PlanError:
        return
    raise AssertionError("a hostile plan was accepted")


def wording_check_ms() -> float:
    """What the wording check (合规) adds to `check` of the demo plan: the checker built and every text read."""
    from rhythm_console.plan import load_plan
    from rhythm_console.plan.wording_check import wording_warnings

    plan = load_plan(Path(__file__).resolve().parent.parent / "plans" / "demo.yaml")
    return min(_cpu(lambda: list(wording_warnings(plan, "zh"))) for _ in range(5)) * 1000


def main() -> None:
    print(f"wording_check_demo_plan: {wording_check_ms():.1f} ms")
    print(f"plan_load_10000_segments: {min(_cpu(lambda: parse_plan(LARGE)) for _ in range(3)):.2f} s")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    gc.enable()
    print(f"yaml_compose_10000_segments_gc_on: {_cpu(lambda: loader(LARGE).get_single_node()):.2f} s")
    gc.disable()
    print(f"yaml_compose_10000_segments_gc_paused: {_cpu(lambda: loader(LARGE).get_single_node()):.2f} s")
    gc.enable()
    for name, text in HOSTILE.items():
        print(f"refuse_{name}: {_cpu(lambda text=text: _refused(text)) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
