"""Where things are: the project checkout (seed article, notebooks) and its build folder.

Outputs (``save_figure``, ``save_table``) go to ``figures/`` and ``data/`` under an explicit ``root``, by
default the current folder, never silently into the checkout the package was installed from.
"""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
"""The checkout the package is installed from (editable install): seed article, notebooks, README."""
DEFAULT_ARTICLE = PROJECT_ROOT / "seeds" / "000_df3f2a6da92eafe4.txt"
"""The seed article, analysed by ``make report`` when no other article is given."""
NOTEBOOKS = PROJECT_ROOT / "notebooks"
BUILD = PROJECT_ROOT / "build"
"""Rendered notebooks, other articles' outputs and benchmark corpora (not committed)."""
