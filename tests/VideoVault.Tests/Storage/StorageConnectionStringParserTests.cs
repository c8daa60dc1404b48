using VideoVault.Storage;

namespace VideoVault.Tests.Storage;

public sealed class StorageConnectionStringParserTests
{
    private const string Key = "a2V5LWJ5dGVzLWZvci10ZXN0cy1vbmx5LW5vdC1hLXJlYWwta2V5LTAxMjM0NTY3ODk=";

    [Fact]
    public void Development_storage_uses_the_emulator_account_and_its_default_ports()
    {
        var connection = StorageConnection.Parse("UseDevelopmentStorage=true");

        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), connection.BlobEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), connection.QueueEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), connection.TableEndpoint);
        Assert.Equal("devstoreaccount1", connection.AccountName);
        Assert.Equal("devstoreaccount1", connection.SharedKey?.AccountName);
        Assert.Null(connection.TokenCredential);
    }

    [Fact]
    public void Development_storage_honours_a_proxy_uri()
    {
        var connection = StorageConnection.Parse("UseDevelopmentStorage=true;DevelopmentStorageProxyUri=http://azurite.local/");

        Assert.Equal(new Uri("http://azurite.local:10000/devstoreaccount1"), connection.BlobEndpoint);
        Assert.Equal(new Uri("http://azurite.local:10001/devstoreaccount1"), connection.QueueEndpoint);
        Assert.Equal(new Uri("http://azurite.local:10002/devstoreaccount1"), connection.TableEndpoint);
    }

    [Fact]
    public void An_account_key_connection_string_builds_the_endpoints_from_protocol_account_and_suffix()
    {
        var connection = StorageConnection.Parse($"DefaultEndpointsProtocol=http;AccountName=vault;AccountKey={Key};EndpointSuffix=core.chinacloudapi.cn");

        Assert.Equal(new Uri("http://vault.blob.core.chinacloudapi.cn"), connection.BlobEndpoint);
        Assert.Equal(new Uri("http://vault.queue.core.chinacloudapi.cn"), connection.QueueEndpoint);
        Assert.Equal(new Uri("http://vault.table.core.chinacloudapi.cn"), connection.TableEndpoint);
        Assert.Equal("vault", connection.AccountName);
    }

    [Fact]
    public void Protocol_and_suffix_default_to_https_and_the_public_cloud()
    {
        var connection = StorageConnection.Parse($"AccountName=vault;AccountKey={Key}");

        Assert.Equal(new Uri("https://vault.blob.core.windows.net"), connection.BlobEndpoint);
        Assert.Equal(new Uri("https://vault.queue.core.windows.net"), connection.QueueEndpoint);
        Assert.Equal(new Uri("https://vault.table.core.windows.net"), connection.TableEndpoint);
    }

    [Fact]
    public void Explicit_endpoints_win_and_lose_their_trailing_slash()
    {
        var connection = StorageConnection.Parse(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};" +
            "BlobEndpoint=http://127.0.0.1:21000/devstoreaccount1/;QueueEndpoint=http://127.0.0.1:21001/devstoreaccount1;TableEndpoint=https://tables.example.com/");

        Assert.Equal("http://127.0.0.1:21000/devstoreaccount1", connection.BlobEndpoint.AbsoluteUri);
        Assert.Equal("http://127.0.0.1:21001/devstoreaccount1", connection.QueueEndpoint.AbsoluteUri);
        Assert.Equal("https://tables.example.com", connection.TableEndpoint.AbsoluteUri.TrimEnd('/'));
    }

    [Fact]
    public void Names_are_case_insensitive_and_whitespace_and_trailing_semicolons_are_ignored()
    {
        var connection = StorageConnection.Parse($"  defaultendpointsprotocol = https ;ACCOUNTNAME= vault ; accountKEY={Key} ;; ");

        Assert.Equal("vault", connection.AccountName);
        Assert.Equal(new Uri("https://vault.blob.core.windows.net"), connection.BlobEndpoint);
    }

    [Fact]
    public void The_key_signs_with_the_decoded_bytes()
    {
        var connection = StorageConnection.Parse($"AccountName=vault;AccountKey={Key}");
        var expected = Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(Convert.FromBase64String(Key), "abc"u8));

        Assert.Equal(expected, connection.SharedKey!.Sign("abc"));
        Assert.DoesNotContain(Key, connection.SharedKey.ToString(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> Invalid => new()
    {
        { "", "empty" },
        { "   ", "empty" },
        { "AccountName=vault", "AccountKey" },
        { $"AccountKey={Key}", "AccountName" },
        { "AccountName=vault;AccountKey=", "AccountKey" },
        { "AccountName=vault;AccountKey=not*base64!", "base64" },
        { $"AccountName=vault;AccountName=other;AccountKey={Key}", "twice" },
        { $"AccountName=vault;accountkey={Key};AccountKey={Key}", "twice" },
        { $"AccountName=vault;AccountKey={Key};BlobEndpoint=ftp://files.example.com", "BlobEndpoint" },
        { $"AccountName=vault;AccountKey={Key};QueueEndpoint=/relative", "QueueEndpoint" },
        { $"AccountName=vault;AccountKey={Key};JustAWord", "=" },
        { $"AccountName=vault;AccountKey={Key};=value", "=" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_connection_strings_throw_a_format_error_that_never_shows_the_key(string connectionString, string mentions)
    {
        var error = Assert.ThrowsAny<FormatException>(() => StorageConnection.Parse(connectionString));

        Assert.Contains(mentions, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Key, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("not*base64!", error.ToString(), StringComparison.Ordinal);
    }
}
