"""The planner tests share plan_helpers.py (fixed arrival date, its hand-checked dates, page helpers)."""
import sys
from pathlib import Path

if str(Path(__file__).parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).parent))
