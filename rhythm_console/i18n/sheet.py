"""The team's 直播脚本 spreadsheet: what import says about a sheet it cannot read, and the labels export writes."""


ZH: dict[str, str] = {
    # a sheet import cannot read, a file export cannot write (issue 23.4)
    "sheet.error.directory": "{path}：是一个目录，不是表格",
    "sheet.error.xls": "{path}：旧版 Excel .xls 文件：请在 Excel 或 WPS 里打开，另存为 .xlsx",
    "sheet.error.password": "{path}：工作簿有密码保护：去掉密码（或另存一份不加密的）再导入",
    "sheet.error.suffix": "{path}：import 读 .xlsx 和 .csv 脚本，不读 {suffix}",
    "sheet.error.no_suffix": "{path}：import 读 .xlsx 和 .csv 脚本，不读没有扩展名的文件",
    "sheet.error.not_xlsx": "{path}：不是 .xlsx 工作簿（不是表格文件，或已损坏）",
    "sheet.error.damaged": "{path}：工作簿已损坏，读不出（{why}）",
    "sheet.error.unreadable": "{path}：读不出工作簿（{why}）",
    "sheet.error.part_size": "{path}：{part} 解压后有 {mib:,.0f} MiB；一张脚本表远比这小（最多 {most} MiB）：把脚本单独存一份再导入",
    "sheet.error.binary": "{path}：不是 CSV 文本文件（里面有二进制数据）",
    "sheet.error.encoding": "{path}：读不出 CSV 的文字：请存为 UTF-8（或 GBK）",
    "sheet.error.csv": "{path}：读不出 CSV（{why}）",
    "sheet.error.no_sheet": "{path}：没有名为“{name}”的工作表（工作表：{sheets}）",
    "sheet.error.refused": "{path}：{why}",
    "sheet.error.rows": "工作表 {sheet} 的行超过第 {most:,} 行（脚本最多 {most:,} 行：删掉下面的行，或把脚本单独存一份）",
    "sheet.error.columns": "工作表 {sheet} 的单元格一直到 {column} 列（脚本最多 {most} 列）",
    "sheet.error.merged": "工作表 {sheet} 的合并区域超过 {most:,} 个",
    "sheet.error.no_header": "{path}：没有一张工作表有能读的表头（在前 {rows} 行里找过 时间、时长、环节、商品、主播话术 这样的列）",
    "sheet.error.uncomputed": "{path}：{cells}：公式的值没有存在文件里（写它的程序不计算）：请在 Excel 或 WPS 里打开、保存，再导入",
    "sheet.error.uncomputed_more": "{path}：{cells} 等另外 {more} 处：公式的值没有存在文件里（写它的程序不计算）：请在 Excel 或 WPS 里打开、保存，再导入",
    "sheet.error.no_time_column": "{path}：工作表 {sheet} 没有时间或时长列（如 时间、时间段、时长）：控制台要知道每个环节多长",
    "sheet.error.no_segments": "{path}：工作表 {sheet} 有表头（第 {row} 行）但下面没有环节",
    "sheet.error.no_times": "{path}：工作表 {sheet} 没有一行写了时间或时长",
    "sheet.error.nothing_read": "{path}：工作表 {sheet} 没有一个环节读得出：{cells}",
    "sheet.cells.separator": "；",
    "sheet.plan.heading": "由 `rhythm-console import` 从表格脚本导入；请用 `rhythm-console check` 检查。",
    "sheet.cells.more": "……还有 {count} 处",
    "sheet.error.export_suffix": "{output}：export 写 .xlsx 或 .csv，不写 {suffix}",
    "sheet.error.export_no_suffix": "{output}：export 写 .xlsx 或 .csv，不写没有扩展名的文件",

    # what export writes besides the columns' headers (spreadsheet/columns.py has those, with their synonyms)
    "sheet.starts": "开播：{at}",
    "sheet.tab": "直播脚本",

    # what import says it read
    "sheet.summary": "{segments} 个环节，{length}，{products} 个商品（工作表 {sheet}）",

    # the cells import cannot read, and what it decided (in the command's language: --lang, else Chinese)
    "sheet.cell.unreadable": "{where}：读不出“{value}”，这里应是{what}",
    "sheet.cell.time": "时间",
    "sheet.cell.duration": "时长",
    "sheet.cell.kind": "环节类型（{kinds}）",
    "sheet.cell.role": "角色（主播、助播、场控、运营）",
    "sheet.cell.hold": "憋单目标（在线500、5分钟 或 在线500或5分钟）",
    "sheet.cell.link_no": "链接号（3、3号、#3）",
    "sheet.cell.price": "价格",
    "sheet.cell.stock": "库存数（如 50、约五十件、两百件 或 1.2万）",
    "sheet.cell.no_length": "{where}：看不出这个环节多长（没有时长、没有结束时间，后面也没有开始时间）",
    "sheet.cell.no_time": "{where}：这个环节没有时间或时长",
    "sheet.cell.no_price": "{where}：商品“{name}”没有能读的价格",
    "sheet.note.custom": "{where}：“{title}”没有写带价格的商品，作为自定义环节",
    "sheet.note.no_date": "表里没有日期：show.starts_at 留空（加上日期才能倒计时到开播）",
}


