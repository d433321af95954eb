"""The pandas baseline of the profile benchmark (see docs/architecture.md, "Inside the profile capability").

Computes, on the CSV the benchmark profiles, the statistics a profile reports that pandas
has one call for: describe() with the 5/25/50/75/95% quantiles, nunique(), every column's
value_counts(), a histogram per number column (numpy's "auto" bins, at most 50), and the
Pearson and Spearman matrices. Prints one JSON line: the seconds reading the CSV and the
seconds computing the statistics (timed apart, as the benchmark times the DuckDB load
apart from the profile), and per column the figures the benchmark compares.

    /usr/bin/python3 bench/profile/pandas_profile.py FILE.csv
"""

import json
import sys
import time

import numpy as np
import pandas as pd


def statistics(df):
    numbers = df.select_dtypes("number")
    described = numbers.describe(percentiles=[0.05, 0.25, 0.5, 0.75, 0.95])
    distinct = df.nunique()
    missing = df.isna().sum()
    value_counts = {name: df[name].value_counts() for name in df.columns}
    histograms = {}
    for name in numbers.columns:
        values = numbers[name].dropna().to_numpy()
        edges = np.histogram_bin_edges(values, bins="auto")
        histograms[name] = np.histogram(values, bins=min(50, len(edges) - 1))
    pearson = numbers.corr()
    spearman = numbers.corr(method="spearman")
    return described, distinct, missing, value_counts, histograms, pearson, spearman


def main(path):
    started = time.perf_counter()
    # round_trip: pandas' default parser can land one bit off, merging two distinct values
    # of the file (DuckDB parses each to its nearest double, as round_trip does).
    df = pd.read_csv(path, float_precision="round_trip")
    read_seconds = time.perf_counter() - started
    started = time.perf_counter()
    described, distinct, missing, _, _, _, _ = statistics(df)
    stats_seconds = time.perf_counter() - started
    columns = {}
    for name in df.columns:
        entry = {"distinct": int(distinct[name]), "missing": int(missing[name])}
        if name in described.columns:
            for stat in ("mean", "std", "min", "max"):
                value = described[name][stat]
                entry[stat] = None if pd.isna(value) else float(value)
        columns[name] = entry
    print(json.dumps({"read": read_seconds, "stats": stats_seconds, "columns": columns}))


if __name__ == "__main__":
    main(sys.argv[1])
