using System;
using System.CommandLine;
using System.IO;
using System.Security.Cryptography;
using ChamberCtl.Release;

namespace ChamberCtl.Commands;

/// <summary>
/// <c>chamberctl release</c>: build a signed release bundle; <c>release verify</c>: check one;
/// <c>release keygen</c>: make a signing key pair. See docs/flashing.md.
/// </summary>
internal static partial class ReleaseCommand
{
    public static Command Create() => Create(Directory.GetCurrentDirectory);

    /// <summary>The command with the folder it searches upwards for a repository injected (tests run it "outside" one).</summary>
    internal static Command Create(Func<string> workingDirectory)
    {
        var deployment = new Option<string>("--deployment") { Description = "The device build's output folder holding the app's .pe files." };
        var signingKey = new Option<string>("--signing-key") { Description = "PEM file with the release engineer's ECDSA P-256 private key." };
        var output = new Option<string>("--output") { Description = "Folder to create for the bundle (must not exist)." };
        var zip = new Option<bool>("--zip") { Description = "Also write <output>.zip for distribution." };
        var repoRoot = new Option<string?>("--repo-root") { Description = "Repository root to read pinned packages from (default: found above the current folder, else the pins this chamberctl was built with)." };
        var appVersion = new Option<string>("--app-version") { Description = "Version of this firmware release.", DefaultValueFactory = _ => ChamberFirmware.Core.CoreInfo.VersionText };

        var command = new Command("release", "Build a signed release bundle (deployment image, pinned nanoCLR, manifest, SBOM, signature).");
        command.Options.Add(deployment);
        command.Options.Add(signingKey);
        command.Options.Add(output);
        command.Options.Add(zip);
        command.Options.Add(repoRoot);
        command.Options.Add(appVersion);
        command.Subcommands.Add(CreateVerify());
        command.Subcommands.Add(CreateKeygen());

        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            var missing = MissingOption(parse.GetValue(deployment), "--deployment")
                ?? MissingOption(parse.GetValue(signingKey), "--signing-key")
                ?? MissingOption(parse.GetValue(output), "--output");
            if (missing is not null)
            {
                error.WriteLine("release: " + missing);
                return 2;
            }

            var version = parse.GetValue(appVersion)!;
            if (!AppVersionPattern().IsMatch(version))
            {
                error.WriteLine("release: --app-version '" + version + "' is not a version: give MAJOR.MINOR.PATCH with an optional -prerelease, e.g. 1.4.2 or 1.5.0-rc.1");
                return 2;
            }

            var givenRoot = parse.GetValue(repoRoot);
            if (givenRoot is not null && !File.Exists(Path.Combine(givenRoot, "Directory.Packages.props")))
            {
                error.WriteLine("release: --repo-root " + givenRoot + " has no Directory.Packages.props: give the checkout the firmware was built from");
                return 2;
            }

            // Outside a checkout (and without --repo-root) the SBOM lists the pins this chamberctl was built with.
            var root = givenRoot ?? PackageInventory.FindRepositoryRoot(workingDirectory());
            try
            {
                var request = new ReleaseRequest(parse.GetValue(deployment)!, parse.GetValue(signingKey)!, parse.GetValue(output)!, root, version, parse.GetValue(zip));
                var bundle = ReleaseBundleBuilder.Build(request);
                var writer = parse.InvocationConfiguration.Output;
                writer.WriteLine(root is null
                    ? "package pins (SBOM): the ones this chamberctl was built with (no repository above " + workingDirectory() + "; --repo-root reads a checkout's)"
                    : "package pins (SBOM): read from " + root);
                writer.WriteLine("release bundle written: " + bundle);
                if (request.Zip)
                {
                    writer.WriteLine("zip written: " + bundle.TrimEnd(Path.DirectorySeparatorChar) + ".zip");
                }

                writer.WriteLine("nanoCLR " + FirmwarePin.Target + " " + FirmwarePin.FirmwareVersion + ", app " + request.AppVersion + ", deployment address " + FirmwarePin.DeploymentAddress);
                return 0;
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException or CryptographicException or System.Xml.XmlException)
            {
                error.WriteLine("release: " + ex.Message);
                error.WriteLine("release: nothing was written");
                return 1;
            }
        });
        return command;
    }

    private static Command CreateVerify()
    {
        var bundle = new Argument<string>("bundle") { Description = "Bundle folder or .zip." };
        var trustedKey = TrustedKeyOption();
        var command = new Command("verify", "Check a bundle's signature against the pinned release keys and every file's SHA-256.");
        command.Arguments.Add(bundle);
        command.Options.Add(trustedKey);
        command.SetAction(parse =>
        {
            var result = VerifyBundle(parse.GetValue(bundle)!, parse.GetValue(trustedKey) ?? Array.Empty<string>(), parse.InvocationConfiguration.Error, out var opened);
            opened?.Dispose();
            if (!result.Succeeded)
            {
                parse.InvocationConfiguration.Error.WriteLine("REFUSED: " + result.Message);
                return 1;
            }

            var output = parse.InvocationConfiguration.Output;
            output.WriteLine("OK: " + result.Message);
            output.WriteLine("app " + result.Manifest!.AppVersion + ", nanoCLR " + result.Manifest.NanoClr.Target + " " + result.Manifest.NanoClr.Version + ", manifest SHA-256 " + result.ManifestSha256);
            return 0;
        });
        return command;
    }

    private static Command CreateKeygen()
    {
        var directory = new Option<string>("--out") { Description = "Folder for the key pair (must be outside any git work tree).", DefaultValueFactory = _ => SigningKeyGenerator.DefaultDirectory };
        var name = new Option<string>("--name") { Description = "Key name (file stem).", DefaultValueFactory = _ => "chamber-release" };
        var command = new Command("keygen", "Create an ECDSA P-256 release signing key pair (private key outside the repository).");
        command.Options.Add(directory);
        command.Options.Add(name);
        command.SetAction(parse =>
        {
            try
            {
                var key = SigningKeyGenerator.Generate(parse.GetValue(directory)!, parse.GetValue(name)!);
                var output = parse.InvocationConfiguration.Output;
                output.WriteLine("key id " + key.KeyId);
                output.WriteLine("private key (keep secret, never commit): " + key.PrivateKeyPath);
                output.WriteLine("public key (commit to tools/ChamberCtl/Release/TrustedKeys/): " + key.PublicKeyPath);
                return 0;
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                parse.InvocationConfiguration.Error.WriteLine("keygen: " + ex.Message);
                return 1;
            }
        });
        return command;
    }

    internal static Option<string[]> TrustedKeyOption() =>
        new("--trusted-key") { Description = "Also trust this public key PEM (tests, or a key newer than this chamberctl). Repeatable." };

    /// <summary>Opens and verifies a bundle; the caller disposes the opened bundle (a temp copy for a .zip).</summary>
    /// <param name="privateRoot">Where the bundle's private copy is made (default: the temp folder).</param>
    internal static BundleVerification VerifyBundle(string path, string[] extraKeys, TextWriter error, out OpenedBundle? opened, string? privateRoot = null)
    {
        opened = null;
        foreach (var extra in extraKeys)
        {
            error.WriteLine("WARNING: also trusting the key in " + extra + " (given with --trusted-key)");
        }

        TrustedKeyStore keys;
        try
        {
            keys = TrustedKeyStore.Create(extraKeys);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            return BundleVerification.Fail(BundleFailure.UnknownKey, ex.Message);
        }

        using (keys)
        {
            if (!OpenedBundle.TryOpen(path, out opened, out var openError, privateRoot))
            {
                return BundleVerification.Fail(openError.StartsWith("bundle not found", StringComparison.Ordinal) ? BundleFailure.NotFound : BundleFailure.UnsafePath, openError);
            }

            // Verified on the private copy; messages name the bundle as given.
            return BundleVerifier.Verify(opened!.Directory, keys, opened.Source);
        }
    }

    private static string? MissingOption(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? name + " is required" : null;

    /// <summary>Semantic version: MAJOR.MINOR.PATCH, optional -prerelease and +build (what the manifest and SBOM carry).</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$")]
    private static partial System.Text.RegularExpressions.Regex AppVersionPattern();
}
