"""Charts with correctly shaped right-to-left Arabic labels, on every matplotlib.

matplotlib 3.11 and later shape and order text themselves (libraqm); older versions draw the letters
of a string one by one, left to right, so Arabic must be reshaped (arabic-reshaper) and put in visual
order (python-bidi) first. Which path is needed is decided once, by measuring how the active matplotlib
draws Arabic (:func:`shaping_engine`), and every label goes through :func:`arabic_label`.
"""

from __future__ import annotations

import base64
import html
import io
import math
from functools import cache
from pathlib import Path

import fontpkg_noto_sans_arabic
import matplotlib
import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
from arabic_reshaper import reshape
from bidi.algorithm import get_display
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.textpath import TextToPath
from PIL import features
from wordcloud import WordCloud

from helpers.display import term_labels
from helpers.storage import atomic_write_bytes

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
    """Category labels on the right, the x axis running leftwards from them, first category on top."""
    ax.set_yticks(range(len(labels)), [arabic_label(label) for label in labels])
    ax.yaxis.tick_right()
    ax.invert_xaxis()
    ax.invert_yaxis()
    ax.spines[["left", "top"]].set_visible(False)


def plot_top_terms(
    terms: pd.DataFrame, n: int = 15, ax: Axes | None = None, title: str | None = None
) -> Axes:
    """Horizontal bars of the ``n`` most frequent terms of a :func:`helpers.term_frequencies` table.

    Each bar is labelled with the term as the article writes it (:func:`helpers.display.term_display`:
    إيران rather than the normalized ايران, روسيا rather than وروسيا).
    """
    top = terms.head(n)
    ax = _axes(ax, (6, 0.32 * len(top) + 1.2))
    labels = list(term_labels(top))
    ax.barh(range(len(top)), top["count"], color=KIND_COLORS["name"])
    _rtl_bars(ax, labels)
    ax.set_xlabel(arabic_label("عدد المرات"))
    ax.xaxis.get_major_locator().set_params(integer=True)
    title_right(ax, title)
    listed = ", ".join(f"{label} ({count})" for label, count in zip(labels, top["count"], strict=True))
    describe(ax, f"Bar chart of the {len(top)} most frequent terms, most frequent on top: {listed}.")
    return ax


def informative_bars(terms: pd.DataFrame, n: int = 10) -> bool:
    """Whether bars of the ``n`` most frequent terms say something: some term repeats (count ≥ 2) and
    the bars are not all the same length (ten bars of 2 only list ten pairs seen twice)."""
    top = terms.head(n)["count"]
    return bool(len(top) and top.max() >= 2 and top.nunique() > 1)


def describe(ax: Axes, text: str) -> None:
    """Record what a chart shows (its alternative text), as the figure's label."""
    ax.figure.set_label(text)


def title_right(ax: Axes, title: str | None, pad: float | None = None) -> None:
    """The chart's title, if any, on the right (where Arabic starts)."""
    if title:
        ax.set_title(arabic_label(title), loc="right", pad=pad)


def country_order(counts: pd.DataFrame) -> list[str]:
    """The one country order of every chart of an article: most mentioned first, ties by ISO code
    (as :func:`helpers.country_counts` sorts)."""
    table = counts.sort_values(["mentions", "country"], ascending=[False, True], kind="stable")
    return list(table["country"])


