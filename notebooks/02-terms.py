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
from helpers.report import findings, rtl
from helpers.terms import merges, vocabulary_sizes

pd.set_option("display.max_colwidth", 80)
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
# reporting verbs such as قال and أضاف) are dropped. `forms` lists the written forms behind each term.

# %%
terms = helpers.term_frequencies(article)
terms.head(20)

# %%
ax = plotting.plot_top_terms(terms, n=15, title="أكثر الكلمات تكرارًا في المقال")
_ = plotting.save_figure(ax.figure, "top_terms", root=OUTPUT)

# %%
bigrams = helpers.term_frequencies(article, ngram=2)
bigrams.head(15)

# %%
ax = plotting.plot_top_terms(bigrams, n=10, title="أكثر العبارات الثنائية تكرارًا")
_ = plotting.save_figure(ax.figure, "top_bigrams", root=OUTPUT)

# %% [markdown]
# A word cloud of the same terms, for slides (the bar chart above is the one to read numbers from).

# %%
ax = plotting.plot_wordcloud(terms, n=60)
_ = plotting.save_figure(ax.figure, "word_cloud", root=OUTPUT)

# %% [markdown]
# ## Keyword in context
#
# Every occurrence of the most frequent term, with the words before and after it (in reading order:
# on the page, "before" stands to the right of the match).

# %%
top_term = terms.loc[0, "term"]
lines = helpers.kwic(article, top_term, window=6)
lines

# %% [markdown]
# ## Collocations
#
# Adjacent word pairs (no stopwords, not across punctuation) ranked by Dunning's log-likelihood; pairs
# seen fewer than twice are left out.

# %%
pairs = helpers.collocations(article, min_count=2)
pairs.head(15)

# %%
helpers.save_table(terms, "terms", root=OUTPUT)
helpers.save_table(bigrams, "bigrams", root=OUTPUT)
helpers.save_table(pairs, "collocations", root=OUTPUT)
_ = helpers.save_table(merged, "merged_forms", root=OUTPUT)

# %% [markdown]
# ## What we found

# %%
top = terms.head(5)
biggest = merged.iloc[0]
findings(
    f"- The analysed text has **{sizes['tokens']}** Arabic word tokens written in **{sizes['surface']}** "
    f"different ways; normalization leaves **{sizes['norm']}** distinct words and removing clitics "
    f"**{sizes['base']}** (**{1 - sizes['base'] / sizes['surface']:.0%}** fewer than the raw forms).",
    f"- **{len(merged)}** terms were written in more than one way; the most varied, "
    f"{rtl(biggest['base'])}, appears as {rtl(biggest['forms'])}.",
    "- The five most frequent terms are "
    + "، ".join(f"{rtl(t)} ({c})" for t, c in zip(top["term"], top["count"], strict=True))
    + f"; together they make **{top['share'].sum():.0%}** of the counted words.",
    f"- The strongest collocation is {rtl(pairs.loc[0, 'first'] + ' ' + pairs.loc[0, 'second'])} "
    f"(seen {pairs.loc[0, 'count']} times, G² = {pairs.loc[0, 'llr']:.1f}); the top term "
    f"{rtl(top_term)} occurs **{len(lines)}** times, in {lines['paragraph'].nunique()} paragraphs.",
)
