package gazetteer

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// inputKind is what a source file holds.
type inputKind string

const (
	kindUnknown     inputKind = ""
	kindGeonames    inputKind = "geonames"              // GeoNames geoname table (cities500.txt, allCountries.txt …)
	kindAdmin1      inputKind = "admin1"                // GeoNames admin1CodesASCII.txt
	kindCountryInfo inputKind = "countryinfo"           // GeoNames countryInfo.txt
	kindDrCountries inputKind = "dr5hn-countries"       // dr5hn countries.csv
	kindDrStates    inputKind = "dr5hn-states"          // dr5hn states.csv
	kindAdmin2      inputKind = "admin2"                // GeoNames admin2Codes.txt
	kindAltNames    inputKind = "alternatenames"        // GeoNames alternateNamesV2.txt (or the older alternateNames.txt)
	kindNEAdmin1    inputKind = "naturalearth-admin1"   // Natural Earth admin-1 attributes, JSON lines
	kindCensus      inputKind = "uscensus-counties"     // US Census Bureau gazetteer of counties
	kindNEPhysical  inputKind = "naturalearth-physical" // Natural Earth seas, mountains, islands (GeoJSON)
	kindPostal      inputKind = "postalcodes"           // GeoNames postal-code dump
)

// kindOrder is the order in which Build reads the kinds: the small tables
// first, then the geoname tables, then the alternate names, which attach
// to the places read before.
func kindOrder(k inputKind) int {
	switch k {
	case kindCountryInfo:
		return 0
	case kindAdmin1:
		return 1
	case kindDrCountries:
		return 2
	case kindDrStates:
		return 3
	case kindNEAdmin1, kindNEPhysical:
		return 4
	case kindGeonames:
		return 5
	case kindAdmin2:
		return 6
	case kindCensus, kindPostal:
		return 7
	case kindAltNames:
		return 8
	}
	return 9
}

type inputFile struct {
	path string
	kind inputKind
}

var (
	reAdmin1Code   = regexp.MustCompile(`^[A-Z]{2}\.[^.\t]+$`)
	reAdmin2Code   = regexp.MustCompile(`^[A-Z]{2}\.[^.\t]+\.[^.\t]+$`)
	reCountryDump  = regexp.MustCompile(`^[A-Z]{2}\.(txt|zip)$`)
	reCitiesDump   = regexp.MustCompile(`^(cities\d+|allCountries)\.(txt|zip)$`)
	errNoGeonames  = errors.New("gazetteer: no GeoNames geoname table among the inputs")
	errUnknownKind = errors.New("unknown kind of file (want a GeoNames geoname table, alternateNames, admin1CodesASCII, admin2Codes, countryInfo, dr5hn countries or states CSV; plain or zipped)")
)

// resolveInputs expands folders and detects each file's kind. Files named
// explicitly must be recognised; files found in a folder that are not are
// skipped (a folder may hold READMEs and other data).
func resolveInputs(inputs []string) ([]inputFile, error) {
	var out []inputFile
	for _, in := range inputs {
		st, err := os.Stat(in)
		if err != nil {
			return nil, fmt.Errorf("gazetteer: input: %w", err)
		}
		if !st.IsDir() {
			k, err := detectKind(in)
			if err != nil {
				return nil, err
			}
			if k == kindUnknown {
				return nil, fmt.Errorf("gazetteer: %s: %w", in, errUnknownKind)
			}
			out = append(out, inputFile{in, k})
			continue
		}
		ents, err := os.ReadDir(in)
		if err != nil {
			return nil, fmt.Errorf("gazetteer: input: %w", err)
		}
		for _, e := range ents { // ReadDir sorts by name: deterministic
			if e.IsDir() {
				continue
			}
			p := filepath.Join(in, e.Name())
			k, err := detectKind(p)
			if err != nil {
				return nil, err
			}
			if k != kindUnknown {
				out = append(out, inputFile{p, k})
			}
		}
	}
	return out, nil
}

