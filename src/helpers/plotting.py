"""Charts with correctly shaped right-to-left Arabic labels, on every matplotlib.

matplotlib 3.11 and later shape and order text themselves (libraqm); older versions draw the letters
of a string one by one, left to right, so Arabic must be reshaped (arabic-reshaper) and put in visual
order (python-bidi) first. Which path is needed is decided once, by measuring how the active matplotlib
draws Arabic (:func:`shaping_engine`), and every label goes through :func:`arabic_label`.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from helpers.storage import atomic_write_bytes
from helpers.terms import term_label

KIND_COLORS = {
    "name": "#1b6ca8",
    "capital": "#f29e4c",
    "demonym": "#3aa17e",
    "alias": "#8e6cc0",
    "variant": "#d1495b",
}
KIND_LABELS = {
    "name": "الاسم",
    "capital": "العاصمة",
    "demonym": "النسبة",
    "alias": "لقب",
    "variant": "تهجئة مختلفة",
}
SVG_HASH_SALT = "arabic-news"


def arabic_font_path() -> Path:
    """The Arabic font the charts use: Noto Sans Arabic, installed with pip (fontpkg-noto-sans-arabic)."""
    import fontpkg_noto_sans_arabic

    return next((fontpkg_noto_sans_arabic.ROOT / "files").glob("NotoSansArabic*.ttf"))


@cache
def use_arabic_font() -> str:
    """Register the Arabic font with matplotlib and make it the default; return its family name."""
    path = arabic_font_path()
    font_manager.fontManager.addfont(str(path))
    family = font_manager.FontProperties(fname=str(path)).get_name()
    matplotlib.rcParams["font.family"] = [family, "DejaVu Sans"]  # DejaVu (shipped with matplotlib) for ² …
    matplotlib.rcParams["svg.hashsalt"] = SVG_HASH_SALT
    matplotlib.rcParams["axes.unicode_minus"] = False
    return family


@cache
def shaping_engine() -> str:
    """``"matplotlib"`` when the active matplotlib shapes Arabic itself, else ``"reshaper"``.

    Measured, not guessed from the version: a shaping text engine draws joined ب (initial and medial
    forms, much narrower) in far less width than three isolated ب.
    """
    from matplotlib.textpath import TextToPath

    use_arabic_font()
    prop = font_manager.FontProperties(family=matplotlib.rcParams["font.family"])
    measure = TextToPath().get_text_width_height_descent
    joined = measure("ببب", prop, ismath=False)[0]
    isolated = 3 * measure("ب", prop, ismath=False)[0]
    return "matplotlib" if joined < 0.8 * isolated else "reshaper"


def visual_order(text: str) -> str:
    """Reshape Arabic to its joined presentation forms and reorder it for left-to-right drawing.

    The only place in the project that calls arabic-reshaper and python-bidi. python-bidi's
    ``bidi.algorithm`` implementation is used because it also mirrors brackets (rule L4 of the
    Unicode bidi algorithm), so "(البداية)" keeps its parentheses the right way round.
    """
    from arabic_reshaper import reshape
    from bidi.algorithm import get_display

    return get_display(reshape(text), base_dir="R")


def arabic_label(text: str) -> str:
    """The string to hand to the active matplotlib so that ``text`` reads right: itself on a shaping
    matplotlib (3.11+), reshaped and reordered on older ones.

    >>> arabic_label("إيران") in ("إيران", "ﻥﺍﺮﻳﺇ")
    True
    """
    return text if shaping_engine() == "matplotlib" else visual_order(text)


@cache
def _pillow_shapes() -> bool:
    from PIL import features

    return bool(features.check("raqm"))


def pillow_label(text: str) -> str:
    """The same for text drawn by Pillow (the word cloud): Pillow with libraqm shapes by itself."""
    return text if _pillow_shapes() else visual_order(text)


def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    use_arabic_font()
    if ax is None:
        _, ax = plt.subplots(figsize=size, layout="constrained")
    return ax


def _rtl_bars(ax: Axes, labels: list[str]) -> None:
    """Category labels on the right, bars growing leftwards from them, first category on top."""
    ax.set_yticks(range(len(labels)), [arabic_label(label) for label in labels])
    ax.yaxis.tick_right()
    ax.invert_xaxis()
    ax.invert_yaxis()
    ax.spines[["left", "top"]].set_visible(False)


def plot_top_terms(
    terms: pd.DataFrame, n: int = 15, ax: Axes | None = None, title: str | None = None
) -> Axes:
    """Horizontal bars of the ``n`` most frequent terms of a :func:`helpers.term_frequencies` table.

    Each bar is labelled with the term as the article writes it (:func:`helpers.terms.term_label`:
    إيران rather than the normalized ايران).
    """
    top = terms.head(n)
    ax = _axes(ax, (6, 0.32 * len(top) + 1.2))
    labels = [
        forms.split("، ")[0] if forms else term for term, forms in zip(top["term"], top["forms"], strict=True)
    ]
    ax.barh(range(len(top)), top["count"], color=KIND_COLORS["name"])
    _rtl_bars(ax, labels)
    ax.set_xlabel(arabic_label("عدد المرات"))
    ax.xaxis.get_major_locator().set_params(integer=True)
    if title:
        ax.set_title(arabic_label(title), loc="right")
    return ax


def plot_country_mentions(counts: pd.DataFrame, ax: Axes | None = None, title: str | None = None) -> Axes:
    """Mentions per country (a :func:`helpers.country_counts` table), bars stacked by kind."""
    ax = _axes(ax, (6.5, 0.38 * len(counts) + 1.4))
    left = pd.Series(0, index=counts.index)
    for kind, color in KIND_COLORS.items():
        values = counts[kind]
        if values.sum():
            ax.barh(range(len(counts)), values, left=left, color=color, label=arabic_label(KIND_LABELS[kind]))
        left = left + values
    _rtl_bars(ax, list(counts["country_name"]))
    ax.set_xlabel(arabic_label("عدد الإشارات"))
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="lower left", frameon=False, markerfirst=False)
    if title:
        ax.set_title(arabic_label(title), loc="right")
    return ax


def plot_dispersion(
    mentions: pd.DataFrame, names: dict[str, str], ax: Axes | None = None, title: str | None = None
) -> Axes:
    """Where each country is mentioned: one row per country, a mark per mention at its position.

    The article runs right to left, as it is read: its start is on the right.
    """
    resolved = mentions[mentions["country"] != ""]
    order = resolved["country"].value_counts(sort=False)
    order = order.sort_values(ascending=False, kind="stable")
    countries = list(order.index)
    ax = _axes(ax, (7, 0.4 * len(countries) + 1.4))
    for row, country in enumerate(countries):
        for kind, group in resolved[resolved["country"] == country].groupby("kind"):
            ax.scatter(group["position"], [row] * len(group), marker="|", s=220, color=KIND_COLORS[kind])
    ax.set_xlim(1, 0)
    ax.set_yticks(range(len(countries)), [arabic_label(names.get(c, c)) for c in countries])
    ax.yaxis.tick_right()
    ax.invert_yaxis()
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1], ["0%", "25%", "50%", "75%", "100%"])
    ax.set_xlabel(arabic_label("الموضع في المقال (البداية على اليمين)"))
    ax.grid(axis="x", alpha=0.3)
    ax.spines[["left", "top"]].set_visible(False)
    from matplotlib.lines import Line2D

    shown = [k for k in KIND_COLORS if k in set(resolved["kind"])][::-1]  # read from the right
    handles = [Line2D([], [], color=KIND_COLORS[k], marker="|", linestyle="", markersize=12) for k in shown]
    ax.legend(handles, [arabic_label(KIND_LABELS[k]) for k in shown], loc="upper center",
              bbox_to_anchor=(0.5, -0.22), ncols=len(shown), frameon=False, markerfirst=False)  # fmt: skip
    if title:
        ax.set_title(arabic_label(title), loc="right")
    return ax


def plot_co_mentions(
    pairs: pd.DataFrame, counts: pd.DataFrame, ax: Axes | None = None, title: str | None = None
) -> Axes:
    """A network of countries named in the same sentence: node size = mentions, edge width = sentences
    (numbered where more than one)."""
    import networkx as nx

    ax = _axes(ax, (6.5, 5.5))
    graph = nx.Graph()
    for row in counts.itertuples(index=False):
        graph.add_node(row.country, mentions=row.mentions, label=row.country_name)
    for row in pairs.itertuples(index=False):
        if row.first in graph and row.second in graph:
            graph.add_edge(row.first, row.second, weight=row.count)
    positions = nx.circular_layout(sorted(graph.nodes))
    widths = [1 + 1.5 * graph.edges[e]["weight"] for e in graph.edges]
    nx.draw_networkx_edges(graph, positions, ax=ax, width=widths, edge_color="#9aa5b1")
    sizes = [250 + 120 * graph.nodes[n]["mentions"] for n in graph.nodes]
    nx.draw_networkx_nodes(
        graph, positions, ax=ax, node_size=sizes, node_color=KIND_COLORS["name"], alpha=0.85
    )
    for node, (x, y) in positions.items():  # labels outside the circle, away from the edges
        ha = "center" if abs(x) < 0.2 else "left" if x > 0 else "right"
        va = "center" if abs(y) < 0.2 else "bottom" if y > 0 else "top"
        ax.text(1.18 * x, 1.18 * y, arabic_label(graph.nodes[node]["label"]), ha=ha, va=va, fontsize=11)
    edge_labels = {e: graph.edges[e]["weight"] for e in graph.edges if graph.edges[e]["weight"] > 1}
    nx.draw_networkx_edge_labels(graph, positions, edge_labels=edge_labels, ax=ax, font_size=8, label_pos=0.4)
    ax.set_xlim(-1.7, 1.7)
    ax.set_ylim(-1.45, 1.45)
    ax.set_aspect("equal")
    ax.set_axis_off()
    if title:
        ax.set_title(arabic_label(title), loc="right")
    return ax


def plot_keyness(table: pd.DataFrame, n: int = 10, ax: Axes | None = None, title: str | None = None) -> Axes:
    """The terms an article over-uses (and under-uses) most against a corpus (:func:`helpers.keyness`).

    Bars are signed log-likelihood (G²): over-use to the left of zero (toward the labels), under-use
    to the right.
    """
    over = table[table["direction"] == "over"].head(n)
    under = table[table["direction"] == "under"].head(max(0, n // 2))
    rows = pd.concat([over, under], ignore_index=True)
    ax = _axes(ax, (6.5, 0.34 * len(rows) + 1.4))
    signed = [llr if d == "over" else -llr for llr, d in zip(rows["llr"], rows["direction"], strict=True)]
    colors = [KIND_COLORS["name"] if v >= 0 else KIND_COLORS["variant"] for v in signed]
    ax.barh(range(len(rows)), signed, color=colors)
    _rtl_bars(ax, list(rows["label"] if "label" in rows else rows["term"]))
    ax.axvline(0, color="#555", linewidth=0.8)
    ax.set_xlabel(arabic_label("الاستخدام الزائد (موجب) أو الناقص (سالب) مقارنة بالمدونة، G²"))
    if title:
        ax.set_title(arabic_label(title), loc="right")
    return ax


def plot_wordcloud(
    terms: pd.DataFrame, n: int = 60, ax: Axes | None = None, title: str | None = None
) -> Axes:
    """A word cloud of the ``n`` most frequent terms (shaped for Pillow, which draws the words)."""
    from wordcloud import WordCloud

    ax = _axes(ax, (7, 4))
    top = terms.head(n)
    words = {
        pillow_label(term_label(term, forms)): int(count)
        for term, forms, count in zip(top["term"], top["forms"], top["count"], strict=True)
    }
    cloud = WordCloud(
        font_path=str(arabic_font_path()), width=1000, height=560, background_color="white",
        random_state=0, colormap="viridis", prefer_horizontal=1.0, collocations=False, margin=6,
    ).generate_from_frequencies(words)  # fmt: skip
    ax.imshow(cloud.to_array(), interpolation="bilinear")
    ax.set_axis_off()
    if title:
        ax.set_title(arabic_label(title), loc="right")
    return ax


def save_figure(fig: Figure, name: str, root: str | Path = ".") -> tuple[Path, Path]:
    """Write ``ROOT/figures/NAME.png`` and ``.svg``, atomically and byte-identical for the same input.

    No dates or software versions in the metadata; the SVG's element ids use a fixed hash salt.
    """
    use_arabic_font()
    folder = Path(root) / "figures"
    written = []
    for fmt, metadata in (("png", {"Software": None}), ("svg", {"Date": None, "Creator": None})):
        buffer = io.BytesIO()
        with matplotlib.rc_context({"svg.hashsalt": SVG_HASH_SALT}):
            fig.savefig(buffer, format=fmt, dpi=150, metadata=metadata)
        written.append(atomic_write_bytes(folder / f"{name}.{fmt}", buffer.getvalue()))
    return written[0], written[1]
