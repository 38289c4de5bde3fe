"""VFS's dispatch table: call number -> (handler, who may send it) (MINIX's table.c).

User processes make the system calls; the PM_* requests about process life
come only from PM; a driver's DEV_REVIVE from a system server (do_revive also
checks that the process waits on that driver). Sender rules: emu/servers/server.py.
"""
from emu.abi.callnr import CallNr
from emu.abi.com import DevReply, PfsVfsCall, PmRequest
from emu.servers.server import Senders
from emu.servers.vfs import (device, exec, filedes, link, misc, mount, open, pfs_calls, pipe,
                             pmcalls, protect, read, select, stadir)

USER, PM, DRIVER = Senders.USER, Senders.PM, Senders.ANY_SERVER
NESTED = Senders.NESTED     # only the server VFS waits on (pfs_calls checks it is PFS)

CALLS = {
    CallNr.READ: (read.do_read, USER),
    CallNr.WRITE: (read.do_write, USER),
    CallNr.IOCTL: (read.do_ioctl, USER),
    CallNr.LSEEK: (read.do_lseek, USER),
    CallNr.LLSEEK: (read.do_llseek, USER),
    CallNr.GETDENTS: (read.do_getdents, USER),
    CallNr.OPEN: (open.do_open, USER),
    CallNr.CREAT: (open.do_creat, USER),
    CallNr.MKNOD: (open.do_mknod, USER),
    CallNr.MKDIR: (open.do_mkdir, USER),
    CallNr.CLOSE: (filedes.do_close, USER),
    CallNr.PIPE: (pipe.do_pipe, USER),
    CallNr.SELECT: (select.do_select, USER),
    CallNr.DUP: (filedes.do_dup, USER),
    CallNr.FCNTL: (filedes.do_fcntl, USER),
    CallNr.LINK: (link.do_link, USER),
    CallNr.UNLINK: (link.do_unlink, USER),
    CallNr.RMDIR: (link.do_rmdir, USER),
    CallNr.RENAME: (link.do_rename, USER),
    CallNr.SYMLINK: (link.do_slink, USER),
    CallNr.RDLNK: (link.do_rdlink, USER),
    CallNr.TRUNCATE: (link.do_truncate, USER),
    CallNr.FTRUNCATE: (link.do_ftruncate, USER),
    CallNr.CHDIR: (stadir.do_chdir, USER),
    CallNr.FCHDIR: (stadir.do_fchdir, USER),
    CallNr.CHROOT: (stadir.do_chroot, USER),
    CallNr.STAT: (stadir.do_stat, USER),
    CallNr.LSTAT: (stadir.do_lstat, USER),
    CallNr.FSTAT: (stadir.do_fstat, USER),
    CallNr.STATVFS: (stadir.do_statvfs, USER),
    CallNr.FSTATVFS: (stadir.do_fstatvfs, USER),
    CallNr.CHMOD: (protect.do_chmod, USER),
    CallNr.FCHMOD: (protect.do_fchmod, USER),
    CallNr.CHOWN: (protect.do_chown, USER),
    CallNr.FCHOWN: (protect.do_fchown, USER),
    CallNr.UMASK: (protect.do_umask, USER),
    CallNr.ACCESS: (protect.do_access, USER),
    CallNr.SYNC: (misc.do_sync, USER),
    CallNr.FSYNC: (misc.do_fsync, USER),
    CallNr.UTIME: (misc.do_utime, USER),
    CallNr.MOUNT: (mount.do_mount, USER),
    CallNr.UMOUNT: (mount.do_umount, USER),
    PmRequest.PM_INIT: (pmcalls.pm_init, PM),
    PmRequest.PM_FORK: (pmcalls.pm_fork, PM),
    PmRequest.PM_EXIT: (pmcalls.pm_exit, PM),
    PmRequest.PM_SETUID: (pmcalls.pm_setuid, PM),
    PmRequest.PM_SETGID: (pmcalls.pm_setgid, PM),
    PmRequest.PM_SETGROUPS: (pmcalls.pm_setgroups, PM),
    PmRequest.PM_SETSID: (pmcalls.pm_setsid, PM),
    PmRequest.PM_UNPAUSE: (pmcalls.pm_unpause, PM),
    PmRequest.PM_REBOOT: (pmcalls.pm_reboot, PM),
    PmRequest.PM_EXEC: (exec.pm_exec, PM),
    PmRequest.PM_EXEC_DONE: (exec.pm_exec_done, PM),
    DevReply.DEV_REVIVE: (device.do_revive, DRIVER),
    PfsVfsCall.CHECK_PERMS: (pfs_calls.do_check_perms, NESTED),
    PfsVfsCall.VERIFY_FD: (pfs_calls.do_verify_fd, NESTED),
    PfsVfsCall.SET_FILP: (pfs_calls.do_set_filp, NESTED),
    PfsVfsCall.COPY_FILP: (pfs_calls.do_copy_filp, NESTED),
    PfsVfsCall.PUT_FILP: (pfs_calls.do_put_filp, NESTED),
    PfsVfsCall.CANCEL_FD: (pfs_calls.do_cancel_fd, NESTED),
    DevReply.DEV_IO_READY: (select.do_sel_repl, DRIVER),   # select.py: DEV_SEL_REPL
}
