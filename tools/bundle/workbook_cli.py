"""Entry point of the bundled ``workbook`` command line (build_installer.spec)."""

import multiprocessing

# A large XML sample is read in two processes; the second one starts as this program and
# must be caught here, before the program's own imports.
multiprocessing.freeze_support()

from workbook.cli import main  # noqa: E402

main()
