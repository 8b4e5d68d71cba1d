"""The tree of Administrative Units, the one place that answers "a unit and everything under it",
"the units above it" and "the province it belongs to".

Ward isolation rests on this tree: a user's units are their User Permissions and everything under
them, reports total a unit's subtree, an assignment rule or an emulation rule of a unit applies
below it. Every module asks here rather than walking `lft`/`rgt` itself.

The tree is small (a province holds about a hundred units) and read on every dossier save, report
and permission check, so it is held whole in Frappe's cache, one value for the site, and dropped
in one place, `clear()`: Administrative Unit calls it whenever a unit is inserted, changed or
moved, and the transaction that did it drops it again if it is rolled back (meanwhile a reader
may have cached the change). Frappe's full cache clear (migrate, `bench clear-cache`) drops it
too.

An unknown unit (a name no unit has) has nothing under or above it: every function answers
empty, or None, and never raises.
"""

from __future__ import annotations

from typing import NamedTuple

import frappe

UNIT_DOCTYPE = "Administrative Unit"
TREE_KEY = "ward_admin:unit_tree"
NODES_KEY = "ward_admin:unit_tree:nodes"  # this request's copy, as Nodes


class Node(NamedTuple):
	lft: int
	rgt: int
	parent: str | None
	is_group: bool


def _load() -> dict[str, tuple]:
	unit = frappe.qb.DocType(UNIT_DOCTYPE)
	rows = (
		frappe.qb.from_(unit)
		.select(unit.name, unit.lft, unit.rgt, unit.parent_administrative_unit, unit.is_group)
		.orderby(unit.lft)
		.orderby(unit.name)
	).run()
	# plain tuples in the cache (no class of the app is pickled into it)
	return {
		name: (int(lft or 0), int(rgt or 0), parent or None, bool(is_group))
		for name, lft, rgt, parent, is_group in rows
	}


def nodes() -> dict[str, Node]:
	"""{unit: its node}, in tree order (a unit before the units under it). Frappe keeps the value
	read from the cache for the rest of the request."""
	tree = frappe.local.cache.get(NODES_KEY)
	if tree is None:
		tree = {name: Node(*row) for name, row in frappe.cache.get_value(TREE_KEY, generator=_load).items()}
		frappe.local.cache[NODES_KEY] = tree
	return tree


def exists(unit: str | None) -> bool:
	return bool(unit) and unit in nodes()


def descendants(unit: str | None) -> list[str]:
	"""The unit and every unit under it, in tree order; [] for an unknown unit."""
	tree = nodes()
	top = tree.get(unit) if unit else None
	if top is None:
		return []
	return [name for name, node in tree.items() if top.lft <= node.lft and node.rgt <= top.rgt]


def ancestors(unit: str | None) -> list[str]:
	"""The units above the unit, the top first; [] for a top-level or unknown unit."""
	tree = nodes()
	node = tree.get(unit) if unit else None
	if node is None:
		return []
	return [name for name, other in tree.items() if other.lft < node.lft and node.rgt < other.rgt]


def province_of(unit: str | None) -> str | None:
	"""The top-level unit (the province) the unit belongs to: the unit itself at the top, None
	for an unknown unit."""
	if not exists(unit):
		return None
	above = ancestors(unit)
	return above[0] if above else unit


def is_below(unit: str | None, other: str | None) -> bool:
	"""Does `unit` stand under `other` (strictly)?"""
	tree = nodes()
	node, top = tree.get(unit) if unit else None, tree.get(other) if other else None
	return bool(node and top) and top.lft < node.lft and node.rgt < top.rgt


def wards(unit: str | None) -> list[str]:
	"""The units under the unit that hold no other units (wards, communes, special zones: the
	units that receive dossiers and are ranked), by name; the unit itself when it is one."""
	tree = nodes()
	return sorted(name for name in descendants(unit) if not tree[name].is_group)


def roots() -> list[str]:
	"""Units with no parent unit (the provinces, and any unit not yet placed), in tree order."""
	return [name for name, node in nodes().items() if not node.parent]


def in_tree_order(units) -> list[str]:
	"""The given units, a unit before the units under it (unknown ones last, by name)."""
	tree = nodes()
	return sorted(units, key=lambda name: (name not in tree, tree[name].lft if name in tree else 0, name))


def clear(doc=None, method=None) -> None:
	"""The tree changed (a unit inserted, moved or changed): drop the cached tree, and with it
	Frappe's cached user permissions, which hold each user's units with the tree's descendants
	expanded (Frappe clears them only when a User Permission changes)."""
	_drop()
	# a reader may cache the uncommitted tree meanwhile: a rollback drops it again
	frappe.db.after_rollback.add(_drop)


def _drop() -> None:
	frappe.cache.delete_value([TREE_KEY, "user_permissions"])
	frappe.local.cache.pop(NODES_KEY, None)
