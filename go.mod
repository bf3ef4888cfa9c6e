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
	github.com/spf13/pflag v1.0.9 // indirect
)
