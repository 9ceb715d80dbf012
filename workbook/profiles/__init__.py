"""FHIR profiles available for mapping: the bundled Care Connect STU3 catalogue, the base
STU3 and R4 resources, and StructureDefinitions the analyst imports; and the checks of an
engagement's mappings against them.

A profile is kept as *facts* (:mod:`workbook.profiles.model`): canonical URL, name, base
type and the element tree with cardinalities, types, bindings, fixed values and extension
URLs — never the prose of the published definitions.
"""
