using System.Security.Cryptography;
using System.Text;

namespace VideoVault.Storage;

/// <summary>An account name and its key, able to sign strings as Shared Key and SAS require.</summary>
public sealed class StorageSharedKeyCredential
{
    private readonly byte[] _key;

    public StorageSharedKeyCredential(string accountName, string base64Key)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountName);
        ArgumentException.ThrowIfNullOrEmpty(base64Key);
        AccountName = accountName;
        try
        {
            _key = Convert.FromBase64String(base64Key);
        }
        catch (FormatException exception)
        {
            throw new FormatException("The storage account key is not valid base64.", exception);
        }
    }

    public string AccountName { get; }

    public string Sign(string stringToSign) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(stringToSign)));

    /// <summary>Keeps the key out of logs and debugger displays.</summary>
    public override string ToString() => $"SharedKey({AccountName})";
}
