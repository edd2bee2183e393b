"""The examples for running many kiosks (assets/fleet/): the Ansible playbook that sets them up,
the config file it writes, the content sync's systemd units and the Prometheus alert rules.

What an IT person relies on: the playbook is valid Ansible, the config it writes is one the
kiosk takes without a complaint, the alerts watch metrics the kiosk really writes, and the
sync copies the articles without ever leaving the kiosk a half-written file.
"""

from __future__ import annotations

import configparser
import dataclasses
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from kiosk.config import Settings, load_config_file
from kiosk.library import library_files
from kiosk.metrics import KioskState, registry_for
from kiosk.opening_hours import parse_opening_hours
from kiosk.staff import hash_pin

yaml = pytest.importorskip(
    "yaml", reason="PyYAML (installed with ansible-core, in the test extras) reads the examples"
)

FLEET = Path(__file__).resolve().parent.parent / "assets" / "fleet"
PLAYBOOK = FLEET / "ansible" / "kiosk.yml"
INVENTORY = FLEET / "ansible" / "inventory.example.yml"
CONFIG_TEMPLATE = FLEET / "ansible" / "templates" / "config.toml.j2"
ALERTS = FLEET / "prometheus" / "kiosk-alerts.yml"
SYNC_SERVICE = FLEET / "systemd" / "kiosk-content-sync.service"
SYNC_TIMER = FLEET / "systemd" / "kiosk-content-sync.timer"
# Metrics that node_exporter and Prometheus give every scraped machine, which the rules may use
# beside the kiosk's own.
NOT_THE_KIOSKS = {"node_textfile_mtime_seconds", "up"}
PROMQL_WORDS = {
    "and",
    "or",
    "unless",
    "on",
    "ignoring",
    "by",
    "without",
    "group_left",
    "group_right",
    "bool",
    "offset",
}


def ansible_tool(name: str) -> str:
    """An Ansible command from this Python's environment (a venv need not be on PATH)."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.is_file() else shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (pip install 'ansible-core>=2.17,<2.20')")
    return found


def run_ansible(tool: str, *args: str, home: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "ANSIBLE_HOME": str(home), "ANSIBLE_LOCAL_TEMP": str(home)}
    return subprocess.run(
        [ansible_tool(tool), *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )


def test_every_yaml_file_of_the_examples_reads():
    files = sorted([*FLEET.rglob("*.yml"), *FLEET.rglob("*.yaml")])
    assert {PLAYBOOK, INVENTORY, ALERTS} <= set(files)
    for path in files:
        assert yaml.safe_load(path.read_text(encoding="utf-8")), f"{path} is empty"


def test_the_playbook_passes_ansibles_syntax_check(tmp_path):
    result = run_ansible(
        "ansible-playbook", "--syntax-check", "-i", str(INVENTORY), str(PLAYBOOK), home=tmp_path
    )
    said = result.stdout + result.stderr
    assert result.returncode == 0, said
    assert "WARNING" not in said
    assert "ERROR" not in said


def test_the_example_inventory_lists_kiosks_where_the_playbook_looks(tmp_path):
    plays = yaml.safe_load(PLAYBOOK.read_text(encoding="utf-8"))
    assert [play["hosts"] for play in plays] == ["kiosks"]
    result = run_ansible("ansible-inventory", "--list", "-i", str(INVENTORY), home=tmp_path)
    assert result.returncode == 0, result.stderr
    inventory = json.loads(result.stdout)
    hosts = inventory["kiosks"]["hosts"]
    assert len(hosts) >= 2
    for host in hosts:
        settings = inventory["_meta"]["hostvars"][host]
        assert "kiosk_wheel" in settings
        assert "kiosk_content_source" in settings


def test_the_playbook_installs_the_system_packages_the_readme_installs():
    readme = (FLEET.parent.parent / "README.md").read_text(encoding="utf-8")
    command = readme.split("<!-- run-command -->", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    wanted = command.split("apt-get install -y", 1)[1].split("&&", 1)[0].split()
    tasks = yaml.safe_load(PLAYBOOK.read_text(encoding="utf-8"))[0]["tasks"]
    installed = next(task for task in tasks if "ansible.builtin.apt" in task)
    assert set(wanted) <= set(installed["ansible.builtin.apt"]["name"])


# --- The config file the playbook writes -------------------------------------------------


# Run apart from this process: PySide6's import hook, once Qt is loaded, breaks Ansible's
# lazy imports.
_RENDER = """
import json, sys
from ansible.parsing.dataloader import DataLoader
from ansible.template import Templar
try:  # ansible-core 2.19 renders only text marked as a template
    from ansible.template import trust_as_template
