using System.Globalization;
using System.Text;

namespace VideoVault.Tests.Configuration;

/// <summary>
/// An ARM template language expression (the text between <c>[</c> and <c>]</c> of a template
/// string): function calls, string and integer literals, <c>.property</c> and <c>[index]</c>.
/// Parsed rather than matched, so a setting the Bicep compiler folded into an expression is still found.
/// </summary>
internal abstract record ArmExpression
{
    public sealed record Literal(object Value) : ArmExpression;

    public sealed record Call(string Function, IReadOnlyList<ArmExpression> Arguments) : ArmExpression;

    public sealed record Member(ArmExpression Target, string Name) : ArmExpression;

    public sealed record Element(ArmExpression Target, ArmExpression Key) : ArmExpression;

    /// <summary>True when a template string is an expression; <c>[[</c> starts a literal that begins with <c>[</c>.</summary>
    public static bool IsExpression(string value) =>
        value.Length >= 2 && value[0] == '[' && value[^1] == ']' && value[1] != '[';

    public static ArmExpression Parse(string templateString)
    {
        if (!IsExpression(templateString))
        {
            throw new FormatException($"Not an ARM expression: {templateString}");
        }

        var parser = new Parser(templateString[1..^1]);
        var expression = parser.Expression();
        parser.ExpectEnd();
        return expression;
    }

    private sealed class Parser(string text)
    {
        private int position;

        public ArmExpression Expression()
        {
            var expression = Primary();
            while (true)
            {
                if (TryConsume('.'))
                {
                    expression = new Member(expression, Identifier());
                }
                else if (TryConsume('['))
                {
                    expression = new Element(expression, Expression());
                    Expect(']');
                }
                else
                {
                    return expression;
                }
            }
        }

        public void ExpectEnd()
        {
            SkipWhitespace();
            if (position != text.Length)
            {
                throw Error("end of expression");
            }
        }

        private ArmExpression Primary()
        {
            SkipWhitespace();
            if (position < text.Length && text[position] == '\'')
            {
                return new Literal(StringLiteral());
            }

            if (position < text.Length && (char.IsAsciiDigit(text[position]) || text[position] == '-'))
            {
                return new Literal(IntegerLiteral());
            }

            // A function name may carry a namespace (a user-defined function's "namespace.name").
            var name = Identifier();
            while (TryConsume('.'))
            {
                name += "." + Identifier();
            }

            Expect('(');
            var arguments = new List<ArmExpression>();
            if (!TryConsume(')'))
            {
                do
                {
                    arguments.Add(Expression());
                }
                while (TryConsume(','));
                Expect(')');
            }

            return new Call(name, arguments);
        }

        private string StringLiteral()
        {
            var value = new StringBuilder();
            position++;
            while (true)
            {
                if (position >= text.Length)
                {
                    throw Error("closing quote");
                }

                if (text[position] == '\'')
                {
                    // A quote inside a string literal is written twice.
                    if (position + 1 < text.Length && text[position + 1] == '\'')
                    {
                        value.Append('\'');
                        position += 2;
                        continue;
                    }

                    position++;
                    return value.ToString();
                }

                value.Append(text[position++]);
            }
        }

        private long IntegerLiteral()
        {
            var start = position;
            position++;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                position++;
            }

            return long.Parse(text.AsSpan(start, position - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        private string Identifier()
        {
            SkipWhitespace();
            var start = position;
            while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] == '_'))
            {
                position++;
            }

            return position > start ? text[start..position] : throw Error("a name");
        }

        private bool TryConsume(char token)
        {
            SkipWhitespace();
            if (position < text.Length && text[position] == token)
            {
                position++;
                return true;
            }

            return false;
        }

        private void Expect(char token)
        {
            if (!TryConsume(token))
            {
                throw Error($"'{token}'");
            }
        }

        private void SkipWhitespace()
        {
            while (position < text.Length && char.IsWhiteSpace(text[position]))
            {
                position++;
            }
        }

        private FormatException Error(string expected) =>
            new($"Expected {expected} at {position} of the ARM expression: {text}");
    }
}
