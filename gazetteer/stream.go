package gazetteer

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"strings"
)

// builder gathers the sources while they stream.
type builder struct {
	opts BuildOptions
	prog *progress

	sources       []Source
	admin1        []admin1Row
	countries     []countryRow
	drC           map[string]drCountry
	drS           map[string][]drState
	neA1          map[string][]neAdmin1Row // Natural Earth divisions by "CC.code"
	abbrevs       []abbrevAlias
	admin2IDs     map[string]uint32 // GeoNames admin2 code "US.KY.169" → geonameid
	seenSynthetic map[uint32]bool   // ids of syntheticID (the bitset is for geonameids)
	// With postal inputs: the points of the geoname tables' places and of
	// the postal places read, by placeKey of each name.
	placeKeys    map[uint64][][2]int32
	postalKeys   map[uint64][][2]int32
	admin1ByCode map[string]string // "UA.07" → name, once the admin1 table is read (admin1Names)

	// Filters.
	keepCC    map[string]bool
	keepClass map[string]bool

	// Ids of the countries and divisions (from countryInfo and
	// admin1CodesASCII): a geoname row with one of them adds its names and
	// point to that entry rather than a place of its own.
	reserved   map[uint32]string // id → country code
	reservedOK bool
	rowPoint   map[uint32][2]int32

	seen      bitset
	places    []placeRec
	perm      []uint32 // place indices by id, once sorted
	sortedIDs []uint32
	strs      *stringTable
	fcodes    map[string]uint16 // "P.PPL" → intern index
	fcodeList []string
	groups    map[groupKey]*pointSet // class P places by (country, admin1)
	byCountry map[string]*pointSet
	seats     []seatPlace
	seatByID  map[uint32]int

	names    *pairSorter // normalized name → value
	variants *pairSorter // variant key → value
	rowKeys  []string
	rowVars  []string
}

// placeRec is a place while the build streams. Strings are offsets into the
// string table; fcode is an intern index, remapped when written.
type placeRec struct {
	id       uint32
	lat, lon int32
	pop      uint32
	name     uint32
	admin1   uint32
	cc       [2]byte
	fcode    uint16
}

type groupKey struct {
	cc     [2]byte
	admin1 uint32
}

// A pair value is a geonameid, resolved to a record when the names are
// merged, or a record index marked with directRecord.
const directRecord = 1 << 40

type bitset []uint64

func (s *bitset) testAndSet(i uint32) bool {
	w := int(i >> 6)
	if w >= len(*s) {
		*s = append(*s, make([]uint64, w+1-len(*s)+len(*s)/4)...)
	}
	m := uint64(1) << (i & 63)
	had := (*s)[w]&m != 0
	(*s)[w] |= m
	return had
}

// pointSet gathers the points of the places in a division or country for
// their median, in coordinate units.
type pointSet struct {
	lats, lons []int32
	pop        int64
}

func (p *pointSet) median() (float64, float64, bool) {
	if p == nil || len(p.lats) == 0 {
		return 0, 0, false
	}
	return medianOf(p.lats), medianOf(p.lons), true
}

// minExtentPlaces is the fewest places whose extent stands for a
// division's; with fewer, one village can pull the middle far off.
const minExtentPlaces = 5

// extentCenter returns the middle of the places' extent, trimmed of the
// outermost 1% on each side so that one place filed under the wrong
// division does not stretch it. It fails for few places and for extents
// wider than 180° of longitude (a division across the antimeridian).
func (p *pointSet) extentCenter() (float64, float64, bool) {
	if p == nil || len(p.lats) < minExtentPlaces {
		return 0, 0, false
	}
	lat0, lat1 := trimmedRange(p.lats)
	lon0, lon1 := trimmedRange(p.lons)
	if float64(lon1-lon0)/coordUnit > 180 {
		return 0, 0, false
	}
	return float64(lat0+lat1) / 2 / coordUnit, float64(lon0+lon1) / 2 / coordUnit, true
}

// trimmedRange returns the 1st and 99th percentile of v.
func trimmedRange(v []int32) (lo, hi int32) {
	s := slices.Clone(v)
	slices.Sort(s)
	k := len(s) / 100
	return s[k], s[len(s)-1-k]
}

func medianOf(v []int32) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	m := len(s) / 2
	if len(s)%2 == 1 {
		return float64(s[m]) / coordUnit
	}
	return (float64(s[m-1]) + float64(s[m])) / 2 / coordUnit
}

func toUnits(deg float64) int32 { return int32(math.Round(deg * coordUnit)) }

