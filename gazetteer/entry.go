package gazetteer

// Entry is one place of the gazetteer: a country (feature code PCLI), a
// first-level division (ADM1) or a populated place (PPL, PPLA, PPLC …).
type Entry struct {
	ID           int64   // GeoNames geonameid
	Name         string  // preferred name
	Lat, Lon     float64 // degrees, WGS84, rounded to 1e-5°
	FeatureClass string  // GeoNames feature class: "A" (countries, divisions), "P" (places)
	FeatureCode  string  // GeoNames feature code: "PCLI", "ADM1", "PPLC", "PPL", …
	CountryCode  string  // ISO 3166-1 alpha-2
	Admin1       string  // GeoNames admin1 code within the country, e.g. "07"
	Admin1Name   string  // name of that division, "" when unknown
	Population   int64   // for ADM1: sum of the indexed places in it (ranking only)
}

// IsCountry reports whether e is a country.
func (e Entry) IsCountry() bool { return e.FeatureCode == "PCLI" }

// IsSynthetic reports whether e's id is geoparse's own (an entry no
// source gives a geonameid: a postal village, a sea, a macro-region)
// rather than a GeoNames geonameid.
func (e Entry) IsSynthetic() bool { return e.ID >= syntheticIDBase }

// IsAdmin1 reports whether e is a first-level division.
func (e Entry) IsAdmin1() bool { return e.FeatureCode == "ADM1" }

// featureRank orders feature codes by how likely a bare mention means that
// kind of place: a country before a division before a capital before a
// village. Higher is more prominent.
func featureRank(code string) int {
	switch code {
	case "PCLI":
		return 8
	case "ADM1":
		return 7
	case "PPLC":
		return 6
	case "PPLA":
		return 5
	case "PPLA2":
		return 4
	case "PPLA3", "PPLA4", "ADM2":
		return 3
	case "PPL":
		return 2
	case "PPLG", "PPLX", "PPLL", "PPLF", "PPLS", "PPLR":
		return 1
	}
	return 0
}
