import json
import subprocess
import sys

from rhythm_console.cli import main
from tests.support.plans import PLANS, ROOT


def test_check_prints_a_summary_per_plan(capsys):
    assert main(["check", str(PLANS / "demo.yaml"), str(PLANS / "quick.yaml"), "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert "18 segments" in lines[0] and "2h planned" in lines[0] and "20:00–22:00" in lines[0]
    assert "5 segments" in lines[1] and "10m planned" in lines[1]


def test_check_on_a_broken_plan_exits_2_with_located_errors(capsys):
    path = ROOT / "tests" / "data" / "broken" / "bad-duration.yaml"
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:7:15: segments[0].duration" in err
    assert "Traceback" not in err


def test_schema_is_json(capsys):
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "Rhythm Console run-of-show"


def test_shipped_schema_file_is_current():
    from rhythm_console.plan import plan_json_schema

    shipped = json.loads((ROOT / "docs" / "plan.schema.json").read_text(encoding="utf-8"))
    assert shipped == plan_json_schema(), "run: rhythm-console schema -o docs/plan.schema.json"


def test_module_entry_point_and_version():
    done = subprocess.run([sys.executable, "-m", "rhythm_console", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("rhythm-console ")


def test_bad_flag_and_no_command_exit_2(capsys):
    assert main([]) == 2
    try:
        main(["check"])
    except SystemExit as exc:
        assert exc.code == 2
    else:
        raise AssertionError("argparse should have refused a missing PLAN")


def test_run_with_a_broken_plan_exits_2_before_any_screen(capsys):
    path = ROOT / "tests" / "data" / "broken" / "misspelled-key.yaml"
    assert main(["run", str(path)]) == 2
    err = capsys.readouterr().err
    assert "segments[0].titel: unknown key" in err and "Traceback" not in err


def test_run_with_a_bad_source_exits_2(capsys):
    assert main(["run", str(PLANS / "quick.yaml"), "--source", "carrier-pigeon"]) == 2
    assert '不认识的数据源 "carrier-pigeon"' in capsys.readouterr().err  # the plan is Chinese
    assert main(["run", str(PLANS / "quick.yaml"), "--source", "simulate:seed=x", "--lang", "en"]) == 2
    assert "must be numbers" in capsys.readouterr().err
