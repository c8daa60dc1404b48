namespace VideoVault.Tests.PiApi;

/// <summary>Vendor examples copied verbatim from PiAPI's Sora 2 task API documentation.</summary>
internal static class Fixtures
{
    public const string CreateTaskRequest = "sora2-create-task-request.json";
    public const string CreateTaskResponse = "sora2-create-task-response.json";

    public static string Read(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "PiApi", "Fixtures", name));
}
