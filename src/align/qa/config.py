"""The QA config file (TOML, read with tomllib): per-check severity, disabling, and options.

    [checks.length-ratio]
    severity = "info"          # error | warning | info
    min_ratio = 0.4            # any option the check declares

    [checks.whitespace]
    enabled = false

    [[rules]]                  # user checklists: see align.qa.rules
    source = "\\bclick here\\b"
    target = "cliquez ici"
    mode = "must"

Every value is checked when the file is read: a wrong type, a number that is not finite, a zero or
negative value for an option whose default is positive (`expected_ratio = 0`, `variance = nan` would
silently turn a check off) stops the run with one line (exit 2).
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from align.errors import ConfigError, InputError
from align.qa.base import SEVERITIES, Check


@dataclass
class QAConfig:
    severities: dict[str, str] = field(default_factory=dict)
    disabled: set[str] = field(default_factory=set)
    options: dict[str, dict[str, object]] = field(default_factory=dict)
    rules: list[Check] = field(default_factory=list)
    path: Path | None = None

    def build_checks(self) -> list[Check]:
        """Instances of every enabled check, with this config's severities and options, then the user rules."""
        from align.qa.checks import CHECKS

        return [cls(self.severities.get(check_id), **self.options.get(check_id, {}))
                for check_id, cls in CHECKS.items() if check_id not in self.disabled] + list(self.rules)


def parse_config(data: dict, where: str = "config") -> QAConfig:
    from align.qa.checks import CHECKS
    from align.qa.rules import parse_rule

    config = QAConfig()
    unknown_sections = set(data) - {"checks", "rules"}
    if unknown_sections:
        raise ConfigError(f"{where}: unknown section(s) {', '.join(sorted(unknown_sections))} "
                          "(expected [checks.ID] and [[rules]])")
    checks = data.get("checks", {})
    if not isinstance(checks, dict):
        raise ConfigError(f"{where}: 'checks' must be a table of [checks.ID] tables, not {checks!r}")
    rules = data.get("rules", [])
    if not isinstance(rules, list):
        raise ConfigError(f"{where}: 'rules' must be an array of tables ([[rules]])")
    taken = set(CHECKS)
    for number, rule in enumerate(rules, start=1):
        config.rules.append(parse_rule(rule, number, where, taken))
        taken.add(config.rules[-1].id)
    for check_id, settings in checks.items():
        if check_id not in CHECKS:
            raise ConfigError(f"{where}: unknown check {check_id!r} (known: {', '.join(CHECKS)})")
        if not isinstance(settings, dict):
            raise ConfigError(f"{where}: [checks.{check_id}] must be a table")
        settings = dict(settings)
        severity = settings.pop("severity", None)
        if severity is not None:
            if severity not in SEVERITIES:
                raise ConfigError(f"{where}: severity of {check_id!r} must be one of {', '.join(SEVERITIES)}, not {severity!r}")
            config.severities[check_id] = severity
        enabled = settings.pop("enabled", True)
        if not isinstance(enabled, bool):
            raise ConfigError(f"{where}: 'enabled' of {check_id!r} must be true or false")
        if not enabled:
            config.disabled.add(check_id)
        if settings:
            CHECKS[check_id](**settings)  # unknown options fail here, naming the check
            for name, value in settings.items():
                default = CHECKS[check_id].options[name]
                number = isinstance(default, (int, float)) and not isinstance(default, bool)
                if (number and (isinstance(value, bool) or not isinstance(value, (int, float)))) or (
                        not number and type(value) is not type(default)):
                    raise ConfigError(f"{where}: option {name!r} of {check_id!r} must be like {default!r}, "
                                      f"not {value!r}")
                if number and (not math.isfinite(value) or (default > 0 and value <= 0)):
                    raise ConfigError(f"{where}: option {name!r} of {check_id!r} must be a finite number "
                                      f"{'above 0 ' if default > 0 else ''}(default {default!r}), not {value!r}")
            config.options[check_id] = settings
    return config


def load_config(path: str | Path | None) -> QAConfig:
    """The config in `path` (TOML), or the defaults when `path` is None."""
    if path is None:
        return QAConfig()
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: config file not found") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise InputError(f"{path}: not a valid TOML config file ({error})") from None
    except RecursionError:
        raise InputError(f"{path}: not a usable config file (nested too deeply)") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a config file") from None
    config = parse_config(data, str(path))
    config.path = path
    return config
