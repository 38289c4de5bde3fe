"""Two CPU-bound processes both make progress, in the same order on every run."""
from tests.conftest import minixemu


def test_cpu_bound_processes_interleave(guest):
    r = minixemu("run", guest("spin"), "8", "1000000")
    assert r.status == 0
    order = r.lines
    assert sorted(order) == sorted([f"A{i}" for i in range(8)] + [f"B{i}" for i in range(8)])
    # Preemption: B prints before A is done, and A prints again after B started.
    first_b = order.index("B0")
    assert 0 < first_b < order.index("A7")


def test_interleaving_is_deterministic(guest):
    runs = [minixemu("run", "-d", "sched", guest("spin"), "8", "1000000") for _ in range(2)]
    assert runs[0].out == runs[1].out
    assert runs[0].err == runs[1].err
    assert runs[0].err.count("switch") >= 4
