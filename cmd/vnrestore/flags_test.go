package main

import (
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// resetFlags restores the defaults of cmd's flags, which persist between
// runs in one process.
func resetFlags(cmd *cobra.Command) {
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if sv, ok := f.Value.(pflag.SliceValue); ok {
			sv.Replace(nil)
		} else {
			f.Value.Set(f.DefValue)
		}
		f.Changed = false
	})
}
