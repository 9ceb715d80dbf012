"""Importers of the client's own files: XML samples and XSD schemas into the dataset (step 5),
BPMN 2.0 models into the business process (step 4).

Everything here reads outside files through :mod:`workbook.importers.safe_xml`, which
refuses DTDs and entities, never opens another file or the network on a document's behalf,
and reports every problem as an :class:`workbook.errors.InputError` naming file and line.
"""
