using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Azure.Core;

namespace VideoVault.Storage;

/// <summary>Queue Storage over the REST API through an Azure.Core pipeline.</summary>
public sealed class QueueStore(StorageConnection connection, StorageClientOptions options, TimeProvider timeProvider, QueueMessageEncoding encoding = QueueMessageEncoding.Base64)
    : IQueueStore
{
    private readonly StorageServiceClient _client = new(connection.QueueEndpoint, connection, SharedKeyFlavor.BlobOrQueue, options, timeProvider);

    public async Task CreateQueueIfNotExistsAsync(string queue, CancellationToken cancellationToken)
    {
        using var message = _client.CreateMessage(RequestMethod.Put, Uri.EscapeDataString(queue));
        await _client.SendAsync(message, cancellationToken, 201, 204).ConfigureAwait(false);
    }

    public async Task<QueueMessageReceipt> SendAsync(string queue, string text, TimeSpan? visibilityDelay, TimeSpan? timeToLive, CancellationToken cancellationToken)
    {
        using var message = _client.CreateMessage(RequestMethod.Post, MessagesPath(queue));
        if (visibilityDelay is { } delay && delay > TimeSpan.Zero)
        {
            message.Request.Uri.AppendQuery("visibilitytimeout", Seconds(delay));
        }

        if (timeToLive is { } ttl)
        {
            message.Request.Uri.AppendQuery("messagettl", ttl == Timeout.InfiniteTimeSpan ? "-1" : Seconds(ttl));
        }

        SetXmlContent(message.Request, new XElement("QueueMessage", new XElement("MessageText", Encode(text))));
        var response = await _client.SendAsync(message, cancellationToken, 201).ConfigureAwait(false);
        var sent = StorageXml.Read(response).Element("QueueMessage")!;
        return new QueueMessageReceipt(sent.Element("MessageId")!.Value, sent.Element("PopReceipt")!.Value, Time(sent.Element("TimeNextVisible")));
    }

    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(string queue, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, 32);
        using var message = _client.CreateMessage(RequestMethod.Get, MessagesPath(queue));
        message.Request.Uri.AppendQuery("numofmessages", maxMessages.ToString(CultureInfo.InvariantCulture));
        message.Request.Uri.AppendQuery("visibilitytimeout", Seconds(visibilityTimeout));
        var response = await _client.SendAsync(message, cancellationToken, 200).ConfigureAwait(false);
        return StorageXml.Read(response).Elements("QueueMessage").Select(m => new QueueMessage(
            m.Element("MessageId")!.Value,
            m.Element("PopReceipt")!.Value,
            long.Parse(m.Element("DequeueCount")!.Value, CultureInfo.InvariantCulture),
            Decode(m.Element("MessageText")?.Value ?? string.Empty),
            Time(m.Element("InsertionTime")),
            Time(m.Element("TimeNextVisible")))).ToList();
    }

    public async Task<QueueMessageReceipt> UpdateVisibilityAsync(string queue, string messageId, string popReceipt, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        using var message = _client.CreateMessage(RequestMethod.Put, MessagePath(queue, messageId));
        message.Request.Uri.AppendQuery("popreceipt", popReceipt);
        message.Request.Uri.AppendQuery("visibilitytimeout", Seconds(visibilityTimeout));
        var response = await _client.SendAsync(message, cancellationToken, 204).ConfigureAwait(false);
        response.Headers.TryGetValue("x-ms-popreceipt", out var newReceipt);
        response.Headers.TryGetValue("x-ms-time-next-visible", out var nextVisible);
        return new QueueMessageReceipt(
            messageId,
            newReceipt ?? throw new InvalidOperationException("Update Message answered without a pop receipt."),
            nextVisible is null ? null : DateTimeOffset.Parse(nextVisible, CultureInfo.InvariantCulture));
    }

    public async Task DeleteAsync(string queue, string messageId, string popReceipt, CancellationToken cancellationToken)
    {
        using var message = _client.CreateMessage(RequestMethod.Delete, MessagePath(queue, messageId));
        message.Request.Uri.AppendQuery("popreceipt", popReceipt);
        await _client.SendAsync(message, cancellationToken, 204).ConfigureAwait(false);
    }

    private string Encode(string text) =>
        encoding == QueueMessageEncoding.Base64 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(text)) : text;

    private string Decode(string text) =>
        encoding == QueueMessageEncoding.Base64 ? Encoding.UTF8.GetString(Convert.FromBase64String(text)) : text;

    private static string MessagesPath(string queue) => Uri.EscapeDataString(queue) + "/messages";

    private static string MessagePath(string queue, string messageId) => MessagesPath(queue) + "/" + Uri.EscapeDataString(messageId);

    private static string Seconds(TimeSpan span) =>
        ((long)Math.Ceiling(span.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private static DateTimeOffset? Time(XElement? element) =>
        element is null ? null : DateTimeOffset.Parse(element.Value, CultureInfo.InvariantCulture);

    private static void SetXmlContent(Request request, XElement body)
    {
        request.Headers.SetValue(HttpHeader.Names.ContentType, "application/xml");
        request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(body.ToString(SaveOptions.DisableFormatting)));
    }
}
