"""The first-run screen of an empty database."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class WelcomePage(QWidget):
    new_requested = Signal()
    demo_requested = Signal()
    import_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel("<h1>Welcome to Engagement Workbook</h1>")
        intro = QLabel(
            "Keep a Care Connect engagement in one place: the client's context and problem, "
            "the business requirements and user stories, the dataset and its FHIR mapping, "
            "the API design and the case study. Everything is saved as you type."
        )
        intro.setWordWrap(True)
        intro.setFixedWidth(560)
        intro.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # aligned widgets get no height-for-width from the layout: give it the wrapped height
        intro.setMinimumHeight(intro.heightForWidth(560))
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(title, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(intro, 0, Qt.AlignmentFlag.AlignHCenter)
        for text, tip, signal in (
            ("New engagement", "Start an engagement from a blank workbook", self.new_requested),
            (
                "Open the demo engagement",
                "A complete, fictional engagement to explore: discharge medicines shared with GPs "
                "and community pharmacies",
                self.demo_requested,
            ),
            (
                "Import engagement file…",
                "Open an .engagement.json file a colleague sent you",
                self.import_requested,
            ),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.setMinimumSize(320, 44)
            button.clicked.connect(signal)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
