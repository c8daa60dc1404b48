using Azure.Core;
using Azure.Core.Pipeline;
using VideoVault.Storage;

namespace VideoVault.Tests.Storage;

/// <summary>The Blob/Queue and Table layouts of the Shared Key REST reference, spelled out line by line.</summary>
public sealed class SharedKeyStringToSignTests
{
    private const string Date = "Tue, 04 Mar 2025 05:06:07 GMT";

    private static Request NewRequest(RequestMethod method, string uri)
    {
        var request = HttpClientTransport.Shared.CreateRequest();
        request.Method = method;
        request.Uri.Reset(new Uri(uri));
        request.Headers.SetValue("x-ms-date", Date);
        request.Headers.SetValue("x-ms-version", "2025-11-05");
        return request;
    }

    [Fact]
    public void Blob_query_parameters_are_lower_cased_decoded_sorted_and_repeated_values_joined()
    {
        var request = NewRequest(RequestMethod.Get, "https://vault.blob.core.windows.net/videos?restype=container&Comp=list&prefix=a%20b%2Fc&include=snapshots&include=metadata");

        var text = SharedKeyStringToSign.ForBlobOrQueue(request, "vault");

        Assert.Equal(
            "GET\n" +
            "\n\n\n\n\n\n\n\n\n\n\n" +
            "x-ms-date:" + Date + "\n" +
            "x-ms-version:2025-11-05\n" +
            "/vault/videos\n" +
            "comp:list\n" +
            "include:metadata,snapshots\n" +
            "prefix:a b/c\n" +
            "restype:container",
            text);
    }

