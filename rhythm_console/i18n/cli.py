"""What the commands print: the language's tag, list joining, the journal's and the commands' messages."""


ZH: dict[str, str] = {
    "lang.tag": "zh-CN",

    "journal.failed": "日志写入失败",

    "list.separator": "、",

    # run --resume: what the journal's header restores and what flags change (issue 20.1)
    "resume.restored": "接续 {journal}：{what}",
    "resume.changed": "接续：{flag} 改为 {new}（日志里是 {old}）",
    "resume.none": "无",
    "resume.no_run": "{journal} 没有记录数据源（旧版本的日志）：本场不接数据源；用 --source 指定",
    "resume.token_prompt": "{listen} 的口令（面板连接用）：",
    "resume.token_needed": "本场在 {listen} 监听，超出本机需要口令：用 --token 或 RHYTHM_TOKEN 给出",
    "resume.stdin_gone": "本场的数据从标准输入读（{spec}）：请再把数据管道接进来，或用 --source 换一个",

    # annotate: the platform's after-show figures (issue 25.5)
    "annotate.accepts.count": "写一个人数，如 1200 或 1,200",
    "annotate.accepts.money": "写金额（元），如 3500、3,500.50 或 ¥3500",
    "annotate.accepts.stay": "写秒数或时长，如 80、80s、1分20秒、1:20",
    "annotate.not_number": "{flag} {value!r}：不是数字（{accepted}）",
    "annotate.commas": "{flag} {value!r}：不是数字（逗号只用于千位分隔，如 52,000）",
    "annotate.negative": "{flag} {value}：不能为负（{accepted}）",
    "annotate.whole": "{flag} {value}：人数是整数（{accepted}）",
    "annotate.too_large": "{flag} {value}：大得不合理，是输错了吗？（{accepted}）",
    "annotate.not_stay": "{flag} {value!r}：读不出停留时长（{accepted}）",
    "annotate.not_positive": "{flag} {value}：停留时长要大于 0（{accepted}）",
    "annotate.uv_over_pv": "--viewers-uv {low} 大于 --viewers-pv {high}：每个观看人（UV）至少观看一次（PV）",
    "annotate.fans_over_uv": "--new-fans-club {low} 大于 --viewers-uv {high}：新增粉丝团成员都是观看人",
    "annotate.buyers_over_uv": "--buyers {low} 大于 --viewers-uv {high}：成交的人都是观看人",
    "annotate.no_segment": "--segment {segment!r}：{journal} 的计划里没有这个环节（环节：{ids}）",
    "annotate.nothing": "没有要录入的：给出 {flags}、--platform-file 或 --note",
    "annotate.never_started": "--platform-file {file}：这场直播没有开播，分钟数据无处对齐",
    "annotate.minutes": "平台分钟数据 {count} 行",
    "annotate.note_by": "{by} 的意见",
    "annotate.done": "{journal}：已录入（{what}）",

    # the platform's per-minute export (annotate --platform-file)
    "platform_file.no_header": "{file}：找不到表头（前 10 行里要有时间列 {time}，以及 {online}、{entries} 或 {gmv} 中至少一列）",
    "platform_file.empty": "{file}：表头下没有分钟数据",
    "platform_file.bad_time": "{cell} {value!r}：读不出时间（写 20:01、2026-12-01 20:01，或距开播的分钟数 0、1、2）",
    "platform_file.bad_number": "{cell} {value!r}：读不出{column}（写数字，如 1200 或 1,200）",
    "platform_file.column.online": "在线人数",
    "platform_file.column.entries": "进入人数",
    "platform_file.column.gmv": "成交金额",
    "platform_file.twice": "{cell}：这一分钟在 {first} 已经有了（每分钟一行）",
    "platform_file.too_long": "{file}：超过 {most} 行分钟数据，不是一场直播的导出",
    "platform_file.uncomputed": "{cell}：公式的值没有保存在文件里：用 Excel 或 WPS 打开、保存后再录入",

    # improve --starts-at
    "improve.starts_at_bad": "--starts-at {value!r}：读不出日期（写 2026-12-08，或 2026-12-08 20:00）",
    "improve.starts_at_none": "--starts-at {value}：计划没有 starts_at，只给日期不知道几点开播：写上时间，如 {value} 20:00",
    "improve.starts_at_moved": "开播时间：{old} → {new}",
}


