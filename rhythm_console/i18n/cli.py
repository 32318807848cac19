"""What the commands print: the language's tag, list joining, the commands' messages (the journal reader's: journal.py)."""


ZH: dict[str, str] = {
    "lang.tag": "zh-CN",

    "journal.failed": "日志写入失败",

    "list.separator": "、",

    # argparse's own errors, said again (cli.ARGPARSE_ERRORS)
    "args.error": "{prog}：错误：{message}",
    "args.unrecognized": "不认识的参数：{args}（用 --help 看这个命令有哪些参数）",
    "args.invalid_choice": "{flag} 不能是 {value}，可选：{choices}",
    "args.required": "缺少参数：{names}",
    "args.expected_one": "{flag} 后面要跟一个值",
    "args.expected_some": "{flag} 后面至少要跟一个值",
    "args.invalid_value": "{flag} 的值 {value} 不是{kind}",
    "args.not_with": "{flag} 不能与 {other} 一起用",
    "args.one_of": "须给出其中一个参数：{names}",
    "args.ambiguous": "{option} 不明确，可能是：{matches}",
    "args.argument": "{flag}：{why}",
    "args.not_role": "“{value}”不是一个角色（场控、主播、助播、运营；或 manager、host、assistant、ops）",
    "args.kind.int": "整数",
    "args.kind.float": "数字",
    "args.lang_without_value": "--lang 后面要跟语言：zh 或 en",
    "args.lang_without_command": "--lang {lang} 后面要写命令，例如：rhythm-console --lang {lang} check PLAN",
    "args.lang_not_for": "{command} 说计划自己的语言（计划里的 locale），没有 --lang",

    # run --resume: what the journal's header restores and what flags change (issue 20.1)
    "resume.restored": "接续 {journal}：{what}",
    "resume.changed": "接续：{flag} 改为 {new}（日志里是 {old}）",
    "resume.none": "无",
    "resume.no_run": "{journal} 没有记录数据源（旧版本的日志）：本场不接数据源；用 --source 指定",
    "resume.token_prompt": "{listen} 的口令（面板连接用）：",
    "resume.token_needed": "本场在 {listen} 监听，超出本机需要口令：用 --token 或 RHYTHM_TOKEN 给出",
    "resume.stdin_gone": "本场的数据从标准输入读（{spec}）：请再把数据管道接进来，或用 --source 换一个",

    # files the commands read and write (-o, inputs): one line each (issue 23.4)
    "error.cannot_write": "{path}：无法写入（{why}）",
    "error.cannot_read": "{path}：无法读取（{why}）",
    "error.no_such_file": "{path}：没有这个文件",
    "error.output.is_input": "{output}：这就是输入文件 {input}；请把输出写到别处",
    "error.input.fifo": "{input}：是管道（FIFO），不是文件；请给出日志文件本身",
    "error.input.socket": "{input}：是套接字，不是文件；请给出日志文件本身",
    "error.input.device": "{input}：是设备，不是文件；请给出日志文件本身",
    "error.output.no_directory": "{output}：目录 {directory} 不存在",
    "error.output.directory": "{output}：是一个目录；请给出要写的文件名",
    "error.output.journal": "{output}：是一场直播的日志；rhythm-console 从不覆盖日志，--force 也不行（先把它移走，或换个文件名）",
    "error.output.exists": "{output}：已存在，且不是本命令写出后未改动的文件；加 --force 替换它，或换个文件名",
    "error.output.failed_kept": "{output}：无法写入（{why}）；原文件未改动",
    "error.output.failed_none": "{output}：无法写入（{why}）；什么也没写",

    # run: refusals before the console opens, and what it says on leaving (issues 23.4, 20.6)
    "error.run.resume_journal": "--resume 接着写它自己的日志；去掉 --journal",
    "error.run.rehearsal_kind": "--rehearsal：{journal} 是一场{kind}，接续后仍是{kind}；去掉 --rehearsal",
    "error.run.needs_plan": "run 需要一个脚本：rhythm-console run 脚本.yaml（或 --resume 日志 接续一场直播）",
    "error.run.terminal": "run 需要交互式终端（检查脚本请用 `check`）",
    "error.run.bus_flags": "--room、--bus-token 和 --bus-creds 需要配合 --bus 地址（或 RHYTHM_BUS）",
    "error.source": "--source：{why}",
    "error.journal.directory": "{path}：是一个目录；--journal 给出要新建的日志文件",
    "error.journal.special": "{path}：是设备或特殊文件，不能存日志；--journal 给出一个新文件",
    "error.journal.exists": "{path}：那里已有日志；换一个 --journal，或用 --resume {path} 接续那场直播",
    "error.journal.create": "{path}：无法新建日志（{why}）",
    "run.plan_differs": "警告：{plan} 与 {journal} 里记录的脚本不同；使用记录的脚本",
    "run.exit.journal": "日志：{path}",
    "run.exit.review": "复盘：{command}  （网页版：{page}）",
    "run.exit.carry_on": "直播还没结束；接着播：{command}",

    # report, replay, compare (issues 23.4, 20.6)
    "error.speed": "--speed 须在 {low:g} 到 {high:g} 之间",
    "error.replay.empty": "{journal}：日志里没有可回放的事件",
    "error.replay.terminal": "replay 需要交互式终端（文字版复盘请用 report）",
    "error.against.itself": "--against {journal}：这就是正在复盘的日志；请给出演练所练的那场原始直播",
    "error.against.unrelated": "--against {journal}：与“{title}”没有共同的环节；不能对比",
    "against.not_a_drill": "警告：{journal} 不是演练（它是{kind}）；仍与 --against 的那场对比",
    "against.not_its_original": "警告：{journal} 不是这次演练所练的那场（{session}）；仍然对比",
    "said.report": "{journal} 的 {format} 复盘",
    "said.comparison": "{count} 场直播的 {format} 对比",
    "error.compare.both": "compare 只接受日志文件或 --last N，不能同时给",
    "error.compare.none": "没有可对比的直播（给出日志文件，或先把直播加入直播库）",

    # drill (issues 23.4, 20.6)
    "error.terminal": "{command} 需要交互式终端",
    "error.drill.no_segment": "--from {segment}：那场直播没有这个环节（它的环节：{ids}）",
    "error.drill.never_started_segment": "--from {segment}：录下的那场直播里这个环节从未开始",
    "error.drill.journal_exists": "{path}：已存在；换一个 --journal",
    "error.drill.never_started": "{journal}：那场直播从未开播：没有可演练的",
    "drill.exit.debrief": "演练复盘：{command}",

    # simulate (issues 23.4, 20.6)
    "error.flag": "{flag}：{why}",
    "error.simulate.exists": "{path}：已存在（用 --force 覆盖）",
    "simulate.done": "{path}：{segments} 个环节，{cues} 条提词，直播 {minutes} 分钟，模拟用时 {seconds:.1f} 秒",

    # improve (issues 23.4, 20.6)
    "error.improve.no_shows": "直播库里没有“{title}”的直播：先播一场，或 `library add 日志`",
    "error.improve.broken": "改好的脚本读不进来（{why}）；什么也没写",
    "improve.summary": "“{title}”的 {shows} 场（{kinds}），{actions} 条改进：",
    "improve.changed": "  改动 {lines} 行",
    "said.next_plan": "下一场的脚本",

    # import, host, shows, link-url, the bus, floor, archive (issues 23.4, 20.6)
    "import.unmapped": "未对应：列 {header}",
    "import.note": "说明：{note}",
    "import.plan_name": "<由 {script} 生成的脚本>",  # where the problems of the plan made from a sheet are
    "import.skipped": "警告：{problem}（已跳过）",
    "error.import.cells": "{script}：{count} 个单元格读不出：请在表格里改正，或用 --lenient 跳过它们",
    "error.import.plan": "{script}：由这张表生成的脚本读不进来（见上）；什么也没写",
    "error.import.plan_to": "{script}：由这张表生成的脚本读不进来（见上）；没有写入 {output}",
    "error.pane_name": '--name "{name}"：只能用字母、数字、- 或 _（最多 40 个）',
    "error.at_least_one": "{flag} 至少是 1",
    "error.shows.since": "--since {text}：不是日期（写成 2026-11-28）",
    "error.shows.include": "--include {text}：{word} 不是直播类型（live、rehearsal、simulated、drill）",
    "error.shows.drills": "--drills 列出一个人的演练：加上 --person 姓名",
    "error.bus.needs_nats": "总线需要 nats-py 包：pip install 'rhythm-console[bus]'",
    "error.bus.needed": "需要 --bus 地址（或 RHYTHM_BUS），例如 --bus nats://127.0.0.1:4222",
    "error.bus.unreachable": "{why}；启动一个：nats-server -js",
    "error.floor.name": "--name：1 到 64 个字符的名字，例如 --name 总控",
    "error.archive.dir": "--dir {directory}：无法写入（{why}）",
    "error.archive.write": "无法在 {dir} 写存档：{why}；没写下的记录留在总线上，下次运行再取",
    "archive.started": "正在把 {bus} 存档到 {dir}（消费者 {durable}）；Ctrl-C 停止",
    "archive.stopped": "已停止：写入 {written} 条记录",
    "archive.stopped_refused": "已停止：写入 {written} 条记录，拒收 {refused} 条（见 .rejected 文件）",

    # probe (issues 23.4, 20.6)
    "probe.source": "数据源：{spec}",
    "probe.interrupted": "  （Ctrl-C 停止）",
    "probe.items": "条目：{items}",
    "probe.counts": "格式错误 {malformed} · 不认识 {unknown} · 重复 {duplicates}",
    "probe.unknown_methods": "{count}（{methods}）",
    "probe.room": "在线 {online}（峰值 {online_peak}） · 评论 {comments} · 点赞 {likes} · 进场 {entries} · 关注 "
                  "{follows} · 分享 {shares} · 礼物 {gifts}",
    "probe.no_commerce": "商品点击、订单、成交额：这个数据源没有",
    "probe.commerce": "商品点击 {clicks} · 订单 {orders} · 成交额 ¥{gmv}",
    "error.probe.spec": "probe：{why}",
    "error.probe.nothing_read": "probe：{spec} 里没有一条控台用得上的消息（格式错误 {malformed}，不认识 {unknown}）：这是直播间的数据吗？",
    "error.probe.empty": "probe：{spec} 里什么也没有（空的，或采集器没有发来消息）",
    "error.probe.kind": "probe 读取数据流：jsonl:路径 或 douyin:路径（- 为标准输入），或 ws://主机:端口[/路径]",
    "error.probe.unreachable": "probe：无法读取 {url}：{why}",
    "error.probe.not_websocket": "这不是 WebSocket 端点（服务器回答 HTTP {status}）；请检查路径",
    "error.probe.refused": "无法连接 {host}:{port}（连接被拒绝）；采集器在运行吗？",
    "error.probe.cannot_connect": "无法连接 {host}:{port}（{why}）；采集器在运行吗？",

    # run's sources, annotate (issues 23.4, 20.6)
    "error.source.given": "--source {spec}：{why}",
    "error.source.recorded": "--source {spec}（日志里记录的）：{why}",
    "error.source.stdin_twice": "--source：只能有一个数据源读标准输入（-）",
    "error.annotate.note_flags": "--by 和 --segment 要与 --note 一起用",
    "error.annotate.note_empty": "--note 是空的",
    "error.annotate.note_by": "--note 需要 --by（谁说的：角色或名字）",
    "error.annotate.in_use": "{journal}：{why}",
    "error.annotate.append": "{journal}：无法追加（{why}）",

    # the show library, resume (issues 23.4, 20.6)
    "error.library.refused": "{path}：{why}；没有动它（用 --library 指定另一个文件）",
    "error.library.directory": "是一个目录，不是直播库",
    "error.library.not_sqlite": "不是直播库（不是 SQLite 数据库）",
    "error.library.not_ours": "是 SQLite 数据库，但不是 Rhythm Console 的直播库",
    "error.library.damaged": "已损坏（{why}）",
    "error.library.damaged_check": "已损坏（SQLite 检查结果：{check}）",
    "error.library.damaged_version": "已损坏（它的结构版本不是数字）",
    "error.library.newer": "由更新版本的 Rhythm Console 写出（结构 {version}；本版本最多认识 {known}）：请升级 rhythm-console",
    "error.library.busy": "{path}：直播库正忙（另一个 rhythm-console 在写；等了 {seconds:g} 秒）：稍后再试",
    "error.library.none": "{path}：这里没有直播库（先播一场，或 `library add 日志`）",
    "error.library.open": "{path}：打不开直播库（{why}）",
    "error.library.no_journal": "{path}：没有这个日志",
    "error.library.unusable": "{path}：直播库用不了（{why}）；`library rebuild` 会从日志重建它",
    "library.not_added": "警告：没有加入直播库：{why}；日志是完整的，以后可以加：`{command}`",
    "library.added": "{path}：直播已加入直播库",
    "library.left_out": "警告：未收入：{problem}",
    "library.rebuilt": "{path}：已从 {count} 个日志重建",
    "library.outcome": "{journal}：{outcome}",
    "library.earlier_unread": "警告：没有读到之前的直播：{why}",
    "library.outcome.added": "已加入",
    "library.outcome.updated": "已更新",
    "library.outcome.unchanged": "没有变化",
    "error.resume.ended": "{path}：那场直播已经结束；`rhythm-console report {path}` 可以复盘",
    "error.resume.simulated": "{path}：这是 simulate 模拟出来的直播，不能接续；再模拟一遍，或用 `rhythm-console drill {path}` 在控场台上练习",
    "error.resume.drill": "{path}：这是一次演练，不能接续（它的直播间是按倍速播放的录像）；从中断的环节再练：`rhythm-console drill 原场日志 --from 环节`",
    "error.resume.append": "{path}：无法追加到日志（{why}）",

    # check, export, brief (issue 20.6)
    "check.ok": "{path}：通过，{summary}",
    "check.failed_strict": "{path}：不通过（--strict 把警告当作错误），{summary}",
    "check.segments": "{count} 个环节",
    "check.planned": "计划 {length}",
    "check.warnings": "{count} 条警告",
    "export.done": "{output}：{plan} 的 {count} 个环节",
    "said.brief": "{plan} 的 {format} 分工单",

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
    "annotate.uv_over_exposure": "--viewers-uv {low} 大于 --exposure {high}：进直播间的人都先看到了它（曝光）",
    "annotate.exposure_under_entries": "--exposure {exposure} 太小：这场的数据源记到 {entries} 次进场，每个曝光的人平均进场超过 {times} 次不可信，是输错了吗？",
    "annotate.stay_over_show": "--avg-stay {stay} 比这场直播本身（{length}）还长：平均停留不会超过直播时长",
    "annotate.no_segment": "--segment {segment!r}：{journal} 的计划里没有这个环节（环节：{ids}）",
    "annotate.nothing": "没有要录入的：给出 {flags}、--platform-file 或 --note",
    "annotate.never_started": "--platform-file {file}：这场直播没有开播，分钟数据无处对齐",
    "annotate.minutes": "平台分钟数据 {count} 行，{inside} 行在直播时段内",
    "annotate.outside": "警告：{outside}",
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
    "improve.starts_at_early": "--starts-at {value}：不在这份计划的开播时间（{written}）之后，下一场应当更晚，是输错了吗？",

    # --source values a command cannot use (sources/runner.py's SourceSpecError)
    "source.spec.ws_port": '"{spec}" 不是 ws://主机:端口[/路径]（端口 1 到 65535）',
    "source.spec.ws_host": '"{spec}" 需要主机和端口：ws://主机:端口[/路径]',
    "source.spec.needs_file": '"{spec}" 需要一个文件：{kind}:路径，或 {kind}:- 读标准输入',
    "source.spec.follow": '数据源选项 "{option}" 不是 follow=0 或 follow=1',
    "source.spec.directory": "{path}：是一个目录，不是数据文件",
    "source.spec.not_regular": "{path}：不是普通文件；管道的数据请送到 {kind}:-（标准输入）",
    "source.spec.follow_stdin": "follow=1 用于不断增长的文件；标准输入本来就会一直读",
    "source.spec.stdin_is_terminal": "- 从标准输入读数据：请用管道送入录制的数据（cat capture.jsonl | rhythm-console run ...）",
    "source.spec.no_terminal": "标准输入已用作数据，但没有终端（/dev/tty）留给按键",
    "source.spec.unknown": '不认识的数据源 "{spec}"（可用 {kinds}）',
    "source.spec.kinds": "simulate[:seed=N,scale=M]、jsonl:路径[,follow=1]、douyin:路径[,follow=1]（路径为 - 时读标准输入）、"
                         "ws://主机:端口[/路径] 或 none",
    "source.spec.simulate_option": '数据源选项 "{option}" 不是 seed=N、scale=M 之一',
    "source.spec.numbers": '"{spec}" 里的数据源选项须为数字（seed=7,scale=2.5）',
    "source.spec.scale": "scale 须大于 0、最多 1000",
}


