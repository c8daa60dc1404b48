namespace VideoVault.Storage;

/// <summary>The Table Storage operations VideoVault uses. Conflicts surface as <see cref="Azure.RequestFailedException"/> with status 409 or 412.</summary>
public interface ITableStore
{
    Task CreateTableIfNotExistsAsync(string table, CancellationToken cancellationToken);

    /// <returns>The entity, or null when it does not exist.</returns>
    Task<TableEntity?> GetEntityAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken);

    /// <returns>The new ETag. Throws with status 409 when the entity exists.</returns>
    Task<string> InsertAsync(string table, TableEntity entity, CancellationToken cancellationToken);

    /// <summary>Merges the entity's properties into the stored ones when its ETag is still <paramref name="ifMatch"/> ("*" for any).</summary>
    /// <returns>The new ETag. Throws with status 412 on a stale ETag, 404 when missing.</returns>
    Task<string> MergeAsync(string table, TableEntity entity, string ifMatch, CancellationToken cancellationToken);

    /// <summary>Replaces all properties when the ETag is still <paramref name="ifMatch"/> ("*" for any).</summary>
    Task<string> ReplaceAsync(string table, TableEntity entity, string ifMatch, CancellationToken cancellationToken);

    /// <returns>Whether an entity was deleted.</returns>
    Task<bool> DeleteAsync(string table, string partitionKey, string rowKey, string ifMatch, CancellationToken cancellationToken);

    /// <summary>One page of a query; pass <see cref="TablePage.Continuation"/> back for the next.</summary>
    Task<TablePage> QueryAsync(string table, TableQuery query, CancellationToken cancellationToken);
}