def plot_country_mentions(counts: pd.DataFrame, ax: Axes | None = None, title: str | None = None) -> Axes:
    """Mentions per country (a :func:`helpers.country_counts` table), bars stacked by kind."""
    counts = counts.set_index("country").loc[country_order(counts)].reset_index()
    ax = _axes(ax, (6.5, 0.36 * len(counts) + 1.6))
    left = pd.Series(0, index=counts.index)
    shown = []
    for kind, color in KIND_COLORS.items():
        values = counts[kind]
        if values.sum():
            ax.barh(range(len(counts)), values, left=left, color=color, label=arabic_label(KIND_LABELS[kind]))
            shown.append(kind)
        left = left + values
    _rtl_bars(ax, list(counts["country_name"]))
    ax.set_xlabel(arabic_label("عدد الإشارات"))
    ax.xaxis.get_major_locator().set_params(integer=True)
    if shown:
        handles, labels = ax.get_legend_handles_labels()
        ax.legend(handles[::-1], labels[::-1], loc="lower right", bbox_to_anchor=(1.0, 1.0), ncols=len(shown),
                  frameon=False, markerfirst=False, fontsize=8, handlelength=1, handletextpad=0.4, columnspacing=1.0)  # fmt: skip
    title_right(ax, title, pad=32 if shown else None)
    listed = ", ".join(f"{n} ({m})" for n, m in zip(counts["country_name"], counts["mentions"], strict=True))
    describe(
        ax, f"Bar chart of mentions per country, stacked by kind of mention, most mentioned on top: {listed}."
    )
    return ax


