package gazetteer

import (
	"context"
	"fmt"
	"hash/fnv"
	"strings"
)

// postalPlace is one row of a GeoNames postal-code dump: the place a
// postal code serves. Towns repeat, once per code.
type postalPlace struct {
	cc, name           string
	admin1Name, admin1 string // as the postal dump writes them
	lat, lon           float64
}

// parsePostal reads a GeoNames postal-code dump: 12 tab-separated columns
// (country, code, place, admin1 name and code, admin2 name and code,
// admin3 name and code, latitude, longitude, accuracy), or the 11 of some
// mirrors, which add a header line.
func parsePostal(ctx context.Context, path string, fn func(postalPlace) error) error {
	return eachTSVLine(ctx, path, 0, func(line int, c []string) error {
		if line == 1 && c[0] == "country_code" {
			return nil
		}
		if len(c) != 11 && len(c) != 12 {
			return fmt.Errorf("%d columns, want 12 (GeoNames postal codes) or 11", len(c))
		}
		if len(c[0]) != 2 {
			return fmt.Errorf("country code %q", c[0])
		}
		lat, lon, err := parseLatLon(c[9], c[10])
		if err != nil {
			return err
		}
		return fn(postalPlace{cc: c[0], name: strings.TrimSpace(c[2]), admin1Name: c[3], admin1: c[4], lat: lat, lon: lon})
	})
}

// postalNotPlace reports names that are not places: postal dumps also
// list companies, post-office boxes and sorting centres ("… GmbH",
// "Postfach").
func postalNotPlace(name string) bool {
	if len(name) < 3 || strings.ContainsAny(name, "0123456789@()/,") {
		return true
	}
	words := strings.Fields(strings.ReplaceAll(strings.ToLower(name), "-", " "))
	if len(words) >= 3 {
		// Mostly estates, streets and institutions ("Quinta Jaime
		// Nuno", "Tampines Street"); dropping them keeps the embedded
		// index within its budget at no measured cost (README).
		return true
	}
	for _, w := range words {
		switch strings.Trim(w, ".") {
		case "gmbh", "ag", "kg", "ltd", "inc", "llc", "sa", "spa", "srl", "bv", "postfach", "cedex", "po", "box", "pobox", "apartado", "bp", "cs", "sas", "co",
			"street", "sector", "estafeta", "urbanizacion", "urbanización", "colonia", "barrio", "fraccionamiento", "residencial", "condominio",
			"quinta", "zona", "poligono", "polígono", "park", "parque", "industrial", "estate", "lotissement", "residence", "résidence", "cidade", "jardim", "conjunto", "loteamento", "villa":
			return true
		}
	}
	return false
}

// placeKey is the hash of a country and a normalized name, by which
// postal places are told from the places of the geoname tables.
func placeKey(cc, key string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(cc))
	h.Write([]byte{0})
	h.Write([]byte(key))
	return h.Sum64()
}

// postalDedupKm: a postal place within this distance of a place of the
// same name (from the geoname tables, or an earlier postal row) is that
// place.
const postalDedupKm = 40

// postalRow adds the place of a postal row unless it is known: the
// village that cities500 lacks, named in Latin letters (Cyrillic names
// romanized with the national system: Гракове is Hrakove) and in its own
// script.
func (b *builder) postalRow(r postalPlace) error {
	var names []string
	// Bulgarian rows give both scripts: "Рупци / Rupci".
	for _, n := range strings.Split(r.name, " / ") {
		n = strings.TrimSpace(n)
		if postalNotPlace(n) {
			return nil
		}
		if rom, ok := Romanize(n, r.cc); ok {
			names = append(names, rom)
		}
		names = append(names, n)
	}
	if len(names) == 0 {
		return nil
	}
	lat, lon := toUnits(r.lat), toUnits(r.lon)
	near := func(pts [][2]int32) bool {
		for _, p := range pts {
			if distanceKm(float64(p[0])/coordUnit, float64(p[1])/coordUnit, r.lat, r.lon) < postalDedupKm {
				return true
			}
		}
		return false
	}
	keys := make([]uint64, 0, 2)
	for _, n := range names {
		k := placeKey(r.cc, Normalize(n))
		if near(b.placeKeys[k]) || near(b.postalKeys[k]) {
			return nil
		}
		keys = append(keys, k)
	}
	admin1 := ""
	if a, ok := b.admin1Names()[r.cc+"."+r.admin1]; ok && sharePrefix(Normalize(a), Normalize(r.admin1Name), 4) {
		admin1 = r.admin1
	}
	for _, k := range keys {
		b.postalKeys[k] = append(b.postalKeys[k], [2]int32{lat, lon})
	}
	id := syntheticID("postal", r.cc, admin1, Normalize(names[0]), fmt.Sprint(lat/10000, lon/10000))
	return b.addEntry(id, r.lat, r.lon, 0, "P", "PPL", r.cc, admin1, names)
}

// sharePrefix reports whether a and b begin with the same n bytes.
func sharePrefix(a, b string, n int) bool {
	return len(a) >= n && len(b) >= n && a[:n] == b[:n]
}
