#!/bin/sh
# Installs the Debian packages vnrestore needs to build and test, when they
# are missing: the Tesseract library and its Vietnamese data (for package
# ocr, through cgo), poppler-utils (scanned PDFs), a C compiler for cgo.
# Runs apt-get only if something is missing; uses sudo when not root.
set -eu
pkgs="tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng libtesseract-dev libleptonica-dev poppler-utils gcc pkg-config"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "installing:$missing" >&2
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
if ! command -v go >/dev/null 2>&1; then
	echo "Go is not installed: install Go 1.21 or newer (it fetches the Go 1.26 that go.mod asks for; Debian: apt-get install golang-go)" >&2
	exit 1
fi
