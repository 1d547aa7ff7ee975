# Generated from specs/bitbybit.yaml by `make generate` (openapi-python-client + generator/templates).
# Do not edit: change the spec, a transform in generator/transforms.py, or a template, and regenerate.
from enum import StrEnum


class OrderFulfillmentStatus(StrEnum):
    FULFILLED = "fulfilled"
    UNFULFILLED = "unfulfilled"

    def __str__(self) -> str:
        return str(self.value)
