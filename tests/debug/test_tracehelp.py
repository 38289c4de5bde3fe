"""`-d help`: every category with an example line formatted as -d prints it."""
from emu.debug.textlog import format_event
from emu.debug.trace import CATEGORIES
from emu.debug.tracefile import read_trace
from emu.debug.tracehelp import EXAMPLES
from tests.conftest import minixemu


def test_help_explains_each_category_with_an_example_line():
    r = minixemu("run", "-d", "help")
    assert r.status == 0
    lines = r.out.splitlines()
    for cat, text in CATEGORIES.items():
        at = next(i for i, l in enumerate(lines) if l.split()[:1] == [cat])
        assert text in lines[at]
        assert lines[at + 1].strip() == format_event(EXAMPLES[cat])
    assert "filters" in r.out and "call=" in r.out and "errno=" in r.out


def test_examples_have_the_fields_real_runs_emit(traces):
    real = {}
    for path in traces.values():
        for e in read_trace(path)[1]:
            real.setdefault((e["cat"], e["ev"]), set(e))
    checked = 0
    for cat, example in EXAMPLES.items():
        if cat not in CATEGORIES:
            continue
        key = (example["cat"], example["ev"])
        if key in real:
            assert set(example) == real[key], (key, set(example) ^ real[key])
            checked += 1
    assert checked >= 9      # all but the ones these four programs never cause
