"""Which FHIR resources refer to which: the arrows of the profile diagram.

Until the profile catalogue can say what each profile's reference elements point to,
this is a small table of the well-known references between FHIR STU3 resources. Swap
:func:`references_between` for catalogue data and the diagram follows.
"""

from __future__ import annotations

from typing import Protocol, TypeVar

# resource type -> (element, target types in order of preference)
STU3_REFERENCES: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "AllergyIntolerance": (("patient", ("Patient",)),),
    "Appointment": (("participant.actor", ("Patient", "Practitioner", "Location")),),
    "CarePlan": (("subject", ("Patient",)), ("context", ("Encounter",))),
    "Composition": (
        ("subject", ("Patient",)),
        ("encounter", ("Encounter",)),
        ("author", ("Practitioner", "Organization")),
        ("custodian", ("Organization",)),
    ),
    "Condition": (
        ("subject", ("Patient",)),
        ("context", ("Encounter",)),
        ("asserter", ("Practitioner", "Patient")),
    ),
    "DiagnosticReport": (
        ("subject", ("Patient",)),
        ("context", ("Encounter",)),
        ("performer.actor", ("Practitioner", "Organization")),
        ("result", ("Observation",)),
    ),
    "DocumentReference": (
        ("subject", ("Patient",)),
        ("author", ("Practitioner", "Organization")),
        ("custodian", ("Organization",)),
    ),
    "Encounter": (
        ("subject", ("Patient",)),
        ("participant.individual", ("Practitioner",)),
        ("location.location", ("Location",)),
        ("serviceProvider", ("Organization",)),
        ("episodeOfCare", ("EpisodeOfCare",)),
    ),
    "EpisodeOfCare": (("patient", ("Patient",)), ("managingOrganization", ("Organization",))),
    "Flag": (("subject", ("Patient",)), ("author", ("Practitioner", "Organization"))),
    "Immunization": (
        ("patient", ("Patient",)),
        ("encounter", ("Encounter",)),
        ("practitioner.actor", ("Practitioner",)),
        ("location", ("Location",)),
    ),
    "List": (("subject", ("Patient",)), ("encounter", ("Encounter",))),
    "Location": (("managingOrganization", ("Organization",)),),
    "MedicationAdministration": (
        ("subject", ("Patient",)),
        ("medicationReference", ("Medication",)),
        ("performer.actor", ("Practitioner",)),
        ("prescription", ("MedicationRequest",)),
    ),
    "MedicationDispense": (
        ("subject", ("Patient",)),
        ("medicationReference", ("Medication",)),
        ("performer.actor", ("Practitioner", "Organization")),
        ("authorizingPrescription", ("MedicationRequest",)),
    ),
    "MedicationRequest": (
        ("subject", ("Patient",)),
        ("medicationReference", ("Medication",)),
        ("context", ("Encounter",)),
        ("requester.agent", ("Practitioner", "Organization")),
    ),
    "MedicationStatement": (
        ("subject", ("Patient",)),
        ("medicationReference", ("Medication",)),
        ("context", ("Encounter",)),
        ("informationSource", ("Practitioner", "Patient", "Organization")),
        ("basedOn", ("MedicationRequest",)),
    ),
    "Observation": (
        ("subject", ("Patient",)),
        ("context", ("Encounter",)),
        ("performer", ("Practitioner", "Organization")),
    ),
    "Patient": (
        ("generalPractitioner", ("Organization", "Practitioner")),
        ("managingOrganization", ("Organization",)),
    ),
    "PractitionerRole": (
        ("practitioner", ("Practitioner",)),
        ("organization", ("Organization",)),
        ("location", ("Location",)),
    ),
    "Procedure": (
        ("subject", ("Patient",)),
        ("context", ("Encounter",)),
        ("performer.actor", ("Practitioner", "Organization")),
        ("location", ("Location",)),
    ),
    "ReferralRequest": (
        ("subject", ("Patient",)),
        ("requester.agent", ("Practitioner", "Organization")),
        ("recipient", ("Organization", "Practitioner")),
    ),
    "Task": (
        ("for", ("Patient",)),
        ("context", ("Encounter",)),
        ("owner", ("Organization", "Practitioner")),
    ),
}


class HasResourceType(Protocol):
    @property
    def resource_type(self) -> str | None: ...


P = TypeVar("P", bound=HasResourceType)


def references_between(profiles: list[P] | tuple[P, ...]) -> list[tuple[P, str, P]]:
    """(from profile, element, to profile) for each well-known reference among ``profiles``.

    An element that may point to several types points to the first of them in scope;
    when several profiles share that type, it points to each.
    """
    by_type: dict[str, list[P]] = {}
    for p in profiles:
        if p.resource_type:
            by_type.setdefault(p.resource_type, []).append(p)
    found = []
    for source in profiles:
        for element, targets in STU3_REFERENCES.get(source.resource_type or "", ()):
            chosen = next((t for t in targets if t in by_type), None)
            for target in by_type.get(chosen or "", []):
                if target is not source:
                    found.append((source, element, target))
    return found
