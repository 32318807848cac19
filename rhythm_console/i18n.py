"""Every UI label, in zh-CN and en: the one catalog."""

from __future__ import annotations

CATALOG: dict[str, tuple[str, str]] = {
    # key: (zh-CN, en)
    "app.title": ("节奏控场台", "Rhythm Console"),
    "header.not_started": ("未开播", "not started"),
    "header.live": ("直播", "LIVE"),
    "header.ended": ("已结束", "ended"),
    "header.held": ("暂停中", "ON HOLD"),
    "header.elapsed": ("已播", "elapsed"),
    "header.on_plan": ("按计划", "on plan"),
    "header.behind": ("落后", "behind"),
    "header.ahead": ("领先", "ahead"),
    "header.projected": ("预计/计划结束", "end est./plan"),
    "header.ends": ("预计结束", "ends"),
    "header.planned": ("计划", "plan"),
    "header.left": ("剩余", "left"),
    "rundown.title": ("节目单", "Run-of-show"),
    "rundown.col.segment": ("环节", "Segment"),
    "rundown.col.planned": ("计划", "Plan"),
    "rundown.col.actual": ("实际", "Actual"),
    "rundown.col.verdict": ("判定", "Verdict"),
    "status.pending": ("待开始", "pending"),
    "status.running": ("进行中", "running"),
    "status.done": ("已完成", "done"),
    "status.skipped": ("已跳过", "skipped"),
    "status.inserted": ("插入", "inserted"),
    "kind.opening": ("开场", "opening"),
    "kind.product": ("讲品", "product"),
    "kind.interaction": ("互动", "interaction"),
    "kind.lottery": ("福袋", "lottery"),
    "kind.qa": ("答疑", "Q&A"),
    "kind.break": ("串场", "break"),
    "kind.closing": ("收尾", "closing"),
    "kind.custom": ("其他", "custom"),
    "verdict.on_time": ("准时", "on time"),
    "verdict.over": ("超时", "over"),
    "verdict.under": ("提前", "under"),
    "current.title": ("当前环节", "Now"),
    "current.none": ("按 空格 开播", "Press space to start the show"),
    "current.between": ("环节之间 · 按 空格 开始下一个", "Between segments · space starts the next"),
    "current.all_done": ("全部环节已完成 · 按 q 结束直播", "Every segment is done · q ends the show"),
    "current.ended": ("直播已结束", "The show has ended"),
    "phase.running": ("进行中", "running"),
    "phase.warning": ("即将结束", "ending soon"),
    "phase.over": ("已超时", "OVER TIME"),
    "phase.overrun": ("严重超时", "OVER-RUNNING"),
    "phase.held": ("暂停中", "ON HOLD"),
    "current.remaining": ("剩余", "left"),
    "current.over_by": ("超出", "over by"),
    "current.budget": ("预算", "budget"),
    "current.next": ("下一个", "Next"),
    "current.none_next": ("（最后一个环节）", "(last segment)"),
    "current.points": ("话术要点", "Talking points"),
    "product.price": ("价格", "price"),
    "product.stock": ("库存", "stock"),
    "product.sold_out": ("售罄", "sold out"),
    "metric.online": ("在线人数", "Online"),
    "metric.interaction": ("互动率", "Interaction"),
    "metric.clicks": ("商品点击", "Clicks"),
    "metric.orders": ("订单/GMV", "Orders/GMV"),
    "metric.followers": ("新增关注", "Followers"),
    "metric.comments": ("评论", "comments"),
    "metric.peak": ("峰值", "peak"),
    "metric.per_min": ("/分", "/min"),
    "metric.stale": ("数据中断", "STALE"),
    "metric.no_data": ("此来源无数据", "no data from this source"),
    "metric.waiting": ("等待数据…", "waiting…"),
    "metric.retrying": ("重连中", "reconnecting"),
    "metric.malformed": ("坏数据", "bad"),
    "source.label": ("数据源", "source"),
    "source.none": ("无数据源", "no source"),
    "source.live": ("正常", "ok"),
    "source.connecting": ("连接中", "connecting"),
    "source.retrying": ("重连中", "reconnecting"),
    "source.ended": ("已读完", "ended"),
    "source.stopped": ("已停止", "stopped"),
    "source.replay": ("回放", "replay"),
    "source.malformed": ("坏数据 {n}", "{n} bad"),
    "alerts.title": ("提醒与建议", "Alerts & advice"),
    "alerts.none": ("暂无提醒", "No alerts"),
    "alerts.send": ("按 a 发送建议提词", "a sends the suggested cue"),
    "cues.title": ("提词记录", "Cue log"),
    "cues.none": ("还没有提词", "No cues yet"),
    "cues.builtins": ("F1加快 F2放慢 F3互动 F4上链接 F5过款 F6收尾",
                      "F1 faster F2 slower F3 interact F4 link F5 next F6 wrap"),
    "cue.sent": ("已发送", "sent"),
    "cue.delivered": ("已送达", "delivered"),
    "cue.acked": ("已确认", "acked"),
    "key.advance": ("下一个", "next"),
    "key.hold": ("暂停", "hold"),
    "key.extend": ("+1分", "+1m"),
    "key.shorten": ("−1分", "−1m"),
    "key.skip": ("跳过", "skip"),
    "key.reorder": ("排序", "order"),
    "key.cue": ("提词", "cue"),
    "key.playbook": ("预案", "plays"),
    "key.note": ("记录", "note"),
    "key.quit": ("退出", "quit"),
    "key.advice": ("发送建议", "send advice"),
    "dialog.cue.title": ("写提词给主播", "Cue the host"),
    "dialog.cue.placeholder": ("提词内容，回车发送", "Cue text, Enter sends"),
    "dialog.cue.level": ("级别", "Level"),
    "dialog.cue.target": ("发给", "To"),
    "dialog.cue.everyone": ("所有屏幕", "every pane"),
    "dialog.cancel_hint": ("Esc 取消", "Esc cancels"),
    "dialog.note.title": ("记录一条备注", "Add a note"),
    "dialog.note.placeholder": ("备注内容，回车保存", "Note text, Enter saves"),
    "dialog.quit.title": ("结束直播并退出？", "End the show and quit?"),
    "dialog.quit.body": ("y 或 回车 确认 · 其他键取消", "y or Enter confirms · any other key cancels"),
    "dialog.playbook.title": ("应急预案", "Contingency playbook"),
    "dialog.playbook.none": ("计划里没有应急预案", "The plan has no contingencies"),
    "dialog.playbook.trigger": ("触发", "When"),
    "dialog.playbook.steps": ("步骤", "Steps"),
    "dialog.playbook.insert": ("按 i 插入环节：", "i inserts segment: "),
    "dialog.playbook.hint": ("↑↓ 选择 · i 插入 · Esc 关闭", "↑↓ choose · i insert · Esc close"),
    "dialog.reorder.title": ("调整后续环节顺序", "Reorder upcoming segments"),
    "dialog.reorder.hint": ("↑↓ 选择 · u/d 上移/下移 · 回车 确认 · Esc 取消",
                            "↑↓ choose · u/d move up/down · Enter apply · Esc cancel"),
    "dialog.reorder.empty": ("没有可调整的环节", "No upcoming segments to reorder"),
    "level.info": ("提示", "info"),
    "level.warn": ("注意", "warn"),
    "level.urgent": ("紧急", "urgent"),
    "notify.refused": ("无法执行", "Refused"),
    "notify.inserted": ("已插入环节", "Segment inserted"),
    "notify.reordered": ("已调整顺序", "Order changed"),
    "notify.noted": ("已记录", "Noted"),
    "notify.no_advice": ("没有可发送的建议", "No suggestion to send"),
    "host.title": ("主播提词屏", "Host pane"),
    "host.waiting": ("等待场控的提词…", "Waiting for cues from the manager…"),
    "host.ack_hint": ("空格/回车 确认", "space/Enter acknowledges"),
    "host.acked": ("已确认", "acknowledged"),
    "host.earlier": ("之前的提词", "Earlier cues"),
    "host.no_segment": ("未开播", "Not started"),
    "host.ended": ("直播已结束", "The show has ended"),
    "host.between": ("环节之间", "Between segments"),
    "host.link.connecting": ("连接中", "connecting"),
    "host.link.connected": ("已连接", "connected"),
    "host.link.retrying": ("断开，重连中", "disconnected, reconnecting"),
    "host.link.refused": ("被拒绝", "refused"),
    "host.link.closed": ("已关闭", "closed"),
    "host.as": ("身份", "as"),
    "key.ack": ("确认", "acknowledge"),
    "replay.title": ("回放", "Replay"),
    "replay.playing": ("▶ 播放", "▶ playing"),
    "replay.paused": ("⏸ 暂停", "⏸ paused"),
    "replay.ended": ("■ 结束", "■ end"),
    "replay.source": ("回放", "replay"),
    "key.play": ("播放/暂停", "play/pause"),
    "key.back": ("−10秒", "−10s"),
    "key.forward": ("+10秒", "+10s"),
    "key.slower": ("减速", "slower"),
    "key.faster": ("加速", "faster"),
    "key.prev_segment": ("上一环节", "prev seg"),
    "key.next_segment": ("下一环节", "next seg"),
    "key.start": ("开头", "start"),
    "key.end": ("结尾", "end"),
    # Why a command was refused (codes from show.REFUSALS and the session); English falls back to the reason itself.
    "refusal.time_backwards": ("时间早于上一条记录", "its time is earlier than the previous event's"),
    "refusal.already_started": ("直播已经开始", "the show has already started"),
    "refusal.nothing_to_start": ("没有可开始的环节", "no segment is left to start"),
    "refusal.not_live": ("直播未在进行", "the show is not live"),
    "refusal.not_started": ("直播还没开始（按 空格 开播）", "the show has not started yet (space starts it)"),
    "refusal.ended": ("直播已结束", "the show has ended"),
    "refusal.no_next": ("没有下一个环节了：全部完成（按 q 结束直播）", "there is no next segment: every segment is done (q ends the show)"),
    "refusal.unknown_segment": ("没有环节“{id}”", 'no segment "{id}"'),
    "refusal.not_pending": ("环节“{id}”不是待开始状态", 'segment "{id}" is {status}, not pending'),
    "refusal.nothing_running": ("当前没有进行中的环节", "no segment is running"),
    "refusal.zero_extend": ("延长 0 秒没有意义", "extending by zero changes nothing"),
    "refusal.too_short": ("环节不能缩短到 1 秒以下", "the segment cannot be shortened below one second"),
    "refusal.no_skip": ("没有可跳过的下一个环节", "there is no next segment to skip"),
    "refusal.already_held": ("已经在暂停中", "the show is already on hold"),
    "refusal.not_held": ("当前没有暂停", "the show is not on hold"),
    "refusal.duplicate_segment": ("已有环节“{id}”", 'a segment with id "{id}" already exists'),
    "refusal.bad_order": ("新顺序必须正好包含所有待开始环节", "a new order must list exactly the pending segments"),
    "refusal.cue_sequence": ("提词编号 {cue} 不连续（应为 {expected}）", "cue number {cue} is out of sequence (expected {expected})"),
    "refusal.unknown_cue": ("没有第 {cue} 条提词", "no cue number {cue}"),
    "refusal.already_delivered": ("第 {cue} 条提词已送达 {by}", "cue {cue} was already delivered to {by}"),
    "refusal.already_acked": ("{by} 已确认第 {cue} 条提词", "cue {cue} was already acknowledged by {by}"),
    "refusal.alert_raised": ("提醒“{alert}”已存在", 'alert "{alert}" is already raised'),
    "refusal.alert_not_raised": ("提醒“{alert}”不存在", 'alert "{alert}" is not raised'),
    "refusal.empty_note": ("备注不能为空", "a note needs some text"),
    "refusal.unknown_contingency": ("没有应急预案“{id}”", 'no contingency "{id}"'),
    "refusal.nothing_to_insert": ("这个预案没有要插入的环节", "this contingency has no segment to insert"),
    "refusal.empty_cue": ("提词不能为空", "a cue needs some text"),
    "refusal.unknown_preset": ("按键 {key} 没有预设提词", "no cue preset on key {key}"),
    "refusal.action_refused": ("提词已发送，但动作未执行：{reason}", "cue sent, but its action was refused: {reason}"),
    "refusal.unknown_cue_name": ("未知提词“{name}”", 'unknown cue "{name}"'),
    "too_small": ("终端太小：至少需要 {w}×{h}，当前 {cw}×{ch}", "Terminal too small: need at least {w}×{h}, have {cw}×{ch}"),
}


class Texts:
    def __init__(self, lang: str = "zh") -> None:
        if lang not in ("zh", "en"):
            raise ValueError(f"unknown language {lang!r}")
        self.lang = lang
        self._index = 0 if lang == "zh" else 1

    def __call__(self, key: str, **values: object) -> str:
        text = CATALOG[key][self._index]
        return text.format(**values) if values else text

    def reason(self, reason: str) -> str:
        """A refusal in this language (a reason without a known code is shown as it is)."""
        code = getattr(reason, "code", None)
        key = f"refusal.{code}"
        if code is None or key not in CATALOG:
            return str(reason)
        params = {name: self.reason(value) if getattr(value, "code", None) else value
                  for name, value in reason.params.items()}
        return self(key, **params)


def lang_for_locale(locale: str) -> str:
    return "en" if locale.startswith("en") else "zh"


def localize_bindings(node, texts: Texts) -> None:
    """Bindings are declared with catalog keys as descriptions; show them in the UI language."""
    from dataclasses import replace

    bindings_map = node._bindings.key_to_bindings
    for key, bindings in bindings_map.items():
        bindings_map[key] = [
            replace(b, description=texts(b.description)) if b.description.startswith("key.") else b for b in bindings
        ]
