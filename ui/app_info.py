"""Help › About and Help › Open data folder: what a person supporting the app asks for first."""

from __future__ import annotations

import html
import sys
from pathlib import Path

from platformdirs import user_data_path
from PySide6.QtCore import QUrl, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from workbook import __version__
from workbook.db.store import APP_NAME, Store
from workbook.logs import log_file


def data_folder(store: Store) -> Path:
    """The folder of the database file (its backups sit beside it), else the user data folder."""
    return store.path.parent if store.path is not None else user_data_path(APP_NAME, False)


def about_html(store: Store) -> str:
    build = "installed bundle" if getattr(sys, "frozen", False) else "run from source"
    read_only = " (read-only in this window)" if store.read_only else ""
    rows = [
        ("Version", f"{__version__} ({build}; Qt {qVersion()})"),
        ("Database", f"{store.label}{read_only}"),
        ("Log", str(log_file())),
    ]
    cells = "".join(
        f"<tr><td><b>{name}</b>&nbsp;&nbsp;</td><td>{html.escape(value)}</td></tr>"
        for name, value in rows
    )
    return (
        "<p><b>Engagement Workbook</b>: the Care Connect engagement process, step by step.</p>"
        f"<table>{cells}</table>"
        "<p>Help › Open data folder shows the database and its backups.</p>"
    )


def show_about(parent: QWidget, store: Store) -> None:
    QMessageBox.about(parent, "About Engagement Workbook", about_html(store))


def open_data_folder(parent: QWidget, store: Store) -> bool:
    folder = data_folder(store)
    if not folder.is_dir():
        QMessageBox.information(parent, "Open data folder", f"{folder} does not exist yet.")
        return False
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
        QMessageBox.information(
            parent, "Open data folder", f"No file manager could be opened. The folder is\n{folder}"
        )
        return False
    return True
