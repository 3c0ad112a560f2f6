"""Showing Arabic in notebooks: right-to-left tables, keyword in context, and how a term is written.

Everything here renders the same in JupyterLab and in the HTML that nbconvert writes: plain HTML with
``dir="rtl"`` on Arabic cells (and on tables that read right to left), no JavaScript, nothing fetched.
"""

from __future__ import annotations

import html
import re

import pandas as pd
from IPython import get_ipython

from helpers import chars
from helpers.normalizing import normalize, surface_offset
from helpers.terms import kwic, term_label

ARABIC = re.compile(f"[{chars.ARABIC_BLOCK}{chars.PRESENTATION}]")
LATIN = re.compile(f"[{chars.LATIN}]")


def is_arabic(value: object) -> bool:
    """Whether ``value`` is text written mainly in Arabic (more Arabic than Latin letters).

    >>> is_arabic("إيران (IRN)"), is_arabic("IRN"), is_arabic(3)
    (True, False, False)
    """
    if not isinstance(value, str):
        return False
    arabic = len(ARABIC.findall(value))
    return arabic > 0 and arabic >= len(LATIN.findall(value))


def rtl(text: str) -> str:
    """Arabic for Markdown/HTML, marked right to left so it reads correctly inside English prose."""
    return f'<span dir="rtl" lang="ar">{html.escape(str(text), quote=False)}</span>'


def plural(n: int, singular: str, plural_form: str | None = None, with_number: bool = True) -> str:
    """``n`` and the noun, singular for 1 and plural otherwise (English prose).

    >>> plural(1, "country"), plural(0, "country"), plural(3, "sentence"), plural(2, "country", with_number=False)
    ('1 country', '0 countries', '3 sentences', 'countries')
    """
    if plural_form is None:
        if singular.endswith("y") and singular[-2:-1] not in "aeiou":
            plural_form = singular[:-1] + "ies"
        elif singular.endswith(("s", "x", "ch", "sh")):
            plural_form = singular + "es"
        else:
            plural_form = singular + "s"
    noun = singular if n == 1 else plural_form
    return f"{n:,} {noun}" if with_number else noun


def term_display(term: str, forms: str = "") -> str:
    """THE way a term is shown, in every table, chart, README line and finding: its most frequent
    written form without proclitics, with hamza and article as written; an n-gram word by word.

    >>> term_display("ايران", "لإيران، إيران، وإيران"), term_display("روسيا", "وروسيا")
    ('إيران', 'روسيا')
    >>> term_display("عقوبات غربية", "بالعقوبات الغربية، العقوبات الغربية")
    'العقوبات الغربية'
    """
    words = term.split(" ")
    if len(words) == 1:
        return _word_display(term, forms)
    written = [f.split(" ") for f in (forms.split("، ") if forms else []) if len(f.split(" ")) == len(words)]
    return " ".join(
        _word_display(word, "، ".join(form[i] for form in written)) for i, word in enumerate(words)
    )


def _word_display(term: str, forms: str) -> str:
    """:func:`helpers.terms.term_label`, keeping a written article after a conjunction or preposition
    (والصناعية → الصناعية) when no form without proclitics was seen."""
    label = term_label(term, forms)
    written = [f for f in forms.split("، ") if f] if forms else []
    if label in written:
        return label
    for form in written:
        norm = normalize(form)
        if norm.endswith("ال" + term) and len(norm) > len(term) + 2:
            return form[surface_offset(form, len(norm) - len(term) - 2) :]
    return label


def term_labels(table: pd.DataFrame, term: str = "term", forms: str = "forms") -> pd.Series:
    """:func:`term_display` of every row of a term table (``term`` and ``forms`` columns)."""
    if forms not in table:
        return table[term].astype(str)
    return pd.Series(
        [term_display(t, f) for t, f in zip(table[term], table[forms], strict=True)],
        index=table.index,
        name="label",
        dtype="object",
    )