func newBuilder(opts BuildOptions, tmp string, totalBytes int64) *builder {
	return &builder{
		opts:          opts,
		prog:          newProgress(opts.Progress, opts.ProgressBar, totalBytes),
		drC:           map[string]drCountry{},
		drS:           map[string][]drState{},
		neA1:          map[string][]neAdmin1Row{},
		admin2IDs:     map[string]uint32{},
		seenSynthetic: map[uint32]bool{},
		keepCC:        upperSet(opts.Countries),
		keepClass:     upperSet(opts.FeatureClasses),
		rowPoint:      map[uint32][2]int32{},
		strs:          newStringTable(),
		fcodes:        map[string]uint16{},
		groups:        map[groupKey]*pointSet{},
		byCountry:     map[string]*pointSet{},
		seatByID:      map[uint32]int{},
		names:         newPairSorter(tmp, "names", sortChunkBytes),
		variants:      newPairSorter(tmp, "variants", sortChunkBytes/4),
	}
}

func (b *builder) read(ctx context.Context, f inputFile) error {
	src, err := describe(f)
	if err != nil {
		return err
	}
	b.sources = append(b.sources, src)
	switch f.kind {
	case kindGeonames:
		b.reserve()
		err := eachTSV(ctx, f.path, &b.prog.bytes, true, wantCols(19), func(_ int, c []string) error {
			b.prog.row()
			return b.geonameRow(c)
		})
		b.prog.fileDone(src.Size)
		return err
	case kindAdmin2:
		err := eachTSV(ctx, f.path, &b.prog.bytes, true, wantCols(4), func(_ int, c []string) error {
			b.prog.row()
			return b.admin2Row(c)
		})
		b.prog.fileDone(src.Size)
		return err
	case kindPostal:
		b.reserve()
		err := parsePostal(ctx, f.path, func(r postalPlace) error {
			b.prog.row()
			return b.postalRow(r)
		})
		b.prog.fileDone(src.Size)
		return err
	case kindCensus:
		if len(b.admin2IDs) == 0 {
			return fmt.Errorf("gazetteer: %s: US counties join GeoNames by admin2 code: add admin2Codes.txt to the inputs", f.path)
		}
		b.reserve()
		return parseCensusCounties(ctx, f.path, func(r censusCounty) error {
			if id, ok := b.admin2IDs["US."+r.state+"."+r.fips]; ok {
				return b.addEntry(id, r.lat, r.lon, 0, "A", "ADM2", "US", r.state, []string{r.name})
			}
			return nil
		})
	case kindAltNames:
		b.reserve()
		b.sortPlaces()
		headed := false
		err := eachTSV(ctx, f.path, &b.prog.bytes, true, func(c []string) error {
			if len(c) != 10 && len(c) != 8 {
				return fmt.Errorf("%d columns, want 10 (alternateNamesV2) or 8 (alternateNames)", len(c))
			}
			return nil
		}, func(line int, c []string) error {
			b.prog.row()
			if line == 1 && c[0] == "geonameid" && c[1] == "alternateid" {
				// A converted table with a header, the two ids swapped
				// and TRUE/FALSE flags (neogeonames).
				headed = true
				return nil
			}
			if headed {
				c[0], c[1] = c[1], c[0]
				for i := 4; i < 8 && i < len(c); i++ {
					switch c[i] {
					case "TRUE":
						c[i] = "1"
					case "FALSE":
						c[i] = ""
					}
				}
			}
			return b.altNameRow(c)
		})
		b.prog.fileDone(src.Size)
		return err
	case kindAdmin1:
		return parseAdmin1(ctx, f.path, func(r admin1Row) { b.admin1 = append(b.admin1, r) })
	case kindCountryInfo:
		return parseCountryInfo(ctx, f.path, func(r countryRow) { b.countries = append(b.countries, r) })
	case kindDrCountries:
		return parseDrCountries(ctx, f.path, func(c drCountry) {
			if _, dup := b.drC[c.iso2]; !dup {
				b.drC[c.iso2] = c
			}
		})
	case kindNEAdmin1:
		known := b.admin1Names()
		var extra []neAdmin1Row
		err := parseNEAdmin1(ctx, f.path, func(r neAdmin1Row) {
			k := r.cc + "." + r.code
			if _, ok := known[k]; ok && r.code != "" {
				b.neA1[k] = append(b.neA1[k], r)
			} else if r.gnID > 0 && len(r.cc) == 2 {
				extra = append(extra, r)
			}
		})
		if err != nil {
			return err
		}
		// Divisions GeoNames files under another level (the counties and
		// unitary authorities of the United Kingdom are its ADM2).
		b.reserve()
		for _, r := range extra {
			names := append([]string{r.name}, r.names...)
			if err := b.addEntry(uint32(r.gnID), r.lat, r.lon, 0, "A", "ADM2", r.cc, "", names); err != nil {
				return fmt.Errorf("gazetteer: %s: %s: %w", f.path, r.name, err)
			}
		}
		return nil
	case kindNEPhysical:
		b.reserve()
		return parseNEPhysical(ctx, f.path, func(r neFeature) error {
			id := syntheticID("naturalearth", r.fcode, r.name)
			return b.addEntry(id, r.lat, r.lon, 0, r.fclass, r.fcode, "", "", append([]string{r.name}, r.alts...))
		})
	case kindDrStates:
		return parseDrStates(ctx, f.path, func(s drState) {
			if s.fips != "" && len(s.cc) == 2 {
				k := s.cc + "." + s.fips
				b.drS[k] = append(b.drS[k], s)
			}
		})
	}
	return fmt.Errorf("gazetteer: %s: %w", f.path, errUnknownKind)
}

