using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace FuseGen;

/// <summary>How a filesystem is mounted and served. The defaults match libfuse's high-level defaults.</summary>
public sealed class MountOptions
{
    /// <summary>Print every request and reply to stderr (<c>-d</c>).</summary>
    public bool Debug { get; set; }

    /// <summary>Serve requests on one thread (<c>-s</c>). Then a request blocks all others, and the filesystem must not touch its own mount point.</summary>
    public bool SingleThreaded { get; set; }

    /// <summary>Most idle worker threads kept by the multithreaded loop (<c>-o max_idle_threads</c>).</summary>
    public int MaxIdleThreads { get; set; } = 10;

    /// <summary>Most worker threads of the multithreaded loop, libfuse 3.12+ (<c>-o max_threads</c>).</summary>
    public int MaxThreads { get; set; } = 10;

    /// <summary>
    /// Most deferred inode-API requests: requests served by a task-returning method whose task was still running when
    /// the method returned, so their reply is sent later; 0 or less: no bound. A request whose task completed
    /// synchronously is answered inline on its libfuse worker and does not count. So at most this many deferred
    /// requests, plus the requests libfuse's workers are running (at most <see cref="MaxThreads"/>), are in flight.
    /// At the bound the worker whose task is found still running waits, before it returns to libfuse, until a deferred
    /// request is answered (or its own task completes: it then answers inline, or the unmount begins): nothing is
    /// refused or lost, and once every worker waits libfuse reads no more requests, so the kernel holds (and finally
    /// blocks) its callers. The interrupt reaches a waiting request's token. Each deferred read or listing holds a
    /// reply buffer of its size (at least 128 KiB), so the bound is also the memory bound. An unmount from outside
    /// (<c>fusermount3 -u</c>) while every worker waits is noticed by the waiting workers themselves, which then end
    /// the loop.
    /// </summary>
    public int MaxPendingRequests { get; set; } = 1024;

    /// <summary>Give each worker thread its own /dev/fuse descriptor (<c>-o clone_fd</c>).</summary>
    public bool CloneFd { get; set; }

    /// <summary>Let other users access the mount (<c>allow_other</c>; needs <c>user_allow_other</c> in /etc/fuse.conf for non-root).</summary>
    public bool AllowOther { get; set; }

    /// <summary>Let the kernel check permissions from the mode bits (<c>default_permissions</c>).</summary>
    public bool DefaultPermissions { get; set; }

    /// <summary>Mount read-only (<c>ro</c>).</summary>
    public bool ReadOnly { get; set; }

    /// <summary>Source name shown by mount and df (<c>fsname</c>); defaults to the filesystem type's name.</summary>
    public string? FileSystemName { get; set; }

    /// <summary>Type suffix shown as <c>fuse.SUBTYPE</c> (<c>subtype</c>); defaults to the type's name in lower case.</summary>
    public string? Subtype { get; set; }

    /// <summary>Unmount automatically when the process dies, even by SIGKILL (<c>auto_unmount</c>; uses fusermount3).</summary>
    public bool AutoUnmount { get; set; }

    /// <summary>
    /// Unmount a dead FUSE mount found on the mount point (left by a killed filesystem process) before mounting
    /// (<c>-o clear_stale</c>). Without it such a mount point is refused with instructions.
    /// </summary>
    public bool ClearStaleMount { get; set; }

    /// <summary>Seconds the kernel caches name lookups (<c>entry_timeout</c>); null keeps libfuse's 1 s.</summary>
    public double? EntryTimeout { get; set; }

    /// <summary>Seconds the kernel caches attributes (<c>attr_timeout</c>); null keeps libfuse's 1 s.</summary>
    public double? AttrTimeout { get; set; }

    /// <summary>Seconds the kernel caches failed lookups (<c>negative_timeout</c>); null keeps libfuse's 0.</summary>
    public double? NegativeTimeout { get; set; }

    /// <summary>
    /// Pass <see cref="Stat.Inode"/> to the kernel (<c>use_ino</c>). libfuse 3 has no such mount option: FuseGen sets
    /// it in <c>fuse_config</c> before the filesystem's own <see cref="InitAttribute"/> runs.
    /// </summary>
    public bool UseIno { get; set; }

    /// <summary>Bypass the page cache (<c>direct_io</c>); set in <c>fuse_config</c> like <see cref="UseIno"/>.</summary>
    public bool DirectIo { get; set; }

    /// <summary>Keep file data cached across opens (<c>kernel_cache</c>).</summary>
    public bool KernelCache { get; set; }

