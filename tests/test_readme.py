"""The README's examples run as printed: every `$ ` command, its exit status and its output.

An example is a fenced block of `$ command` lines, each followed by the output
it shows; a here-document's lines (`<<'EOF'` ... `EOF`) belong to its command.
All examples run in order in one empty directory, with this project's
`minixemu` first on PATH, stdout and stderr together as a terminal shows them.
Each command must exit 0 unless its line ends in a comment `# exit status N`
(or shows its status itself with `; echo "exit=$?"`). Addresses (hex numbers of 5+ digits) are masked on both
sides, and a last output line `...` means the output goes on.
"""
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import emu

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
ADDRESS = re.compile(r"0x[0-9a-fA-F]{5,}")
HEREDOC = re.compile(r"<<-?\s*(['\"]?)(\w+)\1")
EXIT_STATUS = re.compile(r"#\s*exit status (\d+)\s*$")


@dataclass
class Command:
    line: int           # where it is in the README, for the failure message
    text: str           # the command, with its here-document
    expected: list[str] = field(default_factory=list)

    @property
    def status(self) -> int:
        said = EXIT_STATUS.search(self.text.splitlines()[0])
        return int(said.group(1)) if said else 0


def fenced_blocks(text: str) -> list[tuple[int, list[str]]]:
    """(line number of the first line, lines) of each ``` block."""
    blocks, current, start = [], None, 0
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("```"):
            if current is None:
                current, start = [], number + 1
            else:
                blocks.append((start, current))
                current = None
        elif current is not None:
            current.append(line)
    assert current is None, "README.md: a ``` block is not closed"
    return blocks


def parse_examples(text: str) -> list[Command]:
    commands = []
    for start, lines in fenced_blocks(text):
        if not any(line.startswith("$ ") for line in lines):
            continue                        # a listing, not an example
        assert lines[0].startswith("$ "), f"README.md:{start}: an example starts with `$ `"
        i = 0
        while i < len(lines):
            line = lines[i]
            if line.startswith("$ "):
                command = Command(start + i, line[2:])
                heredoc = HEREDOC.search(line)
                if heredoc:
                    end = lines.index(heredoc.group(2), i + 1)
                    command.text = "\n".join([line[2:], *lines[i + 1:end + 1]])
                    i = end
                commands.append(command)
            else:
                commands[-1].expected.append(line)
            i += 1
    return commands


def dollar_lines_outside_examples(text: str) -> list[int]:
    """`$ ` lines the parser would not run: examples must be fenced blocks."""
    inside = set()
    for start, lines in fenced_blocks(text):
        inside.update(range(start, start + len(lines)))
    return [n for n, line in enumerate(text.splitlines(), 1)
            if line.lstrip().startswith("$ ") and n not in inside]


# Where a file sits on the default image (byte positions, inode and device
# numbers in the trace) moves whenever a guest program is added to the image.
DISK_LAYOUT = re.compile(r"\b(pos|inode|dev)=(0x[0-9a-f]+|\d+)")


def masked(lines: list[str]) -> list[str]:
    return [DISK_LAYOUT.sub(r"\1=…", ADDRESS.sub("0x…", line)) for line in lines]


EXAMPLES = parse_examples(README.read_text())


def test_the_readme_has_examples_and_all_of_them_run():
    assert len(EXAMPLES) >= 5
    assert dollar_lines_outside_examples(README.read_text()) == []


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> dict[int, subprocess.CompletedProcess]:
    """Run every example once, in order, in one directory (later ones use earlier files)."""
    work = tmp_path_factory.mktemp("readme")
    bin_dir = tmp_path_factory.mktemp("bin")
    wrapper = bin_dir / "minixemu"
    wrapper.write_text(f"#!/bin/sh\nexec {shlex.quote(sys.executable)} -m emu \"$@\"\n")
    wrapper.chmod(0o755)
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
               PYTHONPATH=str(Path(emu.__file__).resolve().parents[1]))
    env.pop("MINIXEMU_DEBUG", None)
    out = {}
    for command in EXAMPLES:
        out[command.line] = subprocess.run(["bash", "-c", command.text], cwd=work, env=env,
                                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                           stderr=subprocess.STDOUT, timeout=300)
    return out


@pytest.mark.parametrize("command", EXAMPLES, ids=lambda c: f"line{c.line}")
def test_example(command: Command, results):
    result = results[command.line]
    got = result.stdout.decode("utf-8", "replace").replace("\r\n", "\n").splitlines()
    where = f"README.md:{command.line}: $ {command.text}\n" + "\n".join(got)
    assert result.returncode == command.status, where
    expected = command.expected
    if expected and expected[-1] == "...":
        expected = expected[:-1]
        got = got[:len(expected)]
    assert masked(got) == masked(expected), where


def test_ci_runs_the_readme_test_command():
    """.ci/run runs the README's test command as printed, so the README's is the tested one."""
    text = README.read_text()
    section = text[text.index("Run the whole test suite"):]
    command = next(line.strip() for line in section.splitlines() if line.startswith("    "))
    assert "pytest" in command
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert command in [line.strip() for line in ci]
