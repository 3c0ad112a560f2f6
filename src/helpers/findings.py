"""Findings: the numbers of an analysis and the sentences that state them.

Every sentence is built from the data, is grammatical for 0, 1, 2 and many, and is left out when it
would have nothing to say (no countries, no repeated word pair, no region …). Notebooks only call
these builders and show the result with :func:`findings`.
"""

from __future__ import annotations

import pandas as pd
from markdown_it import MarkdownIt

import helpers
from helpers.display import plural, rtl, term_display, term_labels
from helpers.terms import merges

KINDS = ("name", "capital", "demonym", "alias", "variant")
NOUNS = {
    "headline": ("headline", "headlines"),
    "body": ("body paragraph", "body paragraphs"),
    "subheading": ("subheading", "subheadings"),
    "caption": ("photo caption", "photo captions"),
    "related": ('"read also" link', '"read also" links'),
    "boilerplate": ("line of site boilerplate", "lines of site boilerplate"),
    "organisation": ("organisation", "organisations"),
    "person": ("person", "people"),
    "language": ("language", "languages"),
    "word": ("ordinary word or set phrase", "ordinary words or set phrases"),
    "province": ("province", "provinces"),
}
"""How the findings count paragraphs of each role and matches of each kind set apart."""
DOMINANCE = 2.0
"""How many times the runner-up's mentions the first country needs for the findings to say it dominates."""
DOMINANCE_MIN = 4
"""Fewest mentions a country needs for the findings to say it dominates (2 against 1 only leads)."""


def lead_verb(first: int, second: int) -> str:
    """How the most mentioned country stands to the next: "dominates with" or "leads with".

    >>> lead_verb(8, 3), lead_verb(2, 1)
    ('dominates with', 'leads with')
    """
    return "dominates with" if first >= max(DOMINANCE * second, DOMINANCE_MIN) else "leads with"


def pair_line(pairs: list[tuple[str, str, int]]) -> str:
    """The finding about the pairs of countries named in one sentence (``(name, name, sentences)``, most
    first): the one pair, the pair named together most often, or the pairs tied for it.

    >>> pair_line([("إيران", "روسيا", 1)]).startswith("- The only two countries named in the same sentence")
    True
    """
    tops = [(a, b) for a, b, n in pairs if n == pairs[0][2]]
    times = plural(pairs[0][2], "sentence")
    if len(pairs) == 1:
        return f"- The only two countries named in the same sentence are {rtl(tops[0][0])} and {rtl(tops[0][1])} ({times})."
    if len(tops) == 1:
        return f"- The pair named together most often is {rtl(tops[0][0])} and {rtl(tops[0][1])} ({times})."
    listed = series([f"{rtl(a)} with {rtl(b)}" for a, b in tops])
    return f"- The pairs named together most often, {times} each: {listed}."


def _pair_names(pairs: pd.DataFrame, counts: pd.DataFrame) -> list[tuple[str, str, int]]:
    """The co-mention pairs (most first) with the countries' names."""
    names = counts.set_index("country")["country_name"].to_dict()
    return [
        (names.get(a, a), names.get(b, b), int(n))
        for a, b, n in pairs[["first", "second", "count"]].itertuples(index=False)
    ]


