package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/geoparse/geoparse/gazetteer"
)

func (a *app) gazetteerCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "gazetteer",
		Short: "Build and inspect gazetteer indexes",
	}
	cmd.AddCommand(a.gazetteerBuildCommand(), a.gazetteerLookupCommand(), a.gazetteerInfoCommand())
	return cmd
}

func (a *app) gazetteerBuildCommand() *cobra.Command {
	build := &cobra.Command{
		Use:   "build --out DIR FILE...",
		Short: "Build a gazetteer index from GeoNames dumps",
		Long: `Build a gazetteer index from GeoNames dumps.

FILE is a GeoNames file as published, zipped or plain (told from the
content): a geoname table (allCountries, a country file such as UA,
cities500/1000/5000/15000), alternateNamesV2 (or alternateNames),
admin1CodesASCII.txt, admin2Codes.txt, countryInfo.txt, or the dr5hn
countries/states CSV files that give countries and first-level regions
their coordinates; a folder stands for the files in it.

The build streams and sorts names on disk beside DIR, so the whole world
(allCountries + alternateNamesV2) fits in a few GB of memory. The index is
built in a temporary folder and renamed to DIR at the end, so a failed
build leaves nothing behind. The same inputs always give the same bytes.
Progress goes to stderr: a bar on a terminal, a line every few seconds
otherwise.`,
		Example: `  geoparse gazetteer build --out gazetteer/default \
    ../shared/geonames/cities500.txt ../shared/geonames/admin1CodesASCII.txt \
    ../shared/geonames/countryInfo.txt ../shared/geonames/dr5hn-countries.csv \
    ../shared/geonames/dr5hn-states.csv
  geoparse gazetteer build --out ~/geonames-ua --countries UA,RU --feature-classes P,A \
    allCountries.zip alternateNamesV2.zip admin1CodesASCII.txt countryInfo.txt`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			v := a.v
			out := v.GetString("out")
			if out == "" {
				return errors.New("gazetteer build: --out DIR is required")
			}
			minPop := v.GetInt64("min-population")
			if minPop < 0 {
				return fmt.Errorf("gazetteer build: --min-population %d: want 0 or more", minPop)
			}
			countries := splitList(v.GetStringSlice("countries"))
			for _, c := range countries {
				if len(c) != 2 {
					return fmt.Errorf("gazetteer build: --countries: %q is not an ISO 3166-1 alpha-2 code", c)
				}
			}
			classes := splitList(v.GetStringSlice("feature-classes"))
			for _, c := range classes {
				if len(c) != 1 {
					return fmt.Errorf("gazetteer build: --feature-classes: %q is not a GeoNames feature class (A, H, L, P, R, S, T, U, V)", c)
				}
			}
			// A full-world build holds a few GB at its peak; the soft limit
			// makes the collector work harder near it rather than let the
			// heap double past it (GOMEMLIMIT, when set, wins).
			softMemoryLimit(buildMemoryLimit)
			return gazetteer.Build(cmd.Context(), gazetteer.BuildOptions{
				Out:            out,
				Inputs:         args,
				Progress:       a.stderr,
				ProgressBar:    isTerminal(a.stderr),
				Countries:      countries,
				FeatureClasses: classes,
				MinPopulation:  minPop,
			})
		},
	}
	f := build.Flags()
	f.String("out", "", "folder to write the index to (replaced if it exists)")
	f.StringSlice("countries", nil, "keep only the places and divisions of these countries (ISO codes, e.g. UA,RU)")
	f.StringSlice("feature-classes", nil, "keep only places of these GeoNames feature classes (e.g. P,A)")
	f.Int64("min-population", 0, "keep only places of at least this population")
	return build
}

func (a *app) gazetteerLookupCommand() *cobra.Command {
	lookup := &cobra.Command{
		Use:   "lookup NAME",
		Short: "Print the places a name may refer to",
		Long: `Print the entries of the gazetteer one of whose names has the normal form
of NAME (case, diacritics, apostrophes, hyphens and the romanization
variants of Ukrainian and Russian names do not matter): id, name, feature
code, country, admin1, population, latitude and longitude, most prominent
first. With --fuzzy, names within one edit (two for names of 9 letters or
more) match too, nearest first.

The index is the one --gazetteer, GEOPARSE_GAZETTEER or "gazetteer:" in
the config file names, else the embedded default.`,
		Example: `  geoparse gazetteer lookup Izyum
  geoparse gazetteer lookup --fuzzy --country UA Khakiv`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ix, _, err := a.openGazetteer()
			if err != nil {
				return err
			}
			v := a.v
			fuzzy, limit := v.GetBool("fuzzy"), v.GetInt("limit")
			country := strings.ToUpper(strings.TrimSpace(v.GetString("country")))
			type row struct {
				e    gazetteer.Entry
				dist int
			}
			var rows []row
			if fuzzy {
				for _, m := range ix.LookupFuzzy(args[0], 0) {
					rows = append(rows, row{m.Entry, m.Distance})
				}
			} else {
				for _, e := range ix.Lookup(args[0]) {
					rows = append(rows, row{e, 0})
				}
			}
			kept := rows[:0]
			for _, r := range rows {
				if country == "" || r.e.CountryCode == country {
					kept = append(kept, r)
				}
			}
			if limit > 0 && len(kept) > limit {
				kept = kept[:limit]
			}
			if len(kept) == 0 {
				return fmt.Errorf("gazetteer lookup: no entry for %q", args[0])
			}
			tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
			hdr := "ID\tNAME\tFEATURE\tCOUNTRY\tADMIN1\tPOPULATION\tLAT\tLON"
			if fuzzy {
				hdr += "\tEDITS"
			}
			fmt.Fprintln(tw, hdr)
			for _, r := range kept {
				e := r.e
				admin1 := e.Admin1
				if e.Admin1Name != "" {
					admin1 += " " + e.Admin1Name
				}
				fmt.Fprintf(tw, "%d\t%s\t%s.%s\t%s\t%s\t%d\t%.5f\t%.5f", e.ID, e.Name, e.FeatureClass, e.FeatureCode, e.CountryCode, admin1, e.Population, e.Lat, e.Lon)
				if fuzzy {
					fmt.Fprintf(tw, "\t%d", r.dist)
				}
				fmt.Fprintln(tw)
			}
			return tw.Flush()
		},
	}
	f := lookup.Flags()
	f.Bool("fuzzy", false, "also match names within one or two edits")
	f.String("country", "", "only entries of this country (ISO code, e.g. UA)")
	f.Int("limit", 20, "print at most this many entries (0: all)")
	f.String("gazetteer", "", "gazetteer index folder built by 'geoparse gazetteer build' (default: the embedded one)")
	return lookup
}

