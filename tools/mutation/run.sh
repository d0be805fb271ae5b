#!/usr/bin/env bash
# Mutation testing of the safety supervisor and treatment control (firmware/Shared/Safety and
# firmware/Shared/Treatment) with Stryker.NET, against tests/ChamberFirmware.Core.Tests.
# Config: stryker-config.json at the repository root. Slow: one mutant at a time (shared cores).
# Reports land in firmware/ChamberFirmware.Core/StrykerOutput/<timestamp>/reports/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
dotnet tool restore
cd firmware/ChamberFirmware.Core
exec dotnet tool run dotnet-stryker --config-file "$root/stryker-config.json" "$@"
