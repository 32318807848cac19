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
}