    /// <summary>
    /// Let the kernel cache writes and send them later, merged into large WRITE requests (<c>-o writeback_cache</c>;
    /// FuseGen asks for <see cref="FuseCapabilities.WritebackCache"/> at init, as libfuse 3's high-level API has no
    /// such mount option). Small and sequential buffered writes get much faster. The trade-offs: the kernel then owns
    /// file size and mtime while data is cached (the filesystem sees them late, and changes made behind the mount's
    /// back are not seen), write() succeeds before the data reaches the filesystem (errors surface at fsync or close,
    /// data is lost if the daemon dies), and the kernel may read a file opened write-only to fill partly written
    /// pages, so open must allow reading (and ignore O_APPEND) for every file.
    /// </summary>
    public bool WritebackCache { get; set; }

    /// <summary>
    /// Largest WRITE request in bytes (<c>-o max_write=N</c>; set at init); null keeps libfuse's, 1 MiB on kernels with
    /// <c>max_pages</c> (4.20+). libfuse asks the kernel for as many pages per request as this needs, and neither
    /// goes above libfuse's 1 MiB receive buffer. Smaller values only split writes into more requests; it bounds the
    /// buffer one write can take.
    /// </summary>
    public int? MaxWrite { get; set; }

    /// <summary>Further <c>-o</c> options, passed to libfuse as given (e.g. <c>"max_read=131072"</c>).</summary>
    public IList<string> Options { get; private set; } = new List<string>();

    /// <summary>How long an unmount waits for open files to close before aborting the connection.</summary>
    public TimeSpan UnmountTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Receives every exception an operation throws (other than <see cref="FuseException"/>) with the errno the
    /// caller got. Null writes one report to stderr. Called on the request's thread; must be thread-safe. Also told,
    /// once at mount, of each implemented operation the loaded libfuse is too old to call (a
    /// <see cref="NotSupportedException"/>, <see cref="Errno.ENOSYS"/>; e.g. <see cref="StatxAttribute"/> before 3.18).
    /// </summary>
    public Action<FuseFault>? FaultHandler { get; set; }

    /// <summary>A copy whose changes do not affect this instance.</summary>
    internal MountOptions Clone()
    {
        var copy = (MountOptions)MemberwiseClone();
        copy.Options = new List<string>(Options);
        return copy;
    }

    /// <summary>
    /// The <c>-o</c> options libfuse's <c>fuse_new</c> receives. <see cref="UseIno"/> and <see cref="DirectIo"/> are not
    /// among them: libfuse 3 rejects <c>-o use_ino</c> and <c>-o direct_io</c> ("unknown option"), so they go into
    /// <c>fuse_config</c> at init instead. With <paramref name="lowLevel"/>, those of <c>fuse_session_new</c>: the
    /// cache options are the high-level API's, and the inode API applies them to its replies instead.
    /// </summary>
    internal List<string> LibfuseOptions(string typeName, bool lowLevel = false)
    {
        var options = new List<string>
        {
            "fsname=" + Escape(FileSystemName ?? typeName),
            "subtype=" + Escape(Subtype ?? typeName.ToLowerInvariant()),
        };
        void Flag(bool on, string name)
        {
            if (on)
            {
                options.Add(name);
            }
        }

        void Number(double? value, string name)
        {
            if (value is { } seconds)
            {
                options.Add(name + "=" + seconds.ToString("R", CultureInfo.InvariantCulture));
            }
        }

        // The high-level API's cache options, which fuse_session_new rejects; the inode API reads them itself (CacheOption).
        var rawOptions = lowLevel ? Options.Where(option => !IsCacheOption(option)) : Options;
        Flag(AllowOther, "allow_other");
        Flag(DefaultPermissions, "default_permissions");
        Flag(ReadOnly, "ro");
        Flag(AutoUnmount, "auto_unmount");
        if (!lowLevel)
        {
            Flag(KernelCache, "kernel_cache");
            Number(EntryTimeout, "entry_timeout");
            Number(AttrTimeout, "attr_timeout");
            Number(NegativeTimeout, "negative_timeout");
        }

        options.AddRange(rawOptions);
        return options;
    }

    /// <summary>
    /// A cache setting as the inode API applies it to its replies: the property, or the raw <c>-o NAME=VALUE</c>
    /// given last (as libfuse's own parser lets the last one win).
    /// </summary>
    internal double? CacheOption(string name, double? property)
    {
        var value = property;
        foreach (var option in Options)
        {
            if (option.StartsWith(name + "=", StringComparison.Ordinal) &&
                double.TryParse(option.AsSpan(name.Length + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                value = seconds;
            }
        }

        return value;
    }

    /// <summary><see cref="KernelCache"/>, or a raw <c>-o kernel_cache</c>.</summary>
    internal bool KeepsKernelCache => KernelCache || Options.Contains("kernel_cache");

    private static bool IsCacheOption(string option) =>
        option == "kernel_cache" ||
        option.StartsWith("entry_timeout=", StringComparison.Ordinal) ||
        option.StartsWith("attr_timeout=", StringComparison.Ordinal) ||
        option.StartsWith("negative_timeout=", StringComparison.Ordinal);

    // fuse_opt splits -o lists at commas; a backslash protects one.
    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace(",", "\\,");
}
