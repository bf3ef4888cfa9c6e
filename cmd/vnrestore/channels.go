package main

import (
	"github.com/vnarchive/vnrestore/diacritics"
)

// channelOptions returns the channel options a restorer in mode needs.
func channelOptions(mode diacritics.Mode) ([]diacritics.Option, error) {
	return nil, nil
}
