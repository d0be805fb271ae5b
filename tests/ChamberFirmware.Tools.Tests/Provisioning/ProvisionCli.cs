using System;
using System.CommandLine;
using System.IO;
using System.Threading.Tasks;
using ChamberCtl.Commands;
using ChamberCtl.Provisioning;

namespace ChamberFirmware.Tools.Tests.Provisioning;

/// <summary>Runs <c>chamberctl provision</c> in-process with its seams: connector, key generator, a fixed clock.</summary>
internal static class ProvisionCli
{
    public static readonly DateTimeOffset Now = new(2031, 3, 14, 9, 26, 53, TimeSpan.Zero);

    /// <summary>Off the test's synchronisation context, bounded.</summary>
    public static Task<CliRun> RunAsync(RememberingKeyGenerator keys, Func<LinkTarget, ILinkConnector>? connect, params string[] args) =>
        Task.Run(() => Run(keys, connect, args)).WaitAsync(TimeSpan.FromSeconds(60));

    public static CliRun Run(RememberingKeyGenerator keys, Func<LinkTarget, ILinkConnector>? connect = null, params string[] args)
    {
        var root = new RootCommand { ProvisionCommand.Create(connect ?? (t => new TcpLinkConnector(t)), keys, new FixedTimeProvider(Now)) };
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = root.Parse(["provision", .. args]).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return new CliRun(exit, output.ToString(), error.ToString());
    }
}