func (a *app) gazetteerInfoCommand() *cobra.Command {
	info := &cobra.Command{
		Use:   "info",
		Short: "Print what a gazetteer index holds and where it came from",
		Long: `Print what a gazetteer index holds (countries, divisions, places, names)
and where it came from (source files with sizes and SHA-256, filters,
attribution): the index --gazetteer, GEOPARSE_GAZETTEER or "gazetteer:" in
the config file names, else the embedded default.

Opening an index reads it into memory and checks the checksums of all its
sections and of info.json; --verify checks the sections again now, and
is the only check of the embedded default's (exit status 1 if one does
not match).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ix, where, err := a.openGazetteer()
			if err != nil {
				return err
			}
			if a.v.GetBool("verify") {
				start := time.Now()
				if err := ix.Verify(); err != nil {
					return fmt.Errorf("%s: %w", where, err)
				}
				fmt.Fprintf(a.stderr, "checksums: all sections match (%s read in %s)\n", where, time.Since(start).Round(time.Millisecond))
			}
			in := ix.Info()
			if a.v.GetBool("json") {
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(struct {
					Index string `json:"index"`
					gazetteer.Info
				}{where, in})
			}
			w := a.stdout
			fmt.Fprintf(w, "index:           %s\n", where)
			fmt.Fprintf(w, "format version:  %d\n", in.FormatVersion)
			fmt.Fprintf(w, "countries:       %d\n", in.Countries)
			fmt.Fprintf(w, "admin1:          %d\n", in.Admin1)
			fmt.Fprintf(w, "places:          %d\n", in.Places)
			fmt.Fprintf(w, "names:           %d\n", in.Names)
			fmt.Fprintf(w, "variant names:   %d\n", in.Variants)
			fmt.Fprintf(w, "demonyms:        %d\n", in.Demonyms)
			if f := in.Filters; f != nil {
				fmt.Fprintf(w, "filters:         countries=%s feature-classes=%s min-population=%d\n",
					strings.Join(f.Countries, ","), strings.Join(f.FeatureClasses, ","), f.MinPopulation)
			}
			fmt.Fprintln(w, "sources:")
			tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
			for _, s := range in.Sources {
				fmt.Fprintf(tw, "  %s\t%s\t%d bytes\tsha256 %s\n", s.File, s.Kind, s.Size, s.SHA256)
			}
			tw.Flush()
			fmt.Fprintln(w, "attribution:")
			for _, s := range in.Attribution {
				fmt.Fprintf(w, "  %s\n", s)
			}
			return nil
		},
	}
	info.Flags().Bool("json", false, "print the description as JSON")
	info.Flags().Bool("verify", false, "check the checksums of the whole index file now")
	info.Flags().String("gazetteer", "", "gazetteer index folder built by 'geoparse gazetteer build' (default: the embedded one)")
	return info
}

// openGazetteer opens the configured index and says which it is.
func (a *app) openGazetteer() (*gazetteer.Index, string, error) {
	dir := a.v.GetString("gazetteer")
	ix, err := openGazetteer(dir)
	if err != nil {
		return nil, "", err
	}
	if dir == "" {
		return ix, "embedded default", nil
	}
	where := dir
	if abs, err := filepath.Abs(dir); err == nil {
		where = abs
	}
	if st, err := os.Stat(filepath.Join(dir, "gazetteer.idx")); err == nil {
		where += fmt.Sprintf(" (%.1f MB)", float64(st.Size())/1e6)
	}
	return ix, where, nil
}

// splitList accepts "UA,RU", "UA RU" and repeated flags alike.
func splitList(xs []string) []string {
	var out []string
	for _, x := range xs {
		for _, p := range strings.FieldsFunc(x, func(r rune) bool { return r == ',' || r == ' ' }) {
			out = append(out, strings.ToUpper(p))
		}
	}
	return out
}

// buildMemoryLimit is the soft memory limit of 'gazetteer build'.
const buildMemoryLimit = 3 << 30
