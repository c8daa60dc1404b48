namespace VideoVault.Storage;

/// <param name="Filter">An OData $filter, e.g. <c>PartitionKey eq 'p' and Status eq 'archived'</c>; see <see cref="TableFilter"/> for quoting.</param>
/// <param name="Select">Property names to return; null for all.</param>
/// <param name="Top">Most entities in this page (the service caps a page at 1,000).</param>
/// <param name="Continuation">Where the previous page stopped.</param>
public sealed record TableQuery(string? Filter = null, IReadOnlyList<string>? Select = null, int? Top = null, TableContinuation? Continuation = null);

/// <summary>The service's continuation headers, to be sent back as query parameters.</summary>
public sealed record TableContinuation(string NextPartitionKey, string? NextRowKey);

public sealed record TablePage(IReadOnlyList<TableEntity> Entities, TableContinuation? Continuation);
