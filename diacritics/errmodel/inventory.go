package errmodel

import (
	"os"
	"strings"
	"sync"
)

var inventoryOnce = sync.OnceValue(func() []string {
	data, _ := os.ReadFile(os.Getenv("VNRESTORE_INVENTORY"))
	return strings.Fields(string(data))
})

// Inventory returns every syllable a channel may propose.
// TEMPORARY until lexicon.Inventory is merged.
func Inventory() []string { return inventoryOnce() }
