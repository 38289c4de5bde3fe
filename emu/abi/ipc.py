"""The IPC trap: vectors, call numbers and status words (reference/abi.md)."""
from enum import IntEnum

IPC_VECTOR = 0x21          # int 0x21: SEND/RECEIVE/SENDREC/NOTIFY/SENDNB/SENDA
KERNEL_CALL_VECTOR = 0x20  # int 0x20: kernel call, eax = message pointer


class IpcCall(IntEnum):
    SEND = 1
    RECEIVE = 2
    SENDREC = 3
    NOTIFY = 4
    SENDNB = 5
    SENDA = 16


# The status word RECEIVE returns in ebx: the IPC call the sender used, so a
# receiver can tell a notification from a message (IPC_STATUS_CALL).
def ipc_status(call: int) -> int:
    return call & 0xFF
