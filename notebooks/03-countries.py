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
from helpers.gazetteer import display_names
from helpers.report import findings, rtl

pd.set_option("display.max_colwidth", 60)
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
ax = plotting.plot_country_mentions(counts, title="الإشارات إلى الدول حسب نوعها")
_ = plotting.save_figure(ax.figure, "country_mentions", root=OUTPUT)

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
# Pairs of countries named in the same sentence, and in the same paragraph.

# %%
pairs = helpers.co_mentions(mentions, level="sentence")
pairs_paragraph = helpers.co_mentions(mentions, level="paragraph")
pairs

# %%
ax = plotting.plot_co_mentions(pairs, counts, title="الدول المذكورة في الجملة نفسها")
_ = plotting.save_figure(ax.figure, "co_mentions", root=OUTPUT)

# %% [markdown]
# ## Where mentions fall
#
# `position` is the mention's offset divided by the length of the article text (0 = start, 1 = end).

# %%
dispersion = mentions.pivot_table(
    index="country", values="position", aggfunc=["min", "median", "max", "count"]
)
dispersion

# %%
ax = plotting.plot_dispersion(mentions, display_names(), title="مواضع ذكر الدول في المقال")
_ = plotting.save_figure(ax.figure, "country_dispersion", root=OUTPUT)

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
top = counts.iloc[0]
second = counts.iloc[1] if len(counts) > 1 else None
kinds_of_top = ", ".join(
    f"{int(top[kind])} by {kind}" for kind in ["name", "capital", "demonym", "alias", "variant"] if top[kind]
)
lines = [
    f"- The article mentions **{counts['country'].nunique()}** countries **{int(counts['mentions'].sum())}** "
    f"times; **{(mentions['kind'] != 'name').mean():.0%}** of the mentions are not the country's name.",
    f"- {rtl(top['country_name'])} ({top['country']}) dominates with **{int(top['mentions'])}** mentions "
    f"({kinds_of_top}).",
]
if second is not None:
    a, b = sorted([top["country"], second["country"]])
    together = pairs.loc[(pairs["first"] == a) & (pairs["second"] == b), "count"].sum()
    strongest = pairs.iloc[0]
    lines.append(
        f"- Next comes {rtl(second['country_name'])} ({second['country']}) with **{int(second['mentions'])}**; "
        f"the two are named in the same sentence **{int(together)}** times. The most frequent pair overall is "
        f"{strongest['first']}–{strongest['second']} ({int(strongest['count'])} sentences)."
    )
for row in variants.itertuples():
    lines.append(
        f"- {rtl(row.surface)} in paragraph {row.paragraph} is taken for {rtl(row.matched)} "
        f"({row.country}), a misspelling flagged as a variant."
    )
lines.append(
    f"- **{len(regions)}** region mentions ({', '.join(sorted(set(regions['region'])))}) are kept apart from "
    "the countries."
)
findings(*lines)
