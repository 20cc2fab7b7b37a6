// Buffers for paths, attributes and stat results are stackalloc'd on every request and always written before they
// are read; zeroing them first cost a 4 KiB memset on every path resolved.
[module: System.Runtime.CompilerServices.SkipLocalsInit]
