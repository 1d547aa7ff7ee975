"""The shared readers adapters declare their vendor's field names with: what they read, and what they refuse."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from storefronts import Address, Customer, LineItem
from storefronts._lenient_readers import AddressFields, CustomerFields, LineItemFields


@pytest.mark.parametrize(
    "declare",
    [
        lambda: CustomerFields(phone_number="phoneNumber"),
        lambda: LineItemFields(unit_price="price"),
        lambda: AddressFields(postcode="zipCode"),
    ],
    ids=["customer", "line-item", "address"],
)
def test_a_misspelt_field_name_fails_when_the_adapter_is_defined(declare: Any) -> None:
    """A typo in an adapter's field map would otherwise read as a field the vendor never sends: None, silently."""
    with pytest.raises(TypeError, match=r"not (Customer|LineItem|Address) fields"):
        declare()


def test_customer_fields_read_the_vendors_names() -> None:
    fields = CustomerFields(id_fields=("customerId", "_id"), first_name="firstName", last_name="lastName")
    customer = fields.read({"_id": "u1", "firstName": "Ana", "lastName": "Putri", "email": "ana@example.com"})
    assert customer == Customer(id="u1", name="Ana Putri", email="ana@example.com", phone=None)
    # the first id field that has a value wins; a full name beats first + last
    both = fields.read({"customerId": 7, "_id": "u1", "name": "Ana P.", "firstName": "Ana"})
    assert both is not None
    assert (both.id, both.name) == ("7", "Ana P.")


@pytest.mark.parametrize("value", [None, "ana@example.com", ["x"], 3])
def test_a_customer_that_is_not_an_object_reads_as_none(value: Any) -> None:
    assert CustomerFields().read(value) is None


def test_line_item_fields_read_the_vendors_names_and_a_sku_kept_elsewhere() -> None:
    fields = LineItemFields(id="_id", title="name")
    item = fields.read({"_id": "li1", "name": "Shirt", "quantity": 2, "price": 10.5}, sku="TS-1")
    assert item == LineItem(id="li1", title="Shirt", sku="TS-1", quantity=2, unit_price=Decimal("10.5"))
    assert fields.read("not an object") == LineItem()


def test_address_fields_keep_an_empty_string_beside_real_values_but_not_an_empty_address() -> None:
    fields = AddressFields(address1="address", zip="zipCode")
    assert fields.read({"address": "Jl. Sudirman 1", "zipCode": "", "city": None}) == Address(
        address1="Jl. Sudirman 1", zip=""
    )
    assert fields.read({"address": "", "zipCode": None}) is None
    assert fields.read([]) is None