// detectKind looks at the first lines of a file, and at its name when the
// content says nothing (so that a malformed file named cities500.txt is
// parsed and its bad line reported rather than skipped).
func detectKind(path string) (inputKind, error) {
	src, err := openSource(path)
	if err != nil {
		return kindUnknown, err
	}
	defer src.Close()
	head := make([]byte, 64<<10)
	n, err := io.ReadFull(src, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return kindUnknown, fmt.Errorf("gazetteer: %s: %w", src.Name(), err)
	}
	if k := sniff(head[:n]); k != kindUnknown {
		return k, nil
	}
	if src.member != "" {
		if k := kindFromName(filepath.Base(src.member)); k != kindUnknown {
			return k, nil
		}
	}
	return kindFromName(filepath.Base(path)), nil
}

func sniff(head []byte) inputKind {
	lines := bytes.Split(head, []byte("\n"))
	if len(lines) > 1 {
		lines = lines[:len(lines)-1] // the last one may be cut short
	}
	for _, l := range lines {
		line := strings.TrimRight(string(l), "\r")
		if line == "" {
			continue
		}
		if strings.HasPrefix(line, "{") {
			h := string(head)
			switch {
			case strings.Contains(line, `"gn_a1_code"`) && strings.Contains(line, `"iso_a2"`):
				return kindNEAdmin1
			case strings.Contains(h, `"FeatureCollection"`) && strings.Contains(h, `"featurecla"`) && strings.Contains(h, `"scalerank"`):
				return kindNEPhysical
			}
			return kindUnknown
		}
		if strings.HasPrefix(line, "#") {
			if strings.HasPrefix(line, "#ISO\t") {
				return kindCountryInfo
			}
			continue
		}
		if strings.Contains(line, ",") && !strings.Contains(line, "\t") {
			cols := strings.Split(line, ",")
			has := func(c string) bool {
				for _, x := range cols {
					if x == c {
						return true
					}
				}
				return false
			}
			switch {
			case has("iso2") && has("nationality") && has("latitude"):
				return kindDrCountries
			case has("fips_code") && has("country_code") && has("latitude"):
				return kindDrStates
			}
			return kindUnknown
		}
		cols := strings.Split(line, "\t")
		if len(cols) >= len(censusHeader) && slices.Equal(cols[:len(censusHeader)], censusHeader) {
			return kindCensus
		}
		switch {
		case len(cols) == 11 && cols[0] == "country_code" && cols[1] == "postal_code":
			return kindPostal
		case len(cols) == 12 && len(cols[0]) == 2 && !isDigits(cols[0]) && isCoord(cols[9]) && isCoord(cols[10]):
			return kindPostal
		case len(cols) == 19 && isDigits(cols[0]):
			return kindGeonames
		case len(cols) == 19 && len(cols[0]) == 2 && len(cols[1]) == 3:
			return kindCountryInfo
		case len(cols) == 4 && reAdmin1Code.MatchString(cols[0]) && isDigits(cols[3]):
			return kindAdmin1
		case len(cols) == 4 && reAdmin2Code.MatchString(cols[0]) && isDigits(cols[3]):
			return kindAdmin2
		case len(cols) == 10 && cols[0] == "geonameid" && cols[1] == "alternateid":
			return kindAltNames
		case (len(cols) == 10 || len(cols) == 8) && isDigits(cols[0]) && isDigits(cols[1]):
			return kindAltNames
		}
		return kindUnknown
	}
	return kindUnknown
}

func kindFromName(base string) inputKind {
	lb := strings.ToLower(base)
	switch {
	case reCitiesDump.MatchString(base) || reCountryDump.MatchString(base):
		return kindGeonames
	case strings.HasPrefix(lb, "admin1codes"):
		return kindAdmin1
	case strings.HasPrefix(lb, "admin2codes"):
		return kindAdmin2
	case strings.HasPrefix(lb, "alternatenames"):
		return kindAltNames
	case strings.HasPrefix(lb, "countryinfo"):
		return kindCountryInfo
	case strings.HasSuffix(lb, ".csv") && strings.Contains(lb, "countries"):
		return kindDrCountries
	case strings.HasSuffix(lb, ".csv") && strings.Contains(lb, "states"):
		return kindDrStates
	}
	return kindUnknown
}

