namespace ChamberCtl.Release;

/// <summary>Why a bundle was refused.</summary>
internal enum BundleFailure
{
    None = 0,
    NotFound,
    NotABundle,
    Unsigned,
    SignatureMalformed,
    UnknownKey,
    BadSignature,
    ManifestMalformed,
    WrongFirmwarePin,
    UnsafePath,
    FileMissing,
    FileModified,
    UnexpectedFile,
}