EN: dict[str, str] = {
    "lang.tag": "en",

    "journal.failed": "JOURNAL NOT WRITING",

    "list.separator": ", ",

    # run --resume: what the journal's header restores and what flags change (issue 20.1)
    "resume.restored": "carrying on {journal}: {what}",
    "resume.changed": "resume: {flag} is now {new} (the journal had {old})",
    "resume.none": "none",
    "resume.no_run": "{journal} does not say where its figures came from (an older journal): no source; "
                     "give --source",
    "resume.token_prompt": "token for {listen} (the panes use it): ",
    "resume.token_needed": "the show listened on {listen}, beyond this machine, which needs a token: "
                           "give --token or set RHYTHM_TOKEN",
    "resume.stdin_gone": "the show read its feed from stdin ({spec}): pipe it in again, or give --source",

    # annotate: the platform's after-show figures (issue 25.5)
    "annotate.accepts.count": "give a number of people, e.g. 1200 or 1,200",
    "annotate.accepts.money": "give an amount in yuan, e.g. 3500, 3,500.50 or ¥3500",
    "annotate.accepts.stay": "give seconds or a length, e.g. 80, 80s, 1分20秒 or 1:20",
    "annotate.not_number": "{flag} {value!r}: not a number ({accepted})",
    "annotate.commas": "{flag} {value!r}: not a number (commas only between thousands: 52,000)",
    "annotate.negative": "{flag} {value}: cannot be negative ({accepted})",
    "annotate.whole": "{flag} {value}: a count of people is a whole number ({accepted})",
    "annotate.too_large": "{flag} {value}: implausibly large, a typo? ({accepted})",
    "annotate.not_stay": "{flag} {value!r}: not a length of stay ({accepted})",
    "annotate.not_positive": "{flag} {value}: an average stay is longer than 0 ({accepted})",
    "annotate.uv_over_pv": "--viewers-uv {low} is more than --viewers-pv {high}: every viewer (UV) views at least once (PV)",
    "annotate.fans_over_uv": "--new-fans-club {low} is more than --viewers-uv {high}: new members are viewers",
    "annotate.buyers_over_uv": "--buyers {low} is more than --viewers-uv {high}: buyers are viewers",
    "annotate.no_segment": "--segment {segment!r}: no such segment in {journal} (its segments: {ids})",
    "annotate.nothing": "nothing to annotate: give {flags}, --platform-file or --note",
    "annotate.never_started": "--platform-file {file}: the show never started, so its minutes have nothing to join",
    "annotate.minutes": "{count} minute(s) of the platform's export",
    "annotate.note_by": "note by {by}",
    "annotate.done": "{journal}: annotated ({what})",

    # the platform's per-minute export (annotate --platform-file)
    "platform_file.no_header": "{file}: no header row (the first 10 rows need a time column, {time}, and at least one of {online}, {entries} or {gmv})",
    "platform_file.empty": "{file}: no minutes under the header",
    "platform_file.bad_time": "{cell} {value!r}: not a time (write 20:01, 2026-12-01 20:01, or minutes from the start: 0, 1, 2)",
    "platform_file.bad_number": "{cell} {value!r}: cannot read the {column} (write a number, e.g. 1200 or 1,200)",
    "platform_file.column.online": "online count",
    "platform_file.column.entries": "entries",
    "platform_file.column.gmv": "GMV",
    "platform_file.twice": "{cell}: that minute is already at {first} (one row a minute)",
    "platform_file.too_long": "{file}: more than {most} minute rows: not one show's export",
    "platform_file.uncomputed": "{cell}: a formula whose value the file does not hold: open it in Excel or WPS, save it, and annotate again",

    # improve --starts-at
    "improve.starts_at_bad": "--starts-at {value!r}: not a date (write 2026-12-08, or 2026-12-08 20:00)",
    "improve.starts_at_none": "--starts-at {value}: the plan has no starts_at, so a date alone has no time of day: give one, e.g. {value} 20:00",
    "improve.starts_at_moved": "start: {old} → {new}",
}