class Findings:
    """Computed findings for a notebook: Markdown, with an HTML rendering that keeps the
    right-to-left spans intact (nbconvert's own Markdown rendering drops their content)."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = [line for line in lines if line]
        self.markdown = "\n".join(self.lines)

    def __repr__(self) -> str:
        return self.markdown

    def _repr_markdown_(self) -> str:
        return self.markdown

    def _repr_html_(self) -> str:
        return MarkdownIt("commonmark", {"html": True}).render(self.markdown)


def findings(*lines: str) -> Findings:
    """Show computed findings (Markdown lines) in a notebook; empty lines are left out."""
    return Findings(list(lines))


def series(items: list[str], conjunction: str = "and") -> str:
    """English enumeration: ``a``, ``a and b``, ``a, b and c``.

    >>> series(["a"]), series(["a", "b"]), series(["a", "b", "c"])
    ('a', 'a and b', 'a, b and c')
    """
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def arabic_series(items: list[str]) -> str:
    """Arabic items (already wrapped with :func:`helpers.display.rtl`) joined with the Arabic comma."""
    return "، ".join(items)


def _counted(values: pd.Series) -> str:
    """How many of each value (a role, a kind), most first: ``2 photo captions and 1 person``."""
    counts = values.value_counts()
    return series([plural(int(n), *NOUNS.get(v, (v, v + "s"))) for v, n in counts.items()])


def reading_findings(article: pd.DataFrame, sentences: pd.DataFrame, analysis_roles) -> list[str]:
    """Notebook 1: encoding, paragraphs and sentences, headline, what is analysed and what left out."""
    analysed = article[article["role"].isin(analysis_roles)]
    left_out = article[~article["role"].isin(analysis_roles)]
    lines = [
        f"- The file was decoded as **{article.attrs.get('encoding', 'UTF-8')}** and has "
        f"**{plural(len(article), 'paragraph')}** and **{plural(len(sentences), 'sentence')}** "
        f"({plural(len(article.attrs.get('text', '')), 'character')})."
    ]
    headline = article.loc[article["role"] == "headline", "text"]
    if len(headline):
        lines.append(f"- The headline is {rtl(headline.iloc[0])}.")
    else:
        lines.append("- No line was recognised as a headline.")
    if left_out.empty:
        lines.append(f"- All **{plural(len(analysed), 'paragraph')}** are analysed.")
    else:
        lines.append(
            f"- **{plural(len(analysed), 'paragraph')}** (headline, body, subheadings) "
            f"{'is' if len(analysed) == 1 else 'are'} analysed; left out: {_counted(left_out['role'])}."
        )
    if len(analysed) and len(sentences):
        longest = int(analysed["text"].str.split().str.len().max())
        median = int(sentences["text"].str.split().str.len().median())
        lines.append(
            f"- The longest analysed paragraph has **{plural(longest, 'word')}**; the median sentence "
            f"has **{plural(median, 'word')}**."
        )
    return lines


def most_varied(tokens: pd.DataFrame) -> pd.Series | None:
    """The content word (no stopword) written in the most different ways: ``base``, ``surfaces``,
    ``count``, ``forms`` (as :func:`helpers.terms.merges`), or None when no word varies."""
    merged = merges(tokens[~tokens["is_stop"]])
    return None if merged.empty else merged.iloc[0]


def terms_findings(
    sizes: dict[str, int], tokens: pd.DataFrame, terms: pd.DataFrame, pairs: pd.DataFrame, hits: pd.DataFrame
) -> list[str]:
    """Notebook 2: vocabulary sizes, the most varied content word, the top terms, the strongest
    collocation and how the top term spreads (``hits``: :func:`helpers.kwic` of the top term)."""
    if not sizes["tokens"]:
        return ["- The analysed text has no Arabic words."]
    lines = [
        f"- The analysed text has **{plural(sizes['tokens'], 'Arabic word token')}** written in "
        f"**{plural(sizes['surface'], 'different way')}**; normalization leaves **{sizes['norm']:,}** "
        f"distinct words and removing clitics **{sizes['base']:,}** "
        f"(**{1 - sizes['base'] / sizes['surface']:.0%}** fewer than the raw forms)."
    ]
    varied = most_varied(tokens)
    if varied is not None:
        forms = varied["forms"].split("، ")
        lines.append(
            f"- The content word written in the most ways is {rtl(term_display(varied['base'], varied['forms']))}: "
            f"{plural(len(forms), 'form')}, {arabic_series([rtl(f) for f in forms])}."
        )
    repeated = terms[terms["count"] >= 2]
    if len(terms) and repeated.empty:
        lines.append("- No term occurs twice.")
    if len(repeated):
        top = repeated.head(5)
        labels = term_labels(top)
        listed = arabic_series([f"{rtl(t)} ({c})" for t, c in zip(labels, top["count"], strict=True)])
        subject = "The most frequent term is" if len(top) == 1 else f"The {len(top)} most frequent terms are"
        lines.append(
            f"- {subject} {listed}; {'it makes' if len(top) == 1 else 'together they make'} "
            f"**{top['share'].sum():.0%}** of the counted words."
        )
    if len(pairs):
        best = pairs.iloc[0]
        label = best["label"] if "label" in best else f"{best['first']} {best['second']}"
        lines.append(
            f"- The strongest collocation is {rtl(label)} "
            f"(seen {plural(int(best['count']), 'time')}, G² = {best['llr']:.1f})."
        )
    elif len(terms):
        lines.append("- No pair of content words occurs twice, so there is no collocation to report.")
    if len(terms) and len(hits):
        label = term_labels(terms.head(1)).iloc[0]
        paragraphs = hits["paragraph"].nunique()
        lines.append(
            f"- The top term {rtl(label)} occurs **{plural(len(hits), 'time')}**, "
            f"in {plural(paragraphs, 'paragraph')}."
        )
    return lines


def bars_note(terms: pd.DataFrame, n: int = 10, what: str = "term") -> str:
    """Why a bar chart of the ``n`` most frequent ``terms`` is not drawn (see
    :func:`helpers.plotting.informative_bars`)."""
    top = terms.head(n)["count"]
    if top.empty:
        return f"- No {what} to count, so there is no chart."
    if top.max() < 2:
        return f"- No {what} occurs twice, so there is no chart: every one is seen once."
    seen = int((terms["count"] == top.max()).sum())
    return (
        f"- No chart: {plural(seen, what)} {'occurs' if seen == 1 else 'occur'} {plural(int(top.max()), 'time')} "
        f"and none more often, so bars of equal length would say nothing the table below does not."
    )


def _kinds(row: pd.Series | dict[str, int]) -> str:
    """The mentions of a country by kind (a row of counts, or :func:`article_findings`' kinds)."""
    return series([f"{int(row[k])} by {k}" for k in KINDS if row.get(k, 0)])


def _country(row: pd.Series) -> str:
    return f"{rtl(row['country_name'])} ({row['country']})"


def countries_findings(
    mentions: pd.DataFrame, counts: pd.DataFrame, pairs: pd.DataFrame, regions: pd.DataFrame
) -> list[str]:
    """Notebook 3: how many countries, which leads (and whether it dominates), the pair named
    together most often, misspellings and regions; nothing is said about what the article lacks
    beyond one plain sentence."""
    lines = []
    if counts.empty:
        lines.append("- The article mentions no country.")
    else:
        total = int(counts["mentions"].sum())
        not_by_name = float((mentions["kind"] != "name").mean()) if len(mentions) else 0.0
        top = counts.iloc[0]
        if len(counts) == 1:
            lines.append(
                f"- The article mentions one country, {_country(top)}, **{plural(total, 'time')}** "
                f"({_kinds(top)})."
            )
        else:
            how = (
                "every one by the country's name" if not_by_name == 0
                else f"**{not_by_name:.0%}** of them not by the country's name"
            )  # fmt: skip
            lines.append(
                f"- The article mentions **{plural(len(counts), 'country')}**, **{plural(total, 'time')}** in all; "
                f"{how}."
            )
            second = counts.iloc[1]
            n, m = int(top["mentions"]), int(second["mentions"])
            if n == m:
                tied = counts[counts["mentions"] == n]
                names = series([_country(r) for _, r in tied.iterrows()])
                lines.append(f"- {names} are mentioned most, **{plural(n, 'time')}** each.")
            else:
                verb = lead_verb(n, m)
                lines.append(
                    f"- {_country(top)} {verb} **{plural(n, 'mention')}** ({_kinds(top)}); next comes "
                    f"{_country(second)} with **{m}**."
                )
                a, b = sorted([top["country"], second["country"]])
                together = int(pairs.loc[(pairs["first"] == a) & (pairs["second"] == b), "count"].sum())
                if together:
                    lines.append(f"- The two are named in the same sentence **{plural(together, 'time')}**.")
        if len(pairs):
            lines.append(pair_line(_pair_names(pairs, counts)))
        elif len(counts) > 1:
            lines.append("- No two countries are named in the same sentence.")
    for row in mentions[mentions["kind"] == "variant"].itertuples():
        lines.append(
            f"- {rtl(row.surface)} in paragraph {row.paragraph} is taken for {rtl(row.matched)} "
            f"({row.country}), a misspelling flagged as a variant."
        )
    if len(regions):
        names = list(dict.fromkeys(regions["matched"]))
        lines.append(
            f"- {plural(len(regions), 'region mention')} ({arabic_series([rtl(r) for r in names])}) "
            f"{'is' if len(regions) == 1 else 'are'} kept apart from the countries."
        )
    return lines


def set_apart_findings(set_apart: pd.DataFrame, cities: pd.DataFrame) -> list[str]:
    """Notebook 3: the cities named (counted apart from the countries) and how many matches were set
    apart as organisations, people, languages, set phrases or provinces (``find_country_mentions`` with
    ``kinds=``); a sentence is left out when there is nothing to say.

    >>> set_apart_findings(pd.DataFrame({"kind": ["organisation", "person", "organisation"],
    ...     "surface": ["الرياض", "التركي", "السعودية"]}), pd.DataFrame(columns=["city", "mentions"]))
    ['- 3 matches look like a country or city and are not one, so they are left out of the counts: 2 organisations and 1 person.']
    """
    lines = []
    if len(cities):
        total = int(cities["mentions"].sum())
        names = arabic_series([rtl(c) for c in cities["city"].head(5)])
        more = f" and {plural(len(cities) - 5, 'other')}" if len(cities) > 5 else ""
        lines.append(
            f"- **{plural(len(cities), 'city', 'cities')}** {'is' if len(cities) == 1 else 'are'} named "
            f"({plural(total, 'time')}): {names}{more}; cities are counted apart from the countries."
        )
    if len(set_apart):
        one = len(set_apart) == 1
        lines.append(
            f"- {plural(len(set_apart), 'match', 'matches')} {'looks' if one else 'look'} like a country or "
            f"city and {'is' if one else 'are'} not one, so {'it is' if one else 'they are'} left out of the "
            f"counts: {_counted(set_apart['kind'])}."
        )
    return lines


def article_findings(article: pd.DataFrame) -> dict[str, object]:
    """The headline numbers of an article's analysis, computed (never typed) for prose and the README."""
    sentences = helpers.sentence_table(article)
    tokens = helpers.tokenize_article(article)
    terms = helpers.term_frequencies(article)
    mentions = helpers.find_country_mentions(article)
    counts = helpers.country_counts(mentions)
    pairs = helpers.co_mentions(mentions)
    words = tokens[tokens["kind"] == "arabic"]
    top = counts.iloc[0] if len(counts) else None
    repeated = terms[terms["count"] >= 2]
    leaders = counts[counts["mentions"] == counts["mentions"].max()] if len(counts) else counts
    return {
        "headline": article.loc[article["role"] == "headline", "text"].head(1).tolist(),
        "paragraphs": len(article),
        "analysed_paragraphs": int(article["role"].isin(helpers.ANALYSIS_ROLES).sum()),
        "sentences": len(sentences),
        "arabic_tokens": len(words),
        "distinct_surfaces": words["surface"].nunique(),
        "distinct_bases": words["base"].nunique(),
        "top_terms": list(zip(term_labels(repeated.head(5)), repeated["count"].head(5), strict=True)),
        "countries": len(counts),
        "country_mentions": int(counts["mentions"].sum()) if len(counts) else 0,
        "not_by_name": float((mentions["kind"] != "name").mean()) if len(mentions) else 0.0,
        "top_country": None if top is None else (top["country"], top["country_name"], int(top["mentions"])),
        "second_country_mentions": int(counts.iloc[1]["mentions"]) if len(counts) > 1 else 0,
        "top_country_kinds": {} if top is None else {k: int(top[k]) for k in KINDS if top[k]},
        "leaders": [(r.country, r.country_name) for r in leaders.itertuples()],
        "pairs": _pair_names(pairs.head(5), counts),
        "variants": [(r.surface, r.matched) for r in mentions[mentions["kind"] == "variant"].itertuples()],
        "ambiguous": int(mentions["ambiguous"].sum()) if len(mentions) else 0,
    }


def findings_table(results: dict[str, object]) -> pd.DataFrame:
    """:func:`article_findings` as a two-column table (``finding``, ``value``) for ``data/findings.csv``."""

    def show(value: object) -> str:
        if isinstance(value, float):
            return f"{value:.4f}"
        if isinstance(value, dict):
            return "; ".join(f"{k}: {v}" for k, v in value.items())
        if isinstance(value, list | tuple):
            return "; ".join(", ".join(map(str, v)) if isinstance(v, list | tuple) else str(v) for v in value)
        return "" if value is None else str(value)

    return pd.DataFrame({"finding": list(results), "value": [show(v) for v in results.values()]})


def findings_lines(results: dict[str, object]) -> list[str]:
    """Markdown bullet points from :func:`article_findings` (notebook 4 and the README); Arabic is
    marked right to left; a sentence with nothing to say is left out."""
    r = results
    lines = []
    if r["headline"]:
        lines.append(f"- Headline: {rtl(r['headline'][0])}.")
    lines.append(
        f"- {plural(r['paragraphs'], 'paragraph')} ({r['analysed_paragraphs']} analysed), "
        f"{plural(r['sentences'], 'sentence')}, {plural(r['arabic_tokens'], 'Arabic word')} in "
        f"{plural(r['distinct_surfaces'], 'written form')}, {r['distinct_bases']:,} once normalized and "
        "stripped of clitics."
    )
    if r["top_terms"]:
        terms = arabic_series([f"{rtl(term)} ({count})" for term, count in r["top_terms"]])
        label = "Most frequent term" if len(r["top_terms"]) == 1 else "Most frequent terms"
        lines.append(f"- {label} (stopwords left out): {terms}.")
    if r["top_country"]:
        iso3, name, n = r["top_country"]
        if r["countries"] == 1:
            lines.append(
                f"- One country is mentioned: {rtl(name)} ({iso3}), {plural(n, 'time')} "
                f"({_kinds(r['top_country_kinds'])})."
            )
        else:
            second = r.get("second_country_mentions", 0)
            how = "all by name" if r["not_by_name"] == 0 else f"{r['not_by_name']:.0%} of them not by name"
            head = (
                f"- {plural(r['countries'], 'country')} are mentioned {plural(r['country_mentions'], 'time')}, "
                f"{how}; "
            )
            if n == second:
                tied = series([f"{rtl(c_name)} ({c})" for c, c_name in r.get("leaders", [])])
                lines.append(f"{head}the most mentioned, {plural(n, 'time')} each: {tied}.")
            else:
                verb = lead_verb(n, second)
                lines.append(f"{head}{rtl(name)} ({iso3}) {verb} {n} ({_kinds(r['top_country_kinds'])}).")
    else:
        lines.append("- No country is mentioned.")
    if r["pairs"]:
        lines.append(pair_line(r["pairs"]))
    for surface, matched in r["variants"]:
        lines.append(f"- {rtl(surface)} is a misspelling of {rtl(matched)}, flagged as a variant.")
    if r["ambiguous"]:
        lines.append(
            f"- {plural(r['ambiguous'], 'mention')} could not be resolved and "
            f"{'is' if r['ambiguous'] == 1 else 'are'} marked ambiguous."
        )
    return lines


def _key_terms(table: pd.DataFrame, direction: str, threshold: float = 10.83, n: int | None = 5) -> list[str]:
    """The labels of the first ``n`` (all: None) terms over- or under-used at G² ≥ ``threshold``."""
    rows = table[(table["llr"] >= threshold) & (table["direction"] == direction)]
    return [rtl(label) for label in rows["label"].iloc[:n]]


def corpus_findings(
    general: pd.DataFrame,
    summary,
    country_keyness: pd.DataFrame,
    corpus_keyness: pd.DataFrame | None = None,
    generated: bool = False,
) -> list[str]:
    """Notebook 5: what the article over-uses against Arabic in general (p < 0.001), the corpus it
    was compared with, and the country that stands out most against it, when one does significantly."""
    lines = []
    strong = _key_terms(general, "over", n=None)
    if strong:
        lines.append(
            f"- Against Arabic in general (wordfreq), **{plural(len(strong), 'term')}** "
            f"{'is' if len(strong) == 1 else 'are'} over-used at p < 0.001; the strongest: "
            f"{arabic_series(strong[:5])}."
        )
    else:
        lines.append("- Against Arabic in general (wordfreq), no term is over-used at p < 0.001.")
    under = _key_terms(general, "under", threshold=3.84)
    if under:
        lines.append(f"- Used less than in general Arabic (p < 0.05): {arabic_series(under)}.")
    source = "generated (a demonstration, not a finding about real news)" if generated else "given"
    lines.append(
        f"- The corpus {source} has **{plural(summary.analysed, 'article')}** and "
        f"**{plural(summary.tokens, 'word')}**."
    )
    if corpus_keyness is not None:
        key = _key_terms(corpus_keyness, "over")
        if key:
            lines.append(
                f"- Against that corpus, the most over-used terms (p < 0.001): {arabic_series(key)}."
            )
        else:
            lines.append("- Against that corpus, no term is over-used at p < 0.001.")
    if not generated and len(country_keyness):
        top = country_keyness.iloc[0]
        if top["llr"] >= 3.84:
            lines.append(
                f"- Among countries, {rtl(str(top['name']))} stands out most ({top['direction']}-used, "
                f"G² = {top['llr']:.1f}: {top['target_per_1000']:.0f} per 1,000 mentions here against "
                f"{top['reference_per_1000']:.0f} in the corpus)."
            )
    return lines


def timeline_note(over_time: pd.DataFrame | None) -> str:
    """Why there is no timeline (no mentions table, no dated record, a single period), or what it covers."""
    if over_time is None:
        return "- The corpus tables have no `mentions.parquet`, so mentions cannot be placed in time."
    if over_time.empty:
        undated = over_time.attrs.get("undated", 0)
        return f"- No record of the corpus has a date ({plural(undated, 'mention')} undated): no timeline."
    unit = over_time.attrs.get("frequency", "period")
    if len(over_time) == 1:
        return f"- Every dated record falls in the same {unit} ({over_time['period'].iloc[0]}): no timeline."
    return (
        f"- {plural(len(over_time), unit)} from {over_time['period'].iloc[0]} to "
        f"{over_time['period'].iloc[-1]}."
    )
