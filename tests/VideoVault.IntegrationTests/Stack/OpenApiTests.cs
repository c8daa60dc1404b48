using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VideoVault.Catalog;
using VideoVault.Http;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.Tests.Http;

namespace VideoVault.IntegrationTests.Stack;

/// <summary>The running dev host serves the OpenAPI document, and its real answers fit the schemas the document gives them.</summary>
public sealed class OpenApiTests(AzuriteFixture azurite) : StackTest(azurite)
{
    private JsonNode Document { get; set; } = null!;

    [Fact]
    public async Task The_dev_host_serves_the_embedded_document_completed_with_its_catalogs_models()
    {
        using var response = await Stack.Api.GetAsync("api/openapi.json");
        var served = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Stack.DevHostServices.GetRequiredService<OpenApiEndpoint>().Bytes.ToArray(), served);
        var schemas = JsonNode.Parse(served)!["components"]!["schemas"]!.AsObject();
        var catalog = Stack.DevHostServices.GetRequiredService<ModelCatalog>();
        Assert.Equal(
            catalog.Enabled.Select(entry => entry.Id),
            schemas.Where(schema => schema.Value![OpenApiModelSchemas.EntryExtension] is not null).Select(schema => schema.Value![OpenApiModelSchemas.EntryExtension]!.GetValue<string>()));
    }

    [Fact]
    public async Task Real_answers_fit_the_documents_schemas()
    {
        Document = JsonNode.Parse(await Stack.Api.GetStringAsync("api/openapi.json"))!;
        using var submitted = await Stack.Api.PostAsJsonAsync("api/tasks", TestStack.SubmitBody(Prompt()));
        var id = (await AssertFitsAsync(submitted, "/tasks", "post", HttpStatusCode.Accepted, "application/json")).GetProperty("id").GetString()!;

        var task = await Stack.WaitForTerminalAsync(id);
        Assert.Equal("archived", Status(task));

        using var read = await Stack.Api.GetAsync($"api/tasks/{id}");
        await AssertFitsAsync(read, "/tasks/{id}", "get", HttpStatusCode.OK, "application/json");

        using var list = await Stack.Api.GetAsync("api/tasks?limit=5");
        await AssertFitsAsync(list, "/tasks", "get", HttpStatusCode.OK, "application/json");

        using var events = await Stack.Api.GetAsync($"api/tasks/{id}/events");
        await AssertFitsAsync(events, "/tasks/{id}/events", "get", HttpStatusCode.OK, "application/json");

        using var invalid = await Stack.Api.PostAsync("api/tasks", new StringContent("""{"model":"sora2","task_type":"sora2-video","input":{}}""", Encoding.UTF8, "application/json"));
        await AssertFitsAsync(invalid, "/tasks", "post", HttpStatusCode.BadRequest, "application/problem+json");

        using var missing = await Stack.Api.GetAsync($"api/tasks/{new string('0', 32)}");
        await AssertFitsAsync(missing, "/tasks/{id}", "get", HttpStatusCode.NotFound, "application/problem+json");

        using var noEvent = await Stack.Api.PostAsync($"api/tasks/{id}/events/evt_{id}_000009/redeliver", null);
        await AssertFitsAsync(noEvent, "/tasks/{id}/events/{eventId}/redeliver", "post", HttpStatusCode.NotFound, "application/problem+json");

        using var models = await Stack.Api.GetAsync("api/models");
        await AssertFitsAsync(models, "/models", "get", HttpStatusCode.OK, "application/json");
    }

    private async Task<JsonElement> AssertFitsAsync(HttpResponseMessage response, string path, string method, HttpStatusCode status, string mediaType)
    {
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        Assert.True(status == response.StatusCode, $"{method} {path}: {(int)response.StatusCode} {body}");
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);

        var described = OpenApiExamples.Resolve(Document, Document["paths"]![path]![method]!["responses"]![((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture)]!);
        var schema = OpenApiExamples.Schema(described["content"]![mediaType]!["schema"]!, Document["components"]!["schemas"]!);
        var result = schema.Evaluate(body);
        Assert.True(result.IsValid, $"{method} {path} {(int)status} does not fit its schema: {body}");
        return body;
    }
}
