using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace DeviceBuild
{
    /// <summary>
    /// Checks a deployment (the app's .pe and every .pe it needs) as the board would load it: each
    /// file a sound nanoFramework .pe, every assembly referenced present at the version referenced,
    /// and every native checksum the one the pinned firmware declares. Returns the problems; none
    /// means the set is complete and loadable on that firmware.
    /// </summary>
    public static class DeploymentCheck
    {
        public static IReadOnlyList<string> Check(IEnumerable<string> peFiles)
        {
            var problems = new List<string>();
            var images = new Dictionary<string, NanoPeImage>(StringComparer.Ordinal);
            foreach (var file in peFiles.OrderBy(f => f, StringComparer.Ordinal))
            {
                NanoPeImage image;
                try
                {
                    image = NanoPeImage.Read(file);
                }
                catch (InvalidDataException e)
                {
                    problems.Add(e.Message);
                    continue;
                }

                if (!images.TryAdd(image.Name, image))
                {
                    problems.Add(Path.GetFileName(file) + ": a second copy of assembly " + image.Name);
                    continue;
                }

                var expected = FirmwareNativeChecksums.Expected.TryGetValue(image.Name, out var value) ? value : 0u;
                if (image.NativeChecksum != expected)
                {
                    problems.Add(string.Format(
                        CultureInfo.InvariantCulture,
                        "{0}: native checksum 0x{1:X8}, but the {2} firmware declares 0x{3:X8} for {4}: the board would refuse it at boot (\"Invalid native checksum\"); build against the package version that matches the firmware",
                        Path.GetFileName(file),
                        image.NativeChecksum,
                        FirmwareNativeChecksums.FirmwareLine,
                        expected,
                        image.Name));
                }
            }

            foreach (var image in images.Values)
            {
                foreach (var reference in image.References)
                {
                    if (!images.TryGetValue(reference.Name, out var found))
                    {
                        problems.Add(image.Name + " references " + reference.Name + " " + reference.Version + ", which the deployment lacks");
                    }
                    else if (found.Version != reference.Version)
                    {
                        problems.Add(image.Name + " references " + reference.Name + " " + reference.Version + ", but the deployment has " + found.Version);
                    }
                }
            }

            if (images.Count > 0 && !images.ContainsKey("mscorlib"))
            {
                problems.Add("the deployment has no mscorlib.pe");
            }

            return problems;
        }
    }
}
