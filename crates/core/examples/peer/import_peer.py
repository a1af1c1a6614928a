"""The peer `make bench` measures the client import against: pandas reading the same file
(csv with its C reader, xlsx with calamine, every value as text, as Rampart reads it) and
writing it to a SQLite table in one transaction. Prints "seconds peak_mib rows" like the
Rampart child. No checks, no undo, no indexes: a floor for "read a table and store it"."""

import resource
import sqlite3
import sys
import time

import pandas as pd


def main() -> None:
    path, db = sys.argv[1], sys.argv[2]
    started = time.perf_counter()
    if path.endswith(".csv"):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    else:
        # The bench's workbooks have one title row above the header, as planners' do.
        frame = pd.read_excel(path, engine="calamine", dtype=str, header=1)
    con = sqlite3.connect(db)
    frame.to_sql("clients", con, index=False, if_exists="replace", chunksize=10_000)
    con.commit()
    con.close()
    seconds = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"{seconds:.3f} {peak_mib} {len(frame)}")


if __name__ == "__main__":
    main()
