package gazetteer

import "strings"

// newsAbbrev is a news abbreviation of a first-level division that Natural
// Earth's abbrev and postal columns lack or get wrong for news use.
type newsAbbrev struct {
	iso2, name string // the division, by country and name
	forms      []string
	bare       bool // safe as a mention on its own, not only as a qualifier
}

// newsAbbrevs are stored with their divisions in every index, so that an
// index built without Natural Earth still reads "Paris, Tenn.". Sources:
// the AP Stylebook's state abbreviations (with the older forms news still
// writes: "Cal.", "Kans.", "Penn.", "Wisc."), the USPS and Canada Post
// two-letter codes (qualifiers only), and Australia Post's state codes
// (NSW, QLD), which Australian news writes as names.
func newsAbbrevs() []newsAbbrev {
	var out []newsAbbrev
	for _, s := range []struct {
		iso2, name, postal string
		ap                 []string
	}{
		{"US", "Alabama", "AL", []string{"Ala."}}, {"US", "Alaska", "AK", nil}, {"US", "Arizona", "AZ", []string{"Ariz."}},
		{"US", "Arkansas", "AR", []string{"Ark."}}, {"US", "California", "CA", []string{"Calif.", "Cal."}},
		{"US", "Colorado", "CO", []string{"Colo."}}, {"US", "Connecticut", "CT", []string{"Conn."}},
		{"US", "Delaware", "DE", []string{"Del."}}, {"US", "Florida", "FL", []string{"Fla."}}, {"US", "Georgia", "GA", []string{"Ga."}},
		{"US", "Hawaii", "HI", nil}, {"US", "Idaho", "ID", nil}, {"US", "Illinois", "IL", []string{"Ill."}},
		{"US", "Indiana", "IN", []string{"Ind."}}, {"US", "Iowa", "IA", nil}, {"US", "Kansas", "KS", []string{"Kan.", "Kans."}},
		{"US", "Kentucky", "KY", []string{"Ky."}}, {"US", "Louisiana", "LA", []string{"La."}}, {"US", "Maine", "ME", nil},
		{"US", "Maryland", "MD", []string{"Md."}}, {"US", "Massachusetts", "MA", []string{"Mass."}},
		{"US", "Michigan", "MI", []string{"Mich."}}, {"US", "Minnesota", "MN", []string{"Minn."}},
		{"US", "Mississippi", "MS", []string{"Miss."}}, {"US", "Missouri", "MO", []string{"Mo."}},
		{"US", "Montana", "MT", []string{"Mont."}}, {"US", "Nebraska", "NE", []string{"Neb.", "Nebr."}},
		{"US", "Nevada", "NV", []string{"Nev."}}, {"US", "New Hampshire", "NH", []string{"N.H."}},
		{"US", "New Jersey", "NJ", []string{"N.J."}}, {"US", "New Mexico", "NM", []string{"N.M.", "N.Mex."}},
		{"US", "New York", "NY", []string{"N.Y."}}, {"US", "North Carolina", "NC", []string{"N.C."}},
		{"US", "North Dakota", "ND", []string{"N.D.", "N.Dak."}}, {"US", "Ohio", "OH", nil},
		{"US", "Oklahoma", "OK", []string{"Okla."}}, {"US", "Oregon", "OR", []string{"Ore.", "Oreg."}},
		{"US", "Pennsylvania", "PA", []string{"Pa.", "Penn."}}, {"US", "Rhode Island", "RI", []string{"R.I."}},
		{"US", "South Carolina", "SC", []string{"S.C."}}, {"US", "South Dakota", "SD", []string{"S.D.", "S.Dak."}},
		{"US", "Tennessee", "TN", []string{"Tenn."}}, {"US", "Texas", "TX", []string{"Tex."}}, {"US", "Utah", "UT", nil},
		{"US", "Vermont", "VT", []string{"Vt."}}, {"US", "Virginia", "VA", []string{"Va."}},
		{"US", "Washington", "WA", []string{"Wash."}}, {"US", "West Virginia", "WV", []string{"W.Va.", "W. Va."}},
		{"US", "Wisconsin", "WI", []string{"Wis.", "Wisc."}}, {"US", "Wyoming", "WY", []string{"Wyo."}},
		{"US", "District of Columbia", "DC", []string{"D.C."}},
		{"CA", "Alberta", "AB", []string{"Alta."}}, {"CA", "British Columbia", "BC", []string{"B.C."}},
		{"CA", "Manitoba", "MB", []string{"Man."}}, {"CA", "New Brunswick", "NB", []string{"N.B."}},
		{"CA", "Newfoundland and Labrador", "NL", []string{"N.L.", "Nfld."}}, {"CA", "Nova Scotia", "NS", []string{"N.S."}},
		{"CA", "Ontario", "ON", []string{"Ont."}}, {"CA", "Prince Edward Island", "PE", []string{"P.E.I."}},
		{"CA", "Quebec", "QC", []string{"Que."}}, {"CA", "Saskatchewan", "SK", []string{"Sask."}},
	} {
		if len(s.ap) > 0 {
			out = append(out, newsAbbrev{s.iso2, s.name, s.ap, true})
		}
		out = append(out, newsAbbrev{s.iso2, s.name, []string{s.postal}, false})
	}
	for _, s := range []struct{ name, forms string }{
		{"New South Wales", "NSW N.S.W."}, {"Queensland", "Qld Qld. QLD"}, {"Victoria", "Vic."},
		{"Tasmania", "Tas."}, {"Australian Capital Territory", "ACT A.C.T."},
	} {
		out = append(out, newsAbbrev{"AU", s.name, strings.Fields(s.forms), true})
	}
	return out
}

// postalAbbrevCountries are the countries whose Natural Earth postal codes
// are the codes of their postal services (USPS, Canada Post), which news
// writes after a town ("Dayton, OH"); elsewhere the column holds codes
// news does not use.
func postalAbbrevCountries(cc string) bool { return cc == "US" || cc == "CA" }

// abbrevAlias is an abbreviation being built: its form, its record and
// whether it may stand alone.
type abbrevAlias struct {
	raw  string
	rec  uint32
	bare bool
}

// neAbbrevUsable reports whether Natural Earth's abbrev column holds a
// news abbreviation: AP style, with a dot ("Calif.", "N.S.W."); the column
// also holds truncations such as "Shropshr" and whole names.
func neAbbrevUsable(a, name string) bool {
	return strings.Contains(a, ".") && len(a) >= 3 && !strings.EqualFold(a, name)
}
