"""No two modules of the app import each other, directly or round a longer loop.

The imports are read from the source with `ast`, those inside functions included: an import put
inside a function to dodge a circular import at load time still ties the two modules together,
and is what hid the last loop (the control sheet and the lifecycle of a dossier). A module
imports another when it names it or a name of it (`from ward_admin.a import b` is an import of
`ward_admin.a.b` when that is a module, else of `ward_admin.a`).
"""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "apps" / "ward_admin" / "ward_admin"


def modules() -> dict[str, Path]:
	found = {}
	for path in PACKAGE.rglob("*.py"):
		parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
		name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
		found[name] = path
	return found


def imports_of(path: Path, known: dict[str, Path]) -> set[str]:
	def module_of(dotted: str) -> str | None:
		while dotted and dotted not in known:
			dotted = dotted.rpartition(".")[0]
		return dotted or None

	targets = set()
	for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
		if isinstance(node, ast.Import):
			targets.update(
				module_of(alias.name) for alias in node.names if alias.name.startswith("ward_admin")
			)
		elif (
			isinstance(node, ast.ImportFrom)
			and node.level == 0
			and (node.module or "").startswith("ward_admin")
		):
			for alias in node.names:
				full = f"{node.module}.{alias.name}"
				targets.add(full if full in known else module_of(node.module))
	return {target for target in targets if target}


def import_graph() -> dict[str, set[str]]:
	known = modules()
	return {name: imports_of(path, known) - {name} for name, path in known.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
	"""The strongly connected components of more than one module (Tarjan, without recursion)."""
	index, low, on_stack, stack, found = {}, {}, set(), [], []
	counter = 0
	for root in sorted(graph):
		if root in index:
			continue
		work = [(root, iter(sorted(graph[root])))]
		index[root] = low[root] = counter
		counter += 1
		stack.append(root)
		on_stack.add(root)
		while work:
			node, children = work[-1]
			child = next(children, None)
			if child is not None:
				if child not in index:
					index[child] = low[child] = counter
					counter += 1
					stack.append(child)
					on_stack.add(child)
					work.append((child, iter(sorted(graph.get(child, ())))))
				elif child in on_stack:
					low[node] = min(low[node], index[child])
				continue
			work.pop()
			if work:
				low[work[-1][0]] = min(low[work[-1][0]], low[node])
			if low[node] == index[node]:
				component = []
				while True:
					member = stack.pop()
					on_stack.discard(member)
					component.append(member)
					if member == node:
						break
				if len(component) > 1:
					found.append(sorted(component))
	return found


def test_the_walk_sees_the_app():
	graph = import_graph()
	assert len(graph) > 150, "the walk found too few modules: has the package moved?"
	# an import inside a function counts: the Dossier controller imports its modules at the top,
	# the permission guard reads the allow-list, and both are seen
	assert (
		"ward_admin.one_stop.doctype.dossier.lifecycle"
		in graph["ward_admin.one_stop.doctype.dossier.dossier"]
	)


def test_the_walk_finds_a_loop_through_a_function_level_import():
	graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
	assert cycles(graph) == [["a", "b", "c"]]


def test_no_module_of_the_app_imports_itself_round_a_loop():
	found = cycles(import_graph())
	assert not found, "modules that import each other:\n" + "\n".join(" <-> ".join(c) for c in found)
