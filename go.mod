module github.com/vnarchive/vnrestore

go 1.24.0

require (
	github.com/otiai10/gosseract/v2 v2.4.1
	github.com/spf13/cobra v1.10.2
	golang.org/x/image v0.34.0
	golang.org/x/text v0.32.0
)

require (
	github.com/inconshreveable/mousetrap v1.1.0 // indirect
	github.com/mitchellh/colorstring v0.0.0-20190213212951-d06e56a500db // indirect
	github.com/rivo/uniseg v0.4.7 // indirect
	github.com/schollz/progressbar/v3 v3.18.0 // indirect
	github.com/spf13/pflag v1.0.9 // indirect
	golang.org/x/sys v0.29.0 // indirect
	golang.org/x/term v0.28.0 // indirect
)
