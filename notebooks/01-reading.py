# %% [markdown]
# # 1. Reading the article: paragraphs, roles and sentences
#
# **Question.** What is in the article file, and which parts of it are the news text a researcher
# should analyse? News pages mix the report itself with photo captions, links to other articles and
# site furniture; counting words in those would distort every later figure.
#
# This notebook loads the article with `helpers.read_article`, shows how each paragraph was classified,
# and splits the text into sentences with character offsets.

# %% tags=["parameters"]
ARTICLE = "../seeds/000_df3f2a6da92eafe4.txt"
OUTPUT = ".."

# %%
import pandas as pd

import helpers
from helpers.display import use_rtl_tables
from helpers.findings import findings, reading_findings

pd.set_option("display.max_colwidth", 90)
use_rtl_tables()  # Arabic cells read right to left, here and in the rendered HTML

# %% [markdown]
# ## The paragraph table
#
# `read_article` detects the encoding (UTF-8, UTF-16 or a legacy Arabic code page), turns line ends into
# `\n`, applies Unicode NFC, and gives one row per non-blank line. `start` and `end` are character offsets
# into that decoded text, so `text[start:end]` is always the paragraph.

# %%
article = helpers.read_article(ARTICLE)
article

# %% [markdown]
# ## Roles
#
# The rules live in `helpers.roles` (cue phrases in `src/helpers/resources/role_cues.csv`): a line that
# starts with a "read also" cue is *related*, known site phrases are *boilerplate*, a line ending in a
# bracketed photo credit is a *caption*, the first short line is the *headline*, and a short line without
# sentence punctuation followed by more text is a *subheading*. Analyses use headline, body and subheading
# by default (`helpers.select_roles`); the other rows stay in the table so they can be put back.

# %%
role_counts = article["role"].value_counts().reindex(helpers.ROLES, fill_value=0)
role_counts.to_frame("paragraphs")

# %%
article[~article["role"].isin(helpers.ANALYSIS_ROLES)][["paragraph", "role", "text"]]

# %% [markdown]
# ## Sentences
#
# `helpers.sentence_table` splits each paragraph at `. ! ? ؟` followed by a space, but not inside
# « … » quotations, not at a decimal point such as 1.5 and not at `، ؛`.

# %%
sentences = helpers.sentence_table(article)
sentences

# %%
helpers.save_table(article, "paragraphs", root=OUTPUT)
_ = helpers.save_table(sentences, "sentences", root=OUTPUT)

# %% [markdown]
# ## What we found

# %%
findings(*reading_findings(article, sentences, helpers.ANALYSIS_ROLES))
