"""What the commands print: the language's tag, list joining, the journal's and the commands' messages."""


ZH: dict[str, str] = {
    "lang.tag": "zh-CN",

    "journal.failed": "日志写入失败",

    "list.separator": "、",
}


EN: dict[str, str] = {
    "lang.tag": "en",

    "journal.failed": "JOURNAL NOT WRITING",

    "list.separator": ", ",
}
