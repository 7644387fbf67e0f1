package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/geoparse/geoparse/extract/ner"
	"github.com/geoparse/geoparse/gazetteer"
)

func (a *app) versionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version, the Go version and what the embedded gazetteer and model were built from",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprint(a.stdout, versionReport())
			return err
		},
	}
}

// buildVersion is the first line of the version report: the module
// version and VCS revision the binary was built from.
func buildVersion() string {
	version, rev := "(devel)", ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Version != "" {
			version = bi.Main.Version
		}
		var modified bool
		var when string
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
		if len(rev) > 12 {
			rev = rev[:12]
		}
		if rev != "" {
			rev = " (commit " + rev
			if when != "" {
				rev += " of " + when
			}
			if modified {
				rev += ", with local changes"
			}
			rev += ")"
		}
	}
	return fmt.Sprintf("geoparse %s%s %s %s/%s\n", version, rev, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

// versionReport is what geoparse version prints: the build, then the
// data compiled into the binary, identified by checksums.
func versionReport() string {
	var b strings.Builder
	b.WriteString(buildVersion())
	if ix, err := gazetteer.Default(); err != nil {
		fmt.Fprintf(&b, "gazetteer: embedded, unreadable: %v\n", err)
	} else {
		info := ix.Info()
		fmt.Fprintf(&b, "gazetteer: embedded, format %d, %d places, %d names, %d countries, %d admin1; built from:\n",
			info.FormatVersion, info.Places, info.Names, info.Countries, info.Admin1)
		for _, s := range info.Sources {
			fmt.Fprintf(&b, "  %-40s %-14s %12d bytes  sha256 %s\n", s.File, s.Kind, s.Size, short(s.SHA256))
		}
	}
	size, sum := ner.DefaultDigest()
	fmt.Fprintf(&b, "entity model: embedded, %d bytes, sha256 %s\n", size, short(sum))
	size, sum = gazetteer.DefaultRankerDigest()
	fmt.Fprintf(&b, "place ranker: embedded, %d bytes, sha256 %s\n", size, short(sum))
	return b.String()
}

// short abbreviates a hex checksum as git abbreviates commits.
func short(hexSum string) string {
	if len(hexSum) > 16 {
		return hexSum[:16]
	}
	return hexSum
}
