package gazetteer

import "math"

// macroRegion is a region news names that no gazetteer source holds as a
// place: a group of countries or divisions. Its point is the middle of its
// members' points (their mean on the sphere), so that it follows the
// members' points in the index rather than coordinates copied from
// elsewhere.
type macroRegion struct {
	names   []string
	members []string // ISO 3166-1 alpha-2 codes, or GeoNames admin1 codes "SD.55"
	source  string   // where the membership comes from
}

const (
	srcM49        = "UN M49 geographic regions (unstats.un.org/unsd/methodology/m49)"
	srcBritannica = "Encyclopaedia Britannica, the article of that name"
)

// macroRegions is deliberately small: the regions of the development
// corpora's and the news' usual vocabulary (README: Data credits).
var macroRegions = []macroRegion{
	{[]string{"Middle East", "Mideast"}, []string{"BH", "CY", "EG", "IR", "IQ", "IL", "JO", "KW", "LB", "OM", "PS", "QA", "SA", "SY", "TR", "AE", "YE"}, srcBritannica},
	{[]string{"West Africa", "Western Africa"}, []string{"BJ", "BF", "CV", "CI", "GM", "GH", "GN", "GW", "LR", "ML", "MR", "NE", "NG", "SN", "SL", "TG"}, srcM49},
	{[]string{"East Africa", "Eastern Africa"}, []string{"BI", "DJ", "ER", "ET", "KE", "RW", "SO", "SS", "TZ", "UG"}, srcM49 + " (its mainland core)"},
	{[]string{"Southern Africa"}, []string{"BW", "SZ", "LS", "NA", "ZA"}, srcM49},
	{[]string{"North Africa", "Northern Africa"}, []string{"DZ", "EG", "LY", "MA", "SD", "TN"}, srcM49},
	{[]string{"Central Africa", "Middle Africa"}, []string{"AO", "CM", "CF", "TD", "CG", "CD", "GQ", "GA"}, srcM49},
	{[]string{"Horn of Africa"}, []string{"DJ", "ER", "ET", "SO"}, srcBritannica},
	{[]string{"Sahel"}, []string{"SN", "MR", "ML", "BF", "NE", "TD"}, srcBritannica + " (the states of the belt from Senegal to Chad)"},
	{[]string{"Maghreb"}, []string{"DZ", "LY", "MA", "MR", "TN"}, srcBritannica},
	{[]string{"Levant"}, []string{"IL", "JO", "LB", "PS", "SY"}, srcBritannica},
	{[]string{"Darfur"}, []string{"SD.47", "SD.49", "SD.55", "SD.60", "SD.61"}, "the five states of Darfur (GeoNames admin1 codes)"},
	{[]string{"Southeast Asia", "South-East Asia", "South East Asia"}, []string{"BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "TL", "VN"}, srcM49},
	{[]string{"South Asia", "Southern Asia"}, []string{"AF", "BD", "BT", "IN", "MV", "NP", "PK", "LK"}, srcM49 + " (without Iran)"},
	{[]string{"Central Asia"}, []string{"KZ", "KG", "TJ", "TM", "UZ"}, srcM49},
	{[]string{"East Asia", "Eastern Asia"}, []string{"CN", "JP", "KP", "KR", "MN", "TW"}, srcM49},
	{[]string{"Western Europe"}, []string{"AT", "BE", "FR", "DE", "LU", "NL", "CH"}, srcM49},
	{[]string{"Eastern Europe"}, []string{"BY", "BG", "CZ", "HU", "PL", "MD", "RO", "SK", "UA"}, srcM49 + " (without Russia, whose point is in Asia)"},
	{[]string{"Northern Europe"}, []string{"DK", "EE", "FI", "IS", "IE", "LV", "LT", "NO", "SE", "GB"}, srcM49},
	{[]string{"Southern Europe"}, []string{"AL", "BA", "HR", "GR", "IT", "MT", "ME", "MK", "PT", "RS", "SI", "ES"}, srcM49},
	{[]string{"Balkans", "Balkan Peninsula", "Western Balkans"}, []string{"AL", "BA", "BG", "HR", "GR", "XK", "ME", "MK", "RS"}, srcBritannica},
	{[]string{"Scandinavia"}, []string{"DK", "NO", "SE"}, srcBritannica},
	{[]string{"Caucasus", "South Caucasus", "Transcaucasia"}, []string{"AM", "AZ", "GE"}, srcBritannica},
	{[]string{"Central America"}, []string{"BZ", "CR", "SV", "GT", "HN", "NI", "PA"}, srcM49},
	{[]string{"Caribbean", "the Caribbean"}, []string{"AG", "BS", "BB", "CU", "DM", "DO", "GD", "HT", "JM", "KN", "LC", "VC", "TT"}, srcM49 + " (its sovereign states)"},
	{[]string{"Baltics", "Baltic states"}, []string{"EE", "LV", "LT"}, srcBritannica},
}

// sphereMean is the mean of points on the unit sphere, back in degrees:
// the middle of points on both sides of the antimeridian is not on the
// other side of the world.
func sphereMean(pts [][2]float64) (lat, lon float64, ok bool) {
	var x, y, z float64
	for _, p := range pts {
		la, lo := p[0]*math.Pi/180, p[1]*math.Pi/180
		x += math.Cos(la) * math.Cos(lo)
		y += math.Cos(la) * math.Sin(lo)
		z += math.Sin(la)
	}
	if len(pts) == 0 || math.Hypot(x, y) < 1e-12 && math.Abs(z) < 1e-12 {
		return 0, 0, false
	}
	return math.Atan2(z, math.Hypot(x, y)) * 180 / math.Pi, math.Atan2(y, x) * 180 / math.Pi, true
}
