"""Entry point of the bundled desktop app (build_installer.spec)."""

from ui.app import main

main()
