"""Figures: Arabic labels compared pixel by pixel with a HarfBuzz rendering; charts; determinism.

Marked ``figures``: `make test` runs these on the matplotlib of the environment (3.11, which shapes
text itself) and again on matplotlib 3.10 (the arabic-reshaper + python-bidi path).
"""

from __future__ import annotations

import warnings
from collections import Counter

import matplotlib
import pytest
from matplotlib.figure import Figure

import helpers
from helpers import plotting
from helpers.gazetteer import display_names

from .shaping_reference import render_label, render_reference, similarity

pytestmark = pytest.mark.figures
matplotlib.use("Agg")

LABELS = [
    "إيران",
    "بيلاروس",
    "الولايات المتحدة",
    "وزير الدفاع الإيراني",
    "للدبلوماسية",
    "وكالة IRNA عام 2019",
    "الموضع (البداية على اليمين)",
]
MATCH = 0.5
"""Ink overlap (IoU) above which a label matches the reference; right ones score 0.68–0.9 here,
reversed or unjoined ones 0.1–0.25."""


def _wrong_renderings(text: str) -> dict[str, str]:
    """Strings that draw ``text`` wrongly on the active matplotlib."""
    wrong = {
        "reversed": plotting.arabic_label(text)[::-1],
        "unjoined": plotting.arabic_label("\u200c".join(text)),
    }
    if plotting.shaping_engine() == "matplotlib":
        wrong["old recipe on a shaping matplotlib"] = plotting.visual_order(text)
    else:
        wrong["raw text on an old matplotlib"] = text
    return wrong


def test_shaping_engine_is_decided_by_capability():
    version = tuple(int(p) for p in matplotlib.__version__.split(".")[:2])
    assert plotting.shaping_engine() == ("matplotlib" if version >= (3, 11) else "reshaper")


@pytest.mark.parametrize("text", LABELS)
def test_labels_match_a_real_shaping_engine(text):
    reference = render_reference(text)
    assert similarity(render_label(plotting.arabic_label(text)), reference) > MATCH


@pytest.mark.parametrize("text", LABELS)
def test_the_comparison_rejects_reversed_and_unjoined_labels(text):
    reference = render_reference(text)
    for name, label in _wrong_renderings(text).items():
        assert similarity(render_label(label), reference) < MATCH, name


def test_font_is_installed_and_registered():
    path = plotting.arabic_font_path()
    assert path.is_file() and path.suffix == ".ttf"
    family = plotting.use_arabic_font()
    assert matplotlib.rcParams["font.family"][0] == family


def test_missing_glyphs_are_errors():
    plotting.use_arabic_font()
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = Figure()
    fig.text(0.5, 0.5, "漢字")
    with pytest.raises(UserWarning, match="Glyph"), warnings.catch_warnings():
        warnings.filterwarnings("error", message="Glyph", category=UserWarning)
        FigureCanvasAgg(fig).draw()


@pytest.fixture(scope="module")
def seed_tables(seed_article):
    mentions = helpers.find_country_mentions(seed_article)
    return {
        "terms": helpers.term_frequencies(seed_article),
        "bigrams": helpers.term_frequencies(seed_article, ngram=2),
        "mentions": mentions,
        "counts": helpers.country_counts(mentions),
        "pairs": helpers.co_mentions(mentions),
        "counts_by_term": Counter({"ايران": 8, "عقوبات": 7, "روسيا": 3}),
        "reference": Counter({"ايران": 20, "عقوبات": 2, "روسيا": 40, "نفط": 50}),
    }


def test_top_terms_chart_is_laid_out_for_arabic(seed_tables):
    ax = plotting.plot_top_terms(seed_tables["terms"], n=10)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == plotting.arabic_label("إيران")  # the most frequent written form, not ايران
    assert ax.yaxis.get_ticks_position() == "right"
    assert ax.xaxis_inverted() and ax.yaxis_inverted()
    ax.figure.canvas.draw()