// isCoord reports whether s is a decimal number.
func isCoord(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// lineError names the file and line of bad input.
func lineError(file string, line int, err error) error {
	return fmt.Errorf("gazetteer: %s:%d: %w", file, line, err)
}

// eachTSVLine calls fn with the tab-separated columns of every line that is
// not empty and not a # comment, checking UTF-8 and, if want > 0, the
// column count. The columns are fresh strings that fn may keep.
func eachTSVLine(ctx context.Context, path string, want int, fn func(line int, cols []string) error) error {
	return eachTSV(ctx, path, nil, false, func(cols []string) error {
		if want > 0 && len(cols) != want {
			return fmt.Errorf("%d columns, want %d", len(cols), want)
		}
		return nil
	}, fn)
}

// eachTSV is eachTSVLine with a column-count check of the caller's and,
// with view, columns that point into the read buffer: valid only during
// the call of fn, which must copy what it keeps. counter, if not nil,
// counts the bytes read from the file.
func eachTSV(ctx context.Context, path string, counter *int64, view bool, check func([]string) error, fn func(line int, cols []string) error) error {
	src, err := openSource(path)
	if err != nil {
		return err
	}
	defer src.Close()
	src.counter = counter
	name := src.Name()
	sc := bufio.NewScanner(src)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	line := 0
	var cols []string
	for sc.Scan() {
		line++
		if line&0xfff == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		b := bytes.TrimRight(sc.Bytes(), "\r")
		if len(b) == 0 || b[0] == '#' {
			continue
		}
		if !utf8.Valid(b) {
			return lineError(name, line, errors.New("invalid UTF-8"))
		}
		var s string
		if view {
			s = bytesString(b)
		} else {
			s = string(b)
		}
		cols = splitTabs(cols[:0], s)
		if err := check(cols); err != nil {
			return lineError(name, line, err)
		}
		if err := fn(line, cols); err != nil {
			return lineError(name, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("gazetteer: %s:%d: %w", name, line+1, err)
	}
	return nil
}

func splitTabs(dst []string, s string) []string {
	for {
		i := strings.IndexByte(s, '\t')
		if i < 0 {
			return append(dst, s)
		}
		dst = append(dst, s[:i])
		s = s[i+1:]
	}
}

func parseID(s string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 || id > 1<<32-1 {
		return 0, fmt.Errorf("geonameid %q: not a positive 32-bit integer", s)
	}
	return id, nil
}

func parseLatLon(slat, slon string) (float64, float64, error) {
	lat, err := strconv.ParseFloat(strings.TrimSpace(slat), 64)
	if err != nil || lat < -90 || lat > 90 {
		return 0, 0, fmt.Errorf("latitude %q: not a number in [-90, 90]", slat)
	}
	lon, err := strconv.ParseFloat(strings.TrimSpace(slon), 64)
	if err != nil || lon < -180 || lon > 180 {
		return 0, 0, fmt.Errorf("longitude %q: not a number in [-180, 180]", slon)
	}
	return lat, lon, nil
}

func parsePop(s string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	p, err := strconv.ParseInt(s, 10, 64)
	if err != nil || p < 0 {
		return 0, fmt.Errorf("population %q: not a non-negative integer", s)
	}
	return p, nil
}

type admin1Row struct {
	cc, code    string
	name, ascii string
	id          int64
}

func parseAdmin1(ctx context.Context, path string, fn func(admin1Row)) error {
	return eachTSVLine(ctx, path, 4, func(_ int, c []string) error {
		if !reAdmin1Code.MatchString(c[0]) {
			return fmt.Errorf("admin1 code %q: want CC.code", c[0])
		}
		id, err := parseID(c[3])
		if err != nil {
			return err
		}
		fn(admin1Row{cc: c[0][:2], code: c[0][3:], name: c[1], ascii: c[2], id: id})
		return nil
	})
}

type countryRow struct {
	iso2, name string
	pop, id    int64
}

func parseCountryInfo(ctx context.Context, path string, fn func(countryRow)) error {
	return eachTSVLine(ctx, path, 19, func(_ int, c []string) error {
		if len(c[0]) != 2 {
			return fmt.Errorf("ISO code %q", c[0])
		}
		pop, err := parsePop(c[7])
		if err != nil {
			return err
		}
		var id int64
		if c[16] != "" { // a few retired codes have no geonameid
			if id, err = parseID(c[16]); err != nil {
				return err
			}
		}
		fn(countryRow{iso2: c[0], name: c[4], pop: pop, id: id})
		return nil
	})
}

// eachCSVRecord calls fn with every record of a CSV file with a header,
// addressing columns by name.
func eachCSVRecord(ctx context.Context, path string, need []string, fn func(get func(string) string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("gazetteer: input: %w", err)
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReader(f))
	r.ReuseRecord = true
	hdr, err := r.Read()
	if err != nil {
		return lineError(path, 1, err)
	}
	col := map[string]int{}
	for i, h := range hdr {
		col[strings.TrimPrefix(h, "\ufeff")] = i
	}
	for _, n := range need {
		if _, ok := col[n]; !ok {
			return lineError(path, 1, fmt.Errorf("no column %q", n))
		}
	}
	for n := 0; ; n++ {
		if n&0xfff == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return lineError(path, pe.Line, pe.Err)
			}
			return fmt.Errorf("gazetteer: %s: %w", path, err)
		}
		line, _ := r.FieldPos(0)
		for _, v := range rec {
			if !utf8.ValidString(v) {
				return lineError(path, line, errors.New("invalid UTF-8"))
			}
		}
		get := func(name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		if err := fn(get); err != nil {
			return lineError(path, line, err)
		}
	}
}

type drCountry struct {
	iso2, name, native string
	demonyms           []string
	lat, lon           float64
	hasPoint           bool
}

func parseDrCountries(ctx context.Context, path string, fn func(drCountry)) error {
	need := []string{"iso2", "name", "native", "nationality", "latitude", "longitude"}
	return eachCSVRecord(ctx, path, need, func(get func(string) string) error {
		c := drCountry{iso2: get("iso2"), name: get("name"), native: get("native")}
		if len(c.iso2) != 2 {
			return fmt.Errorf("iso2 %q", c.iso2)
		}
		var err error
		if c.hasPoint, c.lat, c.lon, err = optionalPoint(get("latitude"), get("longitude")); err != nil {
			return err
		}
		// "Antiguan or Barbudan", "Azerbaijani, Azeri"
		for _, part := range strings.Split(strings.ReplaceAll(get("nationality"), " or ", ","), ",") {
			if part = strings.TrimSpace(part); part != "" {
				c.demonyms = append(c.demonyms, part)
			}
		}
		fn(c)
		return nil
	})
}

func optionalPoint(slat, slon string) (bool, float64, float64, error) {
	if slat == "" && slon == "" {
		return false, 0, 0, nil
	}
	lat, lon, err := parseLatLon(slat, slon)
	return err == nil, lat, lon, err
}

type drState struct {
	id           int64
	cc, fips     string
	name, native string
	level        string
	parent       string
	lat, lon     float64
	hasPoint     bool
}

func parseDrStates(ctx context.Context, path string, fn func(drState)) error {
	need := []string{"country_code", "fips_code", "name", "latitude", "longitude"}
	return eachCSVRecord(ctx, path, need, func(get func(string) string) error {
		s := drState{cc: get("country_code"), fips: get("fips_code"), name: get("name"), native: get("native"), level: get("level"), parent: get("parent_id")}
		if v := get("id"); v != "" {
			id, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return fmt.Errorf("id %q", v)
			}
			s.id = id
		}
		var err error
		if s.hasPoint, s.lat, s.lon, err = optionalPoint(get("latitude"), get("longitude")); err != nil {
			return err
		}
		fn(s)
		return nil
	})
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
