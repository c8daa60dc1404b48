using VideoVault.IntegrationTests.Infrastructure;

namespace VideoVault.IntegrationTests.Stack;

/// <summary>Base for end-to-end tests: a fresh stack per test over the shared Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public abstract class StackTest(AzuriteFixture azurite) : IAsyncLifetime
{
    protected TestStack Stack { get; private set; } = null!;

    protected AzuriteFixture Azurite { get; } = azurite;

    public async Task InitializeAsync() => Stack = await TestStack.StartAsync(Azurite, Configure);

    public async Task DisposeAsync() => await Stack.DisposeAsync();

    protected virtual void Configure(StackSettings settings)
    {
    }

    /// <summary>A prompt no other test uses, since the simulator counts some faults per prompt text.</summary>
    protected static string Prompt(string tags = "") => $"test {Guid.NewGuid():N} {tags}".Trim();

    protected static string Status(System.Text.Json.JsonElement task) => task.GetProperty("status").GetString()!;

    protected static string Id(System.Text.Json.JsonElement task) => task.GetProperty("id").GetString()!;
}
