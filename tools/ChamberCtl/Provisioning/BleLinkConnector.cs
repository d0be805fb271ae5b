using System.Threading;
using System.Threading.Tasks;
using ChamberFirmware.ConsoleLink.Ble;
using ChamberFirmware.ConsoleLink.Transport;

namespace ChamberCtl.Provisioning;

/// <summary>
/// Connects to a board over Bluetooth LE through BlueZ for each session: scan until the target
/// advertises, connect (pair if not bonded), check the MTU, subscribe to link frames. A failure is
/// a <see cref="BleFailure"/> (an IOException) with what to do next.
/// </summary>
internal sealed class BleLinkConnector : ILinkConnector
{
    private readonly LinkTarget _target;
    private readonly BleOptions _options;

    public BleLinkConnector(LinkTarget target, BleOptions options)
    {
        _target = target;
        _options = options;
    }

    public string Description => _target.Text;

    public async Task<ILinkTransport> ConnectAsync(CancellationToken cancellationToken) =>
        await OpenAsync(_target.Ble!, _options, cancellationToken).ConfigureAwait(false);

    /// <summary>The link transport to the chamber a filter names.</summary>
    public static async Task<BleLinkTransport> OpenAsync(BleDeviceFilter filter, BleOptions options, CancellationToken cancellationToken)
    {
        var connection = await ConnectChamberAsync(filter, options, cancellationToken).ConfigureAwait(false);
        try
        {
            return await connection.OpenLinkAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A connected chamber (for diagnostics reads or the link); disposing disconnects.</summary>
    public static async Task<BleChamberConnection> ConnectChamberAsync(BleDeviceFilter filter, BleOptions options, CancellationToken cancellationToken)
    {
        var central = await BleCentral.OpenAsync(options, cancellationToken).ConfigureAwait(false);
        try
        {
            var chamber = await central.FindAsync(filter, cancellationToken).ConfigureAwait(false);
            return await central.ConnectAsync(chamber, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await central.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
