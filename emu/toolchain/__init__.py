"""Building guest code: zig as the cross compiler, the cached guest build, `minixemu cc`."""
