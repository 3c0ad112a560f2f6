# %% [markdown]
# # 3. Country mentions: who is mentioned, and how
#
# **Question.** Which countries does the article mention, and in which way: by name (إيران), by
# capital standing for the country (طهران), by adjective (الإيراني), by a descriptive alias
# (الجمهورية الإسلامية), or misspelled? Which countries appear together, and where in the article?

# %% tags=["parameters"]
ARTICLE = "../seeds/000_df3f2a6da92eafe4.txt"
OUTPUT = ".."

# %%
import pandas as pd

import helpers
from helpers import plotting
from helpers.countries import city_counts
from helpers.display import use_rtl_tables
from helpers.findings import countries_findings, findings, set_apart_findings
from helpers.gazetteer import display_names
from helpers.mapping import plot_world_map
from helpers.plotting import figure

pd.set_option("display.max_colwidth", 60)
use_rtl_tables()
article = helpers.read_article(ARTICLE)

# %% [markdown]
# ## The mention table
#
# `find_country_mentions` matches the gazetteer (every ISO country: CLDR and iso-codes names, plus a
# reviewed file of capitals, spellings, aliases and demonyms) one token at a time, with the prepositions
# and conjunctions that attach to names (لروسيا، ومينسك، للولايات المتحدة). Homographs such as عمان
# (Amman or Oman) are resolved by context or marked ambiguous. Headline, body and subheadings are searched;
# the photo caption is left out, as in every analysis.

# %%
mentions = helpers.find_country_mentions(article)
mentions[["paragraph", "sentence", "surface", "country", "kind", "matched", "ambiguous"]]

# %% [markdown]
# ## Counts by country and kind

# %%
counts = helpers.country_counts(mentions)
counts

# %%
if len(counts):
    ax = plotting.plot_country_mentions(counts, title="الإشارات إلى الدول حسب نوعها")
    plotting.save_figure(ax.figure, "country_mentions", root=OUTPUT)
    shown = figure(ax.figure)
else:
    shown = findings("- The article mentions no country, so there is nothing to chart.")
shown

# %% [markdown]
# ## On the map
#
# Each country coloured by its number of mentions (Natural Earth 1:110m outlines, shipped with the
# helpers); the most mentioned are named. Countries too small for a map at this scale are listed under it.

# %%
ax = plot_world_map(counts, title="الدول المذكورة في المقال")
plotting.save_figure(ax.figure, "country_map", root=OUTPUT)
figure(ax.figure)

# %% [markdown]
# ## Misspellings
#
# A word the lexicon does not know that is one letter away from a single country name is reported as a
# `variant`, with the name it was taken for in `matched`; it is never silently merged into a name.

# %%
variants = mentions[mentions["kind"] == "variant"]
variants[["paragraph", "surface", "matched", "country"]]

# %% [markdown]
# ## Co-mentions
#
# Pairs of countries named in the same sentence, and in the same paragraph. The network shows only
# countries named together with another; with no such pair it says so.

# %%
pairs = helpers.co_mentions(mentions, level="sentence")
pairs_paragraph = helpers.co_mentions(mentions, level="paragraph")
pairs

# %%
ax = plotting.plot_co_mentions(pairs, counts, title="الدول المذكورة في الجملة نفسها")
plotting.save_figure(ax.figure, "co_mentions", root=OUTPUT)
figure(ax.figure)

# %% [markdown]
# ## Where mentions fall
#
# `position` is the mention's offset divided by the length of the article text (0 = start, 1 = end).

# %%
dispersion = (
    mentions[mentions["country"] != ""]
    .groupby("country")["position"]
    .agg(["min", "median", "max", "count"])
    .reindex([c for c in plotting.country_order(counts) if c in set(mentions["country"])])
)
dispersion

# %%
if len(counts):
    ax = plotting.plot_dispersion(mentions, display_names(), title="مواضع ذكر الدول في المقال")
    plotting.save_figure(ax.figure, "country_dispersion", root=OUTPUT)
    shown = figure(ax.figure)
else:
    shown = findings("- No country, so no positions to plot.")
shown

# %% [markdown]
# ## Cities, and what only looks like a country
#
# Cities (جدة، حلب، عدن) are their own kind, `city`, with the country they are in; they are counted
# apart from the country mentions and found only on request (`cities=True`). Some matches only look like
# a country or a city: an organisation (صحيفة «الرياض», الخطوط السعودية), a person (اللواء منصور التركي),
# a language (اللغة الفرنسية), a set phrase (تمر هندي) or a province (منطقة نجران). The context rules set
# them apart and they are left out of every count; `kinds=` shows them.

# %%
with_cities = helpers.find_country_mentions(article, cities=True)
cities = city_counts(with_cities)
cities

# %%
set_apart = helpers.find_country_mentions(
    article, kinds=("organisation", "person", "language", "word", "province")
)
set_apart[["paragraph", "surface", "kind"]]

# %%
findings(*set_apart_findings(set_apart, cities))

# %% [markdown]
# ## Regions are not countries

# %%
regions = helpers.find_regions(article)
regions[["paragraph", "surface", "region"]]

# %%
helpers.save_table(mentions, "country_mentions", root=OUTPUT)
helpers.save_table(counts, "country_counts", root=OUTPUT)
helpers.save_table(pairs, "co_mentions_sentence", root=OUTPUT)
helpers.save_table(pairs_paragraph, "co_mentions_paragraph", root=OUTPUT)
_ = helpers.save_table(regions, "region_mentions", root=OUTPUT)

# %% [markdown]
# ## What we found

# %%
findings(*countries_findings(mentions, counts, pairs, regions))