def plot_dispersion(
    mentions: pd.DataFrame,
    names: dict[str, str],
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Where each country is mentioned: one row per country, a mark per mention at its position.

    The article runs right to left, as it is read: its start is on the right. Countries are in
    :func:`country_order` (most mentioned first, as in the other charts).
    """
    resolved = mentions[mentions["country"] != ""]
    sizes = resolved["country"].value_counts()
    countries = country_order(pd.DataFrame({"country": sizes.index, "mentions": sizes.to_numpy()}))
    ax = _axes(ax, (7, 0.4 * len(countries) + 1.4))
    for row, country in enumerate(countries):
        for kind, group in resolved[resolved["country"] == country].groupby("kind"):
            ax.scatter(group["position"], [row] * len(group), marker="|", s=220, color=KIND_COLORS[kind])
    ax.set_xlim(0, 1)
    _rtl_bars(ax, [names.get(c, c) for c in countries])  # the start of the article on the right
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1], ["0%", "25%", "50%", "75%", "100%"])
    ax.set_xlabel(arabic_label("الموضع في المقال (البداية على اليمين)"))
    ax.grid(axis="x", alpha=0.3)
    shown = [k for k in KIND_COLORS if k in set(resolved["kind"])][::-1]  # read from the right
    handles = [Line2D([], [], color=KIND_COLORS[k], marker="|", linestyle="", markersize=9) for k in shown]
    if shown:
        ax.legend(handles, [arabic_label(KIND_LABELS[k]) for k in shown], loc="lower right",
                  bbox_to_anchor=(1.0, 1.0), ncols=len(shown), frameon=False, markerfirst=False, fontsize=8,
                  handlelength=0.8, handletextpad=0.3, columnspacing=1.0)  # fmt: skip
    title_right(ax, title, pad=32 if shown else None)
    describe(ax, f"Dispersion plot: one row per country ({', '.join(names.get(c, c) for c in countries)}), "
                 "a mark at each mention's position in the article, the start on the right.")  # fmt: skip
    return ax


def _message(ax: Axes, text: str) -> None:
    """An empty chart that says why it is empty."""
    ax.text(0.5, 0.5, arabic_label(text), ha="center", va="center", fontsize=12, color="#444",
            transform=ax.transAxes)  # fmt: skip
    ax.set_axis_off()


def plot_co_mentions(
    pairs: pd.DataFrame, counts: pd.DataFrame, ax: Axes | None = None, title: str | None = None
) -> Axes:
    """A network of countries named in the same sentence: node area = mentions, edge width = sentences.

    Only countries that share a sentence with another are drawn, around a circle in the order of the
    other charts (most mentioned at the top, then leftwards (counter-clockwise), as Arabic reads); edge
    counts are written on the edges when there are few, else a legend gives the widths. With no pair
    the chart says so instead of drawing lone nodes.
    """
    linked = set(pairs["first"]) | set(pairs["second"])
    order = [c for c in country_order(counts) if c in linked]
    names = dict(zip(counts["country"], counts["country_name"], strict=True))
    mentions = dict(zip(counts["country"], counts["mentions"], strict=True))
    ax = _axes(ax, (6.5, 5.5) if order else (6.5, 1.4))
    if not order:
        _message(ax, "لا توجد دولتان مذكورتان في الجملة نفسها")
        title_right(ax, title)
        describe(ax, "No two countries are named in the same sentence, so there is no network to draw.")
        return ax
    graph = nx.Graph()
    graph.add_nodes_from(order)
    for row in pairs.itertuples(index=False):
        if row.first in graph and row.second in graph:
            graph.add_edge(row.first, row.second, weight=int(row.count))
    angles = {c: math.pi / 2 + 2 * math.pi * i / len(order) for i, c in enumerate(order)}  # counter-clockwise
    positions = {c: (math.cos(a), math.sin(a)) for c, a in angles.items()}
    heaviest = max(graph.edges[e]["weight"] for e in graph.edges)
    widths = [0.8 + 5 * graph.edges[e]["weight"] / heaviest for e in graph.edges]
    alpha = 0.8 if graph.number_of_edges() <= 12 else 0.5  # many edges: lighter, so the nodes stand out
    nx.draw_networkx_edges(graph, positions, ax=ax, width=widths, edge_color="#9aa5b1", alpha=alpha)
    biggest = max(mentions.get(c, 1) for c in order)
    sizes = [150 + 1100 * mentions.get(c, 1) / biggest for c in order]
    nx.draw_networkx_nodes(graph, positions, nodelist=order, ax=ax, node_size=sizes,
                           node_color=KIND_COLORS["name"], alpha=0.9, edgecolors="white")  # fmt: skip
    for country, (x, y) in positions.items():  # labels outside the circle, away from the edges
        ha = "center" if abs(x) < 0.3 else "left" if x > 0 else "right"
        va = "center" if abs(y) < 0.3 else "bottom" if y > 0 else "top"
        label = f"{names.get(country, country)} ({mentions.get(country, 0)})"
        ax.text(1.2 * x, 1.2 * y, arabic_label(label), ha=ha, va=va, fontsize=10)
    if graph.number_of_edges() <= 8:
        labels = {e: graph.edges[e]["weight"] for e in graph.edges}
        nx.draw_networkx_edge_labels(graph, positions, edge_labels=labels, ax=ax, font_size=8, label_pos=0.5,
                                     bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none"})  # fmt: skip
    else:
        steps = sorted({1, max(1, heaviest // 2), heaviest})
        handles = [Line2D([], [], color="#9aa5b1", linewidth=0.8 + 5 * w / heaviest) for w in steps]
        ax.legend(handles, [str(w) for w in steps], title=arabic_label("عدد الجمل"), loc="lower left",
                  frameon=False, fontsize=8, title_fontsize=8, handlelength=1.5)  # fmt: skip
    ax.set_xlim(-1.9, 1.9)
    ax.set_ylim(-1.5, 1.5)
    ax.set_aspect("equal")
    ax.set_axis_off()
    title_right(ax, title)
    edges = ", ".join(
        f"{names.get(a, a)} and {names.get(b, b)} ({graph.edges[a, b]['weight']})" for a, b in graph.edges
    )
    describe(ax, f"Network of the {len(order)} countries named in the same sentence as another; "
                 f"pairs with their number of sentences: {edges}.")  # fmt: skip
    return ax


SIGNIFICANT = 3.84
"""G² above which a difference is significant at p < 0.05 (one degree of freedom)."""


def plot_keyness(
    table: pd.DataFrame,
    n: int = 10,
    ax: Axes | None = None,
    title: str | None = None,
    threshold: float = SIGNIFICANT,
    reference: str = "المدونة",
) -> Axes:
    """The terms an article over-uses (and under-uses) most against a reference, significant ones
    only (G² ≥ ``threshold``; 3.84 is p < 0.05, 10.83 is p < 0.001).

    Bars are signed log-likelihood (G²): over-use to the left of zero (toward the labels), under-use
    to the right, in another colour; a chart with no significant term says so.
    """
    significant = table[table["llr"] >= threshold]
    over = significant[significant["direction"] == "over"].head(n)
    under = significant[significant["direction"] == "under"].head(max(0, n // 2))
    rows = pd.concat([over, under], ignore_index=True)
    ax = _axes(ax, (6.5, 0.34 * max(len(rows), 3) + 1.4))
    if rows.empty:
        _message(ax, f"لا توجد كلمة يختلف تكرارها عن {reference} اختلافًا دالًا")
        describe(ax, "No term differs significantly from the reference.")
    else:
        signed = [llr if d == "over" else -llr for llr, d in zip(rows["llr"], rows["direction"], strict=True)]
        colors = [KIND_COLORS["name"] if v >= 0 else KIND_COLORS["variant"] for v in signed]
        ax.barh(range(len(rows)), signed, color=colors)
        labels = list(rows["label"] if "label" in rows else rows["term"])
        _rtl_bars(ax, labels)
        ax.axvline(0, color="#555", linewidth=0.8)
        if "significance" in rows:  # the stars at the end of each bar: *** p < 0.001, ** p < 0.01, * p < 0.05
            for i, (value, mark) in enumerate(zip(signed, rows["significance"], strict=True)):
                ax.text(value, i, f" {mark} " if mark else "", ha="right" if value >= 0 else "left",
                        va="center", fontsize=8, color="#333")  # fmt: skip
            ax.margins(x=0.08)
        xlabel = f"الاستخدام الزائد (موجب) أو الناقص (سالب) مقارنة ب{reference}، G²"
        ax.set_xlabel(arabic_label(xlabel))
        listed = ", ".join(f"{label} ({d}, G² {v:.1f})" for label, d, v in
                           zip(labels, rows["direction"], rows["llr"], strict=True))  # fmt: skip
        describe(ax, f"Bar chart of the terms whose frequency differs significantly (G² ≥ {threshold}) "
                     f"from the reference: {listed}.")  # fmt: skip
    title_right(ax, title)
    return ax


def plot_wordcloud(
    terms: pd.DataFrame, n: int = 60, ax: Axes | None = None, title: str | None = None
) -> Axes:
    """A word cloud of the ``n`` most frequent terms (shaped for Pillow, which draws the words)."""
    ax = _axes(ax, (7, 4))
    top = terms.head(n)
    words = {
        pillow_label(label): int(count) for label, count in zip(term_labels(top), top["count"], strict=True)
    }
    cloud = WordCloud(
        font_path=str(arabic_font_path()), width=1000, height=560, background_color="white",
        random_state=0, colormap="viridis", prefer_horizontal=1.0, collocations=False, margin=6,
    ).generate_from_frequencies(words)  # fmt: skip
    ax.imshow(cloud.to_array(), interpolation="bilinear")
    ax.set_axis_off()
    describe(ax, f"Word cloud of the {len(top)} most frequent terms, word size by count; the largest: "
                 f"{', '.join(term_labels(top.head(5)))}.")  # fmt: skip
    title_right(ax, title)
    return ax


def save_figure(fig: Figure, name: str, root: str | Path = ".") -> tuple[Path, Path]:
    """Write ``ROOT/figures/NAME.png`` and ``.svg`` (ROOT: the current folder unless given), atomically
    and byte-identical for the same input.

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


class FigureView:
    """A figure for a notebook: a PNG with a real description as its ``alt`` text (nbconvert writes
    "No description has been provided for this image" for a bare PNG output)."""

    def __init__(self, png: bytes, alt: str) -> None:
        self.png = png
        self.alt = alt

    def __repr__(self) -> str:
        return f"<figure: {self.alt}>"

    def _repr_png_(self) -> bytes:
        return self.png

    def _repr_html_(self) -> str:
        data = base64.b64encode(self.png).decode("ascii")
        return (
            f'<img src="data:image/png;base64,{data}" alt="{html.escape(self.alt)}" style="max-width: 100%">'
        )


def figure(fig, alt: str | None = None, dpi: int = 100) -> FigureView:
    """Show ``fig`` once, with ``alt`` (by default the description the chart function gave it as its
    label) as alternative text, and close it so that the notebook does not draw it a second time."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    plt.close(fig)
    return FigureView(buffer.getvalue(), alt or fig.get_label() or "chart")
