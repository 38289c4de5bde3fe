"""The command line: `minixemu run | boot | mkimage | cc`.

Every error a user can cause (a bad option, a missing or non-executable
file, a broken disk image) is one line on stderr and exit status 2; the
program's own exit status becomes the emulator's, and a program killed by a
signal gives 128 + the signal number, as a shell reports it. The host's own
I/O failing is not a bug either: a closed pipe ends quietly (`| head`), a
full disk or a closed stdout is one line and exit status 1.

Options follow QEMU where QEMU has one: -hda, -hdb, -m 64M, -snapshot, -rtc,
-nographic and -serial stdio (accepted: the console is always on stdio).
"""
import argparse
import calendar
import contextlib
import os
import re
import stat
import sys
import time
from pathlib import Path

from emu import __version__
from emu.abi.errno import errno_text
from emu.servers.server import ErrnoError
from emu.hostio import HostIOError, HostOutputClosed
from emu.machine.hostterm import HostTerminated
from emu.toolchain.zig import ToolchainError

EXIT_USAGE = 2
EXIT_HOST_IO = 1
EXIT_SIGPIPE = 141     # 128 + SIGPIPE, what a shell shows for a tool whose reader left
EXIT_INTERNAL = 70     # EX_SOFTWARE


class UsageError(Exception):
    """A mistake on the command line or in a file the user named."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise UsageError(message)


def _memory_size(text: str) -> int:
    """QEMU's -m: a number of MiB, or a size with a K, M, G or T suffix."""
    m = re.fullmatch(r"\s*(\d+)\s*([kKmMgGtT]?)[iI]?[bB]?\s*", text)
    if m is None:
        raise argparse.ArgumentTypeError(f"invalid memory size '{text}' (e.g. 64, 64M, 1G)")
    number, unit = int(m.group(1)), m.group(2).upper() or "M"
    nbytes = number << {"K": 10, "M": 20, "G": 30, "T": 40}[unit]
    if nbytes % (1 << 20):
        raise argparse.ArgumentTypeError(f"memory size '{text}' is not a whole number of MiB")
    return nbytes >> 20


def _rtc_base(text: str) -> str:
    """QEMU's -rtc: base=utc|localtime|YYYY-MM-DD[THH:MM:SS] (other keys are refused)."""
    options = dict(part.partition("=")[::2] for part in text.split(",") if part)
    unknown = set(options) - {"base"}
    if unknown or "base" not in options:
        raise argparse.ArgumentTypeError(
            f"invalid -rtc '{text}': use base=utc, base=localtime or base=YYYY-MM-DDTHH:MM:SS")
    base = options["base"]
    if base not in ("utc", "localtime"):
        _parse_date(base)
    return base


def _parse_date(text: str) -> int:
    for fmt in ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"):
        try:
            return calendar.timegm(time.strptime(text, fmt))
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(
        f"invalid -rtc date '{text}': use YYYY-MM-DDTHH:MM:SS or YYYY-MM-DD")


def rtc_epoch(base: str | None) -> int:
    """The CMOS clock's start: a fixed date unless asked, so runs are reproducible."""
    from emu.machine.board import DEFAULT_RTC_EPOCH
    if base is None:
        return DEFAULT_RTC_EPOCH
    now = int(time.time())
    if base == "utc":
        return now
    if base == "localtime":   # the RTC holds local time, as a PC set up for DOS does
        return now + time.localtime(now).tm_gmtoff
    return _parse_date(base)


def _serial(text: str) -> str:
    if text != "stdio":
        raise argparse.ArgumentTypeError(f"-serial {text}: only 'stdio' is supported "
                                         "(the console is always on stdio)")
    return text


