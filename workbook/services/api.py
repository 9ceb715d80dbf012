"""API design (step 9): the request line a signature and its search parameters make."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

BASE_URL = "[baseUrl]"


def request_line(method: str, path: str, parameters: Iterable[dict[str, Any]]) -> str:
    """``GET [baseUrl]/MedicationRequest?patient.identifier=…``: the call as a client makes it.

    Parameters without an example value show ``…``; values are URL-encoded, keeping the
    characters FHIR search values use (``|``, ``:``, ``,``). A parameter the path already
    names (``/List?patient.identifier={nhsNumber}``) gets its example value in place.
    """
    path, _, query = path.strip().partition("?")
    if not path.startswith("/"):
        path = "/" + path
    values = {
        p["name"]: quote(str(p["value"]), safe="|:,/") if p.get("value") else "…"
        for p in parameters
        if p.get("name")
    }
    parts = []
    for part in filter(None, query.split("&")):  # the path's own query, with examples filled in
        name = part.partition("=")[0]
        parts.append(f"{name}={values.pop(name)}" if values.get(name, "…") != "…" else part)
        values.pop(name, None)
    parts += [f"{name}={value}" for name, value in values.items()]
    return f"{method} {BASE_URL}{path}{'?' if parts else ''}{'&'.join(parts)}"
