package main

import (
	"errors"

	"github.com/spf13/cobra"

	"github.com/geoparse/geoparse/gazetteer"
)

func (a *app) gazetteerCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "gazetteer",
		Short: "Build and inspect gazetteer indexes",
	}
	build := &cobra.Command{
		Use:   "build --out DIR FILE...",
		Short: "Build a gazetteer index from GeoNames dumps",
		Long: `Build a gazetteer index from GeoNames dumps.

FILE is a GeoNames geoname table (cities500.txt, allCountries.txt, ...),
admin1CodesASCII.txt, countryInfo.txt, or the dr5hn countries/states CSV
files that give countries and first-level regions their coordinates; a
folder stands for the files in it. The index is built in a temporary folder
and renamed to DIR at the end, so a failed build leaves nothing behind.
The same inputs always give the same bytes.`,
		Example: `  geoparse gazetteer build --out gazetteer/default \
    ../shared/geonames/cities500.txt ../shared/geonames/admin1CodesASCII.txt \
    ../shared/geonames/countryInfo.txt ../shared/geonames/dr5hn-countries.csv \
    ../shared/geonames/dr5hn-states.csv`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			out, _ := cmd.Flags().GetString("out")
			if out == "" {
				return errors.New("gazetteer build: --out DIR is required")
			}
			return gazetteer.Build(cmd.Context(), gazetteer.BuildOptions{
				Out:      out,
				Inputs:   args,
				Progress: a.stderr,
			})
		},
	}
	build.Flags().String("out", "", "folder to write the index to (replaced if it exists)")
	cmd.AddCommand(build)
	return cmd
}
