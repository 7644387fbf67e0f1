package gazetteer

import (
	"math"
	"strings"
)

// regionWords are generic words for administrative divisions. A mention
// such as "Kharkiv region" or "Kharkiv Oblast" names the division whose
// name is the rest ("Kharkiv"), not the city of that name.
func isRegionWord(w string) bool {
	switch w {
	case "region", "oblast", "province", "state", "county", "governorate",
		"prefecture", "district", "krai", "kray", "voivodeship", "oblasts", "regions":
		return true
	}
	return false
}

// regionHead splits a normalized mention into its head and region word:
// "kharkiv region" → "kharkiv"; "province of alberta" → "alberta".
func regionHead(key string) (string, bool) {
	if i := strings.LastIndexByte(key, ' '); i > 0 && isRegionWord(key[i+1:]) {
		return key[:i], true
	}
	if w, rest, ok := strings.Cut(key, " of "); ok && isRegionWord(w) && rest != "" {
		return rest, true
	}
	return "", false
}

// distanceKm is the great-circle distance between two points.
func distanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0088
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := p2-p1, (lon2-lon1)*math.Pi/180
	a := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(a)))
}