    [Fact]
    public void Standard_headers_take_their_fixed_slots()
    {
        var request = NewRequest(RequestMethod.Put, "https://vault.blob.core.windows.net/videos/a.mp4?comp=blocklist");
        request.Headers.SetValue("Content-Encoding", "gzip");
        request.Headers.SetValue("Content-Language", "en");
        request.Headers.SetValue("Content-MD5", "Q2hlY2sgSW50ZWdyaXR5IQ==");
        request.Headers.SetValue("Content-Type", "application/xml");
        request.Headers.SetValue("If-Match", "\"0x8D\"");
        request.Headers.SetValue("If-None-Match", "*");
        request.Headers.SetValue("Range", "bytes=0-99");
        request.Content = RequestContent.Create("<BlockList/>"u8.ToArray());

        var text = SharedKeyStringToSign.ForBlobOrQueue(request, "vault");

        Assert.Equal(
            "PUT\n" +
            "gzip\n" +
            "en\n" +
            "12\n" +
            "Q2hlY2sgSW50ZWdyaXR5IQ==\n" +
            "application/xml\n" +
            "\n" + // Date: x-ms-date is used instead
            "\n" + // If-Modified-Since
            "\"0x8D\"\n" +
            "*\n" +
            "\n" + // If-Unmodified-Since
            "bytes=0-99\n" +
            "x-ms-date:" + Date + "\n" +
            "x-ms-version:2025-11-05\n" +
            "/vault/videos/a.mp4\n" +
            "comp:blocklist",
            text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void No_content_or_empty_content_leaves_the_length_line_empty(bool emptyContent)
    {
        var request = NewRequest(RequestMethod.Put, "https://vault.blob.core.windows.net/videos?restype=container");
        if (emptyContent)
        {
            request.Content = RequestContent.Create(Array.Empty<byte>());
        }

        var lines = SharedKeyStringToSign.ForBlobOrQueue(request, "vault").Split('\n');

        Assert.Equal("PUT", lines[0]);
        Assert.Equal(string.Empty, lines[3]);
    }

    [Fact]
    public void X_ms_headers_are_lower_cased_sorted_trimmed_and_repeated_values_comma_joined()
    {
        var request = NewRequest(RequestMethod.Put, "https://vault.blob.core.windows.net/videos/a.mp4");
        request.Headers.SetValue("X-MS-Meta-Zeta", "  last  ");
        request.Headers.SetValue("x-ms-META-alpha", "first");
        request.Headers.Add("x-ms-meta-multi", "one");
        request.Headers.Add("x-ms-meta-multi", "two");
        request.Headers.SetValue("X-Not-Signed", "ignored");

        var text = SharedKeyStringToSign.ForBlobOrQueue(request, "vault");

        Assert.EndsWith(
            "\n" +
            "x-ms-date:" + Date + "\n" +
            "x-ms-meta-alpha:first\n" +
            "x-ms-meta-multi:one,two\n" +
            "x-ms-meta-zeta:last\n" +
            "x-ms-version:2025-11-05\n" +
            "/vault/videos/a.mp4",
            text);
        Assert.DoesNotContain("ignored", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Path_style_emulator_urls_repeat_the_account_in_the_canonical_resource()
    {
        var request = NewRequest(RequestMethod.Delete, "http://127.0.0.1:10001/devstoreaccount1/task-work/messages/0e1b?popreceipt=AgAAAA%3D%3D");

        var text = SharedKeyStringToSign.ForBlobOrQueue(request, "devstoreaccount1");

        Assert.EndsWith("\n/devstoreaccount1/devstoreaccount1/task-work/messages/0e1b\npopreceipt:AgAAAA==", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Escaped_blob_names_stay_escaped_in_the_canonical_resource()
    {
        var request = NewRequest(RequestMethod.Head, "https://vault.blob.core.windows.net/videos/with%20space/vid%C3%A9o.mp4");

        var text = SharedKeyStringToSign.ForBlobOrQueue(request, "vault");

        Assert.EndsWith("\n/vault/videos/with%20space/vid%C3%A9o.mp4", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_service_root_is_signed_as_a_slash()
    {
        var request = NewRequest(RequestMethod.Post, "https://vault.blob.core.windows.net/?restype=service&comp=userdelegationkey");

        var text = SharedKeyStringToSign.ForBlobOrQueue(request, "vault");

        Assert.EndsWith("\n/vault/\ncomp:userdelegationkey\nrestype:service", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_signs_verb_md5_type_date_and_resource_with_only_the_comp_parameter()
    {
        var request = NewRequest(RequestMethod.Get, "http://127.0.0.1:10002/devstoreaccount1/tasks(PartitionKey='p',RowKey='r')?comp=acl&$select=Status&timeout=30");
        request.Headers.SetValue("Content-MD5", "bWQ1");
        request.Headers.SetValue("Content-Type", "application/json");
        request.Headers.SetValue("x-ms-meta-ignored", "not signed in the table layout");

        var text = SharedKeyStringToSign.ForTable(request, "devstoreaccount1");

        Assert.Equal(
            "GET\n" +
            "bWQ1\n" +
            "application/json\n" +
            Date + "\n" +
            "/devstoreaccount1/devstoreaccount1/tasks(PartitionKey='p',RowKey='r')?comp=acl",
            text);
    }

    [Fact]
    public void Table_without_comp_signs_the_bare_path()
    {
        var request = NewRequest(RequestMethod.Post, "https://vault.table.core.windows.net/Tables");
        request.Headers.SetValue("Content-Type", "application/json");
        request.Content = RequestContent.Create("{}"u8.ToArray());

        var text = SharedKeyStringToSign.For(SharedKeyFlavor.Table, request, "vault");

        Assert.Equal("POST\n\napplication/json\n" + Date + "\n/vault/Tables", text);
    }

    [Fact]
    public void Flavor_blob_or_queue_uses_the_blob_layout()
    {
        var request = NewRequest(RequestMethod.Get, "https://vault.queue.core.windows.net/work/messages?numofmessages=32");

        Assert.Equal(SharedKeyStringToSign.ForBlobOrQueue(request, "vault"), SharedKeyStringToSign.For(SharedKeyFlavor.BlobOrQueue, request, "vault"));
    }
}
