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
