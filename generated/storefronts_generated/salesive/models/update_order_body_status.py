# Generated from specs/salesive.yaml by `make generate` (openapi-python-client + generator/templates).
# Do not edit: change the spec, a transform in generator/transforms.py, or a template, and regenerate.
from enum import StrEnum


class UpdateOrderBodyStatus(StrEnum):
    CANCELLED = "cancelled"
    COMPLETED = "completed"
    PAID = "paid"
    PENDING = "pending"
    PROCESSING = "processing"
    REFUNDED = "refunded"

    def __str__(self) -> str:
        return str(self.value)
