"""The report model: a validated JSON document describing one annual report.

Knows nothing of rules or expressions; validation goes through ``compliance.schemas``.
"""

from compliance.model.report import (
    Report,
    dumps_json,
    empty_model,
    loads_json,
    report_from_data,
    validate_model,
)

__all__ = ["Report", "dumps_json", "empty_model", "loads_json", "report_from_data", "validate_model"]
