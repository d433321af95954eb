# The pandas baseline of bench/feature-join: the same point-in-time join with merge_asof
# (direction="backward", by="user", tolerance per set). Reading the CSVs is not timed;
# sorting by time (which merge_asof needs) and the final sort by label id are.
import json, sys, time
import pandas as pd

labels_csv, a_csv, b_csv, ttl_a = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
def read(path):
    df = pd.read_csv(path)
    df["ts"] = pd.to_datetime(df["ts"], unit="s")
    return df
started = time.perf_counter()
labels, a, b = read(labels_csv), read(a_csv), read(b_csv)
read_s = time.perf_counter() - started
started, cpu = time.perf_counter(), time.process_time()
out = labels.sort_values("ts", kind="stable")
for right, ttl in ((a, pd.Timedelta(ttl_a)), (b, None)):
    right = right.rename(columns={"ts": "__t"}).sort_values("__t", kind="stable")
    out = pd.merge_asof(out, right, left_on="ts", right_on="__t", by="user", direction="backward", tolerance=ttl)
    out = out.drop(columns="__t")
out = out.sort_values("id", kind="stable")
run_s, cpu_s = time.perf_counter() - started, time.process_time() - cpu
print(json.dumps({"readSeconds": read_s, "runSeconds": run_s, "cpuSeconds": cpu_s, "rows": len(out),
                  "matched": [int(out["a_score"].notna().sum()), int(out["b_score"].notna().sum())],
                  "pandas": pd.__version__}))
