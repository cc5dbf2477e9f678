using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Salient.Web;

/// <summary>
/// Markup that is written as is. Made only by <see cref="Of"/> (literal parts as written, every value encoded) or by
/// <see cref="Raw"/> for markup that is already safe, so a value that was never encoded cannot pass for markup.
/// </summary>
internal readonly struct Html : IEquatable<Html>
{
    private readonly string? _markup;

    private Html(string markup) => _markup = markup;

    public static Html Empty => default;

    /// <summary>Trusts <paramref name="markup"/> as it is: only for markup written here or made safe before (a stored digest body).</summary>
    public static Html Raw(string? markup) => new(markup ?? string.Empty);

    /// <summary>A fragment from an interpolated string: the literal parts are markup, every value is encoded unless it is <see cref="Html"/>.</summary>
    public static Html Of(ref HtmlHandler html) => new(html.ToStringAndClear());

    /// <summary>Text encoded for element content and quoted attribute values.</summary>
    public static Html Text(string? text) => Of($"{text}");

    public int Length => _markup?.Length ?? 0;

    public override string ToString() => _markup ?? string.Empty;

    public bool Equals(Html other) => string.Equals(ToString(), other.ToString(), StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is Html other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    public static bool operator ==(Html left, Html right) => left.Equals(right);

    public static bool operator !=(Html left, Html right) => !left.Equals(right);
}

/// <summary>
/// A page or a large fragment, written piece by piece: <c>b.Append($"&lt;li&gt;{title}&lt;/li&gt;")</c> keeps the literal
/// parts and encodes every value. There is no way to append a plain string as markup.
/// </summary>
internal sealed class HtmlBuilder(int capacity = 256)
{
    internal StringBuilder Buffer { get; } = new(capacity);

    public int Length => Buffer.Length;

    public HtmlBuilder Append([InterpolatedStringHandlerArgument("")] ref HtmlHandler html)
    {
        // The handler wrote straight into this builder.
        _ = html;
        return this;
    }

    public HtmlBuilder Append(Html html)
    {
        Buffer.Append(html.ToString());
        return this;
    }

    /// <summary>The markup so far as one fragment.</summary>
    public Html ToHtml() => Html.Raw(Buffer.ToString());

    public override string ToString() => Buffer.ToString();
}

/// <summary>
/// Writes an interpolated string as HTML: literal parts as written, <see cref="Html"/> values as they are, any other
/// value formatted with the invariant culture and encoded as <see cref="System.Net.WebUtility.HtmlEncode(string)"/>
/// does (<c>&lt; &gt; &amp; " '</c>, U+00A0–U+00FF and characters beyond the BMP as references), which is safe in
/// element content and in quoted attribute values.
/// </summary>
[InterpolatedStringHandler]
internal ref struct HtmlHandler
{
    private static readonly SearchValues<char> Special = SearchValues.Create(SpecialChars());

    private readonly StringBuilder? _target;
    private DefaultInterpolatedStringHandler _own;

    /// <summary>Into a pooled buffer, for <see cref="Html.Of"/>.</summary>
    public HtmlHandler(int literalLength, int formattedCount)
    {
        _target = null;
        _own = new DefaultInterpolatedStringHandler(literalLength, formattedCount, CultureInfo.InvariantCulture);
    }

    /// <summary>Straight into a builder, for <see cref="HtmlBuilder.Append(ref HtmlHandler)"/>.</summary>
    public HtmlHandler(int literalLength, int formattedCount, HtmlBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        _target = builder.Buffer;
        _own = default;
    }

    public void AppendLiteral(string markup) => Put(markup);

    public void AppendFormatted(Html html) => Put(html.ToString());

    public void AppendFormatted(string? text) => Encode(text);

    public void AppendFormatted(ReadOnlySpan<char> text) => Encode(text);

    public void AppendFormatted<T>(T value) => AppendFormatted(value, null);

    public void AppendFormatted<T>(T value, string? format)
    {
        if (value is ISpanFormattable)
        {
            Span<char> buffer = stackalloc char[64];
            if (((ISpanFormattable)value).TryFormat(buffer, out var written, format, CultureInfo.InvariantCulture))
            {
                Encode(buffer[..written]);
                return;
            }
        }
        Encode(value is IFormattable formattable ? formattable.ToString(format, CultureInfo.InvariantCulture) : value?.ToString());
    }

    internal string ToStringAndClear() => _target is null ? _own.ToStringAndClear() : _target.ToString();

    private void Put(scoped ReadOnlySpan<char> markup)
    {
        if (_target is null)
        {
            _own.AppendFormatted(markup);
        }
        else
        {
            _target.Append(markup);
        }
    }

    private void Encode(scoped ReadOnlySpan<char> text)
    {
        while (text.Length > 0)
        {
            var i = text.IndexOfAny(Special);
            if (i < 0)
            {
                Put(text);
                return;
            }
            Put(text[..i]);
            var ch = text[i];
            var taken = 1;
            switch (ch)
            {
                case '<':
                    Put("&lt;");
                    break;
                case '>':
                    Put("&gt;");
                    break;
                case '"':
                    Put("&quot;");
                    break;
                case '\'':
                    Put("&#39;");
                    break;
                case '&':
                    Put("&amp;");
                    break;
                default:
                    if (!char.IsSurrogate(ch))
                    {
                        Reference(ch);
                    }
                    else if (char.IsHighSurrogate(ch) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        Reference(char.ConvertToUtf32(ch, text[i + 1]));
                        taken = 2;
                    }
                    else
                    {
                        // A lone half of a pair is no character: the replacement character stands for it.
                        Put("\uFFFD");
                    }
                    break;
            }
            text = text[(i + taken)..];
        }
    }

    private void Reference(int scalar)
    {
        Span<char> buffer = stackalloc char[12];
        "&#".CopyTo(buffer);
        scalar.TryFormat(buffer[2..], out var written, provider: CultureInfo.InvariantCulture);
        buffer[2 + written] = ';';
        Put(buffer[..(3 + written)]);
    }

    private static string SpecialChars()
    {
        var chars = new StringBuilder("<>\"'&");
        for (var c = '\u00A0'; c <= '\u00FF'; c++)
        {
            chars.Append(c);
        }
        for (var c = '\uD800'; c <= '\uDFFF'; c++)
        {
            chars.Append(c);
        }
        return chars.ToString();
    }
}
