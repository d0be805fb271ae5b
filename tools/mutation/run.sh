#!/usr/bin/env bash
# Mutation testing with Stryker.NET, against tests/ChamberFirmware.Core.Tests.
# Default config: stryker-config.json at the repository root (firmware/Shared/Safety and
# firmware/Shared/Treatment). MUTATION_CONFIG=stryker-config.link.json: firmware/Shared/Link.
# Slow: one mutant at a time (shared cores).
# Reports land in firmware/ChamberFirmware.Core/StrykerOutput/<timestamp>/reports/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
dotnet tool restore
cd firmware/ChamberFirmware.Core
exec dotnet tool run dotnet-stryker --config-file "$root/${MUTATION_CONFIG:-stryker-config.json}" "$@"
