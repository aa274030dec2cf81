using Matching.Engine.Data;

namespace Matching.Engine.Tests.Taxonomy;

public sealed class DataFolderTests : IDisposable
{
    private readonly string _copy = Directory.CreateTempSubdirectory("coach-data-").FullName;

    /// <summary>A copy of the data folder made of symbolic links, but for the files a test replaces.</summary>
    private string LinkedCopy(params string[] realCopies)
    {
        var source = TaxonomyFixture.DataPath;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            var target = Path.Combine(_copy, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (realCopies.Contains(relative.Replace('\\', '/')))
            {
                File.Copy(file, target);
                File.SetAttributes(target, FileAttributes.Normal);
            }
            else
            {
                File.CreateSymbolicLink(target, file);
            }
        }
        return _copy;
    }

    [Fact]
    public void The_real_folder_verifies()
    {
        var cache = Path.Combine(_copy, "cache");

        DataFolder.Verify(TaxonomyFixture.DataPath, cache);

        Assert.Single(Directory.GetFiles(cache, "*.verified"));
    }

    [Fact]
    public void A_corrupted_file_is_refused_with_a_message_naming_it()
    {
        var folder = LinkedCopy("geo/regions.csv");
        File.AppendAllText(Path.Combine(folder, "geo/regions.csv"), "99,Atlantide,Atlantide,0,0,0,,,00000,\n");

        var error = Assert.Throws<ReferenceDataException>(() => DataFolder.Verify(folder));

        Assert.Contains("'geo/regions.csv'", error.Message, StringComparison.Ordinal);
        Assert.Contains("corrupt", error.Message, StringComparison.Ordinal);
        Assert.Contains("ESCO, European Commission", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_refused_with_a_message_naming_it()
    {
        var folder = LinkedCopy();
        File.Delete(Path.Combine(folder, "esco/relations/skillSkillRelations.csv"));

        var error = Assert.Throws<ReferenceDataException>(() => DataFolder.Verify(folder));

        Assert.Contains("'esco/relations/skillSkillRelations.csv' is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cached_verification_is_redone_when_a_file_changes()
    {
        var folder = LinkedCopy("geo/regions.csv");
        var cache = Path.Combine(_copy, "cache");
        DataFolder.Verify(folder, cache);

        File.AppendAllText(Path.Combine(folder, "geo/regions.csv"), "\n");

        Assert.Throws<ReferenceDataException>(() => DataFolder.Verify(folder, cache));
    }

    [Fact]
    public void A_configured_folder_that_does_not_exist_is_a_clear_error()
    {
        var error = Assert.Throws<ReferenceDataException>(() => DataFolder.Resolve(Path.Combine(_copy, "nowhere")));

        Assert.Contains("Coach:DataPath", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_copy, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
