"""The team's 直播脚本 spreadsheet in and out: `importer` reads .xlsx/.csv into a plan's YAML, `exporter` writes
a plan as a script. `columns` is the one table of the header words both read (docs/spreadsheet.md lists it)."""
