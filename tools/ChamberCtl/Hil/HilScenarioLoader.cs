using System;
using System.Collections.Generic;
using System.IO;

namespace ChamberCtl.Hil;

/// <summary>Loads scenario files (.yaml/.yml or .json, same schema), all-or-nothing: any error and nothing runs.</summary>
internal static class HilScenarioLoader
{
    public static (IReadOnlyList<HilScenarioFile> Files, IReadOnlyList<HilScenarioError> Errors) Load(IEnumerable<string> paths)
    {
        var files = new List<HilScenarioFile>();
        var errors = new List<HilScenarioError>();
        foreach (var path in paths)
        {
            if (LoadFile(path, errors) is { } file)
            {
                files.Add(file);
            }
        }

        return (files, errors);
    }

    public static HilScenarioFile? LoadFile(string path, List<HilScenarioError> errors)
    {
        var extension = Path.GetExtension(path).ToUpperInvariant();
        if (extension is not (".YAML" or ".YML" or ".JSON"))
        {
            errors.Add(new HilScenarioError(path, "not a scenario file: expected a .yaml, .yml or .json extension"));
            return null;
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            errors.Add(new HilScenarioError(path, "file not found"));
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add(new HilScenarioError(path, "cannot read: " + e.Message));
            return null;
        }

        var before = errors.Count;
        var roots = extension == ".JSON" ? HilJsonReader.Read(path, text, errors) : HilYamlReader.Read(path, text, errors);
        if (errors.Count > before)
        {
            return null;
        }

        var scenarios = new HilScenarioParser(path, errors).ParseRoots(roots);
        return errors.Count > before ? null : new HilScenarioFile(path, scenarios);
    }
}