func wantCols(n int) func([]string) error {
	return func(c []string) error {
		if len(c) != n {
			return fmt.Errorf("%d columns, want %d", len(c), n)
		}
		return nil
	}
}

// reserve notes the ids of countries and divisions, once the small tables
// (read first) are in.
func (b *builder) reserve() {
	if b.reservedOK {
		return
	}
	b.reservedOK = true
	b.reserved = map[uint32]string{}
	for _, c := range b.countries {
		if c.id != 0 {
			b.reserved[uint32(c.id)] = c.iso2
		}
	}
	for _, a := range b.admin1 {
		if b.keepCC == nil || b.keepCC[a.cc] {
			if _, dup := b.reserved[uint32(a.id)]; !dup {
				b.reserved[uint32(a.id)] = a.cc
			}
		}
	}
}

// emit adds the names of one entry: normalized keys, each once, and their
// variant keys in the countries that have them.
func (b *builder) emit(val uint64, cc string, raw string, reset bool) error {
	if reset {
		b.rowKeys, b.rowVars = b.rowKeys[:0], b.rowVars[:0]
	}
	k := Normalize(raw)
	if k == "" || slices.Contains(b.rowKeys, k) {
		return nil
	}
	b.rowKeys = append(b.rowKeys, k)
	if err := b.names.add(k, val); err != nil {
		return err
	}
	if variantCountry(cc) {
		if vk := variantKey(k); vk != "" && !slices.Contains(b.rowVars, vk) {
			b.rowVars = append(b.rowVars, vk)
			return b.variants.add(vk, val)
		}
	}
	return nil
}

// emitList emits the names of a comma-separated list (the alternatenames
// column).
func (b *builder) emitList(val uint64, cc, list string) error {
	for list != "" {
		n := list
		if i := strings.IndexByte(list, ','); i >= 0 {
			n, list = list[:i], list[i+1:]
		} else {
			list = ""
		}
		if err := b.emit(val, cc, n, false); err != nil {
			return err
		}
	}
	return nil
}

// geonameRow takes one row of a geoname table. The columns point into the
// read buffer: what is kept is copied.
func (b *builder) geonameRow(c []string) error {
	id, err := parseID(c[0])
	if err != nil {
		return err
	}
	lat, lon, err := parseLatLon(c[4], c[5])
	if err != nil {
		return err
	}
	pop, err := parsePop(c[14])
	if err != nil {
		return err
	}
	cc, fclass, fcode, admin1 := c[8], c[6], c[7], c[10]
	if len(cc) != 0 && len(cc) != 2 {
		return fmt.Errorf("country code %q", cc)
	}
	if len(fclass) > 1 {
		return fmt.Errorf("feature class %q", fclass)
	}
	uid := uint32(id)
	if b.seen.testAndSet(uid) { // the same place in two tables: keep the first
		return nil
	}
	val := uint64(uid)
	if _, ok := b.reserved[uid]; ok {
		// The row of a country or division: its names and point go to
		// that entry.
		b.rowPoint[uid] = [2]int32{toUnits(lat), toUnits(lon)}
		return b.rowNames(val, cc, c)
	}
	if !b.keeps(cc, fclass, pop) {
		return nil
	}
	p, err := b.appendPlace(uid, lat, lon, pop, fclass, fcode, cc, admin1, c[1])
	if err != nil {
		return err
	}
	if b.placeKeys != nil && fclass == "P" {
		pt := [2]int32{p.lat, p.lon}
		for _, n := range append([]string{c[1], c[2]}, strings.Split(c[3], ",")...) {
			if n != "" {
				k := placeKey(cc, Normalize(n))
				if ps := b.placeKeys[k]; len(ps) == 0 || ps[len(ps)-1] != pt {
					b.placeKeys[k] = append(ps, pt)
				}
			}
		}
	}
	if fclass == "P" && cc != "" {
		add := func(s *pointSet) {
			s.lats, s.lons, s.pop = append(s.lats, p.lat), append(s.lons, p.lon), s.pop+pop
		}
		cs := b.byCountry[cc]
		if cs == nil {
			cs = &pointSet{}
			b.byCountry[strings.Clone(cc)] = cs
		}
		add(cs)
		if admin1 != "" {
			gk := groupKey{p.cc, p.admin1}
			gs := b.groups[gk]
			if gs == nil {
				gs = &pointSet{}
				b.groups[gk] = gs
			}
			add(gs)
		}
	}
	if fcode == "PPLA" || fcode == "PPLC" {
		sp := seatPlace{id: uid, cc: strings.Clone(cc), admin1: strings.Clone(admin1), fcode: strings.Clone(fcode)}
		sp.names = append(sp.names, strings.Clone(c[1]), strings.Clone(c[2]))
		if c[3] != "" {
			for _, a := range strings.Split(c[3], ",") {
				sp.names = append(sp.names, strings.Clone(a))
			}
		}
		b.seatByID[uid] = len(b.seats)
		b.seats = append(b.seats, sp)
	}
	return b.rowNames(val, cc, c)
}

