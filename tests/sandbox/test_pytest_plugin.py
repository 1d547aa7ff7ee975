"""The pytest plugin as a downstream suite uses it: a conftest naming the plugin, tests asking for fixtures.

The ``<vendor>_sandbox`` fixtures are made from the ``Vendor`` enum, so these tests ask for them the same way: a
vendor added to the enum (with its sandbox module) is covered here without an edit.
"""

from __future__ import annotations

import pytest

from storefronts import Vendor

PLUGIN_CONFTEST = 'pytest_plugins = ["storefronts.testing.pytest_plugin"]'


def test_each_vendor_fixture_serves_its_vendor_fresh_for_each_test(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(PLUGIN_CONFTEST)
    pytester.makepyfile(
        """
        import pytest
        from storefronts import Client, Vendor

        @pytest.mark.parametrize("vendor", list(Vendor))
        def test_serves_its_vendor_to_a_real_client(vendor, request):
            server = request.getfixturevalue(f"{vendor.value}_sandbox")
            assert server.vendor == vendor.value
            order_id = next(iter(server.orders))
            with Client(vendor, api_key=server.credential, base_url=server.base_url) as client:
                order = client.update_order(order_id, notes="from the fixture")
            assert (order.vendor, order.id, order.notes) == (vendor, order_id, "from the fixture")
            assert [recorded.order_id for recorded in server.requests] == [order_id]

        keys = []

        @pytest.mark.parametrize("round", [1, 2])
        @pytest.mark.parametrize("vendor", list(Vendor))
        def test_fresh(vendor, round, request):
            server = request.getfixturevalue(f"{vendor.value}_sandbox")
            assert server.requests == []
            assert server.orders, "the seed orders are back"
            assert server.api_key not in keys
            keys.append(server.api_key)
            server.orders.clear()  # what one test does to its sandbox stays in that test
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=3 * len(Vendor))


def test_pytest_fixtures_lists_each_vendor_fixture_with_its_doc(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(PLUGIN_CONFTEST)
    result = pytester.runpytest("--fixtures", "-p", "no:cacheprovider")
    for vendor in Vendor:
        result.stdout.fnmatch_lines(
            [f"{vendor.value}_sandbox*", f'*A running {vendor.value} sandbox, ``sandbox("{vendor.value}")``*']
        )
    assert result.ret == 0
