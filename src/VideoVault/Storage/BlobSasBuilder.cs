using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace VideoVault.Storage;

/// <summary>Read-only blob SAS query strings, with the string-to-sign layouts of the pinned service version.</summary>
internal static class BlobSasBuilder
{
    private const string ReadPermission = "r";
    private const string BlobResource = "b";

    public static string ServiceSas(StorageSharedKeyCredential key, string container, string blobName, DateTimeOffset start, DateTimeOffset expiry, string protocol)
    {
        var (st, se) = (Format(start), Format(expiry));
        string[] lines =
        [
            ReadPermission, st, se, CanonicalName(key.AccountName, container, blobName),
            string.Empty, // signed identifier
            string.Empty, // signed IP
            protocol, StorageServiceVersion.Current, BlobResource,
            string.Empty, // snapshot time
            string.Empty, // encryption scope
            string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, // rscc, rscd, rsce, rscl, rsct
        ];
        var signature = key.Sign(string.Join('\n', lines));
        return Query(("sv", StorageServiceVersion.Current), ("spr", protocol), ("st", st), ("se", se), ("sr", BlobResource), ("sp", ReadPermission), ("sig", signature));
    }

    public static string UserDelegationSas(UserDelegationKey key, string accountName, string container, string blobName, DateTimeOffset start, DateTimeOffset expiry, string protocol)
    {
        var (st, se) = (Format(start), Format(expiry));
        string[] lines =
        [
            ReadPermission, st, se, CanonicalName(accountName, container, blobName),
            key.SignedObjectId, key.SignedTenantId, key.SignedStart, key.SignedExpiry, key.SignedService, key.SignedVersion,
            string.Empty, // authorized user object id
            string.Empty, // unauthorized user object id
            string.Empty, // correlation id
            string.Empty, // delegated user tenant id (2025-07-05)
            string.Empty, // delegated user object id (2025-07-05)
            string.Empty, // signed IP
            protocol, StorageServiceVersion.Current, BlobResource,
            string.Empty, // snapshot time
            string.Empty, // encryption scope
            string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, // rscc, rscd, rsce, rscl, rsct
        ];
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(key.Value), Encoding.UTF8.GetBytes(string.Join('\n', lines))));
        return Query(
            ("sv", StorageServiceVersion.Current), ("spr", protocol), ("st", st), ("se", se), ("sr", BlobResource), ("sp", ReadPermission),
            ("skoid", key.SignedObjectId), ("sktid", key.SignedTenantId), ("skt", key.SignedStart), ("ske", key.SignedExpiry),
            ("sks", key.SignedService), ("skv", key.SignedVersion), ("sig", signature));
    }

    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string CanonicalName(string accountName, string container, string blobName) =>
        $"/blob/{accountName}/{container}/{blobName}";

    private static string Query(params (string Name, string Value)[] parameters) =>
        string.Join('&', parameters.Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value)}"));
}
