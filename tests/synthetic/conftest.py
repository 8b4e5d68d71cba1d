import sys
from pathlib import Path

# the dossier factory is shared with the integration tests
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))
