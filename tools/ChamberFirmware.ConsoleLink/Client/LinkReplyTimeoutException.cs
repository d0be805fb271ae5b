using System;
using System.Globalization;
using ChamberFirmware.Core.Link;

namespace ChamberFirmware.ConsoleLink.Client;

/// <summary>
/// The device (or whatever answers on the link) sent no answer to a request within the client's
/// reply timeout: garbage, frames for something else, or nothing. A LinkProtocolException, so every
/// caller that handles a broken link handles this too.
/// </summary>
public sealed class LinkReplyTimeoutException : LinkProtocolException
{
    public LinkReplyTimeoutException(LinkMessageType request, TimeSpan bound)
        : base(string.Format(CultureInfo.InvariantCulture, "The device did not answer {0} within {1:0.#} s.", request, bound.TotalSeconds))
    {
        Request = request;
        Bound = bound;
    }

    public LinkReplyTimeoutException()
    {
    }

    public LinkReplyTimeoutException(string message)
        : base(message)
    {
    }

    public LinkReplyTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The request that went unanswered.</summary>
    public LinkMessageType Request { get; }

    /// <summary>How long the client waited.</summary>
    public TimeSpan Bound { get; }
}
