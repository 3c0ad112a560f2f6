"""Country mentions over time, for a corpus whose records have dates.

Input: the corpus command's ``mentions.parquet`` (or the same table as a DataFrame), one row per
article, country and kind of mention: ``article`` (str), ``date`` (str: ISO date, or empty when the
record has none), ``country`` (ISO alpha-3), ``kind`` (str), ``count`` (int).
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.axes import Axes

from helpers.gazetteer import display_names
from helpers.plotting import _axes, arabic_label, describe, title_right

COLUMNS = ("article", "date", "country", "kind", "count")
FREQUENCIES = {"week": "W-MON", "month": "MS"}
"""Periods: weeks starting on Monday, calendar months (each labelled by its first day)."""
PALETTE = ["#1b6ca8", "#f29e4c", "#3aa17e", "#8e6cc0", "#d1495b", "#6c757d", "#c9a227", "#17becf"]


def read_mentions(source: str | Path | pd.DataFrame) -> pd.DataFrame:
    """The mentions table from a DataFrame, a ``mentions.parquet`` file or the corpus output folder
    holding it; ``date`` parsed (NaT when empty or not a date), ``count`` an integer."""
    if isinstance(source, pd.DataFrame):
        table = source.copy()
    else:
        path = Path(source)
        table = pd.read_parquet(path / "mentions.parquet" if path.is_dir() else path)
    missing = [c for c in COLUMNS if c not in table]
    if missing:
        raise ValueError(f"the mentions table lacks the column(s) {', '.join(missing)}")
    table["date"] = pd.to_datetime(table["date"].replace("", None), errors="coerce", format="ISO8601")
    table["count"] = table["count"].astype("int64")
    return table


def pick_frequency(dates: pd.Series) -> str:
    """``"week"`` when the dated records span at most 26 weeks, else ``"month"``."""
    dates = dates.dropna()
    if dates.empty:
        return "month"
    return "week" if dates.max() - dates.min() <= pd.Timedelta(weeks=26) else "month"


def mentions_over_time(
    mentions: pd.DataFrame | str | Path, frequency: str | None = None, top: int = 5
) -> pd.DataFrame:
    """Mentions per period of the ``top`` most mentioned countries (over the dated records).

    One row per period, every period from the first to the last (zero when nothing was said):
    ``period`` (ISO date of the period's first day), then one column per country (alpha-3), most
    mentioned first. ``frequency``: "week" or "month" (default: :func:`pick_frequency`). Records
    without a date are left out; ``table.attrs["undated"]`` says how many mentions that was.
    """
    table = read_mentions(mentions)
    dated = table[table["date"].notna() & (table["country"] != "")]
    frequency = frequency or pick_frequency(dated["date"])
    if frequency not in FREQUENCIES:
        raise ValueError(f"frequency must be one of {', '.join(FREQUENCIES)}, not {frequency!r}")
    undated = int(table.loc[table["date"].isna(), "count"].sum())
    if dated.empty:
        result = pd.DataFrame({"period": pd.Series(dtype="object")})
    else:
        totals = dated.groupby("country")["count"].sum()
        countries = sorted(totals.index, key=lambda c: (-totals[c], c))[:top]
        periods = dated["date"].dt.to_period("W-SUN" if frequency == "week" else "M").dt.start_time
        wide = (
            dated.assign(period=periods)[dated["country"].isin(countries)]
            .pivot_table(index="period", columns="country", values="count", aggfunc="sum", fill_value=0)
            .reindex(columns=countries, fill_value=0)
        )
        every = pd.date_range(periods.min(), periods.max(), freq=FREQUENCIES[frequency])
        wide = wide.reindex(every, fill_value=0).astype("int64")
        result = wide.reset_index(names="period")
        result["period"] = result["period"].dt.strftime("%Y-%m-%d")
        result.columns.name = None
    result.attrs.update(frequency=frequency, undated=undated)
    return result


def plot_timeline(table: pd.DataFrame, ax: Axes | None = None, title: str | None = None) -> Axes:
    """Lines of mentions per period (a :func:`mentions_over_time` table), one per country, time
    running right to left as the text does (the earliest period on the right)."""
    names = display_names()
    countries = [c for c in table.columns if c != "period"]
    ax = _axes(ax, (7.5, 3.8))
    periods = pd.to_datetime(table["period"])
    for country, color in zip(countries, PALETTE, strict=False):
        ax.plot(periods, table[country], marker="o", markersize=3, linewidth=1.6, color=color,
                label=arabic_label(names.get(country, country)))  # fmt: skip
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=6))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    ax.tick_params(axis="x", labelsize=8)
    if len(periods) > 1:
        ax.set_xlim(periods.max(), periods.min())  # the earliest on the right
    unit = "أسبوع" if table.attrs.get("frequency") == "week" else "شهر"
    ax.set_ylabel(arabic_label(f"الإشارات في كل {unit}"))
    ax.set_xlabel(arabic_label("التاريخ (الأقدم على اليمين)"))
    ax.yaxis.tick_right()
    ax.yaxis.set_label_position("right")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.spines[["left", "top"]].set_visible(False)
    ax.grid(axis="y", alpha=0.3)
    if countries:
        ax.legend(
            loc="upper left", frameon=False, fontsize=8, ncols=min(len(countries), 3), markerfirst=False
        )
    title_right(ax, title)
    listed = ", ".join(f"{names.get(c, c)} ({int(table[c].sum())})" for c in countries)
    describe(ax, f"Line chart of mentions per {table.attrs.get('frequency', 'period')} from "
                 f"{table['period'].min() if len(table) else '-'} to {table['period'].max() if len(table) else '-'}"
                 f", one line per country: {listed}.")  # fmt: skip
    return ax
