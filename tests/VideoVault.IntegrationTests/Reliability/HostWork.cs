using System.Text.RegularExpressions;
using VideoVault.IntegrationTests.Infrastructure;

namespace VideoVault.IntegrationTests.Reliability;

/// <summary>What one run of a dev host process did, counted from the lines it wrote.</summary>
internal sealed partial record HostWork(string Run, int Requests, int Created, int Webhooks, int WorkItems, int Copies)
{
    public static HostWork Of(DevHostProcess.Run run)
    {
        var lines = run.Lines.ToList();
        return new HostWork(
            run.Name,
            Requests: lines.Count(line => ApiRequest().IsMatch(line)),
            Created: lines.Count(line => TaskCreated().IsMatch(line)),
            Webhooks: lines.Count(line => WebhookHandled().IsMatch(line)),
            WorkItems: lines.Count(line => WorkItem().IsMatch(line)),
            Copies: lines.Count(line => Copied().IsMatch(line)));
    }

    /// <summary>
    /// Names each run that answered no request or handled no work item, and each host that copied no video:
    /// both hosts must share every kind of work, and a restarted one must take its share again.
    /// </summary>
    public static List<string> Idle(IEnumerable<DevHostProcess> hosts)
    {
        var idle = new List<string>();
        foreach (var host in hosts)
        {
            var runs = host.Runs.Select(Of).ToList();
            idle.AddRange(runs.Where(r => r.Requests == 0 || r.WorkItems == 0).Select(r => $"{r} did no work of some kind"));
            if (runs.Sum(r => r.Copies) == 0)
            {
                idle.Add($"host {host.Name} copied no video");
            }
        }

        return idle;
    }

    public override string ToString() => $"{Run} [requests {Requests}, created {Created}, webhooks {Webhooks}, work items {WorkItems}, copies {Copies}]";

    /// <summary>ASP.NET Core's "Request finished HTTP/1.1 POST http://host/api/..." (not the readiness probe's GET of the root).</summary>
    [GeneratedRegex(@"Request finished \S+ \w+ \S+/api/")]
    private static partial Regex ApiRequest();

    /// <summary>TaskEndpoints' "Task {TaskId} created ({TaskTypeOrModel})".</summary>
    [GeneratedRegex(@"Task [0-9a-f]{32} created \(")]
    private static partial Regex TaskCreated();

    /// <summary>PiApiWebhookEndpoint's "Webhook for task {TaskId}: PiAPI status {Status}, changed: {Changed}".</summary>
    [GeneratedRegex(@"Webhook for task [0-9a-f]{32}: PiAPI status ")]
    private static partial Regex WebhookHandled();

    /// <summary>WorkProcessor's "Processing {Kind} for task {TaskId}" (Debug).</summary>
    [GeneratedRegex(@"Processing \w+ for task [0-9a-f]{32}")]
    private static partial Regex WorkItem();

    /// <summary>VideoArchiver's "Archived task {TaskId}: {Length} bytes".</summary>
    [GeneratedRegex(@"Archived task [0-9a-f]{32}: ")]
    private static partial Regex Copied();
}
