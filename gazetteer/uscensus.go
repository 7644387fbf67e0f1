package gazetteer

import (
	"context"
	"fmt"
	"strings"
)

// censusCounty is one row of the US Census Bureau's gazetteer of counties
// (2019_Gaz_counties_national.txt): a county or county-equivalent with its
// internal point.
type censusCounty struct {
	state    string // USPS code, which is GeoNames' US admin1 code
	fips     string // county FIPS code, the last part of GeoNames' admin2 code
	name     string // "Autauga County", "Orleans Parish"
	lat, lon float64
}

// censusHeader is the header line of the counties file, which sniff
// recognizes.
var censusHeader = []string{"USPS", "GEOID", "ANSICODE", "NAME"}

// parseCensusCounties reads the counties file (tab-separated, with a
// header; columns by name).
func parseCensusCounties(ctx context.Context, path string, fn func(censusCounty) error) error {
	col := map[string]int{}
	return eachTSVLine(ctx, path, 0, func(line int, c []string) error {
		if len(col) == 0 {
			for i, h := range c {
				col[strings.TrimSpace(h)] = i
			}
			for _, n := range []string{"USPS", "GEOID", "NAME", "INTPTLAT", "INTPTLONG"} {
				if _, ok := col[n]; !ok {
					return fmt.Errorf("no column %q in the header", n)
				}
			}
			return nil
		}
		get := func(n string) string {
			if i := col[n]; i < len(c) {
				return strings.TrimSpace(c[i])
			}
			return ""
		}
		r := censusCounty{state: get("USPS"), name: get("NAME")}
		geoid := get("GEOID")
		if len(r.state) != 2 || len(geoid) != 5 || !isDigits(geoid) {
			return fmt.Errorf("USPS %q GEOID %q: want a state code and five digits", r.state, geoid)
		}
		r.fips = geoid[2:]
		lat, lon, err := parseLatLon(get("INTPTLAT"), get("INTPTLONG"))
		if err != nil {
			return err
		}
		r.lat, r.lon = lat, lon
		if r.name == "" {
			return fmt.Errorf("GEOID %s: no name", geoid)
		}
		return fn(r)
	})
}
