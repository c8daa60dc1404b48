using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace VideoVault.Tests.Configuration;

/// <summary>
/// A compiled ARM template, evaluated as far as the template alone decides it: literals, parameter
/// defaults, variables and the pure functions the Bicep compiler emits. What only a deployment knows
/// (resource properties, resource ids, unique strings) evaluates to <see cref="Unknown"/>.
/// Values are <c>string</c>, <c>long</c>, <c>bool</c>, <c>null</c>, objects as case-insensitive
/// dictionaries (ARM property names are), arrays as lists, or <see cref="Unknown"/>.
/// </summary>
internal sealed partial class ArmTemplate
{
    /// <summary>A value that only a deployment knows.</summary>
    public static readonly object Unknown = new UnknownValue();

    /// <summary>Functions whose result depends on the deployment; their arguments are not even evaluated.</summary>
    private static readonly HashSet<string> DeploymentFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        "reference", "resourceId", "subscriptionResourceId", "extensionResourceId", "tenantResourceId", "resourceGroup",
        "subscription", "tenant", "deployment", "environment", "uniqueString", "guid", "newGuid", "utcNow",
    };

    private readonly JsonElement root;
    private readonly IReadOnlyDictionary<string, object?> given;

    private ArmTemplate(JsonElement root, IReadOnlyDictionary<string, object?> given)
    {
        this.root = root;
        this.given = given;
    }

    public static ArmTemplate Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return new ArmTemplate(document.RootElement.Clone(), new Dictionary<string, object?>());
    }

    /// <summary>The template as a deployment with these parameter values (by name) evaluates it; the others keep their defaults.</summary>
    public ArmTemplate With(IReadOnlyDictionary<string, object?> parameters) =>
        new(root, new Dictionary<string, object?>(parameters, StringComparer.OrdinalIgnoreCase));

    /// <summary>Whether a deployment creates the resource: its <c>condition</c>, true when it has none.</summary>
    public bool IsDeployed(JsonElement resource) =>
        !resource.TryGetProperty("condition", out var condition) || Evaluate(condition) is true;

    /// <summary>The template's resources of one type (an array, or an object keyed by symbolic name in language version 2.0).</summary>
    public IReadOnlyList<JsonElement> Resources(string type)
    {
        var resources = root.GetProperty("resources");
        var all = resources.ValueKind == JsonValueKind.Object
            ? resources.EnumerateObject().Select(property => property.Value)
            : resources.EnumerateArray();
        return [.. all.Where(resource => string.Equals(resource.GetProperty("type").GetString(), type, StringComparison.OrdinalIgnoreCase))];
    }

    /// <summary>
    /// The segments of a resource's name (<c>site/appsettings</c>), each evaluated on its own, so a
    /// child's own name is known even where its parent's name is built from a unique string.
    /// </summary>
    public IReadOnlyList<object?> NameSegments(JsonElement resource)
    {
        var name = resource.GetProperty("name");
        if (Evaluate(name) is string known)
        {
            return known.Split('/');
        }

        // Bicep names a child resource format('{0}/{1}', <parent's name>, <child's name>).
        if (ArmExpression.Parse(name.GetString()!) is ArmExpression.Call { Function: var function, Arguments: [ArmExpression.Literal { Value: string format }, ..] arguments }
            && function.Equals("format", StringComparison.OrdinalIgnoreCase)
            && SegmentFormat().IsMatch(format))
        {
            return [.. format.Split('/').Select(segment => Evaluate(arguments[1 + int.Parse(segment.Trim('{', '}'), CultureInfo.InvariantCulture)]))];
        }

        throw new NotSupportedException($"Cannot tell the name segments of {name.GetString()}.");
    }

    /// <summary>A template value: JSON, where a string in brackets is an expression.</summary>
    public object? Evaluate(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String when ArmExpression.IsExpression(value.GetString()!) => Evaluate(ArmExpression.Parse(value.GetString()!)),
        JsonValueKind.String => Unescape(value.GetString()!),
        JsonValueKind.Object => ToObject(value.EnumerateObject().Select(property => KeyValuePair.Create<object?, object?>(property.Name, Evaluate(property.Value)))),
        JsonValueKind.Array => value.EnumerateArray().Select(Evaluate).ToList(),
        JsonValueKind.Number => value.GetInt64(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    public object? Evaluate(ArmExpression expression) => expression switch
    {
        ArmExpression.Literal literal => literal.Value,
        ArmExpression.Member member => Evaluate(member.Target) switch
        {
            UnknownValue => Unknown,
            Dictionary<string, object?> target when target.TryGetValue(member.Name, out var value) => value,
            var target => throw new InvalidDataException($"{target} has no property {member.Name}."),
        },
        ArmExpression.Element element => (Evaluate(element.Target), Evaluate(element.Key)) switch
        {
            (UnknownValue, _) or (_, UnknownValue) => Unknown,
            (List<object?> target, long index) => target[(int)index],
            (Dictionary<string, object?> target, string key) => target[key],
            var (target, key) => throw new InvalidDataException($"{target} has no element {key}."),
        },
        ArmExpression.Call call => Call(call),
        _ => throw new NotSupportedException(expression.ToString()),
    };

    private object? Call(ArmExpression.Call call)
    {
        if (DeploymentFunctions.Contains(call.Function))
        {
            return Unknown;
        }

        var arguments = call.Arguments.Select(Evaluate).ToList();
        return call.Function.ToLowerInvariant() switch
        {
            "parameters" => Parameter(Name(arguments)),
            "variables" => Evaluate(Declaration("variables", Name(arguments))),
            "createobject" => ToObject(arguments.Chunk(2).Select(pair => KeyValuePair.Create(pair[0], pair[1]))),
            "union" => Union(arguments),
            "format" => arguments.Contains(Unknown)
                ? Unknown
                : string.Format(CultureInfo.InvariantCulture, (string)arguments[0]!, [.. arguments.Skip(1)]),
            "replace" => arguments.Contains(Unknown)
                ? Unknown
                : arguments is [string text, string oldValue, string newValue] ? text.Replace(oldValue, newValue, StringComparison.Ordinal) : throw new InvalidDataException("replace() of non-strings."),
            "tolower" => arguments[0] switch
            {
                UnknownValue => Unknown,
                string text => text.ToLowerInvariant(),
                var other => throw new InvalidDataException($"toLower() of {other}."),
            },
            "if" => arguments[0] switch
            {
                UnknownValue => Unknown,
                bool condition => condition ? arguments[1] : arguments[2],
                var condition => throw new InvalidDataException($"if() condition {condition} is not a bool."),
            },
            "take" => (arguments[0], arguments[1]) switch
            {
                (UnknownValue, _) or (_, UnknownValue) => Unknown,
                (string text, long count) => text[..(int)Math.Min(count, text.Length)],
                (List<object?> items, long count) => items.Take((int)count).ToList(),
                var (value, count) => throw new InvalidDataException($"take() of {value}, {count}."),
            },
            "string" => arguments[0] switch
            {
                UnknownValue => Unknown,
                string text => text,
                long number => number.ToString(CultureInfo.InvariantCulture),
                var other => throw new NotSupportedException($"string() of {other}."),
            },
            "greater" => Known(arguments, values => (long)values[0]! > (long)values[1]!),
            "or" => Known(arguments, values => values.Any(value => (bool)value!)),
            "empty" => arguments[0] switch
            {
                UnknownValue => Unknown,
                null => true,
                string text => text.Length == 0,
                Dictionary<string, object?> properties => properties.Count == 0,
                List<object?> items => items.Count == 0,
                var other => throw new InvalidDataException($"empty() of {other}."),
            },
            _ => throw new NotSupportedException($"The test does not evaluate the ARM function {call.Function}; add it to {nameof(ArmTemplate)}."),
        };
    }

    /// <summary>A parameter's given value, else its default; a parameter without either is the deployment's to give.</summary>
    private object? Parameter(string name)
    {
        var declaration = Declaration("parameters", name);
        if (given.TryGetValue(name, out var value))
        {
            return value;
        }

        return declaration.TryGetProperty("defaultValue", out var defaultValue) ? Evaluate(defaultValue) : Unknown;
    }

    private static object Known(List<object?> arguments, Func<List<object?>, bool> compute) => arguments.Contains(Unknown) ? Unknown : compute(arguments);

    private JsonElement Declaration(string section, string name)
    {
        if (root.TryGetProperty(section, out var declarations))
        {
            foreach (var declaration in declarations.EnumerateObject())
            {
                if (string.Equals(declaration.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return declaration.Value;
                }
            }
        }

        throw new InvalidDataException($"The template declares no {section} '{name}'.");
    }

    private static string Name(List<object?> arguments) =>
        arguments is [string name] ? name : throw new InvalidDataException("Expected one constant name.");

    private static object ToObject(IEnumerable<KeyValuePair<object?, object?>> properties)
    {
        var result = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in properties)
        {
            result[key as string ?? throw new InvalidDataException($"A property name ({key}) is not known before deployment.")] = value;
        }

        return result;
    }

    /// <summary>union() of objects, the later winning; the app settings it builds are flat, so one level is enough.</summary>
    private static object Union(List<object?> arguments)
    {
        if (arguments.Contains(Unknown))
        {
            return Unknown;
        }

        var result = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var argument in arguments)
        {
            foreach (var (key, value) in argument as Dictionary<string, object?> ?? throw new NotSupportedException($"union() of {argument}."))
            {
                result[key] = value;
            }
        }

        return result;
    }

    /// <summary>A template string starting with <c>[[</c> is the literal that starts with one <c>[</c>.</summary>
    private static string Unescape(string value) => value.StartsWith("[[", StringComparison.Ordinal) ? value[1..] : value;

    [GeneratedRegex(@"^\{\d+\}(/\{\d+\})*$")]
    private static partial Regex SegmentFormat();

    private sealed class UnknownValue
    {
        public override string ToString() => "(known only at deployment)";
    }
}
