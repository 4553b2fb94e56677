#!/usr/bin/python3
"""Converts a folder of forms on a Dask cluster and writes one CSV of indicators.

The path for archives that outgrow one machine: the same script runs on a
LocalCluster (below) or on a real cluster (pass its scheduler address). Each
task reads one file with the jixiao Python module and returns flat rows; the
client writes them as they come, so memory stays bounded by the batch size.

    PYTHONPATH=build/python python3 examples/dask_convert.py corpus out.csv
    PYTHONPATH=build/python python3 examples/dask_convert.py corpus out.csv --scheduler tcp://10.0.0.5:8786
"""
import argparse
import csv
import os
import sys

from dask.distributed import Client, LocalCluster, as_completed

FIELDS = ["path", "status", "error", "form", "kind", "year", "unit", "goal", "level1", "level2", "name",
          "target_raw", "target_op", "target_value", "actual_raw", "actual_value", "verdict"]


def convert(path):
    """Runs on a worker: one file to a list of CSV rows (one per indicator, or one for an error)."""
    import jixiao  # imported on the worker

    try:
        doc = jixiao.read(path, tables=False)
    except jixiao.Error as e:
        return [{"path": path, "status": "failed", "error": f"{e.code}: {e}"}]
    rows = []
    for i, form in enumerate(doc["forms"]):
        for ind in form["indicators"]:
            target, actual = ind["target"] or {}, ind["actual"] or {}
            rows.append({"path": path, "status": "ok", "form": i, "kind": form["kind"], "year": form["year"],
                         "unit": form["header"]["unit"] or form["header"]["project"], "goal": ind["goal"],
                         "level1": ind["level1"], "level2": ind["level2"], "name": ind["name"],
                         "target_raw": target.get("raw"), "target_op": target.get("op"), "target_value": target.get("value"),
                         "actual_raw": actual.get("raw"), "actual_value": actual.get("value"), "verdict": ind["verdict"]})
    return rows or [{"path": path, "status": "no_form"}]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder")
    ap.add_argument("out")
    ap.add_argument("--scheduler", help="address of a running Dask scheduler (default: a LocalCluster on this machine)")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()

    files = sorted(os.path.join(d, f) for d, _, names in os.walk(args.folder) for f in names
                   if f.endswith((".docx", ".txt")))
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        # Loopback only, no dashboard: a closed machine has no use for either.
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, host="127.0.0.1",
                               dashboard_address=None, processes=True)
        client = Client(cluster)
    counts = {"ok": 0, "failed": 0, "no_form": 0}
    with open(args.out, "w", newline="", encoding="utf-8-sig") as f:  # BOM: Excel opens UTF-8 right
        w = csv.DictWriter(f, fieldnames=FIELDS)
        w.writeheader()
        for future in as_completed(client.map(convert, files)):
            rows = future.result()
            counts[rows[0]["status"]] += 1
            w.writerows(rows)
    client.close()
    print(f"{len(files)} files: {counts['ok']} with forms, {counts['no_form']} without, {counts['failed']} failed -> {args.out}")


if __name__ == "__main__":
    sys.exit(main())
