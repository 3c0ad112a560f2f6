# %% [markdown]
# # 5. The article against a corpus
#
# **Question.** Which terms does this article use more, or less, than Arabic in general, and than a
# corpus of news? The first reference is real and always there: wordfreq's Arabic word frequencies
# (Wikipedia, subtitles, news, web text and social media; the same list the helpers use to remove
# clitics). The second is a corpus the user gives: point `CORPUS` at a folder of `.txt` files, a JSONL
# or a CSV file of articles (from the command line: `python -m helpers corpus PATH --out DIR --workers 2`,
# or `--engine dask`). The project may not ship real news, so without `CORPUS` the corpus part runs on a
# generated corpus, only to show the machinery: nothing it says is a finding about news.

# %% tags=["parameters"]
ARTICLE = "../seeds/000_df3f2a6da92eafe4.txt"
OUTPUT = ".."
CORPUS = None  # None: a generated corpus of SYNTHETIC_ARTICLES articles
SYNTHETIC_ARTICLES = 400

# %%
from pathlib import Path

import pandas as pd

import helpers
from helpers import plotting
from helpers.corpus import run_corpus
from helpers.display import use_rtl_tables
from helpers.findings import corpus_findings, findings, timeline_note
from helpers.gazetteer import display_names
from helpers.mapping import plot_world_map
from helpers.paths import PROJECT_ROOT
from helpers.plotting import figure
from helpers.reference import general_keyness, keyness_against_corpus, keyness_title, with_significance
from helpers.synthetic import write_jsonl
from helpers.timeline import mentions_over_time, plot_timeline

use_rtl_tables()
article = helpers.read_article(ARTICLE)
article_terms = helpers.term_frequencies(article)

# %% [markdown]
# ## Against Arabic in general
#
# Dunning's log-likelihood (G²) compares each term's count in the article with the count its
# frequency in general Arabic predicts (`expected`). Above 3.84 the difference is significant at
# p < 0.05 (`*`), above 6.63 at p < 0.01 (`**`), above 10.83 at p < 0.001 (`***`). Terms seen once
# are not tested; words wordfreq does not list (`in_reference` False) are taken as rare as its rarest.

# %%
general = general_keyness(article_terms)
general.head(15)

# %%
ax = plotting.plot_keyness(general, n=12, title=keyness_title(general, "العربية العامة"),
                           reference="العربية العامة")  # fmt: skip
plotting.save_figure(ax.figure, "keyness_terms", root=OUTPUT)
figure(ax.figure)

# %% [markdown]
# ## Against a corpus
#
# Every article of the corpus is read, split into paragraphs with roles, tokenized and counted (terms
# by base, stopwords dropped; country mentions with their homographs resolved), exactly as this article.

# %%
work = PROJECT_ROOT / "build" / "corpus"
corpus_path = Path(CORPUS) if CORPUS else write_jsonl(work / "synthetic.jsonl", SYNTHETIC_ARTICLES, seed=0)
summary = run_corpus(corpus_path, work / "tables", workers=1, log=lambda message: None)
pd.Series({"articles read": summary.read, "analysed": summary.analysed, "skipped": summary.skipped,
           "word tokens": summary.tokens}, name="corpus").to_frame()  # fmt: skip

# %%
corpus_terms = pd.read_csv(work / "tables" / "terms.csv", keep_default_na=False)
corpus_countries = pd.read_csv(work / "tables" / "country_counts.csv", keep_default_na=False)
corpus_countries.head(10)

# %%
ax = plot_world_map(corpus_countries, title="الدول المذكورة في المدونة")
plotting.save_figure(ax.figure, "corpus_country_map", root=OUTPUT)
figure(ax.figure)

# %% [markdown]
# Keyness against the corpus (shown only for a corpus the user gave: against a generated corpus it would
# only repeat the generator's word list).

# %%
corpus_keyness = keyness_against_corpus(article_terms, corpus_terms) if CORPUS else None
corpus_keyness.head(15) if corpus_keyness is not None else findings(
    "- No corpus given: no keyness against one."
)

# %%
if corpus_keyness is not None:
    ax = plotting.plot_keyness(corpus_keyness, n=12, title=keyness_title(corpus_keyness, "المدونة"))
    plotting.save_figure(ax.figure, "keyness_corpus", root=OUTPUT)
    shown = figure(ax.figure)
    helpers.save_table(corpus_keyness, "keyness_corpus", root=OUTPUT)
else:
    shown = None
shown

# %%
mentions = helpers.find_country_mentions(article)
counts = helpers.country_counts(mentions)
country_keyness = with_significance(helpers.keyness(
    dict(zip(counts["country"], counts["mentions"], strict=True)),
    dict(zip(corpus_countries["country"], corpus_countries["mentions"], strict=True)),
))  # fmt: skip
country_keyness.insert(1, "name", country_keyness["term"].map(display_names()))
country_keyness

# %% [markdown]
# ## Mentions over time
#
# For a corpus whose records carry dates, the corpus command writes `mentions.parquet` (article, date,
# country, kind, count); the most mentioned countries are counted per week (or per month for a corpus
# spanning more than half a year).

# %%
mentions_file = work / "tables" / "mentions.parquet"
over_time = mentions_over_time(mentions_file) if mentions_file.is_file() else None
note = timeline_note(over_time)
over_time if over_time is not None and len(over_time) else findings(note)

# %%
if over_time is not None and len(over_time) > 1:
    ax = plot_timeline(over_time, title="الإشارات إلى الدول عبر الزمن")
    plotting.save_figure(ax.figure, "corpus_timeline", root=OUTPUT)
    shown = figure(ax.figure)
else:
    shown = None
shown

# %%
helpers.save_table(general, "keyness_terms", root=OUTPUT)
_ = helpers.save_table(country_keyness, "keyness_countries", root=OUTPUT)

# %% [markdown]
# ## What we found

# %%
findings(*corpus_findings(general, summary, country_keyness, corpus_keyness, generated=CORPUS is None))
