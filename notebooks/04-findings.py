# %% [markdown]
# # 4. Findings
#
# **Question.** What, in a few sentences, does the analysis say about this article? Every number below
# is computed from the article by the same functions as in notebooks 1–3 (`helpers.findings.article_findings`),
# and `make report` writes the same lines into the README.

# %% tags=["parameters"]
ARTICLE = "../seeds/000_df3f2a6da92eafe4.txt"
OUTPUT = ".."

# %%
import helpers
from helpers.display import kwic_explorer, term_labels, use_rtl_tables
from helpers.findings import article_findings, findings, findings_lines, findings_table

use_rtl_tables()

article = helpers.read_article(ARTICLE)
results = article_findings(article)

# %% [markdown]
# ## The numbers

# %%
table = findings_table(results)
helpers.save_table(table, "findings", root=OUTPUT)
table

# %% [markdown]
# ## In words

# %% tags=["findings"]
findings(*findings_lines(results))

# %% [markdown]
# ## Explore a term
#
# In JupyterLab, type a word in the box below: its number of occurrences and its keyword-in-context
# lines update (clitic forms are found too: إيران also finds لإيران). The rendered report cannot run the
# box, so it shows the lines of the most frequent term instead.

# %%
terms = helpers.term_frequencies(article)
kwic_explorer(article, term=term_labels(terms).iloc[0] if len(terms) else "")
