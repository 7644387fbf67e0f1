package gazetteer

import "strings"

// stateAbbrev is a news abbreviation of a first-level division.
type stateAbbrev struct {
	iso2, name string
	// bare: safe as a mention on its own, not only as a qualifier
	// ("Ky." is; "IN", "OR", "LA" are words or other places).
	bare bool
}

// stateAbbrevs are the AP style abbreviations and postal codes of U.S.
// states and Canadian provinces, as datelines and "Paris, Tenn." write
// them.
var stateAbbrevs = func() map[string]stateAbbrev {
	m := map[string]stateAbbrev{}
	add := func(iso2, name string, ap []string, postal string) {
		for _, a := range ap {
			m[a] = stateAbbrev{iso2, name, true}
		}
		if postal != "" {
			bare := !strings.Contains(" IN OR ME OK HI OH ID CO AL LA MA PA DE GA MD NE SC WA VA MO MI AR AS ON NS PE BC QC ", " "+postal+" ")
			m[postal] = stateAbbrev{iso2, name, bare}
		}
	}
	for _, s := range []struct {
		name   string
		ap     []string
		postal string
	}{
		{"Alabama", []string{"Ala."}, "AL"}, {"Alaska", nil, "AK"}, {"Arizona", []string{"Ariz."}, "AZ"},
		{"Arkansas", []string{"Ark."}, "AR"}, {"California", []string{"Calif.", "Cal."}, "CA"},
		{"Colorado", []string{"Colo."}, "CO"}, {"Connecticut", []string{"Conn."}, "CT"},
		{"Delaware", []string{"Del."}, "DE"}, {"Florida", []string{"Fla."}, "FL"}, {"Georgia", []string{"Ga."}, "GA"},
		{"Hawaii", nil, "HI"}, {"Idaho", nil, "ID"}, {"Illinois", []string{"Ill."}, "IL"},
		{"Indiana", []string{"Ind."}, "IN"}, {"Iowa", nil, "IA"}, {"Kansas", []string{"Kan.", "Kans."}, "KS"},
		{"Kentucky", []string{"Ky."}, "KY"}, {"Louisiana", []string{"La."}, "LA"}, {"Maine", nil, "ME"},
		{"Maryland", []string{"Md."}, "MD"}, {"Massachusetts", []string{"Mass."}, "MA"},
		{"Michigan", []string{"Mich."}, "MI"}, {"Minnesota", []string{"Minn."}, "MN"},
		{"Mississippi", []string{"Miss."}, "MS"}, {"Missouri", []string{"Mo."}, "MO"},
		{"Montana", []string{"Mont."}, "MT"}, {"Nebraska", []string{"Neb.", "Nebr."}, "NE"},
		{"Nevada", []string{"Nev."}, "NV"}, {"New Hampshire", []string{"N.H."}, "NH"},
		{"New Jersey", []string{"N.J."}, "NJ"}, {"New Mexico", []string{"N.M.", "N.Mex."}, "NM"},
		{"New York", []string{"N.Y."}, "NY"}, {"North Carolina", []string{"N.C."}, "NC"},
		{"North Dakota", []string{"N.D.", "N.Dak."}, "ND"}, {"Ohio", nil, "OH"},
		{"Oklahoma", []string{"Okla."}, "OK"}, {"Oregon", []string{"Ore.", "Oreg."}, "OR"},
		{"Pennsylvania", []string{"Pa.", "Penn."}, "PA"}, {"Rhode Island", []string{"R.I."}, "RI"},
		{"South Carolina", []string{"S.C."}, "SC"}, {"South Dakota", []string{"S.D.", "S.Dak."}, "SD"},
		{"Tennessee", []string{"Tenn."}, "TN"}, {"Texas", []string{"Tex."}, "TX"}, {"Utah", nil, "UT"},
		{"Vermont", []string{"Vt."}, "VT"}, {"Virginia", []string{"Va."}, "VA"},
		{"Washington", []string{"Wash."}, "WA"}, {"West Virginia", []string{"W.Va.", "W. Va."}, "WV"},
		{"Wisconsin", []string{"Wis.", "Wisc."}, "WI"}, {"Wyoming", []string{"Wyo."}, "WY"},
	} {
		add("US", s.name, s.ap, s.postal)
	}
	for _, s := range []struct {
		name   string
		ap     []string
		postal string
	}{
		{"Alberta", []string{"Alta."}, "AB"}, {"British Columbia", []string{"B.C."}, "BC"},
		{"Manitoba", []string{"Man."}, "MB"}, {"New Brunswick", []string{"N.B."}, "NB"},
		{"Newfoundland and Labrador", []string{"N.L.", "Nfld."}, "NL"}, {"Nova Scotia", []string{"N.S."}, "NS"},
		{"Ontario", []string{"Ont."}, "ON"}, {"Prince Edward Island", []string{"P.E.I."}, "PE"},
		{"Quebec", []string{"Que."}, "QC"}, {"Saskatchewan", []string{"Sask."}, "SK"},
	} {
		add("CA", s.name, s.ap, s.postal)
	}
	for _, s := range []struct{ name, ab string }{
		{"New South Wales", "NSW"}, {"New South Wales", "N.S.W."}, {"Queensland", "Qld"}, {"Queensland", "Qld."},
		{"Victoria", "Vic."}, {"Tasmania", "Tas."},
	} {
		m[s.ab] = stateAbbrev{"AU", s.name, true}
	}
	return m
}()

// abbreviation reads a state or province abbreviation ("Ky.", "B.C.",
// "TX"), as written. Postal codes that are also words or other places
// ("IN", "LA") are read only as qualifiers ("Paris, LA").
func (ix *Index) abbreviation(text string, qualifier bool) (Entry, bool) {
	raw := strings.TrimSpace(text)
	a, ok := stateAbbrevs[raw]
	if !ok && !strings.HasSuffix(raw, ".") {
		a, ok = stateAbbrevs[raw+"."] // "Paris, Ky" for "Ky."
		ok = ok && len(raw) > 2 && qualifier
	}
	if !ok || !a.bare && !qualifier {
		return Entry{}, false
	}
	for _, e := range ix.Lookup(a.name) {
		if e.IsAdmin1() && e.CountryCode == a.iso2 {
			return e, true
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
