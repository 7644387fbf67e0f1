package gazetteer

// countryAlias is a name that news uses for a country and that the sources
// lack. Only forms whose normal form is not a common word belong here.
type countryAlias struct {
	iso2, name string
}

// countryAliases is deliberately short and general.
func countryAliases() []countryAlias {
	return []countryAlias{
		{"US", "USA"},
		{"US", "United States of America"},
		{"US", "America"},
		{"GB", "UK"},
		{"GB", "Britain"},
		{"GB", "Great Britain"},
		{"NL", "Holland"},
		{"NL", "The Netherlands"},
		{"CZ", "Czech Republic"},
		{"MM", "Burma"},
		{"CD", "DRC"},
		{"CD", "DR Congo"},
		{"CD", "Democratic Republic of Congo"},
		{"CG", "Congo-Brazzaville"},
		{"AE", "UAE"},
		{"VA", "Vatican City"},
		{"VA", "Holy See"},
		{"PS", "Palestine"},
		{"TL", "East Timor"},
		{"RU", "Russian Federation"},
		{"KR", "Republic of Korea"},
	}
}

// caseSensitiveAliases are matched on the mention as written, before
// normalization, because their normal form is a common word: "U.S." and
// "US" normalize to the pronoun "us".
func caseSensitiveAliases() []countryAlias {
	return []countryAlias{
		{"US", "U.S."},
		{"US", "US"},
		{"US", "U.S.A."},
		{"US", "U.S"},
	}
}
