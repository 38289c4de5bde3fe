"""strace -e style filters on trace events: `call=write pid=3 errno=EPIPE`.

One language for `minixemu trace grep TRACE FILTER...` and for
`-d ipc:pid=3,call=write`. Terms with different keys AND together; a key's
values (`call=read,write`) OR. A filter on a process or a call also keeps
the messages servers exchange while serving that process's call (VFS's
REQ_LOOKUP to MFS under an open), which is why the filter follows the calls
(emu.debug.calls). A bad term is a ValueError with a one-line message.
"""
import difflib
from decimal import Decimal, InvalidOperation

from emu.abi import endpoints as ep
from emu.abi.errno import Errno
from emu.debug import calls as model
from emu.debug import decode
from emu.debug.trace import CATEGORIES

KEYS = {
    "call": "a system call or message type, e.g. call=read,write or call=DEV_WRITE",
    "pid": "a process id: its calls, its messages, and what servers do for them",
    "proc": "a process or server name (proc=sh, proc=vfs)",
    "ep": "an endpoint number (ep=1 is VFS)",
    "errno": "replies that fail with that error (errno=EPIPE,EBADF)",
    "cat": "an event category (cat=ipc,proc)",
    "ev": "an event name (ev=suspend,revive)",
    "from": "virtual time in seconds, from (from=0.5)",
    "to": "virtual time in seconds, up to and including (to=0.001)",
}
_CONTEXT_KEYS = frozenset({"call", "pid", "proc", "ep"})
_PROCESS_FIELDS = ("src", "dst", "proc", "frm", "to", "parent", "child")
_EP_FIELDS = ("src_ep", "dst_ep", "ep")


def known_call_names() -> dict[str, str]:
    """Every call and message type decode can name, upper-cased -> its spelling."""
    names = {}
    for server in (ep.PM, ep.VFS, -99):
        for t in range(0, 0x2000):
            name = decode.call_name((server, t))
            if not name.startswith("type "):
                names.setdefault(name.upper(), name)
    names["NOTIFY"] = "notify"
    return names


def parse_terms(words) -> dict[str, set]:
    """['call=read,write', 'pid=3'] or ['pid=3,call=write'] -> {key: {values}}.
    A comma-separated word without '=' adds a value to the key before it."""
    terms: dict[str, set] = {}
    key = None
    for word in words:
        for token in word.split(","):
            token = token.strip()
            if not token:
                continue
            k, sep, value = token.partition("=")
            if sep:
                key = k.strip().lower()
                if key not in KEYS:
                    raise ValueError(f"unknown filter '{k}' (filters: {', '.join(KEYS)})")
                value = value.strip()
            elif key is None:
                raise ValueError(f"filter '{token}' needs KEY=VALUE (e.g. call=write, pid=3)")
            else:
                value = token
            if not value:
                raise ValueError(f"filter '{token}' has no value")
            terms.setdefault(key, set()).add(_value(key, value))
    return terms


def _value(key: str, value: str):
    if key in ("pid", "ep"):
        try:
            n = int(value, 0)
        except ValueError:
            raise ValueError(f"{key}={value}: not a number") from None
        if key == "pid" and n < 0:
            raise ValueError(f"pid={value}: a pid is not negative")
        return n
    if key == "errno":
        name = value.upper()
        if name.lstrip("-").isdigit():
            try:
                return Errno(abs(int(name))).name
            except ValueError:
                raise ValueError(f"errno={value}: no such errno") from None
        if name not in Errno.__members__:
            raise ValueError(f"errno={value}: no such errno (e.g. EPIPE, ENOENT, EBADF)")
        return name
    if key == "cat":
        if value not in CATEGORIES:
            raise ValueError(f"cat={value}: no such category (known: {', '.join(CATEGORIES)})")
        return value
    if key in ("from", "to"):
        try:
            seconds = Decimal(value)
        except InvalidOperation:
            raise ValueError(f"{key}={value}: not a time in seconds (e.g. 0.5)") from None
        if not seconds.is_finite() or seconds < 0:
            raise ValueError(f"{key}={value}: not a time in seconds (e.g. 0.5)")
        return int(seconds * 1_000_000_000)
    if key == "call":
        try:
            return int(value, 0)          # a message type: call=0x7100
        except ValueError:
            pass
        names = known_call_names()
        if value.upper() not in names:
            close = difflib.get_close_matches(value.upper(), names, n=1)
            hint = f" (did you mean {names[close[0]]}?)" if close else ""
            raise ValueError(f"call={value}: no such call or message type{hint}")
        return value.upper()
    return value


class TraceFilter:
    """A predicate over events in trace order. It watches every event it is
    given (to follow calls), so give it all of them, matching or not."""

    def __init__(self, terms: dict[str, set]) -> None:
        self.terms = terms
        self.tracker = model.Analysis(keep=False) if _CONTEXT_KEYS & terms.keys() else None
        self.start = max(terms["from"]) if "from" in terms else None
        self.stop = min(terms["to"]) if "to" in terms else None

    @property
    def needs_calls(self) -> bool:
        """Does it need the ipc and proc events to follow calls?"""
        return self.tracker is not None

    def __call__(self, e: dict) -> bool:
        owner = self.tracker.feed(e) if self.tracker is not None else None
        t = self.terms
        if self.start is not None and e["t"] < self.start:
            return False
        if self.stop is not None and e["t"] > self.stop:
            return False
        if "cat" in t and e["cat"] not in t["cat"]:
            return False
        if "ev" in t and e["ev"] not in t["ev"]:
            return False
        labels = [e[f] for f in _PROCESS_FIELDS if isinstance(e.get(f), str)]
        if owner is not None:
            labels.append(owner.caller)
        if "pid" in t and not any(model.split_label(x)[1] in t["pid"] for x in labels):
            return False
        if "proc" in t and not any(model.split_label(x)[0] in t["proc"] for x in labels):
            return False
        if "ep" in t:
            eps = {e[f] for f in _EP_FIELDS if isinstance(e.get(f), int)}
            if owner is not None:
                eps.add(owner.caller_ep)
            if not eps & t["ep"]:
                return False
        if "call" in t and not self._call_matches(e, owner):
            return False
        if "errno" in t:
            if e["cat"] != "ipc" or e["ev"] not in ("reply", "revive") or "m" not in e:
                return False
            if model.errno_of(model.reply_status(e["m"])) not in t["errno"]:
                return False
        return True

    def _call_matches(self, e: dict, owner) -> bool:
        wanted = self.terms["call"]
        names = []
        name = model.event_call_name(e)
        if name is not None:
            names.append(name)
        if owner is not None:
            names.append(owner.name)
        for n in names:
            if n.upper() in wanted:
                return True
        if e.get("cat") == "ipc" and "m" in e and model.m_type(e["m"]) in wanted:
            return True
        return False


def parse_filter(words) -> TraceFilter:
    return TraceFilter(parse_terms(words))
