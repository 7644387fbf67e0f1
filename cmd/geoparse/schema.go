package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/geoparse/geoparse/schema"
)

func (a *app) schemaCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "schema annotation|feature",
		Short: "Print the JSON Schema of an output format",
		Long: `Print the JSON Schema (draft 2020-12) of geoparse's output:

  annotation  one line of geoparse extract --format jsonl
  feature     one GeoJSON Feature of --format geojson or geojsonseq

The schemas are generated from the Go types that write the output and
describe this version exactly; later versions only add members.`,
		Example:   `  geoparse schema feature > feature.schema.json`,
		Args:      cobra.ExactArgs(1),
		ValidArgs: schema.Names,
		RunE: func(cmd *cobra.Command, args []string) error {
			b, ok := schema.ByName(args[0])
			if !ok {
				return usageError(fmt.Errorf("schema %q: want %s", args[0], strings.Join(schema.Names, " or ")))
			}
			_, err := a.stdout.Write(b)
			return err
		},
	}
}
