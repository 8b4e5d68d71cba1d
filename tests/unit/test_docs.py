"""The design lives in the repository (docs/): its pages exist and link to each other, and no code,
test, script or page cites a file a newcomer does not have."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
PAGES = (
	"README.md",
	"architecture.md",
	"hooks.md",
	"permissions.md",
	"contract.md",
	"rules.md",
	"sources.md",
)
# how the old notes outside the repository were cited
OUTSIDE = re.compile(
	r"design §|design\.md|\bdomain\.md|anchors\.md|frappe-conventions|bench-notes|\.\./shared|shared/reference"
)


def test_the_design_pages_exist_and_their_links_resolve():
	for page in PAGES:
		assert (DOCS / page).is_file(), page
	assert (DOCS / "modules.svg").read_text(encoding="utf-8").lstrip().startswith("<svg")
	for page in DOCS.glob("*.md"):
		for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
			if not re.match(r"^[a-z]+://", target):
				assert (page.parent / target).exists(), f"{page.name} links to {target}"


def test_nothing_cites_a_file_outside_the_repository():
	sources = [
		*ROOT.glob("apps/ward_admin/**/*.py"),
		*ROOT.glob("apps/ward_admin/ward_admin/**/*.js"),
		*ROOT.glob("apps/ward_admin/**/*.md"),
		*ROOT.glob("tests/**/*.py"),
		*ROOT.glob("benchmarks/**/*.py"),
		*DOCS.glob("*.md"),
		ROOT / "README.md",
		ROOT / "ward",
	]
	cited = [
		f"{path.relative_to(ROOT)}:{number}"
		for path in sources
		# a patch may name the old text it replaces on existing sites
		if "public/dist" not in str(path)
		and "/patches/" not in str(path)
		and path != Path(__file__).resolve()
		for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
		if OUTSIDE.search(line)
	]
	assert not cited, "cite docs/ instead:\n" + "\n".join(cited)
