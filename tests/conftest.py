from __future__ import annotations

from collections.abc import Iterator

import pytest

from rhythm_console.i18n import speaking
from rhythm_console.plan import Plan, load_plan, parse_plan
from tests.support.plans import PLANS, SMALL_PLAN


@pytest.fixture
def small_plan() -> Plan:
    """Four segments: 5m, 10m, 3m, 2m = 20 minutes; tolerance 30s; warning 1m."""
    return parse_plan(SMALL_PLAN, "small.yaml")


@pytest.fixture
def demo_plan() -> Plan:
    return load_plan(PLANS / "demo.yaml")


@pytest.fixture
def english() -> Iterator[None]:
    """The test runs as a command speaking English (`--lang en`): messages worded when said are English
    (outside a command they are Chinese). A `main([...])` inside speaks its own language."""
    with speaking("en"):
        yield
