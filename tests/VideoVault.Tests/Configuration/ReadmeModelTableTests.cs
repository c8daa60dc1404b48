using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using VideoVault.Catalog;
using VideoVault.Tests.Fakes;

namespace VideoVault.Tests.Configuration;

/// <summary>README's "Models" section: its table is the catalog's built-in entries, and its settings example works as it says.</summary>
public sealed class ReadmeModelTableTests
{
    private static string Readme => RepositoryFiles.Read(SettingSources.Readme).Replace("\r\n", "\n", StringComparison.Ordinal);

    [Fact]
    public void The_readme_table_is_what_the_catalog_says()
    {
        var readme = Readme;
        var start = readme.IndexOf(ReadmeModelTable.Start, StringComparison.Ordinal);
        var end = readme.IndexOf(ReadmeModelTable.End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"README has no model table between '{ReadmeModelTable.Start}' and '{ReadmeModelTable.End}'.");

        var expected = ReadmeModelTable.Write(TestCatalog.Default.Entries);
        var written = readme[(start + ReadmeModelTable.Start.Length)..end].Trim('\n');

        Assert.True(expected == written, $"README's model table differs from the catalog; replace it with:\n{expected}");
    }

    [Fact]
    public void The_readme_settings_example_is_valid_and_makes_the_catalog_it_describes()
    {
        var block = Readme.Split("```").Single(part => part.StartsWith("text\nModels__Entries__", StringComparison.Ordinal));
        var settings = block.Split('\n').Skip(1)
            .Select(line => line.Split('#')[0].Trim())
            .Where(line => line.Length > 0)
            .Select(line => KeyValuePair.Create(line[..line.IndexOf('=', StringComparison.Ordinal)].Replace("__", ":", StringComparison.Ordinal), (string?)line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..]));
        var options = new ModelCatalogOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(ModelCatalogOptions.SectionName).Bind(options);

        Assert.Empty(options.Validate(new ValidationContext(options)));
        var catalog = TestCatalog.With(options);
        Assert.True(catalog.Find("wan-2.6-txt2video")!.Enabled);
        Assert.False(catalog.Find("luma")!.Enabled);
        var price = catalog.Find("kling-legacy")!.Price!;
        Assert.Equal((PriceUnit.PerSecond, 0.05m), (price.Unit, price.Usd));
        var added = catalog.Find("acme-clip")!;
        Assert.Equal(("Acme Clip", "acme", "clip-video", "video_url", "cover_url"), (added.Family, added.Model, added.TaskType, added.VideoPath, added.PosterPath));
        Assert.Equal(["prompt", "duration", "resolution"], added.Fields.Select(field => field.Name));
        Assert.Equal(["5", "10"], added.Field("duration")!.Allowed!);
        Assert.Equal(0.08m, Assert.Single(added.Price!.Rules, rule => rule.When["resolution"] == "1080p").Usd);
    }
}