def _add_system_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("-hda", "--disk", dest="disk", metavar="IMAGE", type=Path,
                   help="attach a disk image as the IDE primary master")
    p.add_argument("-hdb", "--disk2", dest="disk2", metavar="IMAGE", type=Path,
                   help="attach a second disk image as the IDE primary slave (/dev/c0d1, "
                        "c0d1p0..p3: mount one of its partitions)")
    p.add_argument("-m", "--memory", metavar="SIZE", type=_memory_size, default=64,
                   help="guest RAM: MiB, or with a K/M/G suffix (default 64M)")
    p.add_argument("-snapshot", "--snapshot", action="store_true",
                   help="write to a throwaway overlay, never to the disk image")
    p.add_argument("-rtc", metavar="base=utc|localtime|DATE", type=_rtc_base, dest="rtc",
                   help="start the real-time clock at the host's time (utc, localtime) or "
                        "at DATE (YYYY-MM-DDTHH:MM:SS); default a fixed date, 2010-07-15")
    p.add_argument("-nographic", action="store_true", help="accepted: there is no display")
    p.add_argument("-serial", metavar="stdio", type=_serial,
                   help="accepted: the serial console is always on stdio")
    p.add_argument("-E", dest="env", metavar="NAME=VALUE", action="append", default=[],
                   help="add to the guest's environment")
    p.add_argument("-d", dest="trace", metavar="CATEGORIES",
                   help="trace categories to stderr: comma list, 'all', or 'help'")
    p.add_argument("-D", dest="trace_file", metavar="FILE", type=Path,
                   help="write the trace as JSON lines to FILE (categories from -d, default all)")
    p.add_argument("-v", "--verbose", action="store_true", help="show the firmware's boot messages")
    p.add_argument("-gdb", dest="gdb", metavar="tcp::PORT|unix:PATH",
                   help="wait for gdb's remote protocol on this socket")
    p.add_argument("-s", dest="gdb_default", action="store_true", help="shorthand for -gdb tcp::1234")
    p.add_argument("-S", dest="gdb_stop", action="store_true",
                   help="stop before the first instruction of the first process: until gdb "
                        "connects and continues (with -s or -gdb), or a viewer resumes "
                        "(with --monitor only)")
    p.add_argument("--monitor", dest="monitor", metavar="unix:PATH",
                   help="open a control socket for `minixemu attach PATH` (the live view)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="minixemu", description="An i386 emulator for a small MINIX-like OS.")
    parser.add_argument("--version", action="version", version=f"minixemu {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    run = sub.add_parser("run", help="run a guest program as the first process",
                         description="Power on, run the firmware, and run PROGRAM (an i386 ELF "
                                     "built with `minixemu cc`) as the first process.")
    _add_system_options(run)
    run.add_argument("program", metavar="PROGRAM", nargs="?")
    run.add_argument("args", metavar="ARGS", nargs=argparse.REMAINDER)
    boot = sub.add_parser("boot", help="boot the system from a disk image",
                          description="Power on and boot: mount the root file system of IMAGE "
                                      "(default: the default image, built on first use, its "
                                      "writes thrown away) and run /sbin/init, which runs "
                                      "/etc/rc, then CMD or a shell on the console. The "
                                      "emulator exits with init's status.",
                          usage="minixemu boot [options] [IMAGE] [-c CMD | -- CMD ARGS...]")
    _add_system_options(boot)
    boot.add_argument("-c", dest="shell_command", metavar="CMD",
                      help="run CMD with sh -c as root in / after /etc/rc, then power off "
                           "with its exit status")
    boot.add_argument("image", metavar="IMAGE", type=Path, nargs="?", help="disk image")
    boot.set_defaults(command_args=[])
    _add_mkimage_parser(sub)
    sub.add_parser("cc", help="compile and link a C program for the guest",
                   description="Like cc: minixemu cc [options] file.c ... -o prog",
                   add_help=False)
    _add_trace_parser(sub)
    attach = sub.add_parser("attach", help="the live view of a system started with --monitor",
                            description="Show the process table, the servers and the message "
                                        "stream of a running system; pause, step one message, "
                                        "resume, look at a process's registers.")
    attach.add_argument("socket", metavar="PATH", help="the --monitor unix:PATH socket")
    return parser


def _add_mkimage_parser(sub) -> None:
    p = sub.add_parser("mkimage", help="write a disk image holding the guest build",
                       description="Write a partitioned disk (MBR, one MINIX v3 partition) "
                                   "with the default image's contents (images/default.json "
                                   "and the guest programs) plus host directories.")
    p.add_argument("out", metavar="OUT", type=Path)
    p.add_argument("--size", metavar="MiB", type=int, default=None,
                   help="disk size (default from images/default.json)")
    p.add_argument("--add", metavar="HOSTDIR[:GUESTDIR]", action="append", default=[],
                   help="copy a host directory in (default guest directory /)")


def cmd_mkimage(args) -> int:
    from emu.abi.minixfs import FormatError
    from emu.image.default import write_image
    from emu.image.progress import build_callback
    from emu.toolchain.guestbuild import GuestBuild
    adds = []
    for spec in args.add:
        host, _, guest = spec.partition(":")
        if not Path(host).is_dir():
            raise UsageError(f"--add {spec}: {host} is not a directory")
        adds.append((Path(host), guest or "/"))
    if args.size is not None and args.size < 2:
        raise UsageError(f"--size {args.size}: too small")
    try:
        build = GuestBuild()
        write_image(args.out, build, args.size, adds,
                    build_callback(build.progress, f"the disk image {args.out.name}"))
    except (FormatError, OSError) as e:
        raise UsageError(f"mkimage: {e}") from None
    return 0


def _add_trace_parser(sub) -> None:
    """`minixemu trace summary|grep|perfetto|html TRACE`, on a -D file (docs/trace.md)."""
    trace = sub.add_parser("trace", help="summarise, filter and export a -D trace",
                           description="Read a trace written by -D FILE (docs/trace.md).")
    tools = trace.add_subparsers(dest="tool", metavar="TOOL", required=True)
    summary = tools.add_parser("summary", help="calls per process and server, time, errors")
    summary.add_argument("trace_path", metavar="TRACE", type=Path)
    grep = tools.add_parser("grep", help="the events that match FILTERs, as -d prints them",
                            description="Filters: call=NAME[,NAME] pid=N proc=NAME ep=N "
                                        "errno=NAME cat=CAT ev=EV from=SECONDS to=SECONDS; "
                                        "several AND together (`-d help` explains them).")
    grep.add_argument("trace_path", metavar="TRACE", type=Path)
    grep.add_argument("filters", metavar="FILTER", nargs="*")
    for name, text in (("perfetto", "Chrome/Perfetto trace-event JSON (ui.perfetto.dev)"),
                       ("html", "a self-contained message-sequence chart")):
        tool = tools.add_parser(name, help=text)
        tool.add_argument("trace_path", metavar="TRACE", type=Path)
        tool.add_argument("-o", dest="output", metavar="OUT", type=Path, required=True)


def cmd_trace(args) -> int:
    from emu.debug import tracecmd
    from emu.debug.tracefile import TraceFileError
    try:
        return tracecmd.run(args.tool, args.trace_path, getattr(args, "filters", []),
                            getattr(args, "output", None), sys.stdout)
    except (TraceFileError, ValueError) as e:
        raise UsageError(str(e)) from None


def _environment(pairs: list[str]) -> dict:
    from emu.boot import DEFAULT_ENV
    env = dict(DEFAULT_ENV)
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise UsageError(f"-E needs NAME=VALUE, got '{_printable(pair)}'")
        env[name] = value
    return env


def _printable(text: str) -> str:
    """A user's argument in a message, even with bytes that are not UTF-8."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _trace_categories(spec: str | None) -> set:
    from emu.debug.trace import parse_categories
    if spec is None:
        return set()
    if spec == "help":
        from emu.debug.tracehelp import help_text
        print(help_text())
        raise SystemExit(0)
    try:
        return parse_categories(spec)
    except ValueError as e:
        raise UsageError(str(e)) from None


def _trace_spec(spec: str | None):
    """-d CATEGORIES[:FILTER,...] -> (categories, TraceFilter or None)."""
    if spec is None or ":" not in spec:
        return _trace_categories(spec), None
    from emu.debug.tracefilter import parse_filter
    cats, _, filters = spec.partition(":")
    if not cats.strip():
        raise UsageError(f"-d {spec}: name the categories before ':' (e.g. -d ipc:pid=1)")
    try:
        return _trace_categories(cats), parse_filter([filters])
    except ValueError as e:
        raise UsageError(f"-d: {e}") from None


def _subscribe_text_trace(system, categories: set, trace_filter, console) -> None:
    """-d: text to stderr. Without a filter the trace bus calls the text
    trace directly (the fast path: bench/ is unaffected); a filter also
    watches the ipc and proc events it needs to follow calls."""
    from emu.debug.textlog import TextTrace
    text = TextTrace(sys.stderr, console.flush)
    if trace_filter is None:
        system.trace.subscribe(text, categories)
        return

    def filtered(event: dict) -> None:
        if trace_filter(event) and event["cat"] in categories:
            text(event)
    watched = categories | ({"ipc", "proc"} if trace_filter.needs_calls else set())
    system.trace.subscribe(filtered, watched)


def _read_program(path: Path) -> bytes:
    from emu.kernel.elfload import ExecError, parse_elf
    name = _printable(str(path))
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise UsageError(f"{name}: is a directory")
        if not stat.S_ISREG(st.st_mode):   # a FIFO would block, /dev/zero never ends
            raise UsageError(f"{name}: not a regular file")
        data = path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{name}: no such file") from None
    except OSError as e:
        raise UsageError(f"{name}: {(e.strerror or str(e)).lower()}") from None
    try:
        parse_elf(data, str(path))
    except ExecError as e:
        raise UsageError(_printable(str(e))) from None
    return data


def _check_options(args) -> tuple[set, dict]:
    """Validate every option before touching any file the user named."""
    if args.memory < 4 or args.memory > 1024:
        raise UsageError("-m: guest RAM must be between 4 MiB and 1 GiB")
    if getattr(args, "image", None) is not None and args.disk is not None:
        raise UsageError("give the disk image either as IMAGE or with -hda/--disk, not both")
    root = getattr(args, "image", None) or args.disk
    if args.disk2 is not None and root is not None and _same_file(root, args.disk2):
        raise UsageError(f"{args.disk2}: already attached as the first disk (-hda)")
    categories, args.trace_filter = _trace_spec(args.trace)
    return categories, _environment(args.env)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _host_fd(fd: int) -> bool:
    """Is the host's fd open? If not, park /dev/null on it, so that no file we
    open later (a disk image!) takes its number, and say it was closed."""
    try:
        os.fstat(fd)
        return True
    except OSError:
        null = os.open(os.devnull, os.O_RDWR)
        if null != fd:
            os.dup2(null, fd)
            os.close(null)
        return False


def _root_disk(args) -> tuple[Path, bool]:
    """The disk to boot from and whether its writes are thrown away: the image
    the user named (kept, unless -snapshot), or the default image built from
    this guest build (always a snapshot: the cached file is never written)."""
    named = getattr(args, "image", None) or args.disk
    if named is not None:
        return named, args.snapshot
    from emu.image.default import default_image
    from emu.image.progress import build_callback
    from emu.toolchain.guestbuild import GuestBuild
    build = GuestBuild()
    return default_image(build, progress=build_callback(build.progress, "the default disk image")), True


def _run_system(args, program: bytes | None, argv: list[str], categories: set,
                env: dict) -> int:
    """Power on with the root file system mounted and run `program` as pid 1
    (`run`), or /sbin/init from the disk with `argv` as its command (`boot`)."""
    from emu.boot import System, SystemConfig
    from emu.debug.jsonlog import JsonTrace
    from emu.machine.console import HostConsole, HostOutput
    from emu.machine.disk import DiskError
    from emu.machine.hostterm import raw_terminal
    from emu.machine.firmware import FirmwareError
    from emu.servers.vfs.mount import MountError

    disk, snapshot = _root_disk(args)
    run = program is not None
    config = SystemConfig(ram_mb=args.memory, disk=disk, env=env,
                          quiet_firmware=run and not args.verbose,
                          rtc_epoch=rtc_epoch(args.rtc), snapshot=snapshot,
                          disk2=args.disk2, snapshot2=args.snapshot, stderr_line=run)
    stdin_open, stdout_open, stderr_open = _host_fd(0), _host_fd(1), _host_fd(2)
    console = HostConsole(output_fd=1, input_fd=0 if stdin_open else None,
                          output_closed=not stdout_open)
    stderr = HostOutput(2, "stderr", closed=not stderr_open)
    try:
        system = System(config, console, stderr=stderr)
    except DiskError as e:
        raise UsageError(str(e)) from None
    json_trace = None
    if args.trace_file is not None:
        try:
            from emu.debug.trace import CATEGORIES
            json_categories = categories or set(CATEGORIES)
            json_trace = JsonTrace(args.trace_file, json_categories)
        except OSError as e:
            raise UsageError(f"{args.trace_file}: {e.strerror}") from None
        system.trace.subscribe(json_trace, json_categories)
    elif categories:
        _subscribe_text_trace(system, categories, args.trace_filter, console)
    system.trace.subscribe(lambda e: _report_death(e, console), {"proc"})
    _attach_debuggers(args, system)
    # A terminal on stdin goes raw while the guest runs (its TTY echoes and
    # edits; ^C is the guest's) and is always restored (emu/machine/hostterm.py).
    with raw_terminal(0) if console.interactive else contextlib.nullcontext():
        try:
            try:
                system.power_on(require_root=True)
                if run:
                    system.start(program, argv)
                else:
                    system.start_from_disk(argv or None)
            except (FirmwareError, MountError) as e:
                console.flush()
                print(f"minixemu: {e}", file=sys.stderr)
                return 1
            except ErrnoError as e:
                raise UsageError(f"{_printable(argv[0])}: cannot start it: "
                                 f"{errno_text(e.errno)}") from None
            status = system.run()
            if system.kernel.halt_reason.startswith("deadlock"):
                print(f"minixemu: {system.kernel.halt_reason}", file=sys.stderr)
            return status
        finally:
            try:
                system.close()
            finally:
                if json_trace is not None:
                    json_trace.close()


def cmd_attach(args) -> int:
    from emu.debug.monitor.viewer import attach
    return attach(args.socket)


def _attach_debuggers(args, system) -> None:
    """-s / -gdb / -S / --monitor: the gdb stub and the monitor on the kernel."""
    if args.monitor is not None:
        from emu.debug.monitor.server import Monitor, MonitorAddressError
        try:
            Monitor(system.kernel, system.trace, args.monitor,
                    start_paused=args.gdb_stop and not (args.gdb or args.gdb_default))
        except MonitorAddressError as e:
            raise UsageError(str(e)) from None
        except OSError as e:
            raise UsageError(f"--monitor {args.monitor}: {e.strerror}") from None
        if args.gdb_stop and not (args.gdb or args.gdb_default):
            print(f"minixemu: paused until a viewer resumes (minixemu attach "
                  f"{args.monitor[5:]})", file=sys.stderr)
            return
    address = args.gdb or ("tcp::1234" if args.gdb_default or args.gdb_stop else None)
    if address is None:
        return
    from emu.debug.gdbstub import GdbAddressError, GdbStub
    try:
        GdbStub(system.kernel, address, stop_at_start=args.gdb_stop)
    except GdbAddressError as e:
        raise UsageError(str(e)) from None
    except OSError as e:
        raise UsageError(f"-gdb {address}: {e.strerror}") from None
    if args.gdb_stop:
        print(f"minixemu: waiting for gdb on {address}", file=sys.stderr)


def _report_death(event: dict, console) -> None:
    """One line when the first process dies of a signal (what a shell would
    print), or when any process dies of a CPU fault (what a kernel logs)."""
    if event["ev"] == "exit" and event.get("signal") and (event.get("fault") or event["pid"] == 1):
        console.flush()
        line = f"minixemu: {event['proc']} killed by {event['signal']}"
        if event.get("fault"):
            line += f" ({event['fault']})"
        print(line, file=sys.stderr)


def cmd_run(args) -> int:
    categories, env = _check_options(args)
    if args.program is None:
        raise UsageError("run: the following arguments are required: PROGRAM")
    path = Path(args.program)
    program = _read_program(path)
    return _run_system(args, program, [path.name, *args.args], categories, env)


def cmd_boot(args) -> int:
    categories, env = _check_options(args)
    command = list(args.command_args)
    if args.shell_command is not None:
        if command:
            raise UsageError("boot: give either -c CMD or -- CMD ARGS, not both")
        command = ["-c", args.shell_command]       # init: sh -c CMD after /etc/rc
    return _run_system(args, None, command, categories, env)


def cmd_cc(argv: list[str]) -> int:
    from emu.toolchain.cc import compile_and_link
    return compile_and_link(argv)


def _split_command(argv: list[str]) -> tuple[list[str], list[str] | None]:
    """`boot [IMAGE] -- CMD ARGS`: what follows the first `--` is the guest's
    command, never our options (in `run`, ARGS after PROGRAM already are)."""
    if "--" in argv and argv and argv[0] == "boot":
        i = argv.index("--")
        return argv[:i], argv[i + 1:]
    return argv, None


_COMMANDS = ("run", "boot")
_TAKES_VALUE = {"-hda", "--disk", "-hdb", "--disk2", "-m", "--memory", "-rtc", "-serial", "-E",
                "-d", "-D", "-gdb", "--monitor"}


def hoist_system_options(argv: list[str]) -> list[str]:
    """QEMU puts its options first (`minixemu -hda disk.img -m 64M run prog`):
    move system options given before the command to after it; with options
    but no command, boot."""
    if not argv or not argv[0].startswith("-") or argv[0] in ("-h", "--help", "--version"):
        return argv
    i = 0
    while i < len(argv) and argv[i] not in _COMMANDS:
        if not argv[i].startswith("-"):
            return argv          # a stray word: let the parser say what is wrong
        i += 2 if argv[i] in _TAKES_VALUE else 1
    if i >= len(argv):
        return ["boot", *argv]
    return [argv[i], *argv[:i], *argv[i + 1:]]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv and argv[0] == "cc":
            return cmd_cc(argv[1:])
        argv = hoist_system_options(argv)
        argv, command_args = _split_command(argv)
        parser = build_parser()
        args = parser.parse_args(argv)
        if command_args is not None:
            if args.command != "boot":
                raise UsageError(f"{args.command}: unexpected '--'")
            args.command_args = command_args
        if args.command is None:
            parser.print_help()
            return EXIT_USAGE
        return {"run": cmd_run, "boot": cmd_boot, "mkimage": cmd_mkimage,
                "trace": cmd_trace, "attach": cmd_attach}[args.command](args)
    except UsageError as e:
        print(f"minixemu: {e}", file=sys.stderr)
        return EXIT_USAGE
    except (HostOutputClosed, BrokenPipeError):
        _silence_stdio()
        return EXIT_SIGPIPE
    except HostIOError as e:
        try:
            print(f"minixemu: {e}", file=sys.stderr)
        except OSError:
            pass
        _silence_stdio()
        return EXIT_HOST_IO
    except KeyboardInterrupt:
        print("minixemu: interrupted", file=sys.stderr)
        return 130
    except HostTerminated as e:     # SIGTERM/SIGHUP while the terminal was raw
        print(f"minixemu: {e}", file=sys.stderr)
        return 128 + e.signo
    except ToolchainError as e:
        print(f"minixemu: {e}", file=sys.stderr)
        return 1
    except Exception as e:  # noqa: BLE001 - a bug in minixemu, not the user's mistake
        if os.environ.get("MINIXEMU_DEBUG"):
            raise
        print(f"minixemu: internal error: {type(e).__name__}: {e} "
              "(a bug in minixemu; MINIXEMU_DEBUG=1 shows where)", file=sys.stderr)
        return EXIT_INTERNAL


def _silence_stdio() -> None:
    """After a host output failed, let Python's exit-time flush of stdout and
    stderr find /dev/null instead of printing "Exception ignored"."""
    null = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                os.dup2(null, stream.fileno())
        except (OSError, ValueError):
            pass
    os.close(null)


if __name__ == "__main__":
    sys.exit(main())
