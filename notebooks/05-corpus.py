# %% [markdown]
# # 5. The article against a corpus
#
# **Question.** Which terms and countries does this article use more, or less, than news in general?
# Answering needs a reference corpus. The project may not ship real news (their licences forbid it), so
# by default this notebook generates a synthetic corpus (`helpers.synthetic`: Arabic word forms drawn
# with their real frequencies in general Arabic, from wordfreq, plus country names at news-like rates).
# Against it, the keyness below says what the article over-uses compared with Arabic in general. Point `CORPUS`
# at a folder of `.txt` files, a JSONL or a CSV file of real articles to run the same analysis on them;
# from the command line: `python -m helpers corpus PATH --out DIR --workers 2` (or `--engine dask`).

# %% tags=["parameters"]
ARTICLE = "../seeds/000_df3f2a6da92eafe4.txt"
OUTPUT = ".."
CORPUS = None  # None: a generated corpus of SYNTHETIC_ARTICLES articles
SYNTHETIC_ARTICLES = 400

# %%
from collections import Counter
from pathlib import Path

import pandas as pd

import helpers
from helpers import plotting
from helpers.corpus import run_corpus
from helpers.gazetteer import display_names
from helpers.paths import PROJECT_ROOT
from helpers.report import findings, rtl
from helpers.synthetic import write_jsonl
from helpers.terms import term_label

work = PROJECT_ROOT / "build" / "corpus"
corpus_path = Path(CORPUS) if CORPUS else write_jsonl(work / "synthetic.jsonl", SYNTHETIC_ARTICLES, seed=0)

# %% [markdown]
# ## The corpus run
#
# Every article is read, split into paragraphs with roles, tokenized and counted (terms by base,
# stopwords dropped; country mentions with their homographs resolved), exactly as the seed article is.

# %%
messages = []
summary = run_corpus(corpus_path, work / "tables", workers=1, log=messages.append)
print("\n".join(messages))

# %%
corpus_terms = pd.read_csv(work / "tables" / "terms.csv", keep_default_na=False)
corpus_countries = pd.read_csv(work / "tables" / "country_counts.csv", keep_default_na=False)
corpus_countries.head(10)

# %% [markdown]
# ## Keyness
#
# Dunning's log-likelihood (G²) compares a term's frequency in the article with its frequency in the
# corpus; above 3.84 the difference is significant at p < 0.05, above 10.83 at p < 0.001.

# %%
article = helpers.read_article(ARTICLE)
article_terms = helpers.term_frequencies(article)
labels = {t: term_label(t, f) for t, f in zip(article_terms["term"], article_terms["forms"], strict=True)}
term_keyness = helpers.keyness(
    Counter(dict(zip(article_terms["term"], article_terms["count"], strict=True))),
    Counter(dict(zip(corpus_terms["term"], corpus_terms["count"], strict=True))),
)
term_keyness["label"] = term_keyness["term"].map(labels).fillna(term_keyness["term"])
term_keyness.head(15)

# %%
ax = plotting.plot_keyness(term_keyness, n=12, title="الكلمات التي يفرط المقال في استخدامها مقارنة بالمدونة")
_ = plotting.save_figure(ax.figure, "keyness_terms", root=OUTPUT)

# %%
mentions = helpers.find_country_mentions(article)
counts = helpers.country_counts(mentions)
country_keyness = helpers.keyness(
    Counter(dict(zip(counts["country"], counts["mentions"], strict=True))),
    Counter(dict(zip(corpus_countries["country"], corpus_countries["mentions"], strict=True))),
)
country_keyness["name"] = country_keyness["term"].map(display_names())
country_keyness

# %%
helpers.save_table(term_keyness, "keyness_terms", root=OUTPUT)
_ = helpers.save_table(country_keyness, "keyness_countries", root=OUTPUT)

# %% [markdown]
# ## What we found

# %%
significant = term_keyness[term_keyness["llr"] > 10.83]
over = significant[significant["direction"] == "over"]
top_country = country_keyness.iloc[0]
findings(
    f"- The reference corpus has **{summary.analysed}** articles and **{summary.tokens:,}** words"
    + (" (generated: a demonstration, not a finding about real news)." if CORPUS is None else "."),
    f"- Terms over-used at p < 0.001: **{len(over)}**; the strongest: "
    + "، ".join(rtl(label) for label in over["label"].head(5))
    + ".",
    f"- Among countries, {rtl(str(top_country['name']))} stands out most "
    f"({top_country['direction']}-used, G² = {top_country['llr']:.1f}: "
    f"{top_country['target_per_1000']:.1f} per 1,000 mentions here against "
    f"{top_country['reference_per_1000']:.1f} in the corpus).",
)
