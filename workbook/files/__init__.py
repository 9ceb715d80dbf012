"""Files the workbook reads and writes: engagement files (JSON) and, later, others."""
