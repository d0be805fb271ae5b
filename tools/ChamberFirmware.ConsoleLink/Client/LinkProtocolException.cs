using System;

namespace ChamberFirmware.ConsoleLink.Client;

/// <summary>The device did not follow the protocol (bad challenge, refused session, closed link).</summary>
public class LinkProtocolException : Exception
{
    public LinkProtocolException()
    {
    }

    public LinkProtocolException(string message)
        : base(message)
    {
    }

    public LinkProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
