"""`-d help`: each trace category with one example line, and the filters.

The example lines are formatted from representative events by the text
trace itself (textlog.format_event), so they show what `-d` prints today;
tests/debug/test_tracehelp.py checks that each example has the fields a real
run emits for that event.
"""
from emu.debug.trace import CATEGORIES
from emu.debug.textlog import format_event
from emu.debug.tracefilter import KEYS

# One event per category, as a run of `hello` or `faults` emits it.
EXAMPLES = {
    "trap": {"t": 6840, "cat": "trap", "ev": "ipc", "proc": "hello[1]", "eax": 1,
             "ebx": 0xbffff7d8, "ecx": 3},
    "ipc": {"t": 6840, "cat": "ipc", "ev": "sendrec", "src": "hello[1]", "src_ep": 35556,
            "dst": "vfs", "dst_ep": 1,
            "m": "e48a0000040000000100000019000000f52c0508d07a0808000000000000000010ffffbf"},
    "kcall": {"t": 13250, "cat": "kcall", "ev": "clear", "proc": "hello[1]"},
    "sched": {"t": 47600, "cat": "sched", "ev": "switch", "frm": "pingpong[1]",
              "to": "pingpong[2]", "ep": 35557},
    "proc": {"t": 13200, "cat": "proc", "ev": "fork", "parent": "pingpong[1]",
             "child": "pingpong[2]", "ep": 35557},
    "signal": {"t": 10570, "cat": "signal", "ev": "deliver", "proc": "kill[2]",
               "signal": "SIGTERM", "action": "terminate"},
    "fault": {"t": 3410, "cat": "fault", "ev": "SIGSEGV", "proc": "faults[1]", "ep": 35556,
              "reason": "read of unmapped address", "eip": 0x08050c75, "address": 0},
    "dev": {"t": 30, "cat": "dev", "ev": "out", "device": "uart", "port": 0x3f8, "size": 1,
            "value": 0x68},
    "irq": {"t": 16666670, "cat": "irq", "ev": "hard_int", "irq": 4, "edges": 1, "to": "tty"},
    "boot": {"t": 240, "cat": "boot", "ev": "kernel", "mem_kb": 65536, "disk": "NO_DISK",
             "rtc": 1279152000},
    "deny": {"t": 5000, "cat": "deny", "ev": "ipc", "src": "evil[1]", "src_ep": 35556,
             "dst": "disk", "dst_ep": 10, "call": "SENDREC",
             "reason": "user processes may send only to pm, vfs and user processes"},
}


def help_text() -> str:
    lines = ["trace categories (-d a,b,c or -d all; -D FILE writes them as JSON lines):"]
    for name, text in CATEGORIES.items():
        lines.append(f"  {name:<7} {text}")
        if name in EXAMPLES:
            lines.append(f"            {format_event(EXAMPLES[name])}")
    lines.append("")
    lines.append("filters (-d CATEGORIES:FILTER,FILTER..., and `minixemu trace grep TRACE FILTER...`):")
    for key, text in KEYS.items():
        lines.append(f"  {key + '=':<7} {text}")
    lines.append("  e.g. -d ipc:pid=1,call=write   -d all:errno=EBADF   -d ipc:from=0.5,to=0.6")
    return "\n".join(lines)
