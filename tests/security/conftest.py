"""Fixtures of the security suite (security_province.py), and its coverage in pytest's summary."""

from security_province import COVERAGE, province

__all__ = ["province"]


def pytest_terminal_summary(terminalreporter):
	"""How many routes x roles the suite covered, printed at the end of every run (CI included)."""
	if COVERAGE:
		terminalreporter.section("security coverage")
		for line in COVERAGE:
			terminalreporter.write_line(line)
