using System.Threading;
using System.Threading.Tasks;
using ChamberFirmware.ConsoleLink.Transport;

namespace ChamberCtl.Provisioning;

/// <summary>Opens a fresh transport to the device for each session (tests wrap it to cut the link).</summary>
internal interface ILinkConnector
{
    string Description { get; }

    Task<ILinkTransport> ConnectAsync(CancellationToken cancellationToken);
}
