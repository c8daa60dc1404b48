namespace VideoVault.Storage;

/// <summary>The key Get User Delegation Key returns; signs user delegation SAS tokens until it expires.</summary>
internal sealed record UserDelegationKey(
    string SignedObjectId,
    string SignedTenantId,
    string SignedStart,
    string SignedExpiry,
    string SignedService,
    string SignedVersion,
    string Value)
{
    public DateTimeOffset ExpiresOn => DateTimeOffset.Parse(SignedExpiry, System.Globalization.CultureInfo.InvariantCulture);
}
