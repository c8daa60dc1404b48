using System.Text;
using System.Text.Json;
using VideoVault.Storage;

namespace VideoVault.Tests.Storage;

/// <summary>The Table service's JSON with OData type annotations, written and read for every supported type.</summary>
public sealed class TableEntityJsonTests
{
    private static readonly DateTimeOffset Time = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)).AddTicks(1_234_567);
    private static readonly Guid Id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

    [Fact]
    public void Write_annotates_the_types_json_cannot_carry_alone()
    {
        var entity = new TableEntity("p1", "r2")
        {
            ["Text"] = "plain",
            ["Int"] = 42,
            ["Long"] = 9_007_199_254_740_993L,
            ["Double"] = 2.0,
            ["Half"] = 0.5,
            ["NaN"] = double.NaN,
            ["PositiveInfinity"] = double.PositiveInfinity,
            ["NegativeInfinity"] = double.NegativeInfinity,
            ["Flag"] = true,
            ["Time"] = Time,
            ["Id"] = Id,
            ["Bytes"] = new byte[] { 0, 255, 1 },
            ["Nothing"] = null,
        };

        var json = Encoding.UTF8.GetString(TableEntityJson.Write(entity));

        Assert.Equal(
            "{\"PartitionKey\":\"p1\",\"RowKey\":\"r2\"," +
            "\"Text\":\"plain\"," +
            "\"Int\":42," +
            "\"Long@odata.type\":\"Edm.Int64\",\"Long\":\"9007199254740993\"," +
            "\"Double@odata.type\":\"Edm.Double\",\"Double\":2," +
            "\"Half@odata.type\":\"Edm.Double\",\"Half\":0.5," +
            "\"NaN@odata.type\":\"Edm.Double\",\"NaN\":\"NaN\"," +
            "\"PositiveInfinity@odata.type\":\"Edm.Double\",\"PositiveInfinity\":\"Infinity\"," +
            "\"NegativeInfinity@odata.type\":\"Edm.Double\",\"NegativeInfinity\":\"-Infinity\"," +
            "\"Flag\":true," +
            "\"Time@odata.type\":\"Edm.DateTime\",\"Time\":\"2025-03-04T03:06:07.1234567Z\"," +
            "\"Id@odata.type\":\"Edm.Guid\",\"Id\":\"0f8fad5b-d9cb-469f-a165-70867728950e\"," +
            "\"Bytes@odata.type\":\"Edm.Binary\",\"Bytes\":\"AP8B\"," +
            "\"Nothing\":null}",
            json);
    }

    [Fact]
    public void Keys_and_text_with_quotes_and_unicode_are_escaped_as_valid_json()
    {
        var entity = new TableEntity("it's", "a\"b/ü") { ["Text"] = "<é & \\>" };

        using var document = JsonDocument.Parse(TableEntityJson.Write(entity));

        Assert.Equal("it's", document.RootElement.GetProperty("PartitionKey").GetString());
        Assert.Equal("a\"b/ü", document.RootElement.GetProperty("RowKey").GetString());
        Assert.Equal("<é & \\>", document.RootElement.GetProperty("Text").GetString());
    }

    [Fact]
    public void Write_refuses_types_table_storage_cannot_hold()
    {
        var entity = new TableEntity("p", "r") { ["Amount"] = 1.5m };

        var error = Assert.Throws<NotSupportedException>(() => TableEntityJson.Write(entity));

        Assert.Contains("Amount", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_turns_annotations_back_into_types()
    {
        const string json = """
            {
              "odata.etag": "W/\"datetime'2025-03-04T05%3A06%3A07.1234567Z'\"",
              "PartitionKey": "p", "RowKey": "r",
              "Timestamp": "2025-03-04T05:06:07.1234567Z",
              "Text": "hé", "EmptyText": "",
              "Int": 42, "Negative": -7,
              "Long@odata.type": "Edm.Int64", "Long": "-9007199254740993",
              "Double@odata.type": "Edm.Double", "Double": 2,
              "Fraction": 0.25,
              "NaN@odata.type": "Edm.Double", "NaN": "NaN",
              "Infinity@odata.type": "Edm.Double", "Infinity": "-Infinity",
              "Flag": false,
              "Time@odata.type": "Edm.DateTime", "Time": "2025-03-04T03:06:07.1234567Z",
              "Id@odata.type": "Edm.Guid", "Id": "0f8fad5b-d9cb-469f-a165-70867728950e",
              "Bytes@odata.type": "Edm.Binary", "Bytes": "AP8B",
              "Nothing": null
            }
            """;
        using var document = JsonDocument.Parse(json);

        var entity = TableEntityJson.Read(document.RootElement, null);

        Assert.Equal("p", entity.PartitionKey);
        Assert.Equal("r", entity.RowKey);
        Assert.Equal("W/\"datetime'2025-03-04T05%3A06%3A07.1234567Z'\"", entity.ETag);
        Assert.Equal(new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero).AddTicks(1_234_567), entity.Timestamp);
        Assert.Equal("hé", entity["Text"]);
        Assert.Equal(string.Empty, entity["EmptyText"]);
        Assert.Equal(42, Assert.IsType<int>(entity["Int"]));
        Assert.Equal(-7, Assert.IsType<int>(entity["Negative"]));
        Assert.Equal(-9_007_199_254_740_993L, Assert.IsType<long>(entity["Long"]));
        Assert.Equal(2.0, Assert.IsType<double>(entity["Double"]));
        Assert.Equal(0.25, Assert.IsType<double>(entity["Fraction"]));
        Assert.True(double.IsNaN(Assert.IsType<double>(entity["NaN"])));
        Assert.Equal(double.NegativeInfinity, Assert.IsType<double>(entity["Infinity"]));
        Assert.False(Assert.IsType<bool>(entity["Flag"]));
        Assert.Equal(Time, Assert.IsType<DateTimeOffset>(entity["Time"]));
        Assert.Equal(Id, Assert.IsType<Guid>(entity["Id"]));
        Assert.Equal([0, 255, 1], Assert.IsType<byte[]>(entity["Bytes"]));
        Assert.True(entity.Properties.ContainsKey("Nothing"));
        Assert.Null(entity["Nothing"]);
        Assert.Equal(14, entity.Properties.Count);
    }

    [Fact]
    public void A_response_etag_wins_over_the_body_etag()
    {
        using var document = JsonDocument.Parse("""{"odata.etag":"body","PartitionKey":"p","RowKey":"r"}""");

        Assert.Equal("header", TableEntityJson.Read(document.RootElement, "header").ETag);
    }

    [Fact]
    public void Every_type_survives_a_write_read_round_trip()
    {
        var entity = new TableEntity("p", "r")
        {
            ["Text"] = "x",
            ["Int"] = int.MinValue,
            ["Long"] = long.MaxValue,
            ["Double"] = -0.1,
            ["Whole"] = 1e15,
            ["Flag"] = true,
            ["Time"] = DateTimeOffset.MaxValue.AddTicks(-1).ToUniversalTime(),
            ["Id"] = Id,
            ["Bytes"] = Array.Empty<byte>(),
        };

        using var document = JsonDocument.Parse(TableEntityJson.Write(entity));
        var read = TableEntityJson.Read(document.RootElement, null);

        Assert.Equal(entity.Properties.Count, read.Properties.Count);
        foreach (var (name, value) in entity.Properties)
        {
            Assert.Equal(value, read[name]);
            Assert.Equal(value!.GetType(), read[name]!.GetType());
        }
    }

    [Fact]
    public void Typed_getters_widen_numbers_but_never_guess_across_kinds()
    {
        var entity = new TableEntity("p", "r") { ["Int"] = 5, ["Long"] = 5L, ["Big"] = long.MaxValue, ["Text"] = "5" };

        Assert.Equal(5, entity.GetInt32("Long"));
        Assert.Null(entity.GetInt32("Big"));
        Assert.Equal(5L, entity.GetInt64("Int"));
        Assert.Equal(5.0, entity.GetDouble("Int"));
        Assert.Null(entity.GetInt32("Text"));
        Assert.Null(entity.GetString("Int"));
        Assert.Null(entity.GetString("Missing"));
    }
}
