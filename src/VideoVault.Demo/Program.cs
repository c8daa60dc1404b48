using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using VideoVault.Demo;

// Submits one task to a running VideoVault (dev host or Functions) with a webhook subscription,
// follows it to the end, prints where the archived video is and the events the receiver got.
// Exit code 0 only for an archived, verified video whose events all arrived signed.
var arguments = DemoArguments.Parse(args);
using var api = new HttpClient { BaseAddress = arguments.BaseUrl, Timeout = TimeSpan.FromSeconds(60) };

var body = DemoRequest.For(arguments);
using var submitted = await api.PostAsJsonAsync("api/tasks", body);
var submitText = await submitted.Content.ReadAsStringAsync();
if (!submitted.IsSuccessStatusCode)
{
    Console.Error.WriteLine($"Submit failed with HTTP {(int)submitted.StatusCode}: {submitText}");
    return 1;
}

var id = JsonDocument.Parse(submitText).RootElement.GetProperty("id").GetString()!;
Console.WriteLine($"task id:      {id} ({body["model"]} / {body["task_type"]?.GetValue<string>() ?? "chat completions"})");

var deadline = DateTimeOffset.UtcNow + arguments.Timeout;
JsonElement task;
var lastStatus = string.Empty;
var lastLine = string.Empty;
while (true)
{
    task = JsonDocument.Parse(await api.GetStringAsync($"api/tasks/{id}")).RootElement.Clone();
    var status = task.GetProperty("status").GetString()!;
    var line = task.TryGetProperty("progress", out var progress) && status != "archived" ? $"{status} ({progress.GetInt32()}%)" : status;
    if (line != lastLine)
    {
        Console.WriteLine($"status:       {line}");
        lastLine = line;
    }

    lastStatus = status;

    if (status is "archived" or "failed" or "submit_failed" or "archive_failed" or "expired")
    {
        break;
    }

    if (DateTimeOffset.UtcNow > deadline)
    {
        Console.Error.WriteLine($"Task {id} did not finish within {arguments.Timeout}.");
        return 1;
    }

    await Task.Delay(1000);
}

if (lastStatus != "archived")
{
    Console.Error.WriteLine($"final status: {lastStatus}: {(task.TryGetProperty("error", out var error) ? error.GetString() : "no reason given")}");
    return 1;
}

var video = task.GetProperty("video");
var url = video.GetProperty("url").GetString()!;
Console.WriteLine($"final status: {lastStatus}");
Console.WriteLine($"blob:         {video.GetProperty("container").GetString()}/{video.GetProperty("blob_name").GetString()}");
Console.WriteLine($"size:         {video.GetProperty("size").GetInt64()} bytes");
Console.WriteLine($"sha256:       {video.GetProperty("sha256").GetString()}");
Console.WriteLine($"sas url:      {url}");

using var download = new HttpClient();
var bytes = await download.GetByteArrayAsync(url);
var matches = Convert.ToHexStringLower(SHA256.HashData(bytes)) == video.GetProperty("sha256").GetString();
Console.WriteLine($"download:     {bytes.Length} bytes through the SAS URL, SHA-256 {(matches ? "matches" : "DOES NOT match")}");
if (video.TryGetProperty("poster_url", out var poster) && poster.GetString() is { } posterUrl)
{
    var image = await download.GetAsync(posterUrl);
    Console.WriteLine($"poster:       {posterUrl}");
    Console.WriteLine($"              {(int)image.StatusCode}, {image.Content.Headers.ContentType}, {(await image.Content.ReadAsByteArrayAsync()).Length} bytes");
}
else
{
    Console.WriteLine("poster:       none (the model's output had no cover or thumbnail)");
}

Console.WriteLine($"console:      {new Uri(arguments.BaseUrl, $"api/console#/tasks/{id}")} (while the stack runs: bash scripts/dev-stack.sh)");
var eventsArrived = await EventReport.PrintAsync(api, id, arguments.Receiver);
return matches && eventsArrived ? 0 : 1;
