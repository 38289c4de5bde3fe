"""The command line: `minixemu run | boot | mkimage | cc`.

Every error a user can cause (a bad option, a missing or non-executable
file, a broken disk image) is one line on stderr and exit status 2; the
program's own exit status becomes the emulator's, and a program killed by a
signal gives 128 + the signal number, as a shell reports it.
"""
import argparse
import os
import sys
from pathlib import Path

from emu import __version__
from emu.toolchain.zig import ToolchainError

EXIT_USAGE = 2
EXIT_INTERNAL = 70     # EX_SOFTWARE


class UsageError(Exception):
    """A mistake on the command line or in a file the user named."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise UsageError(message)


def _add_system_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--disk", metavar="IMAGE", type=Path, help="attach a disk image (IDE primary master)")
    p.add_argument("-m", "--memory", metavar="MiB", type=int, default=64,
                   help="guest RAM in MiB (default 64)")
    p.add_argument("-E", dest="env", metavar="NAME=VALUE", action="append", default=[],
                   help="add to the guest's environment")
    p.add_argument("-d", dest="trace", metavar="CATEGORIES",
                   help="trace categories to stderr: comma list, 'all', or 'help'")
    p.add_argument("-D", dest="trace_file", metavar="FILE", type=Path,
                   help="write the trace as JSON lines to FILE (categories from -d, default all)")
    p.add_argument("-v", "--verbose", action="store_true", help="show the firmware's boot messages")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="minixemu", description="An i386 emulator for a small MINIX-like OS.")
    parser.add_argument("--version", action="version", version=f"minixemu {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    run = sub.add_parser("run", help="run a guest program as the first process",
                         description="Power on, run the firmware, and run PROGRAM (an i386 ELF "
                                     "built with `minixemu cc`) as the first process.")
    _add_system_options(run)
    run.add_argument("program", metavar="PROGRAM", type=Path)
    run.add_argument("args", metavar="ARGS", nargs=argparse.REMAINDER)
    boot = sub.add_parser("boot", help="boot the system",
                          description="Power on and boot. Until the file system exists this runs "
                                      "the bundled demo (guest/demos/pingpong.c).")
    _add_system_options(boot)
    boot.add_argument("image", metavar="IMAGE", type=Path, nargs="?", help="disk image")
    _add_mkimage_parser(sub)
    sub.add_parser("cc", help="compile and link a C program for the guest",
                   description="Like cc: minixemu cc [options] file.c ... -o prog",
                   add_help=False)
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
    from emu.image.progress import progress_bar
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
        write_image(args.out, GuestBuild(), args.size, adds, progress_bar("mkimage"))
    except (FormatError, OSError) as e:
        raise UsageError(f"mkimage: {e}") from None
    return 0


def _environment(pairs: list[str]) -> dict:
    from emu.boot import DEFAULT_ENV
    env = dict(DEFAULT_ENV)
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise UsageError(f"-E needs NAME=VALUE, got '{pair}'")
        env[name] = value
    return env


def _trace_categories(spec: str | None) -> set:
    from emu.debug.trace import CATEGORIES, parse_categories
    if spec is None:
        return set()
    if spec == "help":
        lines = [f"  {name:<7} {text}" for name, text in CATEGORIES.items()]
        print("trace categories (-d a,b,c or -d all):\n" + "\n".join(lines))
        raise SystemExit(0)
    try:
        return parse_categories(spec)
    except ValueError as e:
        raise UsageError(str(e)) from None


def _read_program(path: Path) -> bytes:
    from emu.kernel.elfload import ExecError, parse_elf
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: is a directory") from None
    except OSError as e:
        raise UsageError(f"{path}: {e.strerror}") from None
    try:
        parse_elf(data, str(path))
    except ExecError as e:
        raise UsageError(str(e)) from None
    return data


def _check_options(args) -> tuple[set, dict]:
    """Validate every option before touching any file the user named."""
    if args.memory < 4 or args.memory > 1024:
        raise UsageError("-m: guest RAM must be between 4 and 1024 MiB")
    return _trace_categories(args.trace), _environment(args.env)


def _run_system(args, program: bytes, argv: list[str], categories: set, env: dict) -> int:
    from emu.boot import System, SystemConfig
    from emu.debug.jsonlog import JsonTrace
    from emu.debug.textlog import TextTrace
    from emu.machine.console import HostConsole
    from emu.machine.disk import DiskError
    from emu.machine.firmware import FirmwareError

    disk = getattr(args, "image", None) or args.disk
    config = SystemConfig(ram_mb=args.memory, disk=disk, env=env,
                          quiet_firmware=args.command == "run" and not args.verbose)
    stdin_fd = sys.stdin.fileno() if sys.stdin is not None and not sys.stdin.closed else None
    console = HostConsole(output=sys.stdout.buffer, input_fd=stdin_fd)
    try:
        system = System(config, console)
    except DiskError as e:
        raise UsageError(str(e)) from None
    json_trace = None
    if args.trace_file is not None:
        try:
            json_trace = JsonTrace(args.trace_file)
        except OSError as e:
            raise UsageError(f"{args.trace_file}: {e.strerror}") from None
        from emu.debug.trace import CATEGORIES
        system.trace.subscribe(json_trace, categories or set(CATEGORIES))
    elif categories:
        system.trace.subscribe(TextTrace(sys.stderr, console.flush), categories)
    system.trace.subscribe(lambda e: _report_death(e, console), {"proc"})
    try:
        try:
            system.power_on()
        except FirmwareError as e:
            console.flush()
            print(f"minixemu: {e}", file=sys.stderr)
            return 1
        system.start(program, argv)
        status = system.run()
        if system.kernel.halt_reason.startswith("deadlock"):
            print(f"minixemu: {system.kernel.halt_reason}", file=sys.stderr)
        return status
    finally:
        system.close()
        if json_trace is not None:
            json_trace.close()


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
    program = _read_program(args.program)
    return _run_system(args, program, [args.program.name, *args.args], categories, env)


def cmd_boot(args) -> int:
    from emu.toolchain.guestbuild import GuestBuild
    categories, env = _check_options(args)
    demo = GuestBuild().bundled("demos/pingpong.c")
    return _run_system(args, demo.read_bytes(), ["pingpong"], categories, env)


def cmd_cc(argv: list[str]) -> int:
    from emu.toolchain.cc import compile_and_link
    return compile_and_link(argv)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv and argv[0] == "cc":
            return cmd_cc(argv[1:])
        parser = build_parser()
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return EXIT_USAGE
        return {"run": cmd_run, "boot": cmd_boot, "mkimage": cmd_mkimage}[args.command](args)
    except UsageError as e:
        print(f"minixemu: {e}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("minixemu: interrupted", file=sys.stderr)
        return 130
    except ToolchainError as e:
        print(f"minixemu: {e}", file=sys.stderr)
        return 1
    except Exception as e:  # noqa: BLE001 - a bug in minixemu, not the user's mistake
        if os.environ.get("MINIXEMU_DEBUG"):
            raise
        print(f"minixemu: internal error: {type(e).__name__}: {e} "
              "(a bug in minixemu; MINIXEMU_DEBUG=1 shows where)", file=sys.stderr)
        return EXIT_INTERNAL
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    sys.exit(main())
