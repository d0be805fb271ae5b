using System;

namespace ChamberFirmware.Starvation
{
    /// <summary>Runs the starvation scenario on nanoCLR and prints what the host test reads.</summary>
    public static class Program
    {
        public static void Main()
        {
            new SchedulerProbe().Run();
            StarvationRun run = new StarvationRun();
            run.Prepare();
            run.Execute();
            run.Report();
            Console.WriteLine("starvation: done");
        }
    }
}
