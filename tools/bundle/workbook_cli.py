"""Entry point of the bundled ``workbook`` command line (build_installer.spec)."""

from workbook.cli import main

main()
