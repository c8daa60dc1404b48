using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using VideoVault.Catalog;
using VideoVault.Tasks;

namespace VideoVault.Http;

/// <summary>
/// <c>GET /api/models</c>: the catalog's enabled entries with their inputs, allowed values and prices, so callers
/// and the console can build requests. The catalog is fixed when the host starts, so the answer is built once.
/// </summary>
internal sealed class ModelsEndpoint(ModelCatalog catalog)
{
    private static readonly string[] ChatModels = [ModelNames.Sora2Preview, ModelNames.Sora2HdPreview];

    private readonly Lazy<byte[]> _answer = new(() => JsonSerializer.SerializeToUtf8Bytes(
        new ModelListView([.. catalog.Enabled.Select(View)], ChatModels), ModelsJsonContext.Default.ModelListView));

    public FileContentHttpResult List() => TypedResults.Bytes(_answer.Value, "application/json");

    private static ModelView View(CatalogEntry entry) => new(
        entry.Id,
        entry.Family,
        entry.Model,
        entry.TaskType,
        [.. entry.Fields.Select(Input)],
        entry.Price is { } price ? Price(price) : null,
        entry.CanCancel,
        entry.Unverified.Count == 0,
        entry.Unverified,
        entry.VideoPath,
        entry.PosterPath);

    private static ModelInputView Input(InputField field) => new(
        field.Name,
        InputValues.TypeName(field.Kind),
        field.Required,
        field.Pinned,
        field.Allowed is { } allowed ? [.. allowed.Select(value => InputValues.Typed(field, value))] : null,
        field.Min,
        field.Max,
        InputValues.MaxLength(field),
        InputValues.MaxItems(field),
        field.Default is { } value ? InputValues.Typed(field, value) : null);

    private static ModelPriceView Price(ModelPrice price) => new(
        JsonNamingPolicy.SnakeCaseLower.ConvertName(price.Unit.ToString()),
        price.Usd,
        price.Unit == PriceUnit.PerSecond ? price.DurationField : null,
        [.. price.Rules.Select(rule => new ModelPriceRuleView(rule.When, rule.Usd))]);
}
