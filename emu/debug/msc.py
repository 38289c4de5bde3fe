"""`minixemu trace html`: a message-sequence chart in one self-contained page.

A lane per process and per server, an arrow per message (request, reply,
one-way send, notify), nested requests indented under the call they serve.
The page (msc.html beside this file: inline CSS and JS, nothing from the
network) gets the messages as JSON and draws them as SVG; it filters by
process and call, zooms to a time window, and shows a message's decoded
fields when its arrow is clicked.
"""
import json
import re
from importlib import resources

from emu.debug.calls import Analysis, is_process, lane_key, split_label

_FIELD = re.compile(r"(\w+)=([^,()\s]+)")


def chart_data(title: str, events: list, a: Analysis) -> dict:
    lanes: dict[str, dict] = {}

    def lane(label: str) -> int:
        key = lane_key(label)
        if key not in lanes:
            name, pid = split_label(label)
            lanes[key] = {"key": key, "name": label, "process": pid is not None,
                          "order": (0, pid) if pid is not None else (1, len(lanes))}
        elif is_process(label) and label not in lanes[key]["name"].split(" -> "):
            lanes[key]["name"] += f" -> {split_label(label)[0]}"
        return key

    messages = []
    for m in a.messages:
        call = m.call
        top = call.top if call is not None else m.owner
        delivered = m.delivered if m.delivered is not None else m.sent
        entry = {
            "id": m.id, "kind": m.kind, "src": lane(m.src), "dst": lane(m.dst),
            "from": m.src, "to": m.dst, "i": m.sent, "j": delivered,
            "t": events[m.sent]["t"], "td": events[delivered]["t"],
            "text": m.text, "fields": _FIELD.findall(m.text),
            "call": call.name if call is not None else m.text.split("(")[0].split(" ")[0],
            "depth": call.depth if call is not None else (m.owner.depth + 1 if m.owner else 0),
            "top": lane(top.caller) if top is not None else None,
            "topcall": top.name if top is not None else None,
            "raw": m.raw, "lost": m.delivered is None,
        }
        if call is not None and m.kind == "reply":
            entry["status"] = call.status
            entry["errno"] = call.errno
        messages.append(entry)
    ordered = sorted(lanes.values(), key=lambda x: x["order"])
    for x in ordered:
        del x["order"]
    end = events[-1]["t"] if events else 0
    return {"title": title, "lanes": ordered, "messages": messages, "end": end}


def page(title: str, events: list, a: Analysis) -> str:
    template = resources.files("emu.debug").joinpath("msc.html").read_text(encoding="utf-8")
    data = json.dumps(chart_data(title, events, a), separators=(",", ":"))
    data = data.replace("</", "<\\/")            # never close the script element early
    return (template.replace("/*TITLE*/", _html_text(title))
            .replace("/*DATA*/null", data))


def _html_text(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
