"""A reference rendering of Arabic text by a real shaping engine (HarfBuzz, through uharfbuzz), drawn
with the same font and the same rasteriser (Agg) as the labels it is compared with."""

from __future__ import annotations

import itertools
import re

import numpy as np
import uharfbuzz as hb
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch
from matplotlib.path import Path
from PIL import Image

from helpers.plotting import arabic_font_path

SIZE = (9, 1.6)  # inches
DPI = 100
FONT_SIZE = 40  # points
_RTL_RUN = re.compile(
    r"[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff][\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff\s\u200c]*"
)


class _Pen:
    def __init__(self) -> None:
        self.vertices: list[tuple[float, float]] = []
        self.codes: list[int] = []

    def moveTo(self, p):
        self.vertices.append(p)
        self.codes.append(Path.MOVETO)

    def lineTo(self, p):
        self.vertices.append(p)
        self.codes.append(Path.LINETO)

    def qCurveTo(self, *points):
        for c, p in itertools.pairwise(points):
            self.vertices += [c, p]
            self.codes += [Path.CURVE3, Path.CURVE3]

    def curveTo(self, c1, c2, p):
        self.vertices += [c1, c2, p]
        self.codes += [Path.CURVE4] * 3

    def closePath(self):
        self.vertices.append(self.vertices[-1] if self.vertices else (0, 0))
        self.codes.append(Path.CLOSEPOLY)

    def endPath(self):
        pass


def _runs(text: str) -> list[tuple[str, str]]:
    """Bidi runs of a right-to-left paragraph, in visual order (left to right): ``(run, direction)``.

    Enough of the Unicode bidi algorithm for labels: Arabic runs are right to left; Latin words and
    numbers next to each other (with the spaces between them) form one left-to-right run; the spaces
    between runs of different direction take the paragraph's direction.
    """
    runs: list[list[str]] = []
    for piece in re.findall(r"\s+|[^\s]+", text):
        kind = "space" if piece.isspace() else "rtl" if _RTL_RUN.search(piece) else "ltr"
        if runs and kind == runs[-1][1]:
            runs[-1][0] += piece
        elif kind == "ltr" and len(runs) >= 2 and runs[-1][1] == "space" and runs[-2][1] == "ltr":
            runs[-2][0] += runs.pop()[0] + piece
        else:
            runs.append([piece, kind])
    return [(run, "ltr" if kind == "ltr" else "rtl") for run, kind in reversed(runs)]


def reference_path(text: str) -> tuple[Path, float]:
    """The outline of ``text`` shaped by HarfBuzz, in font units; and the font's units per em."""
    blob = hb.Blob.from_file_path(str(arabic_font_path()))
    face = hb.Face(blob)
    font = hb.Font(face)
    x = 0.0
    vertices, codes = [], []
    for run, direction in _runs(text):
        buf = hb.Buffer()
        buf.add_str(run)
        buf.guess_segment_properties()
        buf.direction = direction
        hb.shape(font, buf, {})
        for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True):
            pen = _Pen()
            font.draw_glyph_with_pen(info.codepoint, pen)
            vertices += [(vx + x + pos.x_offset, vy + pos.y_offset) for vx, vy in pen.vertices]
            codes += pen.codes
            x += pos.x_advance
    return Path(np.array(vertices or [(0, 0)], float), codes or [Path.MOVETO]), face.upem


def _ink(fig: Figure) -> np.ndarray:
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return 255 - np.asarray(canvas.buffer_rgba())[..., :3].mean(axis=2)


def render_reference(text: str) -> np.ndarray:
    path, upem = reference_path(text)
    fig = Figure(figsize=SIZE, dpi=DPI)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.add_patch(PathPatch(path, facecolor="black", edgecolor="none"))
    scale = FONT_SIZE * DPI / 72 / upem
    width, height = SIZE[0] * DPI / scale, SIZE[1] * DPI / scale
    extent = path.get_extents()
    cx, cy = (extent.x0 + extent.x1) / 2, (extent.y0 + extent.y1) / 2
    ax.set_xlim(cx - width / 2, cx + width / 2)
    ax.set_ylim(cy - height / 2, cy + height / 2)
    ax.set_axis_off()
    return _ink(fig)


def render_label(label: str) -> np.ndarray:
    """How the active matplotlib draws ``label`` (the string given to it) in the project font."""
    from matplotlib.font_manager import FontProperties

    fig = Figure(figsize=SIZE, dpi=DPI)
    prop = FontProperties(fname=str(arabic_font_path()), size=FONT_SIZE)
    fig.text(0.5, 0.5, label, fontproperties=prop, ha="center", va="center")
    return _ink(fig)


def _normalised(ink: np.ndarray, shape=(48, 480)) -> np.ndarray:
    rows, cols = np.nonzero(ink > 40)
    if not len(rows):
        return np.zeros(shape, bool)
    crop = ink[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1]
    image = Image.fromarray(crop.astype(np.uint8)).resize((shape[1], shape[0]), Image.Resampling.BILINEAR)
    return np.asarray(image) > 100


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Intersection over union of the two inks, each cropped to its extent and scaled to one size."""
    x, y = _normalised(a), _normalised(b)
    union = np.logical_or(x, y).sum()
    return float(np.logical_and(x, y).sum() / union) if union else 0.0
