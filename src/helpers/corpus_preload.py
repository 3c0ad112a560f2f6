"""Imported once, before the corpus workers start, by the process they are forked from
(:mod:`multiprocessing`'s forkserver, see :func:`helpers.corpus.local_engine`).

Importing it loads the word knowledge kept in plain Python structures (Arabic word frequencies,
stopwords, protected words, the gazetteer's index and its misspelling neighbourhood) by analysing a few
words, so that every worker forked afterwards shares those pages instead of loading a copy of its own.
Nothing here runs the dataframe engine: its threads would not survive the fork.
"""

from __future__ import annotations

import gc

from helpers.lexicon import analyse_word
from helpers.mentions import word_mentions

for _word in ("والمبادرين", "للدبلوماسية", "لإيران", "بيلاتوس", "وزير"):
    word_mentions(analyse_word(_word)[0], _word)
gc.collect()
gc.freeze()  # the collector of a worker leaves these objects alone, so their pages stay shared
