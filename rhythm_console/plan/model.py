"""The run-of-show's pydantic model: a plan is data only."""

from __future__ import annotations

import re
from datetime import datetime, tzinfo
from enum import Enum
from typing import Annotated, Literal

from pydantic import (
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidatorFunctionWrapHandler,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from rhythm_console import vocabulary
from rhythm_console.audience.lexicon import DEFAULT_IDS, CategorySettings, Kind, Lexicon, build_lexicon
from rhythm_console.i18n import Texts
from rhythm_console.plan.values import (
    Count,
    Duration,
    Fraction,
    Money,
    NonNegativeDuration,
    Number,
    PositiveDuration,
    PresetKey,
    Price,
    Strict,
    Tolerance,
    ToleranceValue,
    worded,
)


class Locale(str, Enum):
    zh_CN = "zh-CN"
    en = "en"


class Goals(Strict):
    peak_online: Count | None = Field(default=None, description="peak online viewers")
    gmv: Money | None = Field(default=None, description="gross merchandise value, yuan")
    orders: Count | None = None
    interaction_rate: Fraction | None = None
    new_followers: Count | None = None
    conversion_rate: Fraction | None = Field(default=None, description="orders per product click")


class Show(Strict):
    title: str = Field(min_length=1)
    theme: str | None = None
    starts_at: datetime | None = Field(default=None, description="with a time zone, e.g. 2026-11-28T20:00:00+08:00")
    locale: Annotated[Locale, *worded("locale")] = Locale.zh_CN
    audience: str | None = Field(default=None, description="target audience")
    goals: Goals = Goals()

    @field_validator("starts_at")
    @classmethod
    def _needs_zone(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise PydanticCustomError("plan_starts_at_zone", "starts_at needs a time zone, e.g. 2026-11-28T20:00:00+08:00")
        return value


Role = Annotated[Literal["manager", "host", "assistant", "ops"], *worded("role")]


# How teams write several people in one field: 小美/小林, 小美、小林, 小美, 小林, 小美和小林.
_NAME_SEPARATORS = re.compile(r"\s*(?:[/、,，&＆+]|和)\s*")


class Team(Strict):
    manager: str | None = None
    host: str | None = None
    assistants: list[str] = []
    ops: list[str] = []

    def people(self, role: str) -> list[str]:
        """The names the team gives a role (none when it does not say); `host: 小美/小林` names two."""
        match role:
            case "manager":
                return [self.manager] if self.manager else []
            case "host":
                return [name for name in _NAME_SEPARATORS.split(self.host) if name] if self.host else []
            case "assistant":
                return [name for name in self.assistants if name]
            case "ops":
                return [name for name in self.ops if name]
        return []


class HoldTarget(Strict):
    """憋单 (holding the link): the link stays down until the room reaches `online` viewers, or until `longest`
    has passed in the segment, whichever comes first."""

    online: Count | None = Field(default=None, description="put the link up once this many viewers are online")
    longest: PositiveDuration | None = Field(default=None, description="put it up after this long whatever the room; "
                                             "without it, at the segment's planned end")


class Defaults(Strict):
    tolerance: ToleranceValue = Tolerance()
    warning: NonNegativeDuration = Field(default=60.0, description="how long before a segment's planned end it turns to warning")
    max_on_air: PositiveDuration = Field(default=90 * 60.0, description="longest time one person should be on air "
                                         "without a break segment (check warns beyond it)")
    hold: HoldTarget = Field(default=HoldTarget(), description="what a 憋单 (hold) segment that names no target holds for")


class SegmentKind(str, Enum):
    opening = "opening"
    product = "product"
    interaction = "interaction"
    lottery = "lottery"
    qa = "qa"
    break_ = "break"
    closing = "closing"
    flash_sale = "flash_sale"  # 秒杀: a product at a price for a few minutes, its link up only then
    hold = "hold"  # 憋单: the link held back until a target online or a time
    revisit = "revisit"  # 返场: several products shown again
    custom = "custom"


# Kinds that sell one product: they need one, and its link goes up while they run.
SELLING_KINDS = frozenset({SegmentKind.product, SegmentKind.flash_sale, SegmentKind.hold})


class Product(Strict):
    sku: str | None = None
    link_no: Count | None = Field(default=None, description="its link number in the shop window (链接号), e.g. 3")
    name: str = Field(min_length=1)
    price: Price
    list_price: Price | None = Field(default=None, description="crossed-out price")
    stock: Count | None = None
    selling_points: list[str] = []
    offer: str | None = Field(default=None, description="the deal: 优惠/机制, e.g. 满 300 减 40")
    gift: str | None = Field(default=None, description="what comes free with it (赠品)")


class Interaction(Strict):
    type: Annotated[Literal["lottery", "coupon", "comment_prompt", "poll", "other"], *worded("interaction")] = "other"
    description: str | None = None
    prize: str | None = None
    coupon: str | None = None
    prompt: str | None = Field(default=None, description="what viewers are asked to comment")


def _cue_name(value: object) -> object:
    # A built-in cue may be named as the screen shows it (准备过款); anything else is a preset key,
    # checked against the plan's presets once the whole plan is read.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return vocabulary.code_for("cue", value) or value


CueName = Annotated[str, BeforeValidator(_cue_name), Field(max_length=40), WithJsonSchema({"anyOf": [
    {"enum": vocabulary.spellings("cue")}, {"type": "string", "pattern": "^[1-9]$", "description": "a cue preset key"}]})]


class SegmentCues(Strict):
    """Cues that fire by themselves, so the host is told even when the manager is busy."""

    on_warning: CueName | None = Field(default=None, description="a cue preset key, or a built-in cue name")
    on_over: CueName | None = None


SEGMENT_ID_PATTERN = r"^[A-Za-z0-9_\-\u4e00-\u9fff]+$"


class Segment(Strict):
    id: str = Field(pattern=SEGMENT_ID_PATTERN, max_length=40)
    kind: Annotated[SegmentKind, *worded("kind")]
    title: str = Field(min_length=1)
    duration: PositiveDuration
    tolerance: ToleranceValue | None = None
    owner: Role = "host"
    talking_points: list[str] = []
    lines: dict[Role, list[str]] = Field(default={}, description="what other roles say or do in it (助播, 场控, 运营), "
                                         "so each one's brief lists its part")
    product: Product | None = None
    interaction: Interaction | None = None
    cues: SegmentCues | None = None
    hold: HoldTarget | None = Field(default=None, description="憋单: when the link goes up (else defaults.hold)")
    revisit: list[str] = Field(default=[], description="返场: the names of the products shown again "
                               "(else every product before it)")
    props: list[str] = Field(default=[], description="props the assistant has ready for it (道具)")
    samples: list[str] = Field(default=[], description="samples the assistant has ready for it (样品)")
    notes: str | None = None


class CueLevel(str, Enum):
    info = "info"
    warn = "warn"
    urgent = "urgent"


class CueAction(str, Enum):
    advance = "advance"
    extend = "extend"
    skip_next = "skip_next"


class CuePreset(Strict):
    key: PresetKey = Field(description="the console key that sends it, 1-9")
    text: str = Field(min_length=1)
    level: Annotated[CueLevel, *worded("level")] = CueLevel.info
    action: Annotated[CueAction, *worded("action")] | None = None
    by: Duration | None = Field(default=None, description="for action extend: by how much (negative shortens)")

    @model_validator(mode="after")
    def _extend_needs_amount(self) -> CuePreset:
        if self.action is CueAction.extend and not self.by:
            raise PydanticCustomError("plan_extend_needs_by", "action extend needs 'by', e.g. by: 2m")
        if self.action is not CueAction.extend and self.by is not None:
            raise PydanticCustomError("plan_by_without_extend", "'by' only goes with action: extend")
        return self


class Contingency(Strict):
    id: str = Field(pattern=SEGMENT_ID_PATTERN)
    title: str = Field(min_length=1)
    trigger: str = Field(min_length=1, description="when to use it")
    steps: list[str] = Field(min_length=1)
    insert: Segment | None = Field(default=None, description="a segment to insert after the current one")


class Metric(str, Enum):
    """Metrics the advisor can watch (see docs/metrics.md for each formula)."""

    online = "online"
    interaction_rate = "interaction_rate"
    comments_per_min = "comments_per_min"
    likes_per_min = "likes_per_min"
    entries_per_min = "entries_per_min"
    follows_per_min = "follows_per_min"
    product_clicks_per_min = "product_clicks_per_min"
    ctr = "ctr"
    orders_per_min = "orders_per_min"
    gmv_per_min = "gmv_per_min"
    conversion = "conversion"


class AudienceMetric(str):
    """audience.<category>_per_min: a comment category's rate as a rule's metric (names like Metric's values)."""

    PATTERN = re.compile(r"^audience\.[a-z][a-z0-9_]{0,39}_per_min$")

    @property
    def value(self) -> str:
        return str(self)


class Comparison(str, Enum):
    below = "<"
    at_most = "<="
    above = ">"
    at_least = ">="
    falls_by = "falls_by"
    rises_by = "rises_by"


class Rule(Strict):
    id: str = Field(pattern=SEGMENT_ID_PATTERN)
    metric: Annotated[Metric, *worded("metric"), PlainSerializer(lambda metric: metric.value, return_type=str)]
    comparison: Annotated[Comparison, *worded("comparison")]
    threshold: Number = Field(description="a value; for falls_by/rises_by a percentage of change over 'for'")
    for_: PositiveDuration = Field(default=60.0, alias="for", description="how long it must hold")
    kinds: list[Annotated[SegmentKind, *worded("kind")]] = Field(default=[], description="segment kinds it applies to; empty means all")
    suggest: CueName = Field(description="a cue preset key or a built-in cue name")
    message: str | None = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, allow_inf_nan=False)

    @field_validator("metric", mode="wrap")
    @classmethod
    def _audience_metric(cls, value: object, handler: ValidatorFunctionWrapHandler) -> object:
        # Comment categories come from the plan itself, so their metrics cannot be one fixed list.
        if isinstance(value, str) and AudienceMetric.PATTERN.match(value):
            return AudienceMetric(value)
        return handler(value)


BUILTIN_CUES: dict[str, CueLevel] = {
    # name: level; each one's words are the catalog's cue.builtin.<name>
    "speed_up": CueLevel.warn,
    "slow_down": CueLevel.info,
    "add_interaction": CueLevel.warn,
    "push_link": CueLevel.urgent,
    "next_product": CueLevel.info,
    "wrap_up": CueLevel.urgent,
    "lucky_bag": CueLevel.urgent,
    "keep_going": CueLevel.info,
}

AUDIENCE_CUE = "audience:"  # a suggested cue named by a comment category, e.g. audience:size_questions


class AdvisorSettings(Strict):
    disable: list[Annotated[Literal["interaction-falling", "viewers-drop", "clicks-rising", "overrun",
                                              "tech-complaints", "questions-rising", "rhythm-complaints"],
                            *worded("advice")]] = Field(
        default=[], description="built-in advice to switch off")


# ------------------------------------------------------------ the audience's voice and wording (合规)

CATEGORY_ID_PATTERN = r"^[a-z][a-z0-9_]*$"


class AudienceCategory(Strict):
    """A comment category: one of the shipped ones (price_questions, size_questions, shipping_questions,
    material_questions, discount_questions, rhythm_complaints, tech_complaints, buy_signals) changed, or a new one."""

    id: str = Field(pattern=CATEGORY_ID_PATTERN, max_length=40, description="its metric is audience.<id>_per_min")
    kind: Kind | None = Field(default=None, description="question, rhythm_complaint, tech_complaint, buy_signal or other; "
                                                        "a new category without one is other")
    label: str | None = Field(default=None, max_length=20, description="its name on screen and in the report")
    phrases: list[str] = Field(default=[], description="phrases that put a comment in it")
    not_when: list[str] = Field(default=[], description="look-alikes that do not, e.g. 卡其色 for 卡")
    replace: bool = Field(default=False, description="these phrases instead of the shipped ones")
    suggest: str | None = Field(default=None, max_length=40, description="the cue it suggests, e.g. 回答尺码问题")


class AudienceSettings(Strict):
    replace_defaults: bool = Field(default=False, description="only the plan's categories, none of the shipped ones")
    categories: list[AudienceCategory] = []

    def lexicon(self) -> Lexicon:
        return build_lexicon([CategorySettings(c.id, c.kind, tuple(c.phrases), tuple(c.not_when), c.replace, c.label,
                                               c.suggest) for c in self.categories], self.replace_defaults)

    def category_ids(self) -> set[str]:
        return {c.id for c in self.categories} | (set() if self.replace_defaults else set(DEFAULT_IDS))


class ComplianceWord(Strict):
    word: str = Field(min_length=1, max_length=40)
    category: Literal["absolute", "exaggerated", "medical", "pressure", "off_platform", "vulgar"] = "absolute"
    severity: Literal["low", "medium", "high"] = "medium"
    say: str | None = Field(default=None, max_length=40, description="what to say instead")


class ComplianceSettings(Strict):
    words: list[ComplianceWord] = Field(default=[], description="words to warn about besides the shipped ones")
    allowed: list[str] = Field(default=[], description="words never warned about, e.g. a brand's registered name")


class ChecklistItem(Strict):
    """One thing to get ready before the stream (产品准备, 技术测试, ...); ticked on the console's pre-show screen."""

    text: str = Field(min_length=1)
    owner: Role = "manager"
    due: NonNegativeDuration | None = Field(default=None, description="how long before the start it must be done, e.g. 30m")
    blocking: bool = Field(default=False, description="starting the show with it open asks the manager to confirm")


class Plan(Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, allow_inf_nan=False)

    schema_: str | None = Field(default=None, alias="$schema", description="ignored; lets editors find the schema")
    show: Show
    team: Team = Team()
    defaults: Defaults = Defaults()
    segments: list[Segment] = Field(min_length=1)
    cue_presets: list[CuePreset] = []
    contingencies: list[Contingency] = []
    rules: list[Rule] = []
    advisor: AdvisorSettings = AdvisorSettings()
    audience: AudienceSettings = AudienceSettings()
    compliance: ComplianceSettings = ComplianceSettings()
    checklist: list[ChecklistItem] = []

    @property
    def zone(self) -> tzinfo | None:
        """The show's own time zone (its starts_at's); None means the machine's. Screens and reports
        show times of day in it, so a 20:00+08:00 show reads 20:00 on a machine set to UTC."""
        return self.show.starts_at.tzinfo if self.show.starts_at is not None else None

    @property
    def planned_total(self) -> float:
        return sum(segment.duration for segment in self.segments)

    def tolerance_for(self, segment: Segment) -> Tolerance:
        return segment.tolerance or self.defaults.tolerance

    def hold_for(self, segment: Segment) -> HoldTarget | None:
        """A 憋单's target: its own, else the plan's default; None for other kinds."""
        if segment.kind is not SegmentKind.hold:
            return None
        return segment.hold or self.defaults.hold

    def revisited(self, segment: Segment) -> list[Product]:
        """A 返场's products: those it names, else every product shown before it (each once)."""
        if segment.kind is not SegmentKind.revisit:
            return []
        earlier: dict[str, Product] = {}
        for other in self.segments:
            if other is segment:
                break
            if other.product is not None:
                earlier.setdefault(other.product.name, other.product)
        if not segment.revisit:
            return list(earlier.values())
        every = {other.product.name: other.product for other in self.segments if other.product is not None}
        return [every[name] for name in segment.revisit if name in every]

    def preset(self, key: str) -> CuePreset | None:
        return next((preset for preset in self.cue_presets if preset.key == key), None)

    def cue_for(self, name: str, texts: Texts | str) -> tuple[str, CueLevel] | None:
        """Text and level of a cue named by preset key or built-in name (said in `texts`, or in a language)."""
        preset = self.preset(name)
        if preset is not None:
            return preset.text, preset.level
        if name in BUILTIN_CUES:
            words = texts if isinstance(texts, Texts) else Texts(texts)
            return words(f"cue.builtin.{name}"), BUILTIN_CUES[name]
        if name.startswith(AUDIENCE_CUE):
            return self._audience_cue(name.removeprefix(AUDIENCE_CUE), texts)
        return None

    def _audience_cue(self, category_id: str, texts: Texts | str) -> tuple[str, CueLevel] | None:
        """The cue a comment category suggests: the plan's words, else the catalog's for a shipped one."""
        words = texts if isinstance(texts, Texts) else Texts(texts)
        own = next((c for c in self.audience.categories if c.id == category_id and c.suggest), None)
        level = CueLevel.urgent if category_id == "tech_complaints" else CueLevel.warn
        if own is not None:
            return own.suggest, level
        key = f"audience.cue.{category_id}"
        if words.has(key):
            return words(key), level
        label = next((c.label for c in self.audience.categories if c.id == category_id and c.label), category_id)
        return words("audience.cue.answer", topic=label), level


