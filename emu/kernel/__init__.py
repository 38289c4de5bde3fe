"""The microkernel: processes, IPC, scheduling, virtual time, user memory, faults."""
