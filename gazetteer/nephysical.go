package gazetteer

import (
	"context"
	"fmt"
	"hash/fnv"
	"os"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"
)

// neFeature is a named physical feature of Natural Earth: a sea, gulf or
// strait (marine polygons), a mountain or plateau (elevation points), an
// island or cape (region points).
type neFeature struct {
	name     string
	alts     []string
	fclass   string // GeoNames feature class and code for featurecla
	fcode    string
	lat, lon float64
}

// neFeatureCodes maps Natural Earth's featurecla to GeoNames feature
// classes and codes; a class not listed is not read.
var neFeatureCodes = map[string][2]string{
	"ocean": {"H", "OCN"}, "sea": {"H", "SEA"}, "gulf": {"H", "GULF"}, "bay": {"H", "BAY"},
	"strait": {"H", "STRT"}, "sound": {"H", "SD"}, "channel": {"H", "CHN"}, "lagoon": {"H", "LGN"},
	"fjord": {"H", "FJD"}, "river": {"H", "STM"}, "reef": {"H", "RF"}, "inlet": {"H", "INLT"},
	"waterfall": {"H", "FLLS"},
	"mountain":  {"T", "MT"}, "plateau": {"T", "PLAT"}, "depression": {"T", "DPR"}, "pass": {"T", "PASS"},
	"island": {"T", "ISL"}, "island group": {"T", "ISLS"}, "cape": {"T", "CAPE"}, "plain": {"T", "PLN"},
}

// parseNEPhysical reads a Natural Earth physical layer as GeoJSON: a
// feature's point is its own, or the centroid of its largest polygon.
func parseNEPhysical(ctx context.Context, path string, fn func(neFeature) error) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("gazetteer: input: %w", err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(data)
	if err != nil {
		return fmt.Errorf("gazetteer: %s: %w", path, err)
	}
	for i, f := range fc.Features {
		if err := ctx.Err(); err != nil {
			return err
		}
		codes, ok := neFeatureCodes[strings.ToLower(f.Properties.MustString("featurecla", ""))]
		name := strings.Join(strings.Fields(f.Properties.MustString("name", "")), " ")
		if !ok || name == "" {
			continue
		}
		nf := neFeature{name: displayName(name), fclass: codes[0], fcode: codes[1]}
		for _, k := range []string{"name_alt", "namealt"} {
			for _, a := range strings.Split(f.Properties.MustString(k, ""), "|") {
				if a = strings.TrimSpace(a); a != "" {
					nf.alts = append(nf.alts, a)
				}
			}
		}
		pt, ok := representativePoint(f.Geometry)
		if !ok {
			return fmt.Errorf("gazetteer: %s: feature %d (%s): no point", path, i+1, name)
		}
		nf.lon, nf.lat = pt[0], pt[1]
		if nf.lat < -90 || nf.lat > 90 || nf.lon < -180 || nf.lon > 180 {
			return fmt.Errorf("gazetteer: %s: feature %d (%s): point %v out of range", path, i+1, name, pt)
		}
		if err := fn(nf); err != nil {
			return fmt.Errorf("gazetteer: %s: feature %d (%s): %w", path, i+1, name, err)
		}
	}
	return nil
}

// representativePoint is a point geometry itself, or the area centroid of
// the largest polygon of a (multi)polygon.
func representativePoint(g orb.Geometry) (orb.Point, bool) {
	switch g := g.(type) {
	case orb.Point:
		return g, true
	case orb.Polygon:
		c, _ := planar.CentroidArea(g)
		return c, len(g) > 0
	case orb.MultiPolygon:
		best, bestArea := -1, 0.0
		for i, p := range g {
			if a := planar.Area(p); best < 0 || a > bestArea {
				best, bestArea = i, a
			}
		}
		if best < 0 {
			return orb.Point{}, false
		}
		c, _ := planar.CentroidArea(g[best])
		return c, true
	}
	return orb.Point{}, false
}

// displayName writes an all-capitals name ("ARCTIC OCEAN") in title case.
func displayName(s string) string {
	if strings.ToUpper(s) != s {
		return s
	}
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		if i > 0 && (w == "of" || w == "the" || w == "and") {
			continue
		}
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

// syntheticIDBase starts the ids of entries that no source gives a
// geonameid (Natural Earth's seas and mountains, the macro-regions):
// above every GeoNames id, so that they can never meet one.
const syntheticIDBase = 1 << 31

// syntheticID is a stable id for an entry without a geonameid, from what
// it is: equal inputs give equal ids, whatever the order of the rows.
func syntheticID(parts ...string) uint32 {
	h := fnv.New32a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return syntheticIDBase | h.Sum32()&(syntheticIDBase-1)
}
