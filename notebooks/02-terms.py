# %% [markdown]
# # 2. Terms: what the article talks about
#
# **Question.** Which words and phrases dominate the article once Arabic spelling variation and
# attached clitics are taken into account? Counting raw strings would split إيران and لإيران, or
# العقوبات and بالعقوبات, into different "words"; this notebook counts them together and shows what
# was merged.

# %% tags=["parameters"]
ARTICLE = "../seeds/000_df3f2a6da92eafe4.txt"
OUTPUT = ".."

# %%
import pandas as pd

import helpers
from helpers import plotting
from helpers.display import kwic_table, pair_labels, term_labels, top_term_kwic, use_rtl_tables
from helpers.findings import bars_note, findings, terms_findings
from helpers.plotting import figure
from helpers.terms import merges, vocabulary_sizes

pd.set_option("display.max_colwidth", 80)
use_rtl_tables()
article = helpers.read_article(ARTICLE)
tokens = helpers.tokenize_article(article)

# %% [markdown]
# ## Tokens
#
# Every token keeps its character offsets into the article, its `surface` form as printed, its
# normalized form `norm` (no diacritics or tatweel; alef, yeh and digit variants unified; presentation
# forms and invisible marks resolved) and its `base`, the normalized word without the proclitics و ف ب ك ل
# and the article ال. The base is cut only when what remains is a word, checked against a word-frequency
# lexicon (wordfreq), so وزير and فرنسا stay whole while وروسيا becomes روسيا.

# %%
tokens.head(15)

# %% [markdown]
# ## What normalization and clitic removal merged

# %%
sizes = vocabulary_sizes(tokens)
merged = merges(tokens)
pd.Series(sizes, name="distinct Arabic words").to_frame()

# %%
merged.head(15)

# %% [markdown]
# ## Top terms
#
# Counted by base over the headline, body and subheading; stopwords (a general Arabic list plus
# reporting verbs such as قال and أضاف) are dropped. `forms` lists the written forms behind each term;
# `label` is how every table, chart and finding shows the term: its most frequent written form without
# proclitics, with hamza and article as written (`helpers.display.term_display`).

# %%
terms = helpers.term_frequencies(article)
terms.insert(1, "label", term_labels(terms))
terms.head(20)

# %%
ax = plotting.plot_top_terms(terms, n=15, title="أكثر الكلمات تكرارًا في المقال")
plotting.save_figure(ax.figure, "top_terms", root=OUTPUT)
figure(ax.figure)

# %% [markdown]
# Two-word terms. Their chart is drawn only when it says something: when some pair repeats more
# often than the others (ten bars of 2 would only list ten pairs seen twice).

# %%
bigrams = helpers.term_frequencies(article, ngram=2)
bigrams.insert(1, "label", term_labels(bigrams))
if plotting.informative_bars(bigrams, n=10):
    ax = plotting.plot_top_terms(bigrams, n=10, title="أكثر العبارات الثنائية تكرارًا")
    plotting.save_figure(ax.figure, "top_bigrams", root=OUTPUT)
    shown = figure(ax.figure)
else:
    shown = findings(bars_note(bigrams, n=10, what="word pair"))
shown

# %%
bigrams.head(15)

# %% [markdown]
# A word cloud of the same terms, for slides (the bar chart above is the one to read numbers from).

# %%
ax = plotting.plot_wordcloud(terms, n=60)
plotting.save_figure(ax.figure, "word_cloud", root=OUTPUT)
figure(ax.figure)

# %% [markdown]
# ## Keyword in context
#
# Every occurrence of the most frequent term, with the words before and after it (in reading order:
# on the page, "before" stands to the right of the match).

# %%
lines = top_term_kwic(article, terms, window=6)
kwic_table(lines)

# %% [markdown]
# ## Collocations
#
# Adjacent word pairs (no stopwords, not across punctuation) ranked by Dunning's log-likelihood; pairs
# seen fewer than twice are left out.

# %%
pairs = helpers.collocations(article, min_count=2)
pairs.insert(2, "label", pair_labels(pairs, bigrams))
pairs.head(15)

# %%
helpers.save_table(terms, "terms", root=OUTPUT)
helpers.save_table(bigrams, "bigrams", root=OUTPUT)
helpers.save_table(pairs, "collocations", root=OUTPUT)
_ = helpers.save_table(merged, "merged_forms", root=OUTPUT)

# %% [markdown]
# ## What we found

# %%
findings(*terms_findings(sizes, tokens, terms, pairs, lines))
