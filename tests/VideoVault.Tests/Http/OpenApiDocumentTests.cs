using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;
using VideoVault.DevHost;

namespace VideoVault.Tests.Http;

/// <summary>The served OpenAPI document: valid OpenAPI 3.1, exactly the dev host's routes, and examples that match their schemas.</summary>
public sealed class OpenApiDocumentTests
{
    private static readonly JsonNode Document = JsonNode.Parse(ServedOpenApi.Bytes.Span)!;

    [Fact]
    public void MicrosoftOpenApiReadsItAsOpenApi31WithoutErrorsOrWarnings()
    {
        var (document, diagnostic) = OpenApiDocument.Parse(Encoding.UTF8.GetString(ServedOpenApi.Bytes.Span), "json");

        Assert.NotNull(document);
        Assert.NotNull(diagnostic);
        Assert.Empty(diagnostic.Errors);
        Assert.Empty(diagnostic.Warnings);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, diagnostic.SpecificationVersion);
        Assert.NotEmpty(document.Paths);
    }

    [Fact]
    public async Task ItDescribesExactlyTheRoutesTheDevHostMaps()
    {
        await using var devHost = DevHostApp.Build([]);
        var routes = ((IEndpointRouteBuilder)devHost).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint => endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods
                .Select(method => (Method: method, Route: endpoint.RoutePattern.RawText!.Trim('/'))))
            .ToHashSet();

        Assert.Equal(Sorted(routes), Sorted(OpenApiRoutes.Read()));
        Assert.Contains(("GET", $"{Routes.Prefix}/{Routes.OpenApiDocument}"), routes);
    }

    [Fact]
    public void EveryOperationHasAnExampleForItsSuccessAndEveryProblemResponseHasAProblemSchema()
    {
        var examples = OpenApiExamples.All(Document);
        foreach (var (method, route) in OpenApiRoutes.Read())
        {
            var path = "/" + route[(Routes.Prefix.Length + 1)..];
            Assert.Contains(examples, example => example.Location.StartsWith($"{method} {path} 2", StringComparison.Ordinal));
        }

        var problems = examples.Where(example => example.Location.Contains("application/problem+json", StringComparison.Ordinal)).ToList();
        Assert.Contains(problems, example => example.Location.Contains(" 400 ", StringComparison.Ordinal));
        Assert.Contains(problems, example => example.Location.Contains(" 503 ", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryExampleValidatesAgainstItsSchema()
    {
        var examples = OpenApiExamples.All(Document);

        Assert.True(examples.Count >= 20, $"only {examples.Count} examples found");
        var failures = examples
            .Where(example => !example.Schema.Evaluate(example.Value).IsValid)
            .Select(example => example.Location)
            .ToList();
        Assert.Empty(failures);
    }

    public static TheoryData<string, string> InvalidTaskViews => new()
    {
        { "missing id", """{"status":"pending","model":"sora2","input":{"prompt":"x"},"created_at":"2026-11-22T10:15:00+00:00","updated_at":"2026-11-22T10:15:00+00:00"}""" },
        { "unknown status", """{"id":"01a200a9295e7b288a6e2170d40b2c8b","status":"paused","model":"sora2","input":{"prompt":"x"},"created_at":"2026-11-22T10:15:00+00:00","updated_at":"2026-11-22T10:15:00+00:00"}""" },
        { "unknown property", """{"id":"01a200a9295e7b288a6e2170d40b2c8b","status":"pending","model":"sora2","input":{"prompt":"x"},"created_at":"2026-11-22T10:15:00+00:00","updated_at":"2026-11-22T10:15:00+00:00","secret":"x"}""" },
        { "input as text", """{"id":"01a200a9295e7b288a6e2170d40b2c8b","status":"pending","model":"sora2","input":"x","created_at":"2026-11-22T10:15:00+00:00","updated_at":"2026-11-22T10:15:00+00:00"}""" },
        { "poster link not a string", """{"id":"01a200a9295e7b288a6e2170d40b2c8b","status":"archived","model":"hailuo","input":{},"created_at":"2026-11-22T10:15:00+00:00","updated_at":"2026-11-22T10:15:00+00:00","video":{"container":"videos","blob_name":"b","poster_url":7}}""" },
        { "short id", """{"id":"01a2","status":"pending","model":"sora2","input":{"prompt":"x"},"created_at":"2026-11-22T10:15:00+00:00","updated_at":"2026-11-22T10:15:00+00:00"}""" },
    };

    /// <summary>The check above could pass by evaluating nothing; these prove its schemas, references included, refuse what they should.</summary>
    [Theory]
    [MemberData(nameof(InvalidTaskViews))]
    public void TheSchemasRefuseWhatTheyDoNotAllow(string why, string view)
    {
        var schema = OpenApiExamples.Schema(JsonNode.Parse("""{"$ref":"#/components/schemas/TaskView"}""")!, Document["components"]!["schemas"]!);

        Assert.False(schema.Evaluate(JsonDocument.Parse(view).RootElement).IsValid, why);
    }

    [Fact]
    public void AValidationProblemNeedsItsErrorsAndTheProblemFields()
    {
        var schema = OpenApiExamples.Schema(JsonNode.Parse("""{"$ref":"#/components/schemas/ValidationProblem"}""")!, Document["components"]!["schemas"]!);

        Assert.True(schema.Evaluate(JsonDocument.Parse("""{"type":"t","title":"x","status":400,"errors":{"limit":["no"]}}""").RootElement).IsValid);
        Assert.False(schema.Evaluate(JsonDocument.Parse("""{"type":"t","title":"x","status":400}""").RootElement).IsValid);
        Assert.False(schema.Evaluate(JsonDocument.Parse("""{"title":"x","status":400,"errors":{}}""").RootElement).IsValid);
        Assert.False(schema.Evaluate(JsonDocument.Parse("""{"type":"t","title":"x","status":400,"errors":{"limit":"no"}}""").RootElement).IsValid);
    }

    private static List<(string Method, string Route)> Sorted(IEnumerable<(string Method, string Route)> routes) =>
        [.. routes.OrderBy(route => route.Route, StringComparer.Ordinal).ThenBy(route => route.Method, StringComparer.Ordinal)];
}