EN: dict[str, str] = {
    # a sheet import cannot read, a file export cannot write (issue 23.4)
    "sheet.error.directory": "{path}: is a directory, not a spreadsheet",
    "sheet.error.xls": "{path}: an old Excel .xls file: open it in Excel or WPS and save it as .xlsx",
    "sheet.error.password": "{path}: the workbook is password-protected: remove the password (or save an "
                            "unprotected copy) and import that",
    "sheet.error.suffix": "{path}: import reads .xlsx and .csv scripts, not {suffix}",
    "sheet.error.no_suffix": "{path}: import reads .xlsx and .csv scripts, not files without an extension",
    "sheet.error.not_xlsx": "{path}: not an .xlsx workbook (the file is not a spreadsheet, or it is damaged)",
    "sheet.error.damaged": "{path}: cannot read the workbook, it is damaged ({why})",
    "sheet.error.unreadable": "{path}: cannot read the workbook ({why})",
    "sheet.error.part_size": "{path}: {part} unpacks to {mib:,.0f} MiB; a script's sheet is far smaller (at "
                             "most {most} MiB): save the script alone and import that",
    "sheet.error.binary": "{path}: not a CSV text file (it holds binary data)",
    "sheet.error.encoding": "{path}: cannot read the CSV's text: save it as UTF-8 (or GBK)",
    "sheet.error.csv": "{path}: cannot read the CSV ({why})",
    "sheet.error.no_sheet": '{path}: no sheet named "{name}" (sheets: {sheets})',
    "sheet.error.refused": "{path}: {why}",
    "sheet.error.rows": "sheet {sheet} has rows beyond row {most:,} (a script has at most {most:,}: delete the rows "
                        "below it, or save the script alone)",
    "sheet.error.columns": "sheet {sheet} has cells out to column {column} (a script has at most {most})",
    "sheet.error.merged": "sheet {sheet} has more than {most:,} merged ranges",
    "sheet.error.no_header": "{path}: no sheet has a header row this can read (looked in the first {rows} rows"
                             " for columns such as 时间, 时长, 环节, 商品, 主播话术)",
    "sheet.error.uncomputed": "{path}: {cells}: a formula whose value the file does not hold (it was written by"
                              " a program that does not calculate): open it in Excel or WPS, save it, and "
                              "import again",
    "sheet.error.uncomputed_more": "{path}: {cells} and {more} more: a formula whose value the file does not hold "
                                   "(it was written by a program that does not calculate): open it in Excel or WPS, "
                                   "save it, and import again",
    "sheet.error.no_time_column": "{path}: sheet {sheet} has no time or duration column (such as 时间, 时间段 or 时长): "
                                  "the console needs to know how long each segment lasts",
    "sheet.error.no_segments": "{path}: sheet {sheet} has a header (row {row}) but no segments under it",
    "sheet.error.no_times": "{path}: sheet {sheet} has no time or duration in any row",
    "sheet.error.nothing_read": "{path}: no segment of sheet {sheet} could be read: {cells}",
    "sheet.cells.separator": "; ",
    "sheet.plan.heading": "Imported from a spreadsheet script by `rhythm-console import`; check it with `rhythm-console check`.",
    "sheet.cells.more": "… and {count} more",
    "sheet.error.export_suffix": "{output}: export writes .xlsx or .csv, not {suffix}",
    "sheet.error.export_no_suffix": "{output}: export writes .xlsx or .csv, not a file without an extension",

    # what export writes besides the columns' headers (spreadsheet/columns.py has those, with their synonyms)
    "sheet.starts": "Starts: {at}",
    "sheet.tab": "Script",

    # what import says it read
    "sheet.summary": "{segments} segments, {length}, {products} products (sheet {sheet})",

    # the cells import cannot read, and what it decided (in the command's language: --lang, else Chinese)
    "sheet.cell.unreadable": '{where}: cannot read "{value}" as {what}',
    "sheet.cell.time": "a time",
    "sheet.cell.duration": "a duration",
    "sheet.cell.kind": "a segment kind ({kinds})",
    "sheet.cell.role": "a role (主播、助播、场控、运营)",
    "sheet.cell.hold": "a hold target (在线500, 5分钟 or 在线500或5分钟)",
    "sheet.cell.link_no": "a link number (3, 3号, #3)",
    "sheet.cell.price": "a price",
    "sheet.cell.stock": "a stock count (a number such as 50, 约五十件, 两百件 or 1.2万)",
    "sheet.cell.no_length": "{where}: cannot tell how long this segment lasts (no duration, no end time, and "
                            "no later start)",
    "sheet.cell.no_time": "{where}: the segment has no time or duration",
    "sheet.cell.no_price": '{where}: the product "{name}" has no price it can read',
    "sheet.note.custom": '{where}: "{title}" names no product with a price, so it is a custom segment',
    "sheet.note.no_date": "no date in the sheet: show.starts_at is left out (add it to count down to the start)",
}
