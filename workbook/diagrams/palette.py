"""The one palette of every diagram: Okabe–Ito colours, safe for colour-blind readers.

Nothing is told apart by colour alone: issue flows are also thicker and marked with a
warning sign, planned flows are dashed, and shapes differ in outline as well as colour.
"""

from __future__ import annotations

from workbook.diagrams.model import Style

# Okabe & Ito (2008), "Color Universal Design"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"

INK = "#1A1A1A"
MUTED = "#595959"
GREY = "#8C8C8C"
PAPER = "#FFFFFF"

# text sizes in points, chosen to stay legible when printed at A4 text width
TITLE_SIZE = 10.0
BODY_SIZE = 8.0
SMALL_SIZE = 7.0
TINY_SIZE = 6.5

# the width a diagram aims at: A4 (210 mm) less 20 mm margins each side, in points
PAGE_WIDTH = 170 / 25.4 * 72
MARGIN = 12.0
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN

THIN = Style(INK, None, 0.8)
BACKDROP = Style(None, PAPER, 0)

DASHED = (5.0, 3.0)
DOTTED = (1.2, 2.4)

# problem statement and technical context: nodes by kind
NODE_STYLES = {
    "system": Style(BLUE, "#E1EEF7", 1.2),
    "person": Style(BLUISH_GREEN, "#DCF1EA", 1.2),
    "organisation": Style(ORANGE, "#FCF0D6", 1.2),
    "store": Style(REDDISH_PURPLE, "#F8E7F0", 1.2),
    "external": Style(MUTED, "#F2F2F2", 1.2, DASHED),
}
ICON = Style(INK, None, 0.8)

# flows by kind: colour, width and dash each tell them apart
EDGE_STYLES = {
    "flow": Style(INK, None, 1.0),
    "issue": Style(VERMILLION, None, 1.8),
    "planned": Style(BLUE, None, 1.2, DASHED),
}
EDGE_TEXT = {"flow": INK, "issue": VERMILLION, "planned": BLUE}
WARNING_SIGN = "⚠"

# business process (BPMN)
LANE = Style(GREY, "#FAFAFA", 0.8)
LANE_HEADER = Style(GREY, "#EEF4F8", 0.8)
TASK = Style(INK, "#E1EEF7", 1.0)
START_EVENT = Style(INK, "#DCF1EA", 1.2)
END_EVENT = Style(INK, "#FBE3D6", 3.0)
INTERMEDIATE_EVENT = Style(INK, "#FFFFFF", 1.0)
GATEWAY = Style(INK, "#FDF9D7", 1.0)
DATA_OBJECT = Style(INK, "#FFFFFF", 0.8)
LINK_EVENT = Style(INK, "#FFFFFF", 1.0)
SEQUENCE_FLOW = Style(INK, None, 1.0)
MESSAGE_FLOW = Style(INK, None, 1.0, DASHED)
ASSOCIATION = Style(MUTED, None, 1.0, DOTTED)

# use cases
BOUNDARY = Style(INK, "#FBFBFB", 1.0)
USE_CASE = Style(BLUE, "#E1EEF7", 1.0)
ACTOR = Style(INK, PAPER, 1.2)
ASSOCIATION_LINE = Style(INK, None, 0.8)
DEPENDENCY = Style(INK, None, 0.9, DASHED)

# sequence
PARTICIPANT = Style(INK, "#E1EEF7", 1.0)
LIFELINE = Style(GREY, None, 0.8, DASHED)
CALL = Style(INK, None, 1.0)
REPLY = Style(INK, None, 1.0, DASHED)
ASYNC = Style(INK, None, 1.0)
NOTE = Style(MUTED, "#FBF6C8", 0.8)

# profiles
PROFILE = Style(BLUE, PAPER, 1.2)
PROFILE_HEADER = Style(BLUE, "#E1EEF7", 1.2)
REFERENCE = Style(INK, None, 1.0)

EMPTY = Style(GREY, "#FAFAFA", 1.0, DASHED)
