"""Fee arithmetic of an administrative procedure: pure Python, amounts in whole VND.

A procedure's fee rules (table Procedure Fee Rule) apply to one case as follows:

- ``Flat``: its amount once per case;
- ``Per Copy``: its amount for each copy;
- ``Per Page``: its amount for each page of one copy. A rule with ``first_units`` N covers the
  next N pages only; a rule with 0 covers all remaining pages. The page total of one copy is
  capped by the largest ``cap`` of the page rules (0 = no cap), then multiplied by the copies;
- ``Exempt``: describes who pays nothing; the officer marks the case exempt and the fee is 0.

Example, certified copies (Circular 226/2016): 2,000 VND for each of the first two pages,
1,000 VND from the third, at most 200,000 VND per copy.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

RULE_TYPES = ("Flat", "Per Page", "Per Copy", "Exempt")


class FeeError(ValueError):
	"""Bad fee rules or case quantities."""


@dataclass(frozen=True)
class FeeRule:
	rule_type: str
	amount: int = 0
	first_units: int = 0
	cap: int = 0

	@classmethod
	def from_mapping(cls, row: Mapping) -> FeeRule:
		rule = cls(
			rule_type=row.get("rule_type") or "",
			amount=round(row.get("amount") or 0),
			first_units=int(row.get("first_units") or 0),
			cap=round(row.get("cap") or 0),
		)
		rule.check()
		return rule

	def check(self) -> None:
		if self.rule_type not in RULE_TYPES:
			raise FeeError(f"unknown fee rule type {self.rule_type!r}")
		if self.amount < 0 or self.first_units < 0 or self.cap < 0:
			raise FeeError("fee amounts, pages and caps cannot be negative")


def compute_fee(
	rules: Iterable[FeeRule | Mapping], pages: int = 1, copies: int = 1, exempt: bool = False
) -> int:
	"""The fee of one case in whole VND."""
	if pages < 1 or copies < 1:
		raise FeeError("a case has at least one page and one copy")
	rules = [r if isinstance(r, FeeRule) else FeeRule.from_mapping(r) for r in rules]
	if exempt:
		return 0

	flat = sum(r.amount for r in rules if r.rule_type == "Flat")
	per_copy = sum(r.amount for r in rules if r.rule_type == "Per Copy")

	page_rules = [r for r in rules if r.rule_type == "Per Page"]
	per_page_total, remaining = 0, pages
	for rule in page_rules:
		if remaining <= 0:
			break
		covered = remaining if rule.first_units == 0 else min(rule.first_units, remaining)
		per_page_total += covered * rule.amount
		remaining -= covered
	cap = max((r.cap for r in page_rules), default=0)
	if cap:
		per_page_total = min(per_page_total, cap)

	return flat + copies * (per_copy + per_page_total)
