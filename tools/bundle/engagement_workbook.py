"""Entry point of the bundled desktop app (build_installer.spec)."""

import multiprocessing

# A large XML sample is read in two processes; the second one starts as this program and
# must be caught here, before the program's own imports.
multiprocessing.freeze_support()

from ui.app import main  # noqa: E402

main()
