package gazetteer

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/blevesearch/vellum"
)

// BuildOptions says what Build reads and where it writes.
type BuildOptions struct {
	// Out is the index directory to create or replace.
	Out string
	// Inputs are source files or folders. Each file's kind is detected from
	// its content and name: a GeoNames geoname table (cities500.txt …),
	// admin1CodesASCII.txt, countryInfo.txt, dr5hn countries.csv and
	// states.csv. Files in a folder that are none of these are skipped.
	Inputs []string
	// Progress, if not nil, receives lines "gazetteer: N rows, X rows/s".
	Progress io.Writer
}

// Info describes an index: what it holds and where it came from. It is
// stored next to the index as info.json, without timestamps, so that
// equal inputs give byte-identical builds.
type Info struct {
	FormatVersion int      `json:"format_version"`
	Sources       []Source `json:"sources"`
	Countries     int      `json:"countries"`
	Admin1        int      `json:"admin1"`
	Places        int      `json:"places"`
	Names         int      `json:"names"` // distinct normalized names
	Demonyms      int      `json:"demonyms"`
	Attribution   []string `json:"attribution"`
}

// Source is one input file of a build.
type Source struct {
	File   string `json:"file"` // base name
	Kind   string `json:"kind"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

const (
	attributionGeoNames = "GeoNames (geonames.org), CC BY 4.0"
	attributionDr5hn    = "dr5hn/countries-states-cities-database, ODbL 1.0"
	// maxAdmin1PointKm: a dr5hn division point farther than this from the
	// median of the division's places is taken to be wrong.
	maxAdmin1PointKm = 250
)

// Build reads the inputs and writes an index directory at opts.Out. It
// builds into a temporary directory beside Out and renames it into place,
// so a failed build leaves no half-written index.
func Build(ctx context.Context, opts BuildOptions) error {
	if opts.Out == "" {
		return errors.New("gazetteer: build: no output directory")
	}
	files, err := resolveInputs(opts.Inputs)
	if err != nil {
		return err
	}
	// Sort so that the order of the arguments does not change the output.
	sort.SliceStable(files, func(i, j int) bool {
		if files[i].kind != files[j].kind {
			return files[i].kind < files[j].kind
		}
		return filepath.Base(files[i].path) < filepath.Base(files[j].path)
	})
	b := newBuilder(opts.Progress)
	for _, f := range files {
		if err := b.read(ctx, f); err != nil {
			return err
		}
	}
	if b.nGeonames == 0 {
		return errNoGeonames
	}
	idx, info, err := b.assemble()
	if err != nil {
		return err
	}
	b.progressLine(true)
	infoJSON, err := json.MarshalIndent(info, "", "  ")
	if err != nil {
		return fmt.Errorf("gazetteer: build: %w", err)
	}
	return writeDir(opts.Out, map[string][]byte{
		indexFileName: idx,
		infoFileName:  append(infoJSON, '\n'),
	})
}

// writeDir writes files into a fresh temporary directory beside out, then
// swaps it into place.
func writeDir(out string, files map[string][]byte) error {
	out = filepath.Clean(out)
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("gazetteer: build: %w", err)
	}
	if ents, err := os.ReadDir(out); err == nil {
		for _, e := range ents {
			if _, ours := files[e.Name()]; !ours {
				return fmt.Errorf("gazetteer: build: %s holds %s, which is not part of an index: refusing to replace it", out, e.Name())
			}
		}
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".tmp-")
	if err != nil {
		return fmt.Errorf("gazetteer: build: %w", err)
	}
	defer os.RemoveAll(tmp) // no-op after a successful rename
	for _, name := range sortedKeys(files) {
		if err := writeFileSync(filepath.Join(tmp, name), files[name]); err != nil {
			return fmt.Errorf("gazetteer: build: %w", err)
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("gazetteer: build: %w", err)
	}
	// A directory cannot be renamed over a non-empty one: move the old
	// index aside first and drop it once the new one is in place.
	var old string
	if _, err := os.Stat(out); err == nil {
		old = tmp + ".old"
		if err := os.Rename(out, old); err != nil {
			return fmt.Errorf("gazetteer: build: %w", err)
		}
	}
	if err := os.Rename(tmp, out); err != nil {
		if old != "" {
			_ = os.Rename(old, out)
		}
		return fmt.Errorf("gazetteer: build: %w", err)
	}
	if old != "" {
		_ = os.RemoveAll(old)
	}
	return nil
}

func writeFileSync(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// builder gathers the parsed sources.
type builder struct {
	progress  io.Writer
	start     time.Time
	lastLine  time.Time
	rows      int
	nGeonames int

	sources   []Source
	places    []place
	seen      map[int64]bool
	admin1    []admin1Row
	countries []countryRow
	drC       map[string]drCountry
	drS       map[string][]drState
}

func newBuilder(progress io.Writer) *builder {
	now := time.Now()
	return &builder{progress: progress, start: now, lastLine: now, seen: map[int64]bool{},
		drC: map[string]drCountry{}, drS: map[string][]drState{}}
}

func (b *builder) progressLine(final bool) {
	if b.progress == nil {
		return
	}
	now := time.Now()
	if !final && now.Sub(b.lastLine) < time.Second {
		return
	}
	b.lastLine = now
	rate := float64(b.rows) / math.Max(now.Sub(b.start).Seconds(), 1e-3)
	fmt.Fprintf(b.progress, "gazetteer: %d rows, %.0f rows/s\n", b.rows, rate)
}

func (b *builder) read(ctx context.Context, f inputFile) error {
	src, err := describe(f)
	if err != nil {
		return err
	}
	b.sources = append(b.sources, src)
	switch f.kind {
	case kindGeonames:
		b.nGeonames++
		before := b.rows
		return parseGeonames(ctx, f.path, func(n int) { b.rows = before + n; b.progressLine(false) }, func(p place) {
			if b.seen[p.id] { // the same place in two tables: keep the first
				return
			}
			b.seen[p.id] = true
			b.places = append(b.places, p)
			b.rows = before + len(b.places)
		})
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

func describe(f inputFile) (Source, error) {
	fh, err := os.Open(f.path)
	if err != nil {
		return Source{}, fmt.Errorf("gazetteer: input: %w", err)
	}
	defer fh.Close()
	h := sha256.New()
	n, err := io.Copy(h, fh)
	if err != nil {
		return Source{}, fmt.Errorf("gazetteer: %s: %w", f.path, err)
	}
	return Source{File: filepath.Base(f.path), Kind: string(f.kind), Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

// rec is one entry being built.
type rec struct {
	id       int64
	name     string
	lat, lon float64
	fclass   string
	fcode    string
	cc       string
	admin1   string
	pop      int64
	names    []string // every name to index, raw
	adminRec uint32
}

type pointSet struct {
	lats, lons []float64
	pop        int64
}

func (p *pointSet) median() (float64, float64, bool) {
	if len(p.lats) == 0 {
		return 0, 0, false
	}
	return medianOf(p.lats), medianOf(p.lons), true
}

func medianOf(v []float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	m := len(s) / 2
	if len(s)%2 == 1 {
		return s[m]
	}
	return (s[m-1] + s[m]) / 2
}

// assemble turns the parsed sources into the index bytes.
func (b *builder) assemble() ([]byte, Info, error) {
	sort.Slice(b.places, func(i, j int) bool { return b.places[i].id < b.places[j].id })

	byAdmin1 := map[string]*pointSet{}
	byCountry := map[string]*pointSet{}
	add := func(m map[string]*pointSet, k string, p place) {
		s := m[k]
		if s == nil {
			s = &pointSet{}
			m[k] = s
		}
		s.lats, s.lons, s.pop = append(s.lats, p.lat), append(s.lons, p.lon), s.pop+p.pop
	}
	for _, p := range b.places {
		if p.cc == "" {
			continue
		}
		add(byCountry, p.cc, p)
		if p.admin1 != "" {
			add(byAdmin1, p.cc+"."+p.admin1, p)
		}
	}

	var recs []rec
	var info Info

	// Countries, sorted by ISO code (Country binary-searches them).
	countries := append([]countryRow(nil), b.countries...)
	sort.SliceStable(countries, func(i, j int) bool { return countries[i].iso2 < countries[j].iso2 })
	countryRec := map[string]uint32{}
	countryPop := map[string]int64{}
	for _, c := range countries {
		countryPop[c.iso2] = c.pop
		if c.id == 0 {
			continue // retired codes (CS, AN): no geonameid to report
		}
		if _, dup := countryRec[c.iso2]; dup {
			continue
		}
		r := rec{id: c.id, name: c.name, fclass: "A", fcode: "PCLI", cc: c.iso2, pop: c.pop, adminRec: noRecord}
		r.names = append(r.names, c.name)
		dr, hasDr := b.drC[c.iso2]
		switch {
		case hasDr && dr.hasPoint:
			r.lat, r.lon = dr.lat, dr.lon
		default:
			ps := byCountry[c.iso2]
			if ps == nil {
				continue
			}
			r.lat, r.lon, _ = ps.median()
		}
		if hasDr {
			r.names = append(r.names, dr.name, dr.native)
		}
		countryRec[c.iso2] = uint32(len(recs))
		recs = append(recs, r)
	}
	for _, a := range countryAliases() {
		if i, ok := countryRec[a.iso2]; ok {
			recs[i].names = append(recs[i].names, a.name)
		}
	}
	nCountries := len(recs)

	// First-level divisions, sorted by (country, code) for Admin1.
	adm := append([]admin1Row(nil), b.admin1...)
	sort.SliceStable(adm, func(i, j int) bool {
		if adm[i].cc != adm[j].cc {
			return adm[i].cc < adm[j].cc
		}
		return adm[i].code < adm[j].code
	})
	seats := b.seatIndex()
	adminRec := map[string]uint32{}
	for _, a := range adm {
		k := a.cc + "." + a.code
		if _, dup := adminRec[k]; dup {
			continue
		}
		r := rec{id: a.id, name: a.name, fclass: "A", fcode: "ADM1", cc: a.cc, admin1: a.code}
		r.names = append(r.names, a.name, a.ascii)
		ps := byAdmin1[k]
		var mlat, mlon float64
		hasMedian := false
		if ps != nil {
			r.pop = ps.pop
			mlat, mlon, hasMedian = ps.median()
		}
		st, hasSt := chooseState(b.drS[k], a.name, a.ascii)
		switch {
		case hasSt && st.hasPoint && (!hasMedian || distanceKm(st.lat, st.lon, mlat, mlon) <= maxAdmin1PointKm):
			r.lat, r.lon = st.lat, st.lon
		case hasMedian:
			r.lat, r.lon = mlat, mlon
		default:
			continue // nowhere to put it on a map
		}
		if hasSt {
			// The dr5hn English name ("Kharkivska"); its "native" column is
			// too unreliable to index (some are unrelated words).
			r.names = append(r.names, st.name)
		}
		// "Moscow Oblast" is also called "Moscow".
		for _, n := range r.names {
			if h, ok := regionHead(Normalize(n)); ok {
				r.names = append(r.names, h)
			}
		}
		// A division named after its seat ("Kharkiv") shares the seat's
		// other names ("Харків", "Charkiw").
		if si, ok := seats.find(b.places, a.cc, a.code, r.names); ok {
			p := b.places[si]
			r.names = append(r.names, p.name, p.ascii)
			r.names = append(r.names, p.alts...)
		}
		r.adminRec = uint32(len(recs))
		adminRec[k] = r.adminRec
		recs = append(recs, r)
	}
	nAdmin1 := len(recs) - nCountries

	fcodesSeen := map[string]bool{}
	for _, p := range b.places {
		r := rec{id: p.id, name: p.name, lat: p.lat, lon: p.lon, fclass: p.fclass, fcode: p.fcode,
			cc: p.cc, admin1: p.admin1, pop: p.pop, adminRec: noRecord}
		if ai, ok := adminRec[p.cc+"."+p.admin1]; ok {
			r.adminRec = ai
		}
		r.names = make([]string, 0, 2+len(p.alts))
		r.names = append(r.names, p.name, p.ascii)
		r.names = append(r.names, p.alts...)
		recs = append(recs, r)
	}
	if len(recs) >= math.MaxUint32>>1 {
		return nil, info, fmt.Errorf("gazetteer: build: %d entries, too many for format version %d", len(recs), formatVersion)
	}

	// Feature codes.
	for _, r := range recs {
		fcodesSeen[r.fclass+"."+r.fcode] = true
	}
	fcodeList := sortedKeys(fcodesSeen)
	if len(fcodeList) > math.MaxUint16 {
		return nil, info, fmt.Errorf("gazetteer: build: %d feature codes, too many", len(fcodeList))
	}
	fcodeIdx := map[string]uint16{}
	for i, c := range fcodeList {
		fcodeIdx[c] = uint16(i)
	}

	var sec [numSections][]byte
	strs := newStringTable()
	records := make([]byte, 0, len(recs)*recordSize)
	var buf [recordSize]byte
	for _, r := range recs {
		binary.LittleEndian.PutUint32(buf[recID:], uint32(r.id))
		binary.LittleEndian.PutUint32(buf[recLat:], uint32(int32(math.Round(r.lat*coordUnit))))
		binary.LittleEndian.PutUint32(buf[recLon:], uint32(int32(math.Round(r.lon*coordUnit))))
		binary.LittleEndian.PutUint32(buf[recPop:], uint32(min(r.pop, math.MaxUint32)))
		binary.LittleEndian.PutUint32(buf[recName:], strs.add(r.name))
		binary.LittleEndian.PutUint32(buf[recAdmin1:], strs.add(r.admin1))
		binary.LittleEndian.PutUint32(buf[recAdmin1Rec:], r.adminRec)
		buf[recCC], buf[recCC+1] = 0, 0
		if len(r.cc) == 2 {
			buf[recCC], buf[recCC+1] = r.cc[0], r.cc[1]
		}
		binary.LittleEndian.PutUint16(buf[recFCode:], fcodeIdx[r.fclass+"."+r.fcode])
		records = append(records, buf[:]...)
	}
	sec[secRecords] = records

	fst, postings, nKeys, err := buildNames(recs)
	if err != nil {
		return nil, info, err
	}
	sec[secFST], sec[secPostings] = fst, postings

	var t []byte
	t = binary.AppendUvarint(t, uint64(len(fcodeList)))
	for _, c := range fcodeList {
		t = appendString(t, c)
	}
	sec[secFCodes] = t

	var raw []countryAlias
	for _, a := range caseSensitiveAliases() {
		if _, ok := countryRec[a.iso2]; ok {
			raw = append(raw, a)
		}
	}
	sort.Slice(raw, func(i, j int) bool { return raw[i].name < raw[j].name })
	t = binary.AppendUvarint(nil, uint64(len(raw)))
	for _, a := range raw {
		t = appendString(t, a.name)
		t = binary.AppendUvarint(t, uint64(countryRec[a.iso2]))
	}
	sec[secAliases] = t

	dem := b.demonyms(countryPop)
	keys := sortedKeys(dem)
	t = binary.AppendUvarint(nil, uint64(len(keys)))
	for _, k := range keys {
		t = appendString(t, k)
		t = append(t, dem[k]...)
	}
	sec[secDemonyms] = t

	meta := make([]byte, 4*metaFields)
	binary.LittleEndian.PutUint32(meta[4*metaRecords:], uint32(len(recs)))
	binary.LittleEndian.PutUint32(meta[4*metaCountryStart:], 0)
	binary.LittleEndian.PutUint32(meta[4*metaCountryEnd:], uint32(nCountries))
	binary.LittleEndian.PutUint32(meta[4*metaAdmin1Start:], uint32(nCountries))
	binary.LittleEndian.PutUint32(meta[4*metaAdmin1End:], uint32(nCountries+nAdmin1))
	sec[secMeta] = meta
	sec[secStrings] = strs.b

	sources := append([]Source(nil), b.sources...)
	sort.SliceStable(sources, func(i, j int) bool {
		if sources[i].Kind != sources[j].Kind {
			return sources[i].Kind < sources[j].Kind
		}
		return sources[i].File < sources[j].File
	})
	info = Info{
		FormatVersion: formatVersion,
		Sources:       sources,
		Countries:     nCountries,
		Admin1:        nAdmin1,
		Places:        len(b.places),
		Names:         nKeys,
		Demonyms:      len(keys),
		Attribution:   []string{attributionGeoNames},
	}
	if len(b.drC) > 0 || len(b.drS) > 0 {
		info.Attribution = append(info.Attribution, attributionDr5hn)
	}
	return encodeFile(sec), info, nil
}

// chooseState picks the dr5hn row for one admin1 code. Several rows can
// share a FIPS code (a region and its districts, or two districts): prefer
// a row without a parent, then one whose name looks like the GeoNames name,
// then the lowest id.
func chooseState(rows []drState, names ...string) (drState, bool) {
	if len(rows) == 0 {
		return drState{}, false
	}
	score := func(s drState) int {
		v := 0
		if s.parent == "" {
			v += 2
		}
		n := Normalize(s.name)
		for _, g := range names {
			if g = Normalize(g); len(g) >= 4 && len(n) >= 4 && g[:4] == n[:4] {
				v++
				break
			}
		}
		return v
	}
	best := 0
	for i := 1; i < len(rows); i++ {
		si, sb := score(rows[i]), score(rows[best])
		if si > sb || si == sb && rows[i].id < rows[best].id {
			best = i
		}
	}
	return rows[best], true
}

// seatIndex maps (country, normalized name) to the capitals (PPLC) and
// division seats (PPLA) of that name, by any of their names.
type seatIndex map[string][]seatName

type seatName struct {
	place   int
	primary bool // the place's own name, not an alternate
}

func (b *builder) seatIndex() seatIndex {
	s := seatIndex{}
	for i, p := range b.places {
		if p.fcode != "PPLA" && p.fcode != "PPLC" {
			continue
		}
		seen := map[string]bool{}
		for j, n := range append([]string{p.name, p.ascii}, p.alts...) {
			k := Normalize(n)
			if k == "" || seen[k] {
				continue
			}
			seen[k] = true
			s[p.cc+"\x00"+k] = append(s[p.cc+"\x00"+k], seatName{i, j < 2})
		}
	}
	return s
}

// find returns the seat a division is named after, so the division can
// share the seat's other names: a seat inside the division whose own name
// is the division's ("Kharkiv"; not Paris, which GeoNames also calls
// "Île-de-France"), else a national capital that is a division of its own,
// by any of its names ("Kiev" oblast around Kyiv). Ambiguity means none.
func (s seatIndex) find(places []place, cc, code string, names []string) (int, bool) {
	var inDiv, capital []int
	for _, n := range names {
		for _, sn := range s[cc+"\x00"+Normalize(n)] {
			p := &places[sn.place]
			switch {
			case p.admin1 == code && sn.primary:
				inDiv = append(inDiv, sn.place)
			case p.admin1 != code && p.fcode == "PPLC":
				capital = append(capital, sn.place)
			}
		}
	}
	if len(inDiv) > 0 {
		return pickSeat(inDiv)
	}
	return pickSeat(capital)
}

func pickSeat(c []int) (int, bool) {
	if len(c) == 0 {
		return 0, false
	}
	sort.Ints(c)
	for _, i := range c[1:] {
		if i != c[0] {
			return 0, false
		}
	}
	return c[0], true
}

func (b *builder) demonyms(countryPop map[string]int64) map[string]string {
	out := map[string]string{}
	for _, iso := range sortedKeys(b.drC) {
		for _, d := range b.drC[iso].demonyms {
			k := Normalize(d)
			if k == "" {
				continue
			}
			// "Chinese" is CN, MO and TW; "American" US and UM: the most
			// populous country wins.
			if prev, ok := out[k]; ok && countryPop[prev] >= countryPop[iso] {
				continue
			}
			out[k] = iso
		}
	}
	return out
}

// buildNames builds the name FST and the postings it points into.
func buildNames(recs []rec) (fst, postings []byte, nKeys int, err error) {
	// Prominence order of records, for candidate order within a key.
	order := make([]uint32, len(recs))
	for i := range order {
		order[i] = uint32(i)
	}
	sort.SliceStable(order, func(a, b int) bool {
		ra, rb := &recs[order[a]], &recs[order[b]]
		if fa, fb := featureRank(ra.fcode), featureRank(rb.fcode); fa != fb {
			return fa > fb
		}
		if ra.pop != rb.pop {
			return ra.pop > rb.pop
		}
		return ra.id < rb.id
	})
	rank := make([]uint32, len(recs))
	for pos, i := range order {
		rank[i] = uint32(pos)
	}

	type pair struct {
		key string
		rec uint32
	}
	var pairs []pair
	seen := map[string]bool{}
	for i := range recs {
		clear(seen)
		for _, n := range recs[i].names {
			k := Normalize(n)
			if k == "" || seen[k] {
				continue
			}
			seen[k] = true
			pairs = append(pairs, pair{k, uint32(i)})
		}
	}
	sort.Slice(pairs, func(a, b int) bool {
		if pairs[a].key != pairs[b].key {
			return pairs[a].key < pairs[b].key
		}
		return rank[pairs[a].rec] < rank[pairs[b].rec]
	})

	var fstBuf bytes.Buffer
	fb, err := vellum.New(&fstBuf, nil)
	if err != nil {
		return nil, nil, 0, fmt.Errorf("gazetteer: build: %w", err)
	}
	shared := map[string]uint64{} // identical posting lists are stored once
	var list []byte
	for i := 0; i < len(pairs); {
		j := i + 1
		for j < len(pairs) && pairs[j].key == pairs[i].key {
			j++
		}
		var val uint64
		if j-i == 1 {
			val = uint64(pairs[i].rec) << 1
		} else {
			list = binary.AppendUvarint(list[:0], uint64(j-i))
			for _, p := range pairs[i:j] {
				list = binary.AppendUvarint(list, uint64(p.rec))
			}
			off, ok := shared[string(list)]
			if !ok {
				off = uint64(len(postings))
				shared[string(list)] = off
				postings = append(postings, list...)
			}
			val = off<<1 | 1
		}
		if err := fb.Insert([]byte(pairs[i].key), val); err != nil {
			return nil, nil, 0, fmt.Errorf("gazetteer: build: name %q: %w", pairs[i].key, err)
		}
		nKeys++
		i = j
	}
	if err := fb.Close(); err != nil {
		return nil, nil, 0, fmt.Errorf("gazetteer: build: %w", err)
	}
	return fstBuf.Bytes(), postings, nKeys, nil
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

func (t *stringTable) add(s string) uint32 {
	if o, ok := t.off[s]; ok {
		return o
	}
	o := uint32(len(t.b))
	t.off[s] = o
	t.b = appendString(t.b, s)
	return o
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}
