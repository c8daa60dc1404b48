namespace VideoVault.Tests.Configuration;

/// <summary>
/// Retention and soft delete as the compiled ARM template deploys them (Azurite has neither, so this is where
/// they are checked): one retention parameter feeds both the app setting and a lifecycle rule limited to the
/// videos container, and deleted blobs and containers stay restorable for the window.
/// </summary>
public sealed class StorageLifecycleTests
{
    private static readonly ArmTemplate Template = ArmTemplate.Load(Path.Combine(AppContext.BaseDirectory, "infra", "main.json"));

    [Fact]
    public void By_default_videos_are_kept_for_ever_and_no_lifecycle_rule_is_deployed()
    {
        var policy = Assert.Single(Template.Resources("Microsoft.Storage/storageAccounts/managementPolicies"));

        Assert.False(Template.IsDeployed(policy));
        Assert.Equal("0", AppSettings(Template)["VideoVault__VideoRetentionDays"]);
    }

    [Fact]
    public void The_retention_parameter_feeds_the_app_setting_and_a_rule_limited_to_the_videos_container()
    {
        var template = Template.With(new Dictionary<string, object?> { ["videoRetentionDays"] = 30L, ["videoCoolAfterDays"] = 7L });
        var settings = AppSettings(template);

        var rule = Assert.Single(Rules(template));

        Assert.Equal("30", settings["VideoVault__VideoRetentionDays"]);
        Assert.Equal(true, rule["enabled"]);
        Assert.Equal("Lifecycle", rule["type"]);
        var definition = Object(rule["definition"]);
        var filters = Object(definition["filters"]);
        Assert.Equal(["blockBlob"], List(filters["blobTypes"]));

        // The container's name and a slash: not the deployment package, not the host's blobs, not a container whose name starts alike.
        Assert.Equal([$"{settings["VideoVault__VideoContainer"]}/"], List(filters["prefixMatch"]));
        var actions = Object(Object(definition["actions"])["baseBlob"]);
        Assert.Equal(30L, Object(actions["delete"])["daysAfterCreationGreaterThan"]);
        Assert.Equal(7L, Object(actions["tierToCool"])["daysAfterCreationGreaterThan"]);
    }

    [Fact]
    public void Retention_alone_deletes_without_moving_to_cool_and_cool_alone_never_deletes()
    {
        var retention = Object(Object(Object(Assert.Single(Rules(Template.With(new Dictionary<string, object?> { ["videoRetentionDays"] = 90L })))["definition"])["actions"])["baseBlob"]);
        var cool = Object(Object(Object(Assert.Single(Rules(Template.With(new Dictionary<string, object?> { ["videoCoolAfterDays"] = 30L })))["definition"])["actions"])["baseBlob"]);

        Assert.Equal(["delete"], retention.Keys);
        Assert.Equal(["tierToCool"], cool.Keys);
    }

    [Theory]
    [InlineData(null, 7L)]
    [InlineData(30L, 30L)]
    public void Blob_and_container_soft_delete_are_on_with_the_window_of_the_parameter(long? window, long expected)
    {
        var template = window is { } days ? Template.With(new Dictionary<string, object?> { ["softDeleteRetentionDays"] = days }) : Template;
        var service = Assert.Single(template.Resources("Microsoft.Storage/storageAccounts/blobServices"));
        var properties = Object(template.Evaluate(service.GetProperty("properties")));

        foreach (var policy in new[] { "deleteRetentionPolicy", "containerDeleteRetentionPolicy" })
        {
            Assert.Equal(true, Object(properties[policy])["enabled"]);
            Assert.Equal(expected, Object(properties[policy])["days"]);
        }
    }

    private static List<Dictionary<string, object?>> Rules(ArmTemplate template)
    {
        var policy = Assert.Single(template.Resources("Microsoft.Storage/storageAccounts/managementPolicies"));
        Assert.True(template.IsDeployed(policy));
        Assert.Equal("default", template.NameSegments(policy)[^1]);
        var properties = Object(template.Evaluate(policy.GetProperty("properties")));
        return [.. List(Object(properties["policy"])["rules"]).Select(Object)];
    }

    private static Dictionary<string, object?> AppSettings(ArmTemplate template)
    {
        var config = Assert.Single(template.Resources("Microsoft.Web/sites/config"), resource => Equals(template.NameSegments(resource)[^1], "appsettings"));
        return Object(template.Evaluate(config.GetProperty("properties")));
    }

    private static Dictionary<string, object?> Object(object? value) => Assert.IsType<Dictionary<string, object?>>(value);

    private static List<object?> List(object? value) => Assert.IsType<List<object?>>(value);
}
