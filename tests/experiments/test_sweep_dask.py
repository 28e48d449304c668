"""Sweeps on a Dask cluster: the same numbers as in one process, even when a worker dies."""

from __future__ import annotations

import os
import signal

import numpy as np
import pytest

from detente.experiments import sweep

distributed = pytest.importorskip("distributed")


def test_a_worker_killed_mid_sweep_does_not_change_the_result() -> None:
    serial = sweep("korea-2019-12", "bdm", draws=400, seed=3)
    killed: list[int] = []
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as lc,
        distributed.Client(lc) as client,
    ):
        pids = list(client.run(os.getpid).values())

        def tick(done: int, total: int) -> None:
            if not killed:
                os.kill(pids[0], signal.SIGKILL)
                killed.append(pids[0])

        remote = sweep("korea-2019-12", "bdm", draws=400, seed=3, chunk_size=40,
                       scheduler=lc.scheduler_address, progress=tick)  # fmt: skip
    assert killed
    assert np.array_equal(remote.forecast, serial.forecast)
    assert np.array_equal(remote.seeds, serial.seeds)


@pytest.mark.slow
def test_local_cluster_equals_one_process() -> None:
    a = sweep("ec-emissions-1994", "bdm", draws=300, seed=8, drop_actors=True)
    b = sweep("ec-emissions-1994", "bdm", draws=300, seed=8, drop_actors=True,
              scheduler="local:2", chunk_size=100)  # fmt: skip
    assert np.array_equal(a.forecast, b.forecast) and a.summary() == b.summary()