EN: dict[str, str] = {
    "lang.tag": "en",

    "journal.failed": "JOURNAL NOT WRITING",

    "list.separator": ", ",

    # argparse's own errors, said again (cli.ARGPARSE_ERRORS)
    "args.error": "{prog}: error: {message}",
    "args.unrecognized": "unrecognized arguments: {args} (--help lists this command's arguments)",
    "args.invalid_choice": "{flag} cannot be {value}; choose from {choices}",
    "args.required": "the following arguments are required: {names}",
    "args.expected_one": "{flag} expects one value",
    "args.expected_some": "{flag} expects at least one value",
    "args.invalid_value": "{flag}: {value} is not {kind}",
    "args.not_with": "{flag} cannot be used with {other}",
    "args.one_of": "one of these arguments is required: {names}",
    "args.ambiguous": "{option} is ambiguous: it could be {matches}",
    "args.argument": "{flag}: {why}",
    "args.not_role": "“{value}” is not a role (manager, host, assistant, ops; 场控, 主播, 助播, 运营)",
    "args.kind.int": "a whole number",
    "args.kind.float": "a number",
    "args.lang_without_value": "--lang needs a language: zh or en",
    "args.lang_without_command": "a command must follow --lang {lang}, e.g. rhythm-console --lang {lang} check PLAN",
    "args.lang_not_for": "{command} speaks its plan's language (the plan's locale); it has no --lang",

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

    # files the commands read and write (-o, inputs): one line each (issue 23.4)
    "error.cannot_write": "{path}: cannot write ({why})",
    "error.cannot_read": "{path}: cannot be read ({why})",
    "error.no_such_file": "{path}: no such file",
    "error.output.is_input": "{output}: that is the input {input}; write the output somewhere else",
    "error.input.fifo": "{input}: is a pipe (FIFO), not a file; name the journal file itself",
    "error.input.socket": "{input}: is a socket, not a file; name the journal file itself",
    "error.input.device": "{input}: is a device, not a file; name the journal file itself",
    "error.output.no_directory": "{output}: the directory {directory} does not exist",
    "error.output.directory": "{output}: is a directory; name a file to write",
    "error.output.journal": "{output}: is a show's journal; rhythm-console never writes over a journal, not "
                            "even with --force (move it away first, or name another file)",
    "error.output.exists": "{output}: already exists and is not this command's own unchanged output; add "
                           "--force to replace it, or name another file",
    "error.output.failed_kept": "{output}: cannot write ({why}); the old file is unchanged",
    "error.output.failed_none": "{output}: cannot write ({why}); nothing was written",

    # run: refusals before the console opens, and what it says on leaving (issues 23.4, 20.6)
    "error.run.resume_journal": "--resume continues its own journal; leave out --journal",
    "error.run.rehearsal_kind": "--rehearsal: {journal} is a {kind} show and resumes as one; leave out --rehearsal",
    "error.run.needs_plan": "run needs a plan: rhythm-console run PLAN (or --resume JOURNAL to carry on a show)",
    "error.run.terminal": "run needs an interactive terminal (use `check` to validate a plan)",
    "error.run.bus_flags": "--room, --bus-token and --bus-creds need --bus URL (or RHYTHM_BUS)",
    "error.source": "--source: {why}",
    "error.journal.directory": "{path}: is a directory; --journal names the journal file to create",
    "error.journal.special": "{path}: is a device or special file, not a place for a journal; --journal names "
                             "a new file",
    "error.journal.exists": "{path}: a journal already exists there; choose another --journal, or --resume "
                            "{path} to carry on its show",
    "error.journal.create": "{path}: cannot create the journal ({why})",
    "run.plan_differs": "warning: {plan} differs from the plan recorded in {journal}; the recorded plan is used",
    "run.exit.journal": "journal: {path}",
    "run.exit.review": "review it: {command}  (a page: {page})",
    "run.exit.carry_on": "the show is not over; to carry it on: {command}",

    # report, replay, compare (issues 23.4, 20.6)
    "error.speed": "--speed must be between {low:g} and {high:g}",
    "error.replay.empty": "{journal}: the journal holds no events to replay",
    "error.replay.terminal": "replay needs an interactive terminal (report gives a journal's review as text)",
    "error.against.itself": "--against {journal}: that is the journal being reported; name the original show "
                            "the drill was of",
    "error.against.unrelated": "--against {journal}: no segment in common with {title}; not a show to compare with",
    "against.not_a_drill": "warning: {journal} is not a drill (it is {kind}); compared with the --against "
                           "show all the same",
    "against.not_its_original": "warning: {journal} is not the show this drill was of ({session}); compared all "
                                "the same",
    "said.report": "{format} report of {journal}",
    "said.comparison": "{format} comparison of {count} show(s)",
    "error.compare.both": "compare takes journals or --last N, not both",
    "error.compare.none": "no shows to compare (name journals, or add shows to the library)",

    # drill (issues 23.4, 20.6)
    "error.terminal": "{command} needs an interactive terminal",
    "error.drill.no_segment": "--from {segment}: no such segment in that show (its segments: {ids})",
    "error.drill.never_started_segment": "--from {segment}: that segment never started in the recorded show",
    "error.drill.journal_exists": "{path}: already exists; choose another --journal",
    "error.drill.never_started": "{journal}: that show never started: nothing to drill",
    "drill.exit.debrief": "debrief: {command}",

    # simulate (issues 23.4, 20.6)
    "error.flag": "{flag}: {why}",
    "error.simulate.exists": "{path}: already exists (use --force to overwrite)",
    "simulate.done": "{path}: {segments} segments, {cues} cues, {minutes} min of show, simulated in {seconds:.1f} s",

    # improve (issues 23.4, 20.6)
    "error.improve.no_shows": "no shows of “{title}” in the library: run it, or `library add JOURNAL`",
    "error.improve.broken": "the improved plan does not load ({why}); nothing was written",
    "improve.summary": "{shows} {kinds} show(s) of “{title}”, {actions} action(s):",
    "improve.changed": "  {lines} line(s) changed",
    "said.next_plan": "the next plan",

    # import, host, shows, link-url, the bus, floor, archive (issues 23.4, 20.6)
    "import.unmapped": "not mapped: column {header}",
    "import.note": "note: {note}",
    "import.plan_name": "<plan from {script}>",
    "import.skipped": "warning: {problem} (skipped)",
    "error.import.cells": "{script}: {count} cell(s) could not be read: fix them in the sheet, or import "
                          "with --lenient to skip them",
    "error.import.plan": "{script}: the plan made from this sheet does not load (above); nothing was written",
    "error.import.plan_to": "{script}: the plan made from this sheet does not load (above); nothing was "
                            "written to {output}",
    "error.pane_name": '--name "{name}": use letters, digits, - or _ (at most 40)',
    "error.at_least_one": "{flag} must be 1 or more",
    "error.shows.since": "--since {text}: not a date (write it as 2026-11-28)",
    "error.shows.include": "--include {text}: {word} is not a kind of show (live, rehearsal, simulated, drill)",
    "error.shows.drills": "--drills lists one person's drills: add --person NAME",
    "error.bus.needs_nats": "the bus needs the nats-py package: pip install 'rhythm-console[bus]'",
    "error.bus.needed": "--bus URL (or RHYTHM_BUS) is needed, e.g. --bus nats://127.0.0.1:4222",
    "error.bus.unreachable": "{why}; start one with: nats-server -js",
    "error.floor.name": "--name: a name of 1 to 64 characters, e.g. --name 总控",
    "error.archive.dir": "--dir {directory}: cannot write there ({why})",
    "error.archive.write": "cannot write the archive in {dir}: {why}; records not written stay on the bus "
                           "for the next run",
    "archive.started": "archiving {bus} into {dir} (consumer {durable}); Ctrl-C stops",
    "archive.stopped": "stopped: {written} records written",
    "archive.stopped_refused": "stopped: {written} records written, {refused} refused (see the .rejected files)",

    # probe (issues 23.4, 20.6)
    "probe.source": "source: {spec}",
    "probe.interrupted": "  (stopped by Ctrl-C)",
    "probe.items": "items: {items}",
    "probe.counts": "malformed {malformed} · unknown {unknown} · duplicates {duplicates}",
    "probe.unknown_methods": "{count} ({methods})",
    "probe.room": "online {online} (peak {online_peak}) · comments {comments} · likes {likes} · "
                  "entries {entries} · follows {follows} · shares {shares} · gifts {gifts}",
    "probe.no_commerce": "product clicks, orders, GMV: no data from this source",
    "probe.commerce": "product clicks {clicks} · orders {orders} · GMV ¥{gmv}",
    "error.probe.spec": "probe: {why}",
    "error.probe.nothing_read": "probe: nothing in {spec} is something the console could use (malformed {malformed}, unknown {unknown}): is it a live room's feed?",
    "error.probe.empty": "probe: {spec} holds nothing (it is empty, or the collector sent no message)",
    "error.probe.kind": "probe reads a feed: jsonl:PATH or douyin:PATH (- for stdin), or ws://HOST:PORT[/path]",
    "error.probe.unreachable": "probe: cannot read {url}: {why}",
    "error.probe.not_websocket": "it is not a WebSocket endpoint (the server answered HTTP {status}); check the path",
    "error.probe.refused": "cannot connect to {host}:{port} (connection refused); is the collector running?",
    "error.probe.cannot_connect": "cannot connect to {host}:{port} ({why}); is the collector running?",

    # run's sources, annotate (issues 23.4, 20.6)
    "error.source.given": "--source {spec}: {why}",
    "error.source.recorded": "--source {spec} (recorded in the journal): {why}",
    "error.source.stdin_twice": "--source: only one source can read stdin (-)",
    "error.annotate.note_flags": "--by and --segment go with --note",
    "error.annotate.note_empty": "--note is empty",
    "error.annotate.note_by": "--note needs --by (who says it: a role or a name)",
    "error.annotate.in_use": "{journal}: {why}",
    "error.annotate.append": "{journal}: cannot append ({why})",

    # the show library, resume (issues 23.4, 20.6)
    "error.library.refused": "{path}: {why}; it was left untouched (name another file with --library)",
    "error.library.directory": "is a directory, not a show library",
    "error.library.not_sqlite": "is not a show library (not an SQLite database)",
    "error.library.not_ours": "is an SQLite database but not a Rhythm Console show library",
    "error.library.damaged": "is damaged ({why})",
    "error.library.damaged_check": "is damaged (SQLite's check says: {check})",
    "error.library.damaged_version": "is damaged (its schema version is not a number)",
    "error.library.newer": "was written by a newer Rhythm Console (schema {version}; this one knows up to "
                           "{known}): upgrade rhythm-console",
    "error.library.busy": "{path}: the show library is busy (another rhythm-console is writing it; waited "
                          "{seconds:g} s): try again in a moment",
    "error.library.none": "{path}: no show library here (run a show, or `library add JOURNAL`)",
    "error.library.open": "{path}: cannot open the show library ({why})",
    "error.library.no_journal": "{path}: no such journal",
    "error.library.unusable": "{path}: the show library cannot be used ({why}); `library rebuild` makes it "
                              "again from the journals",
    "library.not_added": "warning: not added to the show library: {why}; the journal is complete, add it "
                         "later with `{command}`",
    "library.added": "{path}: show added to the library",
    "library.left_out": "warning: left out: {problem}",
    "library.rebuilt": "{path}: rebuilt from {count} journal(s)",
    "library.outcome": "{journal}: {outcome}",
    "library.earlier_unread": "warning: earlier shows not read: {why}",
    "library.outcome.added": "added",
    "library.outcome.updated": "updated",
    "library.outcome.unchanged": "unchanged",
    "error.resume.ended": "{path}: that show has ended; `rhythm-console report {path}` reviews it",
    "error.resume.simulated": "{path}: a show played by simulate cannot be carried on; simulate it again, or practise on it with `rhythm-console drill {path}`",
    "error.resume.drill": "{path}: a drill cannot be carried on (its room is a recording played at its speed); drill again from the segment it stopped in: `rhythm-console drill ORIGINAL --from SEGMENT`",
    "error.resume.append": "{path}: cannot append to the journal ({why})",

    # check, export, brief (issue 20.6)
    "check.ok": "{path}: ok, {summary}",
    "check.failed_strict": "{path}: failed (--strict counts warnings as errors), {summary}",
    "check.segments": "{count} segments",
    "check.planned": "{length} planned",
    "check.warnings": "{count} warning(s)",
    "export.done": "{output}: {count} segments of {plan}",
    "said.brief": "{format} brief of {plan}",

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
    "annotate.uv_over_exposure": "--viewers-uv {low} is more than --exposure {high}: everyone who came in saw the room first",
    "annotate.exposure_under_entries": "--exposure {exposure} is too small: this show's feed counted {entries} entries, and more than {times} entries for each person the room was shown to is not plausible; a typo?",
    "annotate.stay_over_show": "--avg-stay {stay} is longer than the show itself ({length}): nobody stays longer on average than the show lasts",
    "annotate.no_segment": "--segment {segment!r}: no such segment in {journal} (its segments: {ids})",
    "annotate.nothing": "nothing to annotate: give {flags}, --platform-file or --note",
    "annotate.never_started": "--platform-file {file}: the show never started, so its minutes have nothing to join",
    "annotate.minutes": "{count} minute(s) of the platform's export, {inside} in the show",
    "annotate.outside": "warning: {outside}",
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
    "improve.starts_at_early": "--starts-at {value}: not after this plan's own start ({written}); the next show comes later, a typo?",

    # --source values a command cannot use (sources/runner.py's SourceSpecError)
    "source.spec.ws_port": '"{spec}" is not ws://HOST:PORT[/path] with a port from 1 to 65535',
    "source.spec.ws_host": '"{spec}" needs a host and a port: ws://HOST:PORT[/path]',
    "source.spec.needs_file": '"{spec}" needs a file: {kind}:PATH, or {kind}:- for stdin',
    "source.spec.follow": 'source option "{option}" is not follow=0 or follow=1',
    "source.spec.directory": "{path}: is a directory, not a feed file",
    "source.spec.not_regular": "{path}: is not a regular file; send a pipe's lines to {kind}:- (stdin)",
    "source.spec.follow_stdin": "follow=1 is for a growing file; stdin is followed anyway",
    "source.spec.stdin_is_terminal": "- reads the feed from stdin: pipe a capture in (cat capture.jsonl | "
                                     "rhythm-console run ...)",
    "source.spec.no_terminal": "stdin is the feed, but there is no terminal (/dev/tty) left for the keys",
    "source.spec.unknown": 'unknown source "{spec}" (use {kinds})',
    "source.spec.kinds": "simulate[:seed=N,scale=M], jsonl:PATH[,follow=1], douyin:PATH[,follow=1] (PATH - is stdin), "
                         "ws://HOST:PORT[/path] or none",
    "source.spec.simulate_option": 'source option "{option}" is not one of seed=N, scale=M',
    "source.spec.numbers": 'source options in "{spec}" must be numbers (seed=7,scale=2.5)',
    "source.spec.scale": "scale must be above 0 and at most 1000",
}