except ImportError:  # 2.17, 2.18
    def trust_as_template(text):
        return text
variables = json.load(sys.stdin)
template = open(variables.pop("template"), encoding="utf-8").read()
templar = Templar(loader=DataLoader(), variables=variables)
sys.stdout.write(templar.template(trust_as_template(template)))
"""


def render_config(variables: dict[str, Any]) -> str:
    """The config template rendered as Ansible's template module renders it (its filters,
    to_json and combine, are Ansible's)."""
    pytest.importorskip("ansible", reason="the config template is rendered by Ansible")
    result = subprocess.run(
        [sys.executable, "-c", _RENDER],
        input=json.dumps({**variables, "template": str(CONFIG_TEMPLATE)}),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def written_config(tmp_path: Path, variables: dict[str, Any]) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(render_config(variables), encoding="utf-8")
    return path


def test_the_config_file_the_playbook_writes_is_one_the_kiosk_takes(tmp_path):
    pin_hash = hash_pin("2468")
    disclaimer = 'Información general, "no" consejo médico. C:\\ no es una ruta.'
    path = written_config(
        tmp_path,
        {
            "kiosk_content_dir": "/home/kiosk/kiosk-content",
            "kiosk_staff_pin_hash": pin_hash,
            "kiosk_metrics_file": "/var/lib/prometheus/node-exporter/kiosk.prom",
            "kiosk_settings": {"disclaimer": disclaimer, "rotation": 0, "idle_timeout": 120},
            "kiosk_host_settings": {"rotation": 90, "screen_diagonal_inches": 21.5},
        },
    )
    loaded = load_config_file(path, required=True)
    assert loaded.problems == ()
    settings = loaded.settings
    assert settings.content == "/home/kiosk/kiosk-content"
    assert settings.staff_pin_hash == pin_hash
    assert settings.metrics_file == "/var/lib/prometheus/node-exporter/kiosk.prom"
    assert settings.disclaimer == disclaimer
    assert settings.idle_timeout == 120
    # A kiosk's own setting wins over the one for every kiosk.
    assert settings.rotation == 90
    assert settings.screen_diagonal_inches == 21.5


def test_without_monitoring_or_extra_settings_the_config_file_keeps_the_defaults(tmp_path):
    pin_hash = hash_pin("2468")
    path = written_config(
        tmp_path,
        {
            "kiosk_content_dir": "/home/kiosk/kiosk-content",
            "kiosk_staff_pin_hash": pin_hash,
            "kiosk_metrics_file": "",
        },
    )
    loaded = load_config_file(path, required=True)
    assert loaded.problems == ()
    expected = Settings(content="/home/kiosk/kiosk-content", staff_pin_hash=pin_hash)
    assert loaded.settings == expected


def test_the_opening_hours_left_as_an_example_are_written_as_the_kiosk_reads_them(tmp_path):
    example = next(
        line.removeprefix("# ")
        for line in CONFIG_TEMPLATE.read_text(encoding="utf-8").splitlines()
        if line.startswith("# opening_hours =")
    )
    hours = parse_opening_hours(tomllib.loads(example)["opening_hours"])
    assert not hours.always_open
    assert hours.openings
    if "opening_hours" in {field.name for field in dataclasses.fields(Settings)}:
        path = written_config(
            tmp_path,
            {
                "kiosk_content_dir": "/home/kiosk/kiosk-content",
                "kiosk_staff_pin_hash": "",
                "kiosk_metrics_file": "",
            },
        )
        path.write_text(path.read_text(encoding="utf-8") + example + "\n", encoding="utf-8")
        assert load_config_file(path, required=True).problems == ()


# --- Alert rules ----------------------------------------------------------------------------


def alert_rules() -> list[dict[str, Any]]:
    groups = yaml.safe_load(ALERTS.read_text(encoding="utf-8"))["groups"]
    return [rule for group in groups for rule in group["rules"]]


def metric_selectors(expr: str) -> list[tuple[str, dict[str, str]]]:
    """Each metric an expression reads, with the label matchers written beside it. Function
    names (followed by "("), PromQL's words, label lists after on/by, durations and numbers
    are left out."""
    without_lists = re.sub(
        r"\b(on|ignoring|by|without|group_left|group_right)\s*\([^)]*\)", r"\1", expr
    )
    without_ranges = re.sub(r"\[[0-9smhdwy:]+\]", "", without_lists)
    found = []
    for match in re.finditer(r"([A-Za-z_:][\w:]*)\s*(\{[^}]*\})?\s*(\()?", without_ranges):
        name, matchers, call = match.groups()
        if call or name in PROMQL_WORDS:
            continue
        labels = dict(re.findall(r'(\w+)\s*=~?\s*"([^"]*)"', matchers or ""))
        found.append((name, labels))
    return found


def kiosk_metrics() -> dict[str, set[tuple[tuple[str, str], ...]]]:
    """Every metric the kiosk writes, with the label sets of its samples."""
    registry = registry_for(KioskState(version="x"))
    written: dict[str, set[tuple[tuple[str, str], ...]]] = {}
    for family in registry.collect():
        for sample in family.samples:
            written.setdefault(sample.name, set()).add(tuple(sorted(sample.labels.items())))
    return written


def test_the_alert_rules_read_only_metrics_the_kiosk_writes():
    written = kiosk_metrics()
    for rule in alert_rules():
        selectors = metric_selectors(rule["expr"])
        assert selectors, rule["alert"]
        for name, labels in selectors:
            assert name in written or name in NOT_THE_KIOSKS, f"{rule['alert']}: {name}"
            if name not in written:
                continue
            for label, value in labels.items():
                values = {dict(label_set).get(label) for label_set in written[name]}
                assert value in values, f"{rule['alert']}: {name}{{{label}={value!r}}}"


def test_the_alert_rules_name_the_machine_in_plain_words():
    rules = alert_rules()
    assert len({rule["alert"] for rule in rules}) == len(rules)
    for rule in rules:
        annotations = rule["annotations"]
        assert "{{ $labels.instance }}" in annotations["summary"], rule["alert"]
        assert len(annotations["description"].split()) >= 15, rule["alert"]
        assert rule["labels"]["severity"] in ("critical", "warning")


def rule_reading(metric: str, condition: str) -> dict[str, Any]:
    matching = [
        rule
        for rule in alert_rules()
        if metric in rule["expr"] and condition in " ".join(rule["expr"].split())
    ]
    assert len(matching) == 1, f"one rule on {metric} {condition}"
    return matching[0]


def test_a_kiosk_that_stops_writing_its_file_alerts_after_five_minutes():
    stale = rule_reading("node_textfile_mtime_seconds", "> 300")
    assert 'file=~".*kiosk[.]prom"' in stale["expr"]
    assert stale.get("for", "0m") == "0m"


def test_a_screen_off_while_the_clinic_is_open_alerts_after_five_minutes():
    rule = rule_reading('kiosk_display_state{state="off_unexpectedly"}', "== 1")
    assert rule["for"] == "5m"


def test_refused_content_alerts_after_fifteen_minutes():
    rule = rule_reading("kiosk_content_last_load_ok", "== 0")
    assert rule["for"] == "15m"


def test_a_stopped_kiosk_alerts_once_not_also_as_silent():
    stopped = [rule for rule in alert_rules() if rule["expr"].strip() == "kiosk_up == 0"]
    assert len(stopped) == 1
    assert stopped[0]["for"] == "5m"
    stale = rule_reading("node_textfile_mtime_seconds", "> 300")
    assert "unless on (instance) kiosk_up == 0" in " ".join(stale["expr"].split())


# --- The content sync -----------------------------------------------------------------------


def unit(path: Path) -> configparser.ConfigParser:
    """A unit file read as systemd reads its [Section] and Key=value lines (keys may repeat,
    as ExecStartPre= does; their case is kept)."""
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read_string(path.read_text(encoding="utf-8"), source=str(path))
    return parser


def test_the_sync_units_are_valid_systemd_units(tmp_path):
    service, timer = unit(SYNC_SERVICE), unit(SYNC_TIMER)
    assert service["Service"]["Type"] == "oneshot"
    copy = service["Service"]["ExecStart"].split()
    assert copy[0] == "/usr/bin/rsync"
    # New and changed files wait in a hidden folder until all are copied, and deleted ones go
    # only after that; the server's hidden files (and that folder) are left alone.
    assert {"--delay-updates", "--delete-delay", "--exclude=.*"} <= set(copy)
    assert timer["Timer"]["OnUnitActiveSec"] == "5min"
    assert timer["Install"]["WantedBy"] == "timers.target"
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed: only read as Key=value files")
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    result = subprocess.run(
        [analyze, "--user", "verify", str(SYNC_SERVICE), str(SYNC_TIMER)],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_RUNTIME_DIR": str(runtime)},
        timeout=60,
        check=False,
    )
    complaints = [
        line
        for line in (result.stdout + result.stderr).splitlines()
        # Where rsync is not installed, verify says its command cannot run; nothing else may.
        if not (shutil.which("rsync") is None and "/usr/bin/rsync is not executable" in line)
    ]
    assert complaints == []
    if shutil.which("rsync") is not None:
        assert result.returncode == 0


def command_of(key: str, source: str, home: Path) -> list[str]:
    """The sync service's command for `key` as systemd runs it: split into words, then the
    source, the home folder (%h) and "$$" (a literal "$") put in."""
    words = shlex.split(unit(SYNC_SERVICE)["Service"][key].replace("%h", str(home)))
    return [
        re.sub(
            r"\$\$|\$\{KIOSK_CONTENT_SOURCE\}",
            lambda found: "$" if found.group() == "$$" else source,
            word,
        )
        for word in words
    ]


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def article(title: str) -> str:
    return f"---\ntitle: {title}\n---\n\n## About\n\nSome words about {title}.\n"


@pytest.fixture
def rsync() -> str:
    found = shutil.which("rsync")
    if found is None or not Path("/usr/bin/rsync").is_file():
        pytest.skip("rsync is not installed at /usr/bin/rsync")
    return found


def test_the_sync_copies_the_articles_and_takes_away_deleted_ones(tmp_path, rsync):
    server, home = tmp_path / "server", tmp_path / "home"
    write(server / "consent.md", article("Consent"))
    write(server / "consent.es.md", article("Consentimiento"))
    write(server / "pain" / "ketamine.md", article("Ketamine"))
    # The server's own hidden files stay there: a git folder, a sync tool's half-written file.
    write(server / ".git" / "config", "[core]\n")
    write(server / ".syncthing.new.md.tmp", "---\ntitle: Hal")
    write(home / "kiosk-content" / "withdrawn.md", article("Withdrawn"))

    result = subprocess.run(
        command_of("ExecStart", str(server), home),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    content = home / "kiosk-content"
    assert [path.relative_to(content).as_posix() for path in library_files(content)] == [
        "consent.es.md",
        "consent.md",
        "pain/ketamine.md",
    ]
    assert sorted(path.name for path in content.iterdir()) == [
        "consent.es.md",
        "consent.md",
        "pain",
    ]
    assert (content / "consent.md").read_text(encoding="utf-8") == article("Consent")


def test_the_sync_refuses_to_run_without_a_source(tmp_path):
    result = subprocess.run(
        command_of("ExecStartPre", "", tmp_path),
        capture_output=True,
        text=True,
        env={**os.environ, "KIOSK_CONTENT_SOURCE": ""},
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "KIOSK_CONTENT_SOURCE is not set" in result.stderr
    assert str(tmp_path / ".config" / "kiosk" / "content-sync.env") in result.stderr
    ready = subprocess.run(
        command_of("ExecStartPre", "", tmp_path),
        env={**os.environ, "KIOSK_CONTENT_SOURCE": "rsync://server/kiosk-content"},
        timeout=60,
        check=False,
    )
    assert ready.returncode == 0


def test_a_sync_caught_halfway_leaves_the_kiosk_only_the_whole_articles(tmp_path):
    content = tmp_path / "kiosk-content"
    write(content / "consent.md", article("Consent"))
    # What rsync --delay-updates leaves in the folder while it runs (seen with a slow copy):
    # finished files waiting in the hidden .~tmp~ folder, the one being written under a
    # hidden temporary name.
    write(content / ".~tmp~" / "ketamine.md", article("Ketamine"))
    write(content / ".~tmp~" / "consent.md", article("Consent, revised"))
    write(content / ".aftercare.md.Gwjq0e", "---\ntitle: After")
    assert library_files(content) == [content / "consent.md"]