// addEntry adds a place that is not a row of a geoname table (a county
// from the Census, a division from Natural Earth, a sea, a village from
// the postal codes) with its names; an id already read is skipped, so the
// first source of a place wins.
func (b *builder) addEntry(id uint32, lat, lon float64, pop int64, fclass, fcode, cc, admin1 string, names []string) error {
	if id >= syntheticIDBase {
		if b.seenSynthetic[id] {
			return nil
		}
		b.seenSynthetic[id] = true
	} else if id == 0 || b.seen.testAndSet(id) {
		return nil
	}
	if _, ok := b.reserved[id]; ok {
		return nil
	}
	if !b.keeps(cc, fclass, pop) {
		return nil
	}
	if _, err := b.appendPlace(id, lat, lon, pop, fclass, fcode, cc, admin1, names[0]); err != nil {
		return err
	}
	b.rowKeys, b.rowVars = b.rowKeys[:0], b.rowVars[:0]
	for _, n := range names {
		if err := b.emit(uint64(id), cc, n, false); err != nil {
			return err
		}
	}
	return nil
}

// admin1Names maps the first-level divisions read, by "CC.code", to their
// names. The admin1 table is read before the sources that ask.
func (b *builder) admin1Names() map[string]string {
	if b.admin1ByCode == nil {
		b.admin1ByCode = map[string]string{}
		for _, a := range b.admin1 {
			b.admin1ByCode[a.cc+"."+a.code] = a.name
		}
	}
	return b.admin1ByCode
}

// keeps applies the build's filters (countries, feature classes,
// population) to a place.
func (b *builder) keeps(cc, fclass string, pop int64) bool {
	return (b.keepCC == nil || b.keepCC[cc]) && (b.keepClass == nil || b.keepClass[fclass]) && pop >= b.opts.MinPopulation
}

// appendPlace adds the record of a place, within the format's limits; its
// name is copied into the string table.
func (b *builder) appendPlace(id uint32, lat, lon float64, pop int64, fclass, fcode, cc, admin1, name string) (placeRec, error) {
	if len(b.places) >= math.MaxInt32 {
		return placeRec{}, fmt.Errorf("more than %d places", math.MaxInt32)
	}
	fk := fclass + "." + fcode
	fi, ok := b.fcodes[fk]
	if !ok {
		if len(b.fcodeList) >= math.MaxUint16 {
			return placeRec{}, fmt.Errorf("more than %d feature codes", math.MaxUint16)
		}
		fi = uint16(len(b.fcodeList))
		fk = strings.Clone(fk)
		b.fcodes[fk] = fi
		b.fcodeList = append(b.fcodeList, fk)
	}
	if len(b.strs.b) > math.MaxUint32-len(name)-16 {
		return placeRec{}, fmt.Errorf("string table over 4 GB")
	}
	p := placeRec{id: id, lat: toUnits(lat), lon: toUnits(lon), pop: uint32(min(pop, math.MaxUint32)), fcode: fi}
	p.name = b.strs.appendRaw(name)
	p.admin1 = b.strs.add(admin1)
	if len(cc) == 2 {
		p.cc = [2]byte{cc[0], cc[1]}
	}
	b.places = append(b.places, p)
	return p, nil
}

