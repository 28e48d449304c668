"""Sweeps on a Dask cluster: the same numbers as in one process, even when a worker dies."""

from __future__ import annotations

import os
import signal

import numpy as np
import pytest

from detente.experiments import sweep, sweeps

distributed = pytest.importorskip("distributed")


def test_a_worker_killed_mid_sweep_does_not_change_the_result(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    serial = sweep("korea-2019-12", "bdm", draws=400, seed=3)
    monkeypatch.setattr(sweeps, "PILOT_CPU", 0.0)  # one 64-draw pilot piece: the rest is remote
    killed: list[int] = []
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as lc,
        distributed.Client(lc) as client,
    ):
        pids = list(client.run(os.getpid).values())

        def tick(done: int, total: int) -> None:
            if done > sweeps.PILOT and not killed:  # chunks are out on the cluster
                os.kill(pids[0], signal.SIGKILL)
                killed.append(pids[0])

        remote = sweep(
            "korea-2019-12",
            "bdm",
            draws=400,
            seed=3,
            chunk_size=40,
            scheduler=lc.scheduler_address,
            progress=tick,
        )
    assert killed
    assert np.array_equal(remote.forecast, serial.forecast)
    assert np.array_equal(remote.seeds, serial.seeds)


@pytest.mark.slow
def test_local_cluster_equals_one_process() -> None:
    a = sweep("ec-emissions-1994", "bdm", draws=300, seed=8, drop_actors=True)
    b = sweep(
        "ec-emissions-1994",
        "bdm",
        draws=300,
        seed=8,
        drop_actors=True,
        scheduler="local:2",
        chunk_size=100,
    )
    assert np.array_equal(a.forecast, b.forecast) and a.summary() == b.summary()


def test_local_workers_keep_an_adaptive_malloc() -> None:
    # Dask's MALLOC_TRIM_THRESHOLD_ would fix glibc's mmap threshold: NumPy temporaries then
    # fault their pages in again on every use (twice the CPU per BDM draw in a worker).
    from detente.experiments.execute import local_cluster

    with local_cluster(1) as cluster, distributed.Client(cluster) as client:
        env = client.run(lambda: os.environ.get("MALLOC_TRIM_THRESHOLD_"))
        threads = client.run(lambda: os.environ.get("OMP_NUM_THREADS"))
    assert list(env.values()) == [None] and list(threads.values()) == ["1"]
