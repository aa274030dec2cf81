using System.Security.Cryptography;
using System.Text;

namespace Matching.Engine.Data;

/// <summary>A missing, unreadable or corrupt reference data file: start-up stops with this message.</summary>
public sealed class ReferenceDataException(string message) : Exception(message);

/// <summary>
/// The reference data folder (ESCO, ROME, crosswalk, geography, market). Verified against its
/// SHA256SUMS before use; the result is cached per folder content so a restart does not hash
/// 70 MB again unless a file changed (size or modification time).
/// </summary>
public static class DataFolder
{
    public const string Attribution =
        "The reference data comes from ESCO v1.1.1 (\"ESCO, European Commission\", CC BY 4.0), France Travail / Pôle emploi " +
        "open data (ROME v3, ESCO-ROME crosswalk, market statistics; Licence Ouverte / Etalab 2.0), \"Source : France Travail, " +
        "ROME 4.0 version 60 (25M09) du 18/09/2025\" (Licence Ouverte ROME), INSEE and DARES " +
        "(Licence Ouverte). See the README section \"Reference data\" for where to get it and set Coach:DataPath (COACH_DATA).";

    /// <summary>
    /// Finds the data folder: the configured path when given, else <c>../shared/data</c> next to the
    /// repository or working directory, when it exists.
    /// </summary>
    public static string Resolve(string? configuredPath, string? startDirectory = null)
    {
        if (!string.IsNullOrWhiteSpace(configuredPath))
        {
            var full = Path.GetFullPath(configuredPath);
            return Directory.Exists(full)
                ? full
                : throw new ReferenceDataException($"The reference data folder '{full}' (Coach:DataPath) does not exist. {Attribution}");
        }

        foreach (var start in new[] { startDirectory, Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "..", "shared", "data");
                if (File.Exists(Path.Combine(candidate, "SHA256SUMS")))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }
        throw new ReferenceDataException($"No reference data folder found: set Coach:DataPath (environment COACH_DATA), or place the data in ../shared/data. {Attribution}");
    }

    /// <summary>
    /// Checks every file listed in SHA256SUMS. Throws <see cref="ReferenceDataException"/> naming the
    /// first missing or corrupt file. <paramref name="cacheDirectory"/> keeps a fingerprint of a
    /// folder already verified.
    /// </summary>
    public static void Verify(string dataPath, string? cacheDirectory = null)
    {
        var sumsPath = Path.Combine(dataPath, "SHA256SUMS");
        if (!File.Exists(sumsPath))
        {
            throw new ReferenceDataException($"Reference data file 'SHA256SUMS' is missing in '{dataPath}'. {Attribution}");
        }

        var entries = new List<(string Hash, string RelativePath)>();
        foreach (var line in File.ReadAllLines(sumsPath))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }
            var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
            if (space != 64)
            {
                throw new ReferenceDataException($"Reference data file 'SHA256SUMS' in '{dataPath}' has a malformed line: '{trimmed}'. {Attribution}");
            }
            var relative = trimmed[(space + 1)..].TrimStart(' ', '*');
            if (relative.StartsWith("./", StringComparison.Ordinal))
            {
                relative = relative[2..];
            }
            entries.Add((trimmed[..64].ToLowerInvariant(), relative));
        }

        // Fingerprint of what is on disk now: name, size and modification time of each listed file.
        var fingerprint = new StringBuilder(Path.GetFullPath(dataPath)).Append('\n').Append(File.ReadAllText(sumsPath));
        foreach (var (_, relative) in entries)
        {
            var info = new FileInfo(Path.Combine(dataPath, relative));
            if (!info.Exists)
            {
                throw new ReferenceDataException($"Reference data file '{relative}' is missing in '{dataPath}'. {Attribution}");
            }
            fingerprint.Append(relative).Append('|').Append(info.Length).Append('|').Append(info.LastWriteTimeUtc.Ticks).Append('\n');
        }
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(fingerprint.ToString())));
        var marker = cacheDirectory is null ? null : Path.Combine(cacheDirectory, $"reference-data-{key[..16]}.verified");
        if (marker is not null && File.Exists(marker) && File.ReadAllText(marker) == key)
        {
            return;
        }

        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.ForEach(entries, entry =>
        {
            using var stream = File.OpenRead(Path.Combine(dataPath, entry.RelativePath));
            var actual = Convert.ToHexStringLower(SHA256.HashData(stream));
            if (actual != entry.Hash)
            {
                failures.Add(entry.RelativePath);
            }
        });
        if (!failures.IsEmpty)
        {
            var first = failures.Order(StringComparer.Ordinal).First();
            throw new ReferenceDataException(
                $"Reference data file '{first}' in '{dataPath}' is corrupt: its SHA-256 does not match SHA256SUMS" +
                (failures.Count > 1 ? $" ({failures.Count} files differ)" : "") + $". Restore it from the source. {Attribution}");
        }

        if (marker is not null)
        {
            try
            {
                Directory.CreateDirectory(cacheDirectory!);
                File.WriteAllText(marker, key);
            }
            catch (IOException)
            {
                // The cache only saves time; a read-only disk must not stop start-up.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
