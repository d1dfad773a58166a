"""dvctt.dossier_cube on 1 thread and on 2, measured by wall clock and by
`perf stat -e task-clock` (the CPU time of every thread of the process).

Run by scripts/bench-python.sh --threads (which starts `perf stat` with a
control FIFO, so only the calls are counted, not building the table).
Each round times `--calls` calls with 1 thread, then the same with 2
threads; counting is switched on around each round only. The wall time of
a round is printed by this script; perf prints the task-clock of each round
(`-I` is not used: the script prints a line per round, and perf's own
summary at the end covers every enabled round).

On a machine shared with other jobs the wall time of 2 threads depends on
whether a second core is free; the task-clock shows the work done.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import pathlib
import time
from typing import Any, List, Optional

import dvctt

HERE = pathlib.Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("python_cube", HERE / "python_cube.py")
assert _spec is not None and _spec.loader is not None
cube_bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cube_bench)


class Perf:
    """perf stat's control FIFO (`--control fifo:CTL,ACK`), or nothing."""

    def __init__(self, ctl: Optional[str], ack: Optional[str]) -> None:
        self.ctl = os.open(ctl, os.O_WRONLY) if ctl else None
        self.ack = os.open(ack, os.O_RDONLY) if ack else None

    def send(self, cmd: str) -> None:
        if self.ctl is None or self.ack is None:
            return
        os.write(self.ctl, (cmd + "\n").encode())
        os.read(self.ack, 5)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--calls", type=int, default=5)
    ap.add_argument("--threads", type=int, default=2, help="run with 1 thread or with this many")
    ap.add_argument("--perf-ctl")
    ap.add_argument("--perf-ack")
    a = ap.parse_args()
    perf = Perf(a.perf_ctl, a.perf_ack)
    t: Any = cube_bench.table(a.rows)
    dvctt.dossier_cube(t, "2026", "months", threads=a.threads)  # warm
    walls: List[float] = []
    cpus: List[float] = []
    for _ in range(a.rounds):
        perf.send("enable")
        c, s = time.process_time(), time.perf_counter()
        for _ in range(a.calls):
            dvctt.dossier_cube(t, "2026", "months", threads=a.threads)
        w, cpu = time.perf_counter() - s, time.process_time() - c
        perf.send("disable")
        walls.append(w / a.calls)
        cpus.append(cpu / a.calls)
        print(
            f"threads={a.threads}: wall {w / a.calls * 1e3:.1f} ms, "
            f"CPU {cpu / a.calls * 1e3:.1f} ms a call (load {os.getloadavg()[0]:.2f})",
            flush=True,
        )
    print(
        f"threads={a.threads}: best wall {min(walls) * 1e3:.1f} ms a call; "
        f"CPU in that round {cpus[walls.index(min(walls))] * 1e3:.1f} ms; "
        f"{a.rows} rows, {a.calls} calls a round"
    )


if __name__ == "__main__":
    main()
