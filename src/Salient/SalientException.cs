namespace Salient;

/// <summary>A failure of the world (network, disk, database, a bad input) with a message that names what failed and what the user can do.</summary>
internal class SalientException : Exception
{
    public SalientException(string message) : base(message) { }
    public SalientException(string message, Exception inner) : base(message, inner) { }
}