def pair_labels(pairs: pd.DataFrame, bigrams: pd.DataFrame) -> pd.Series:
    """:func:`term_display` of each collocation (``first``, ``second``) as the bigram table writes it."""
    known = dict(zip(bigrams["term"], term_labels(bigrams), strict=True)) if len(bigrams) else {}
    return pd.Series(
        [known.get(f"{a} {b}", f"{a} {b}") for a, b in zip(pairs["first"], pairs["second"], strict=True)],
        index=pairs.index,
        name="label",
        dtype="object",
    )


def _cell(value: object, width: int | None) -> str:
    if isinstance(value, float):
        text = "" if pd.isna(value) else f"{value:.4g}"
    else:
        text = "" if value is None else str(value)
    if width and len(text) > width:
        text = text[: width - 1] + "…"  # at the text's end: on the left of a right-to-left cell
    if is_arabic(text):
        return f'<td dir="rtl" lang="ar">{html.escape(text)}</td>'
    return f"<td>{html.escape(text)}</td>"


class RtlTable:
    """A DataFrame shown as an HTML table whose Arabic cells run right to left (``dir="rtl"``).

    Wraps, does not copy: ``RtlTable(df).frame`` is ``df``.
    """

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame

    def __repr__(self) -> str:
        return repr(self.frame)

    def _repr_html_(self) -> str:
        frame = self.frame.head(pd.get_option("display.max_rows") or len(self.frame))
        hidden = len(self.frame) - len(frame)
        width = pd.get_option("display.max_colwidth")
        arabic_columns = {
            column for column in frame.columns if frame[column].head(50).map(is_arabic).mean() >= 0.5
        } if len(frame) else set()  # fmt: skip
        head = "".join(
            f'<th dir="rtl" lang="ar">{html.escape(str(c))}</th>' if is_arabic(str(c))
            else f'<th style="text-align: right">{html.escape(str(c))}</th>' if c in arabic_columns
            else f"<th>{html.escape(str(c))}</th>"
            for c in frame.columns
        )  # fmt: skip
        body = "".join(
            f"<tr><th>{html.escape(str(label))}</th>{''.join(_cell(v, width) for v in row)}</tr>"
            for label, row in zip(frame.index, frame.itertuples(index=False), strict=True)
        )
        more = f"<p>… {hidden:,} more rows ({len(self.frame):,} in all)</p>" if hidden else ""
        return (
            f'<table class="dataframe"><thead><tr><th></th>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>{more}"
        )


def rtl_table(frame: pd.DataFrame | pd.Series) -> RtlTable:
    """``frame`` to show in a notebook with its Arabic cells right to left (the rest as pandas shows it)."""
    return RtlTable(frame.to_frame() if isinstance(frame, pd.Series) else frame)


def _html_formatter(frame: pd.DataFrame | pd.Series) -> str:
    return rtl_table(frame)._repr_html_()


def use_rtl_tables() -> None:
    """Make every DataFrame and Series shown in this notebook an :func:`rtl_table` (call it once, after
    the imports). Outside IPython it does nothing."""
    shell = get_ipython()
    if shell is None:
        return
    formatter = shell.display_formatter.formatters["text/html"]
    formatter.for_type(pd.DataFrame, _html_formatter)
    formatter.for_type(pd.Series, _html_formatter)


KWIC_STYLE = (
    "<style>table.kwic td.before{text-align:left}table.kwic td.after{text-align:right}"
    "table.kwic td.match{text-align:center;font-weight:bold}</style>"
)


