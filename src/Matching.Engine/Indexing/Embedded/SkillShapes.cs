using System.Text.Json.Serialization.Metadata;
using Microsoft.Data.Sqlite;

namespace Matching.Engine.Indexing.Embedded;

/// <summary>
/// The distinct "shapes" of a document's skills in a store: a skill with its URI blanked (<c>{"skillUri":"","importance":"Essential",
/// "mustHave":false,"source":"OfferCode"}</c>), numbered in the <c>skill_shapes</c> table. A stored document's skills are then pairs of
/// small ints (store-local skill id, shape id) instead of ~80 bytes of JSON each. The shape is the skill's own JSON, so a field added
/// to <see cref="DemandedSkill"/> or <see cref="OfferedSkill"/> is stored without this code knowing it (a new value makes a new shape).
/// The writer adds shapes inside its transaction; readers on other threads look them up under <see cref="Sync"/>.
/// </summary>
internal sealed class SkillShapes<T>(string kind, JsonTypeInfo<T> json, Func<T, T> blankUri) where T : notnull
{
    private readonly Dictionary<T, int> _ids = [];
    private readonly List<T> _shapes = [];

    public object Sync { get; } = new();

    public int Count
    {
        get
        {
            lock (Sync)
            {
                return _shapes.Count;
            }
        }
    }

    public void Load(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, json FROM skill_shapes WHERE kind = $kind ORDER BY id";
        command.Parameters.AddWithValue("$kind", kind);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (reader.GetInt32(0) != _shapes.Count)
            {
                throw new InvalidDataException($"skill_shapes of {kind}: ids are not dense (id {reader.GetInt32(0)} after {_shapes.Count}).");
            }
            var shape = System.Text.Json.JsonSerializer.Deserialize(reader.GetString(1), json)!;
            _shapes.Add(shape);
            _ids.TryAdd(shape, _shapes.Count - 1);
        }
    }

    /// <summary>The shape id of <paramref name="skill"/>, added to the table (in <paramref name="tx"/>) when new.</summary>
    public int IdOf(T skill, SqliteConnection writer, SqliteTransaction tx)
    {
        var shape = blankUri(skill);
        if (_ids.TryGetValue(shape, out var id))
        {
            return id;
        }
        id = _shapes.Count;
        using var insert = writer.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "INSERT INTO skill_shapes(kind, id, json) VALUES ($kind, $id, $json)";
        insert.Parameters.AddWithValue("$kind", kind);
        insert.Parameters.AddWithValue("$id", id);
        insert.Parameters.AddWithValue("$json", System.Text.Json.JsonSerializer.Serialize(shape, json));
        insert.ExecuteNonQuery();
        lock (Sync)
        {
            _shapes.Add(shape);
            _ids.Add(shape, id);
        }
        return id;
    }

    /// <summary>The shape of an id; call under <see cref="Sync"/>.</summary>
    public T this[int id] => _shapes[id];

    /// <summary>Forgets the shapes added after the store had <paramref name="count"/> (a rolled-back batch).</summary>
    public void Truncate(int count)
    {
        lock (Sync)
        {
            for (var i = count; i < _shapes.Count; i++)
            {
                _ids.Remove(_shapes[i]);
            }
            if (count < _shapes.Count)
            {
                _shapes.RemoveRange(count, _shapes.Count - count);
            }
        }
    }
}
