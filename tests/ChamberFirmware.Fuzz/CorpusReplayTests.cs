using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ChamberFirmware.Fuzz.Harness;
using Xunit;

namespace ChamberFirmware.Fuzz;

/// <summary>
/// The fuzz targets without AFL: every checked-in corpus input and every saved crash
/// (regressions/TARGET/*) runs through its target in the normal test run, so a decoder that
/// starts throwing again fails `dotnet test` even where afl-fuzz is not installed.
/// </summary>
public class CorpusReplayTests
{
    private static readonly string Root = AppContext.BaseDirectory;
    private static readonly TimeSpan ReplayBound = TimeSpan.FromSeconds(30);

    public static TheoryData<string, string> Inputs()
    {
        var data = new TheoryData<string, string>();
        foreach (string folder in new[] { "corpus", "regressions" })
        {
            foreach (string file in FilesUnder(folder))
            {
                data.Add(Path.GetFileName(Path.GetDirectoryName(file)!), Path.GetRelativePath(Root, file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Every_corpus_input_and_saved_crash_is_handled_by_its_decoder(string target, string file)
    {
        IFuzzTarget fuzzTarget = FuzzTargets.Create(target);
        try
        {
            // Returns accepted or refused; an escaping exception or a broken invariant fails the test,
            // and so does a hang (afl-fuzz's limit is 5 s an input; this bound only keeps the run finite).
            byte[] input = File.ReadAllBytes(Path.Combine(Root, file));
            Task<bool> run = Task.FromResult(false);
            try
            {
                run = Task.Run(() => fuzzTarget.Run(input));
                await run.WaitAsync(ReplayBound);
            }
            catch (TimeoutException) when (!run.IsCompleted)
            {
                Assert.Fail(target + " did not finish " + file + " within " + ReplayBound.TotalSeconds + " s: a hang");
            }
        }
        finally
        {
            (fuzzTarget as IDisposable)?.Dispose();
        }
    }

    [Fact]
    public void Every_target_has_seeds_and_one_that_its_decoder_accepts()
    {
        // A corpus that never passes a decoder's checks would only fuzz its first refusal.
        var missing = new List<string>();
        foreach (string name in FuzzTargets.Names)
        {
            IFuzzTarget target = FuzzTargets.Create(name);
            try
            {
                string[] seeds = Directory.GetFiles(Path.Combine(Root, "corpus", name));
                if (!seeds.Any(seed => target.Run(File.ReadAllBytes(seed))))
                {
                    missing.Add(name);
                }
            }
            catch (DirectoryNotFoundException)
            {
                missing.Add(name + " (no corpus folder)");
            }
            finally
            {
                (target as IDisposable)?.Dispose();
            }
        }

        Assert.Empty(missing);
    }

    [Fact]
    public void Every_corpus_and_regression_folder_names_a_target()
    {
        var folders = new[] { "corpus", "regressions" }
            .Where(f => Directory.Exists(Path.Combine(Root, f)))
            .SelectMany(f => Directory.GetDirectories(Path.Combine(Root, f)))
            .Select(Path.GetFileName);
        Assert.All(folders, folder => Assert.Contains(folder, FuzzTargets.Names));
        Assert.Equal(FuzzTargets.Names.Length, Directory.GetDirectories(Path.Combine(Root, "corpus")).Length);
    }

    [Fact]
    public void Every_name_in_the_catalogue_creates_the_target_of_that_name()
    {
        foreach (string name in FuzzTargets.Names)
        {
            IFuzzTarget target = FuzzTargets.Create(name);
            Assert.Equal(name, target.Name);
            (target as IDisposable)?.Dispose();
        }

        Assert.Throws<ArgumentException>(() => FuzzTargets.Create("no-such-target"));
    }

    private static IEnumerable<string> FilesUnder(string folder)
    {
        string path = Path.Combine(Root, folder);
        return Directory.Exists(path)
            ? Directory.GetFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            : Enumerable.Empty<string>();
    }
}