def kwic_html(hits: pd.DataFrame, width: int = 80) -> str:
    """A keyword-in-context table (:func:`helpers.kwic`) as HTML that reads right to left: paragraph,
    then "before" on the right of the match, then "after" on its left."""
    rows = []
    for hit in hits.itertuples(index=False):
        before = hit.before if len(hit.before) <= width else "…" + hit.before[-width + 1 :]
        after = hit.after if len(hit.after) <= width else hit.after[: width - 1] + "…"
        rows.append(
            f"<tr><td>{hit.paragraph}</td>"
            f'<td class="before" dir="rtl" lang="ar">{html.escape(before)}</td>'
            f'<td class="match" dir="rtl" lang="ar">{html.escape(hit.match)}</td>'
            f'<td class="after" dir="rtl" lang="ar">{html.escape(after)}</td></tr>'
        )
    head = "<tr><th>paragraph</th><th>before</th><th>match</th><th>after</th></tr>"
    return (
        f'{KWIC_STYLE}<table class="dataframe kwic" dir="rtl" lang="ar"><thead>{head}</thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


class KwicTable(RtlTable):
    """:func:`kwic_html` for a notebook (HTML), with the DataFrame as plain text and in ``.frame``."""

    def _repr_html_(self) -> str:
        return kwic_html(self.frame)


def kwic_table(hits: pd.DataFrame) -> KwicTable:
    """Show a :func:`helpers.kwic` table so that it reads right to left ("before" right of the match)."""
    return KwicTable(hits)


def top_term_kwic(article: pd.DataFrame, terms: pd.DataFrame, window: int = 6) -> pd.DataFrame:
    """:func:`helpers.kwic` of the most frequent term of ``terms`` (an empty KWIC table when there is none)."""
    if terms.empty:
        return pd.DataFrame(columns=["paragraph", "sentence", "start", "end", "before", "match", "after"])
    return kwic(article, terms["term"].iloc[0], window=window)


def kwic_summary(term: str, hits: pd.DataFrame) -> str:
    """One line: how often ``term`` occurs (``hits`` from :func:`helpers.kwic`), grammatical for any count."""
    return f"<b>{len(hits)}</b> {plural(len(hits), 'occurrence', with_number=False)} of {rtl(term)}"


class KwicExplorer:
    """Type a term, see its count and its keyword-in-context lines.

    In a live notebook (JupyterLab) it shows an ipywidgets text box; wherever widgets cannot run (the
    rendered HTML, GitHub, a notebook viewer) the same output carries a static table of the ``term``
    given, so nothing is blank and nothing is fetched from the network.
    """

    def __init__(self, article: pd.DataFrame, term: str = "", window: int = 6) -> None:
        self.article = article
        self.window = window
        self.term = term
        self._widget = None

    def hits(self, term: str) -> pd.DataFrame:
        return kwic(self.article, term, window=self.window)

    def static_html(self) -> str:
        """The count and the lines of ``term``, as plain HTML."""
        if not self.term.strip():
            return "<p>Type a term in the box (in a running notebook) to see it in context.</p>"
        hits = self.hits(self.term)
        table = kwic_html(hits) if len(hits) else ""
        return f"<p>{kwic_summary(self.term, hits)}</p>{table}"

    @property
    def widget(self):
        """The live control (built on first use): a text box, a count line and the KWIC lines."""
        if self._widget is None:
            import ipywidgets as widgets

            box = widgets.Text(
                value=self.term, description="Term:", placeholder="مثلا: إيران", continuous_update=False
            )
            count, lines = widgets.HTML(), widgets.HTML()

            def show(change=None) -> None:
                term = box.value.strip()
                if not term:
                    count.value = lines.value = ""
                    return
                hits = self.hits(term)
                count.value = kwic_summary(term, hits)
                lines.value = kwic_html(hits) if len(hits) else ""

            box.observe(show, names="value")
            show()
            self._widget = widgets.VBox([box, count, lines])
        return self._widget

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        bundle = {"text/plain": f"KWIC explorer ({self.term})", "text/html": self.static_html()}
        try:
            view = self.widget._repr_mimebundle_()
        except ImportError:  # no ipywidgets: the static table only
            return bundle
        return {**bundle, **{k: v for k, v in view.items() if k != "text/plain"}}


def kwic_explorer(article: pd.DataFrame, term: str = "", window: int = 6) -> KwicExplorer:
    """A small control to type a term and see its count and keyword-in-context lines (the static
    table of ``term`` where widgets do not run).

    >>> explorer = kwic_explorer(article, "إيران")  # doctest: +SKIP
    """
    return KwicExplorer(article, term, window)
