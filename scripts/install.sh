#!/bin/sh
# Builds precept in release mode and installs it, with the bundled rule packs, into a prefix:
#
#   PREFIX/bin/precept
#   PREFIX/share/precept/Rules/        the DfE pack (dfe-2026), the profiles and the overlay example
#
# precept finds its rules in PREFIX/share/precept/Rules by itself, from any folder.
#
#   scripts/install.sh                      # into /usr/local (may need sudo)
#   scripts/install.sh "$HOME/.local"       # into ~/.local: put ~/.local/bin on your PATH
#   PREFIX=/opt/precept scripts/install.sh
#
# The binary links the Swift runtime statically; the machine it runs on needs libyaml
# (Debian and Ubuntu: apt-get install libyaml-0-2).
set -eu

PREFIX="${1:-${PREFIX:-/usr/local}}"
cd "$(dirname "$0")/.."

echo "building precept (release)..."
swift build -c release --product precept --static-swift-stdlib
BIN="$(swift build -c release --show-bin-path)"

mkdir -p "$PREFIX/bin" "$PREFIX/share/precept"
cp "$BIN/precept" "$PREFIX/bin/precept"
chmod 755 "$PREFIX/bin/precept"
rm -rf "$PREFIX/share/precept/Rules"
mkdir -p "$PREFIX/share/precept/Rules"
cp -R Rules/dfe-2026 Rules/profiles Rules/examples "$PREFIX/share/precept/Rules/"

echo "installed $PREFIX/bin/precept and $PREFIX/share/precept/Rules"
"$PREFIX/bin/precept" --version