def test_every_chart_draws_without_missing_glyphs(seed_tables, tmp_path):
    t = seed_tables
    axes = [
        plotting.plot_top_terms(t["bigrams"], n=8, title="أكثر العبارات"),
        plotting.plot_country_mentions(t["counts"], title="الدول"),
        plotting.plot_dispersion(t["mentions"], display_names()),
        plotting.plot_co_mentions(t["pairs"], t["counts"]),
        plotting.plot_wordcloud(t["terms"], n=30),
        plotting.plot_keyness(helpers.keyness(t["counts_by_term"], t["reference"]), n=6, title="G² مقارنة"),
    ]
    for ax in axes:
        plotting.save_figure(ax.figure, "chart", root=tmp_path)
    stacked = axes[1]
    assert next(t.get_text() for t in stacked.get_yticklabels()) == plotting.arabic_label("إيران")
    assert {t.get_text() for t in stacked.get_legend().get_texts()} >= {plotting.arabic_label("العاصمة")}


def test_save_figure_is_byte_identical(seed_tables, tmp_path):
    outputs = []
    for run in range(2):
        ax = plotting.plot_country_mentions(seed_tables["counts"])
        png, svg = plotting.save_figure(ax.figure, "counts", root=tmp_path / str(run))
        outputs.append((png.read_bytes(), svg.read_bytes()))
    assert outputs[0] == outputs[1]
    svg_text = outputs[0][1].decode()
    assert "<dc:date>" not in svg_text and "Matplotlib v" not in svg_text
    assert b"Software" not in outputs[0][0]


def _text_ink(ax, artist):
    """The pixels of one text artist as the figure draws it (ink: 0 white … 255 black)."""
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(ax.figure)
    canvas.draw()
    box = artist.get_window_extent(canvas.get_renderer()).expanded(1.05, 1.3)
    pixels = 255 - np.asarray(canvas.buffer_rgba())[..., :3].mean(axis=2)
    height = pixels.shape[0]
    top, bottom = max(0, int(height - box.y1)), min(height, int(height - box.y0) + 1)
    return pixels[top:bottom, max(0, int(box.x0)) : int(box.x1) + 1]


def test_world_map_labels_are_shaped_and_read_right_to_left(seed_tables):
    import numpy as np

    from helpers.mapping import plot_world_map

    title = "الدول المذكورة في المقال"
    ax = plot_world_map(seed_tables["counts"], title=title)
    reference = render_reference(title)
    drawn = _text_ink(ax, ax.title if ax.title.get_text() else ax._right_title)
    # the title as drawn on the map figure matches HarfBuzz; a reversed or unjoined one would not
    drawn_big = np.kron(drawn, np.ones((3, 3)))
    assert similarity(drawn_big, reference) > MATCH
    for name, wrong in _wrong_renderings(title).items():
        assert similarity(render_label(wrong), reference) < MATCH, name
    scale = ax.figure.axes[-1]
    assert scale.get_xlabel() == plotting.arabic_label("عدد الإشارات")
    assert scale.xaxis_inverted()  # the fewest mentions on the right, read first
    names = {t.get_text() for t in ax.texts}
    assert plotting.arabic_label("إيران") in names and plotting.arabic_label("روسيا") in names
    assert "إيران (22)" in ax.figure.get_label()


def test_world_map_colours_mentioned_countries_and_lists_missing_ones():
    import pandas as pd

    from helpers.mapping import UNMENTIONED, count_bins, plot_world_map

    counts = pd.DataFrame({"country": ["FRA", "BHR"], "mentions": [3, 1]})
    ax = plot_world_map(counts)
    colours = ax.collections[0].get_facecolors()
    assert sum(tuple(c) != matplotlib.colors.to_rgba(UNMENTIONED) for c in colours) == 1  # France only
    assert any(
        "البحرين" in t.get_text() or plotting.arabic_label("البحرين") in t.get_text() for t in ax.texts
    )
    assert count_bins(22) == [1, 2, 5, 10, 20, 23] and count_bins(1) == [1, 2]


