using System.Xml.Linq;
using Azure;

namespace VideoVault.Storage;

internal static class StorageXml
{
    /// <summary>Loads from the stream rather than a string so a byte-order mark cannot break parsing.</summary>
    public static XElement Read(Response response)
    {
        using var stream = response.Content.ToStream();
        return XDocument.Load(stream).Root ?? throw new InvalidOperationException("The storage service answered with an empty XML document.");
    }
}
