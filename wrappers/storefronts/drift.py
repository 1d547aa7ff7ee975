"""Drift warnings: what storefronts noticed that no adapter knows (see README "Drift warnings").

The first time a vendor's response carries a status value no adapter maps, or lacks a field its adapter reads,
one WARNING goes to the ``storefronts.drift`` logger per (vendor, field, value), naming ``make update-specs`` as the
next step. Reading stays lenient (``UNKNOWN``, or None); a warning is never an exception.

    >>> from storefronts import drift
    >>> drift.seen()          # {("bitbybit", "status", "on_hold"): 3, ("salesive", "_id", "<missing>"): 1}

Values are the vendor's own strings; ``"<missing>"`` is a field the response lacked, ``"<null>"``/``"<int>"`` (and
so on) a value of the wrong type, ``"<other>"`` everything past the first ``MAX_KEYS`` distinct keys.
"""

from ._drift import MAX_KEYS, MISSING, OTHER, DriftKey, reset, seen

__all__ = ["MAX_KEYS", "MISSING", "OTHER", "DriftKey", "reset", "seen"]
