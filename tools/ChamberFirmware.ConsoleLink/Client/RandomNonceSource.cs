using System;
using System.Security.Cryptography;
using ChamberFirmware.Core.Link;

namespace ChamberFirmware.ConsoleLink.Client;

/// <summary>Console nonces from the operating system's cryptographic generator.</summary>
public sealed class RandomNonceSource : INonceSource
{
    public void Fill(byte[] buffer, int offset, int count) => RandomNumberGenerator.Fill(buffer.AsSpan(offset, count));
}