func (b *builder) rowNames(val uint64, cc string, c []string) error {
	if err := b.emit(val, cc, c[1], true); err != nil {
		return err
	}
	if err := b.emit(val, cc, c[2], false); err != nil {
		return err
	}
	return b.emitList(val, cc, c[3])
}

// admin2Row adds the names of admin2Codes.txt to the second-level
// divisions read from a geoname table (the file has no coordinates: a
// division that is not among the places gains nothing).
func (b *builder) admin2Row(c []string) error {
	if !reAdmin2Code.MatchString(c[0]) {
		return fmt.Errorf("admin2 code %q: want CC.admin1.admin2", c[0])
	}
	id, err := parseID(c[3])
	if err != nil {
		return err
	}
	cc := c[0][:2]
	if id > 0 && id <= math.MaxUint32 {
		b.admin2IDs[strings.Clone(c[0])] = uint32(id)
	}
	if err := b.emit(uint64(id), cc, c[1], true); err != nil {
		return err
	}
	return b.emit(uint64(id), cc, c[2], false)
}

// altLanguageNotName lists the isolanguage values of alternateNames whose
// "names" are not place names: links, Wikidata ids, postal codes, airport
// codes, French Revolution names, abbreviations, UN/LOCODEs and the like.
func altLanguageNotName(lang string) bool {
	switch lang {
	case "link", "wkdt", "post", "iata", "icao", "faac", "fr_1793", "abbr", "unlc", "tcid", "phon", "piny", "uicn", "geonameid":
		return true
	}
	return false
}

// altNameRow takes one row of alternateNamesV2: alternateNameId,
// geonameid, isolanguage, alternate name, isPreferredName, isShortName,
// isColloquial, isHistoric, from, to. Historic names are kept (news
// writes Artemivsk for Bakhmut); colloquial ones ("Big Apple") are not.
func (b *builder) altNameRow(c []string) error {
	if !isDigits(c[0]) {
		return fmt.Errorf("alternateNameId %q: not a number", c[0])
	}
	id, err := parseID(c[1])
	if err != nil {
		return err
	}
	for i := 4; i <= 7; i++ {
		if c[i] != "" && c[i] != "1" {
			return fmt.Errorf("column %d: %q, want \"\" or \"1\"", i+1, c[i])
		}
	}
	// One or two Latin letters are codes ("UA", "US"), not names; two
	// Chinese characters are a name.
	if altLanguageNotName(c[2]) || c[6] == "1" || c[3] == "" || len(c[3]) <= 2 {
		return nil
	}
	uid := uint32(id)
	cc, ok := b.reserved[uid]
	if !ok {
		i, found := slices.BinarySearch(b.sortedIDs, uid)
		if !found {
			return nil // a place left out, or not in the tables read
		}
		p := &b.places[b.perm[i]]
		cc = string(p.cc[:])
		if p.cc[0] == 0 {
			cc = ""
		}
	}
	if si, ok := b.seatByID[uid]; ok {
		b.seats[si].names = append(b.seats[si].names, strings.Clone(c[3]))
	}
	return b.emit(uint64(uid), cc, c[3], true)
}

// sortPlaces orders the places by geonameid: the order of their records.
func (b *builder) sortPlaces() {
	if len(b.perm) == len(b.places) && b.perm != nil {
		return
	}
	b.perm = make([]uint32, len(b.places))
	for i := range b.perm {
		b.perm[i] = uint32(i)
	}
	slices.SortFunc(b.perm, func(x, y uint32) int {
		a, c := b.places[x].id, b.places[y].id
		switch {
		case a < c:
			return -1
		case a > c:
			return 1
		}
		return 0
	})
	b.sortedIDs = make([]uint32, len(b.perm))
	for i, p := range b.perm {
		b.sortedIDs[i] = b.places[p].id
	}
}

type stringTable struct {
	b   []byte
	off map[string]uint32
}

func newStringTable() *stringTable {
	t := &stringTable{off: map[string]uint32{}}
	t.add("") // offset 0 is the empty string
	return t
}

// add stores s once and returns its offset; s is copied.
func (t *stringTable) add(s string) uint32 {
	if o, ok := t.off[s]; ok {
		return o
	}
	o := uint32(len(t.b))
	t.off[strings.Clone(s)] = o
	t.b = appendString(t.b, s)
	return o
}

// appendRaw stores s without looking for an equal string: for the names of
// millions of places, which a map would cost gigabytes to deduplicate.
func (t *stringTable) appendRaw(s string) uint32 {
	if s == "" {
		return 0
	}
	o := uint32(len(t.b))
	t.b = appendString(t.b, s)
	return o
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}
