"""The staff roles of the one-stop shop (docs/README.md, the roles).

Each role gets desk access. Citizens are website users and need no role of their own here.
"""

STAFF_ROLES = (
	"One-Stop Officer",
	"Specialist",
	"Ward Leader",
	"Ward Admin",
	"Emulation Officer",
	"Inspector",
)

# the accounts of outside systems that call the app's API (no desk): the national portal pushes the
# dossiers filed there (ward_admin.api.national)
SYSTEM_ROLES = ("National Portal",)
