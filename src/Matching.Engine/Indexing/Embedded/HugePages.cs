using System.Runtime.InteropServices;

namespace Matching.Engine.Indexing.Embedded;

/// <summary>
/// Asks Linux to back the index's large arrays with 2 MiB pages (transparent huge pages, <c>madvise</c>), so that a query reading docs
/// scattered over a gigabyte walks the page tables far less often: a query run for the first time in the process lost about half of
/// its extra cost to page walks (docs/benchmarks.md, fourth session). <c>MADV_HUGEPAGE</c> marks the range (transparent huge pages are
/// often enabled for marked ranges only) and <c>MADV_COLLAPSE</c> (Linux 6.1+) moves it to huge pages now rather than whenever the
/// kernel's background thread gets to it. A hint only: elsewhere, or when the kernel refuses, nothing changes, and the data stays
/// where it is (the kernel copies pages under the same addresses).
/// </summary>
internal static partial class HugePages
{
    private const int MadviseHugePage = 14;
    private const int MadviseCollapse = 25;
    private const long HugePageBytes = 2 << 20;

    /// <summary>Arrays smaller than this are left alone (they hold at most one huge page).</summary>
    private const long MinBytes = 4 << 20;

    private static bool s_unavailable;

    /// <summary>
    /// Advises the whole 2 MiB pages inside <paramref name="array"/>, on a thread-pool thread: collapsing a few hundred MB costs about a
    /// second of CPU (measured at 1M + 1M), which an open or a rebuild need not wait for. Queries read the array meanwhile, unchanged.
    /// </summary>
    public static unsafe void Advise<T>(T[] array)
        where T : unmanaged
    {
        var bytes = (long)array.Length * sizeof(T);
        if (s_unavailable || bytes < MinBytes || !OperatingSystem.IsLinux())
        {
            return;
        }
        ThreadPool.UnsafeQueueUserWorkItem(static state =>
        {
            fixed (T* data = state)
            {
                Advise((long)data, (long)state.Length * sizeof(T));
            }
        }, array, preferLocal: false);
    }

    private static void Advise(long start, long bytes)
    {
        var from = (start + HugePageBytes - 1) & ~(HugePageBytes - 1);
        var to = (start + bytes) & ~(HugePageBytes - 1);
        if (to <= from)
        {
            return;
        }
        try
        {
            // Failures (an older kernel, huge pages disabled, no memory to spare) leave 4 KiB pages: nothing to report.
            _ = Madvise((nint)from, (nuint)(to - from), MadviseHugePage);
            _ = Madvise((nint)from, (nuint)(to - from), MadviseCollapse);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            s_unavailable = true;
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nuint length, int advice);
}
