package gazetteer

import "strings"

// abbreviation reads a division abbreviation ("Ky.", "B.C.", "TX") as
// written, from the abbreviations stored in the index (Natural Earth's and
// the news forms of newsAbbrevs). Postal codes ("CA", "IN", "LA") are read
// only as qualifiers ("Paris, LA"): alone they are words, other places or
// other abbreviations.
// Abbreviation returns the country or division a news abbreviation
// stands for ("Calif.", "N.S.W.", "U.S."). With qualifier, the text
// follows another place's name ("Paris, TX", "Louisville, Ky"), and
// postal codes, which are no place on their own, count too.
func (ix *Index) Abbreviation(text string, qualifier bool) (Entry, bool) {
	return ix.abbreviation(text, qualifier)
}

func (ix *Index) abbreviation(text string, qualifier bool) (Entry, bool) {
	raw := strings.TrimSpace(text)
	as, ok := ix.abbrevs[raw]
	if !ok && !strings.HasSuffix(raw, ".") && len(raw) > 2 && qualifier {
		as, ok = ix.abbrevs[raw+"."] // "Paris, Ky" for "Ky."
	}
	if !ok {
		return Entry{}, false
	}
	for _, a := range as {
		if a.bare || qualifier {
			return ix.entry(a.rec), true
		}
	}
	return Entry{}, false
}

// continents are the GeoNames continents (feature code CONT), which the
// index does not hold, at the GeoNames points.
var continents = []Entry{
	{ID: 6255146, Name: "Africa", Lat: 7.1881, Lon: 21.09375},
	{ID: 6255147, Name: "Asia", Lat: 29.84064, Lon: 89.29688},
	{ID: 6255148, Name: "Europe", Lat: 48.69096, Lon: 9.14062},
	{ID: 6255149, Name: "North America", Lat: 46.07323, Lon: -100.54688},
	{ID: 6255150, Name: "South America", Lat: -14.60485, Lon: -57.65625},
	{ID: 6255151, Name: "Oceania", Lat: -18.31281, Lon: 138.51562},
	{ID: 6255152, Name: "Antarctica", Lat: -78.15856, Lon: 16.40626},
}

// continent reads a continent's name (normalized).
func continent(key string) (Entry, bool) {
	for _, e := range continents {
		if Normalize(e.Name) == key {
			e.FeatureClass, e.FeatureCode = "L", "CONT"
			return e, true
		}
	}
	return Entry{}, false
}
