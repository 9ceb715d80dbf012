"""The PySide6 front end. All data changes go through workbook.services."""
