"""A world map of country mentions: a choropleth by count, Arabic title and legend, drawn offline from
Natural Earth 1:110m country outlines shipped in ``resources/countries_110m.json`` (public domain).

No GIS library is needed: the outlines are plain longitude/latitude rings drawn with matplotlib in an
equirectangular projection.
"""

from __future__ import annotations

import itertools
import json
from functools import cache
from importlib import resources

import matplotlib.patheffects as path_effects
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.cm import ScalarMappable
from matplotlib.collections import PathCollection
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.path import Path

from helpers.gazetteer import display_names
from helpers.plotting import _axes, arabic_label, country_order, describe, title_right

UNMENTIONED = "#e8e8e8"
PALETTE = ["#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c", "#08306b"]
LEFT_OUT = {"ATA"}
"""Not drawn: Antarctica."""


@cache
def country_shapes() -> dict[str, list[np.ndarray]]:
    """ISO alpha-3 → the country's rings (arrays of longitude, latitude), Natural Earth 1:110m."""
    text = resources.files("helpers").joinpath("resources/countries_110m.json").read_text(encoding="utf-8")
    data = json.loads(text)["countries"]
    return {iso3: [np.asarray(ring, float) for ring in rings] for iso3, rings in data.items()}


def _label_point(rings: list[np.ndarray]) -> tuple[float, float]:
    """Where to write a country's name: the centre of its largest ring's bounding box."""
    largest = max(rings, key=lambda r: np.ptp(r[:, 0]) * np.ptp(r[:, 1]))
    (west, south), (east, north) = largest.min(axis=0), largest.max(axis=0)
    return float(west + east) / 2, float(south + north) / 2


def count_bins(maximum: int) -> list[int]:
    """Class limits (lower bounds, then one past the top) for counts from 1 to ``maximum``:
    1, 2, 5, 10, 20, 50 …, at most six classes.

    >>> count_bins(22), count_bins(1), count_bins(3)
    ([1, 2, 5, 10, 20, 23], [1, 2], [1, 2, 4])
    """
    steps = [m * 10**e for e in range(12) for m in (1, 2, 5)]
    lows = [s for s in steps if s <= max(1, maximum)]
    while len(lows) > len(PALETTE):
        lows = lows[:1] + lows[2:]  # merge the lowest classes first
    return [*lows, max(1, maximum) + 1]


def plot_world_map(
    counts: pd.DataFrame,
    ax: Axes | None = None,
    title: str | None = None,
    labels: int = 5,
) -> Axes:
    """Country mentions on a world map, coloured by count (a :func:`helpers.country_counts` table, or
    any table with ``country`` and ``mentions``, e.g. a corpus's ``country_counts.csv``).

    The ``labels`` most mentioned countries are named on the map; mentioned countries too small for
    the 1:110m outlines (Bahrain, Singapore …) are listed under it rather than silently dropped.
    """
    shapes = country_shapes()
    names = display_names()
    if "country_name" in counts:
        names = {**names, **dict(zip(counts["country"], counts["country_name"], strict=True))}
    counts = counts[counts["country"] != ""]
    mentions = dict(zip(counts["country"], counts["mentions"].astype(int), strict=True))
    ax = _axes(ax, (9, 5.2))
    bins = count_bins(max(mentions.values(), default=1))
    cmap = ListedColormap(PALETTE[: len(bins) - 1])
    norm = BoundaryNorm(bins, cmap.N)
    paths, colors = [], []
    for iso3, rings in sorted(shapes.items()):
        if iso3 in LEFT_OUT:
            continue
        paths.append(Path.make_compound_path(*(Path(ring, closed=True) for ring in rings)))
        colors.append(cmap(norm(mentions[iso3])) if iso3 in mentions else UNMENTIONED)
    ax.add_collection(PathCollection(paths, facecolors=colors, edgecolors="white", linewidths=0.3))
    order = country_order(counts) if len(counts) else []
    halo = [path_effects.withStroke(linewidth=2.5, foreground="white")]
    ax.set_xlim(-180, 180)
    ax.set_ylim(-58, 84)
    ax.set_aspect(1.15)
    renderer = ax.figure.canvas.get_renderer()
    placed = []
    for iso3 in [c for c in order if c in shapes][:labels]:
        x, y = _label_point(shapes[iso3])
        text = ax.text(x, y, arabic_label(names.get(iso3, iso3)), ha="center", va="center", fontsize=8,
                       path_effects=halo)  # fmt: skip
        box = text.get_window_extent(renderer)
        if any(box.overlaps(other) for other in placed):
            text.remove()  # a less mentioned neighbour's name would cover a more mentioned one's
        else:
            placed.append(box)
    ax.set_axis_off()
    scale = ax.figure.colorbar(
        ScalarMappable(norm=norm, cmap=cmap),
        ax=ax,
        orientation="horizontal",
        fraction=0.04,
        pad=0.02,
        aspect=40,
        shrink=0.5,
    )
    scale.set_ticks([(a + b) / 2 for a, b in itertools.pairwise(bins)])
    scale.set_ticklabels([str(a) if b - a == 1 else f"{a}–{b - 1}" for a, b in itertools.pairwise(bins)])
    scale.ax.tick_params(labelsize=8, length=0)
    scale.ax.invert_xaxis()  # Arabic reads from the right: the fewest mentions on the right
    scale.set_label(arabic_label("عدد الإشارات"), fontsize=9)
    missing = [c for c in order if c not in shapes]
    if missing:
        listed = "، ".join(names.get(c, c) for c in missing)
        ax.text(1.0, -0.02, arabic_label(f"غير ظاهرة على الخريطة لصغر مساحتها: {listed}"), ha="right",
                va="top", fontsize=8, color="#444", transform=ax.transAxes)  # fmt: skip
    title_right(ax, title)
    listed = ", ".join(f"{names.get(c, c)} ({mentions[c]})" for c in order)
    describe(ax, f"World map of country mentions, darker for more mentions: {listed or 'no country'}.")
    return ax
