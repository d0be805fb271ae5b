using System.Threading;
using System.Threading.Tasks;
using ChamberFirmware.ConsoleLink.Transport;

namespace ChamberCtl.Provisioning;

/// <summary>Connects to a device link hosted on TCP (simulator or TcpLinkServerHost).</summary>
internal sealed class TcpLinkConnector : ILinkConnector
{
    private readonly LinkTarget _target;

    public TcpLinkConnector(LinkTarget target)
    {
        _target = target;
    }

    public string Description => _target.Text;

    public async Task<ILinkTransport> ConnectAsync(CancellationToken cancellationToken) =>
        await TcpLinkClientTransport.ConnectAsync(_target.EndPoint ?? throw new System.InvalidOperationException("not a TCP target: " + _target.Text), cancellationToken).ConfigureAwait(false);
}
