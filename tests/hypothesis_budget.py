"""How many examples each property test tries: the CI budget, scaled for longer local runs.

    COMPLIANCE_HYPOTHESIS_SCALE=20 python -m pytest      # twenty times the CI budget
"""

from __future__ import annotations

import os


def examples(ci_budget: int) -> int:
    """``ci_budget`` times ``COMPLIANCE_HYPOTHESIS_SCALE`` (default 1)."""
    try:
        scale = float(os.environ.get("COMPLIANCE_HYPOTHESIS_SCALE", "1"))
    except ValueError:
        scale = 1.0
    return max(1, int(ci_budget * scale))
