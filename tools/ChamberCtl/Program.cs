using System;

namespace ChamberCtl;

internal static class Program
{
    private static int Main(string[] args) => ChamberCtlApp.Run(args, Console.Out, Console.Error);
}
