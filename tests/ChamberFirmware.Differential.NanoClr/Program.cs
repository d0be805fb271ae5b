using System;

namespace ChamberFirmware.Differential
{
    /// <summary>Plays every differential scenario on nanoCLR and prints the trace, one line per tick.</summary>
    public static class Program
    {
        public static void Main()
        {
            ConsoleTrace trace = new ConsoleTrace();
            for (int i = 0; i < ScenarioDriver.Names.Length; i++)
            {
                int lines = ScenarioDriver.Run(ScenarioDriver.Names[i], trace);
                Console.WriteLine("differential: " + ScenarioDriver.Names[i] + " " + lines.ToString() + " ticks");
            }

            Console.WriteLine("differential: done");
        }
    }
}