def test_co_mention_network_with_no_pair_says_so(seed_tables):
    import pandas as pd

    one = seed_tables["counts"].head(1)
    no_pairs = pd.DataFrame(columns=["first", "second", "count"])
    ax = plotting.plot_co_mentions(no_pairs, one)
    assert [t.get_text() for t in ax.texts] == [
        plotting.arabic_label("لا توجد دولتان مذكورتان في الجملة نفسها")
    ]
    assert not ax.collections  # no lone node


def test_co_mention_network_with_eleven_countries_keeps_labels_apart():
    import itertools

    import pandas as pd

    codes = ["FRA", "DEU", "ITA", "ESP", "CHN", "IND", "JPN", "BRA", "ARG", "MEX", "CAN"]
    names = display_names()
    counts = pd.DataFrame({"country": codes, "country_name": [names[c] for c in codes],
                           "mentions": [11 - i for i in range(11)]})  # fmt: skip
    pairs = pd.DataFrame([(a, b, 1 + (i % 3)) for i, (a, b) in enumerate(itertools.combinations(sorted(codes), 2))
                          if i % 2 == 0], columns=["first", "second", "count"])  # fmt: skip
    ax = plotting.plot_co_mentions(pairs, counts)
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.texts]
    assert len(boxes) == 11
    assert not any(a.overlaps(b) for a, b in itertools.combinations(boxes, 2))
    assert ax.get_legend() is not None  # many edges: widths explained by a legend, not numbers under nodes


def test_every_chart_of_an_article_orders_countries_alike(seed_tables):
    t = seed_tables
    names = dict(zip(t["counts"]["country"], t["counts"]["country_name"], strict=True))
    bars = [x.get_text() for x in plotting.plot_country_mentions(t["counts"]).get_yticklabels()]
    rows = [x.get_text() for x in plotting.plot_dispersion(t["mentions"], names).get_yticklabels()]
    assert bars == rows == [plotting.arabic_label(names[c]) for c in plotting.country_order(t["counts"])]


def test_keyness_chart_draws_significant_terms_only():
    import pandas as pd

    table = pd.DataFrame({"term": ["a", "b", "c"], "label": ["إيران", "روسيا", "نفط"], "llr": [12.0, 2.0, 5.0],
                          "direction": ["over", "over", "under"]})  # fmt: skip
    ax = plotting.plot_keyness(table, n=5)
    assert [x.get_text() for x in ax.get_yticklabels()] == [
        plotting.arabic_label(w) for w in ("إيران", "نفط")
    ]
    empty = plotting.plot_keyness(table.assign(llr=1.0), n=5)
    assert len(empty.texts) == 1 and not empty.patches


def test_bigram_chart_only_when_it_says_something():
    import pandas as pd

    assert not plotting.informative_bars(pd.DataFrame({"count": [2, 2, 2]}))
    assert not plotting.informative_bars(pd.DataFrame({"count": [1, 1]}))
    assert plotting.informative_bars(pd.DataFrame({"count": [3, 2, 2]}))


def test_timeline_chart_reads_right_to_left():
    import pandas as pd

    from helpers.timeline import mentions_over_time, plot_timeline

    mentions = pd.DataFrame({"article": list("abc"), "date": ["2024-01-01", "2024-01-09", "2024-01-20"],
                             "country": ["IRN", "IRN", "RUS"], "kind": ["name"] * 3, "count": [2, 1, 4]})  # fmt: skip
    ax = plot_timeline(mentions_over_time(mentions, frequency="week"), title="الإشارات عبر الزمن")
    assert ax.xaxis_inverted()  # the earliest week on the right
    assert {t.get_text() for t in ax.get_legend().get_texts()} == {
        plotting.arabic_label("إيران"), plotting.arabic_label("روسيا")}  # fmt: skip


def test_save_figure_writes_into_the_current_folder(tmp_path, monkeypatch, seed_tables):
    monkeypatch.chdir(tmp_path)
    ax = plotting.plot_country_mentions(seed_tables["counts"])
    png, _ = plotting.save_figure(ax.figure, "here")
    assert png.resolve() == (tmp_path / "figures" / "here.png").resolve()
