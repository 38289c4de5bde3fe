"""What things cost in virtual time (docs/architecture.md, "Virtual time").

Guest code costs NS_PER_BLOCK per executed basic block. Kernel and server
work costs a fixed amount: a trap into the kernel, and each message a server
sends another server on a caller's behalf. Fixed, so runs stay deterministic;
about what a 2010 PC took, so a program that only makes system calls sees its
clock move at a believable rate. Work is charged as blocks to the running
slice, so it also brings the next timer interrupt closer.
"""
NS_PER_BLOCK = 10
TRAP_COST_NS = 5000
SERVER_REQUEST_COST_NS = 1000
TRAP_COST_BLOCKS = TRAP_COST_NS // NS_PER_BLOCK
SERVER_REQUEST_COST_BLOCKS = SERVER_REQUEST_COST_NS // NS_PER_BLOCK
