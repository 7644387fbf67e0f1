package gazetteer

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// neAdmin1Row is one first-level division of Natural Earth's admin-1
// table (ne_10m_admin_1_states_provinces, its attributes as JSON lines).
type neAdmin1Row struct {
	cc, code string  // GeoNames admin1 code, from gn_a1_code "UA.07"
	gnID     int64   // GeoNames geonameid (gn_id), 0 or negative when unknown
	lat, lon float64 // label point
	name     string
	names    []string // name_en, name_alt…, name_local, name_xx translations
	abbrev   string   // AP style abbreviation with dots ("Calif."); "" when none
	postal   string   // postal code ("CA")
}

// parseNEAdmin1 reads the admin-1 attributes, one JSON object a line.
func parseNEAdmin1(ctx context.Context, path string, fn func(neAdmin1Row)) error {
	return eachJSONLine(ctx, path, func(obj map[string]any) error {
		r := neAdmin1Row{name: jsonString(obj, "name"), abbrev: jsonString(obj, "abbrev"), postal: jsonString(obj, "postal")}
		lat, okLat := obj["latitude"].(float64)
		lon, okLon := obj["longitude"].(float64)
		if !okLat || !okLon || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
			return fmt.Errorf("latitude/longitude %v, %v", obj["latitude"], obj["longitude"])
		}
		r.lat, r.lon = lat, lon
		if id, ok := obj["gn_id"].(float64); ok && id > 0 {
			r.gnID = int64(id)
		}
		if code := jsonString(obj, "gn_a1_code"); reAdmin1Code.MatchString(code) {
			r.cc, r.code = code[:2], code[3:]
		} else if cc := jsonString(obj, "iso_a2"); len(cc) == 2 {
			r.cc = cc
		}
		if r.name == "" {
			return nil // a few unnamed slivers
		}
		r.names = append(r.names, jsonString(obj, "name_en"), jsonString(obj, "name_local"))
		for _, a := range strings.Split(jsonString(obj, "name_alt"), "|") {
			r.names = append(r.names, strings.TrimSpace(a))
		}
		keys := make([]string, 0, 40)
		for k := range obj {
			if strings.HasPrefix(k, "name_") && len(k) <= 8 && k != "name_en" && k != "name_len" && k != "name_alt" {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys) // deterministic order of names
		for _, k := range keys {
			r.names = append(r.names, jsonString(obj, k))
		}
		fn(r)
		return nil
	})
}

// jsonString returns obj[key] if it is a string.
func jsonString(obj map[string]any, key string) string {
	s, _ := obj[key].(string)
	return strings.TrimSpace(s)
}

// eachJSONLine calls fn with every line of a JSON-lines file, decoded.
func eachJSONLine(ctx context.Context, path string, fn func(map[string]any) error) error {
	src, err := openSource(path)
	if err != nil {
		return err
	}
	defer src.Close()
	name := src.Name()
	sc := bufio.NewScanner(src)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for line := 1; sc.Scan(); line++ {
		if line&0xff == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		if !utf8.Valid(b) {
			return lineError(name, line, errors.New("invalid UTF-8"))
		}
		var obj map[string]any
		if err := json.Unmarshal(b, &obj); err != nil {
			return lineError(name, line, err)
		}
		if err := fn(obj); err != nil {
			return lineError(name, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("gazetteer: %s: %w", name, err)
	}
	return nil
}
