using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Matching.Engine.Indexing.Embedded;

/// <summary>
/// Documents read back from the store, by id, up to a capacity past which it starts again empty (cheaper than
/// tracking recency on every read, and the hot documents come back at once). Documents are immutable records, so
/// one instance serves every reader. Consistency is the caller's: <see cref="EmbeddedMatchIndex"/> fills it under
/// its read lock and evicts under its write lock.
/// </summary>
internal sealed class DocumentCache<T>(int capacity) where T : class
{
    private readonly ConcurrentDictionary<string, T> _documents = new(StringComparer.Ordinal);

    public bool TryGet(string id, [NotNullWhen(true)] out T? document) => _documents.TryGetValue(id, out document);

    /// <summary>Keeps the document read from the store (nothing for a missing one) and returns it.</summary>
    public T? Keep(string id, T? document)
    {
        if (document is not null)
        {
            if (_documents.Count >= capacity)
            {
                _documents.Clear();
            }
            _documents[id] = document;
        }
        return document;
    }

    public void Evict(string id) => _documents.TryRemove(id, out _);
}
