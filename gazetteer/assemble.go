package gazetteer

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"hash/fnv"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/blevesearch/vellum"
)

// rec is a country or division being built; places stay placeRecs.
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

// assemble writes the index file at path from what was read.
func (b *builder) assemble(ctx context.Context, path string) (Info, error) {
	var info Info
	b.reserve()
	b.sortPlaces()
	recs, nCountries, countryRec, countryPop := b.countryRecs()
	nAdmin1 := 0
	recs, nAdmin1 = b.admin1Recs(recs)
	recs = regionRecs(recs, countryRec)
	nRegions := len(recs) - nCountries - nAdmin1
	base := uint32(len(recs))
	if uint64(len(recs))+uint64(len(b.places)) >= math.MaxUint32>>1 {
		return info, fmt.Errorf("gazetteer: build: %d entries, too many for format version %d", len(recs)+len(b.places), formatVersion)
	}
	// Ids of countries and divisions → their records; the first wins.
	idRec := map[uint32]uint32{}
	adminRec := map[groupKey]uint32{}
	for i := range recs {
		r := &recs[i]
		if _, dup := idRec[uint32(r.id)]; !dup {
			idRec[uint32(r.id)] = uint32(i)
		}
		if r.fcode == "ADM1" {
			adminRec[groupKey{[2]byte{r.cc[0], r.cc[1]}, b.strs.add(r.admin1)}] = uint32(i)
		}
	}
	// Names of countries and divisions.
	for i := range recs {
		r := &recs[i]
		b.rowKeys, b.rowVars = b.rowKeys[:0], b.rowVars[:0]
		for _, n := range r.names {
			if err := b.emit(directRecord|uint64(i), r.cc, n, false); err != nil {
				return info, err
			}
		}
	}

	// Feature codes, sorted; places hold intern indices.
	seen := map[string]bool{"A.PCLI": nCountries > 0, "A.ADM1": nAdmin1 > 0, "L.RGN": nRegions > 0}
	for _, c := range b.fcodeList {
		seen[c] = true
	}
	var fcodeList []string
	for _, c := range sortedKeys(seen) {
		if seen[c] {
			fcodeList = append(fcodeList, c)
		}
	}
	fcodeIdx := map[string]uint16{}
	for i, c := range fcodeList {
		fcodeIdx[c] = uint16(i)
	}
	remap := make([]uint16, len(b.fcodeList))
	rankOfCode := make([]int8, len(b.fcodeList))
	for i, c := range b.fcodeList {
		remap[i] = fcodeIdx[c]
		rankOfCode[i] = int8(featureRank(c[strings.IndexByte(c, '.')+1:]))
	}

	// Strings of countries and divisions.
	type strOffs struct{ name, admin1 uint32 }
	recStr := make([]strOffs, len(recs))
	for i, r := range recs {
		recStr[i] = strOffs{b.strs.add(r.name), b.strs.add(r.admin1)}
	}

	// Ranking of records within a name: feature rank, population, id.
	rank := func(i uint32) (int, int64, uint32) {
		if i < base {
			r := &recs[i]
			return featureRank(r.fcode), min(r.pop, math.MaxUint32), uint32(r.id)
		}
		p := &b.places[b.perm[i-base]]
		return int(rankOfCode[p.fcode]), int64(p.pop), p.id
	}
	resolve := func(v uint64) (uint32, bool) {
		if v&directRecord != 0 {
			return uint32(v &^ directRecord), true
		}
		if r, ok := idRec[uint32(v)]; ok {
			return r, true
		}
		if i, ok := slices.BinarySearch(b.sortedIDs, uint32(v)); ok {
			return base + uint32(i), true
		}
		return 0, false
	}
	m := &merger{rank: rank, resolve: resolve, postingsAt: map[uint64]uint64{}, prog: b.prog, table: &nameTableBuilder{}}
	tmp := filepath.Dir(path)
	triePath, rtriePath, varPath := filepath.Join(tmp, "names.trie"), filepath.Join(tmp, "rnames.trie"), filepath.Join(tmp, "variants.fst")
	m.rev = newPairSorter(tmp, "rnames", sortChunkBytes/4)
	defer m.rev.remove()
	nKeys, err := m.build(ctx, b.names, triePath, "names")
	if err != nil {
		return info, err
	}
	b.names.remove()
	if err := writeTrieFile(m.rev, rtriePath); err != nil {
		return info, fmt.Errorf("gazetteer: build: %w", err)
	}
	m.rev.remove()
	nameTable, err := m.table.build()
	if err != nil {
		return info, err
	}
	m.table = nil
	nVars, err := m.build(ctx, b.variants, varPath, "variant names")
	if err != nil {
		return info, err
	}
	b.variants.remove()
	if nVars == 0 {
		os.Remove(varPath)
		varPath = ""
	}

	var t []byte
	var sec [numSections][]byte
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
	abbrevs := b.abbrevTable(recs)
	t = binary.AppendUvarint(nil, uint64(len(raw)+len(abbrevs)))
	for _, a := range raw {
		t = appendString(t, a.name)
		t = binary.AppendUvarint(t, uint64(countryRec[a.iso2])<<2|aliasCountry)
	}
	for _, a := range abbrevs {
		kind := uint64(aliasQualifier)
		if a.bare {
			kind = aliasAbbrev
		}
		t = appendString(t, a.raw)
		t = binary.AppendUvarint(t, uint64(a.rec)<<2|kind)
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

	nRecs := uint32(len(recs) + len(b.places))
	meta := make([]byte, 4*metaFields)
	binary.LittleEndian.PutUint32(meta[4*metaRecords:], nRecs)
	binary.LittleEndian.PutUint32(meta[4*metaCountryStart:], 0)
	binary.LittleEndian.PutUint32(meta[4*metaCountryEnd:], uint32(nCountries))
	binary.LittleEndian.PutUint32(meta[4*metaAdmin1Start:], uint32(nCountries))
	binary.LittleEndian.PutUint32(meta[4*metaAdmin1End:], uint32(nCountries+nAdmin1))
	sec[secMeta] = meta
	sec[secPostings] = m.postings
	sec[secStrings] = b.strs.b
	sec[secNames] = nameTable

	writeRecords := func(w io.Writer) error {
		var buf [recordSize]byte
		put := func(id uint32, lat, lon int32, pop uint32, name, admin1, arec uint32, cc [2]byte, fc uint16) error {
			binary.LittleEndian.PutUint32(buf[recID:], id)
			binary.LittleEndian.PutUint32(buf[recLat:], uint32(lat))
			binary.LittleEndian.PutUint32(buf[recLon:], uint32(lon))
			binary.LittleEndian.PutUint32(buf[recPop:], pop)
			binary.LittleEndian.PutUint32(buf[recName:], name)
			binary.LittleEndian.PutUint32(buf[recAdmin1:], admin1)
			binary.LittleEndian.PutUint32(buf[recAdmin1Rec:], arec)
			buf[recCC], buf[recCC+1] = cc[0], cc[1]
			binary.LittleEndian.PutUint16(buf[recFCode:], fc)
			_, err := w.Write(buf[:])
			return err
		}
		for i, r := range recs {
			var cc [2]byte
			if len(r.cc) == 2 {
				cc = [2]byte{r.cc[0], r.cc[1]}
			}
			if err := put(uint32(r.id), toUnits(r.lat), toUnits(r.lon), uint32(min(r.pop, math.MaxUint32)),
				recStr[i].name, recStr[i].admin1, r.adminRec, cc, fcodeIdx[r.fclass+"."+r.fcode]); err != nil {
				return err
			}
		}
		for _, pi := range b.perm {
			p := &b.places[pi]
			arec := noRecord
			if a, ok := adminRec[groupKey{p.cc, p.admin1}]; ok {
				arec = a
			}
			if err := put(p.id, p.lat, p.lon, p.pop, p.name, p.admin1, arec, p.cc, remap[p.fcode]); err != nil {
				return err
			}
		}
		return nil
	}
	files := map[int]string{secTrie: triePath, secRevTrie: rtriePath, secVariants: varPath}
	if err := writeIndexFile(path, sec, files, int64(nRecs)*recordSize, writeRecords); err != nil {
		return info, fmt.Errorf("gazetteer: build: %w", err)
	}
	os.Remove(triePath)
	os.Remove(rtriePath)
	if varPath != "" {
		os.Remove(varPath)
	}

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
		Variants:      nVars,
		Demonyms:      len(keys),
		Attribution:   []string{attributionGeoNames},
	}
	if len(b.opts.Countries) > 0 || len(b.opts.FeatureClasses) > 0 || b.opts.MinPopulation > 0 {
		f := &Filters{MinPopulation: b.opts.MinPopulation}
		f.Countries = sortedKeys(b.keepCC)
		f.FeatureClasses = sortedKeys(b.keepClass)
		info.Filters = f
	}
	if len(b.drC) > 0 || len(b.drS) > 0 {
		info.Attribution = append(info.Attribution, attributionDr5hn)
	}
	credit := func(a string) {
		if !slices.Contains(info.Attribution, a) {
			info.Attribution = append(info.Attribution, a)
		}
	}
	for _, s := range sources {
		switch inputKind(s.Kind) {
		case kindNEAdmin1, kindNEPhysical:
			credit(attributionNaturalEarth)
		case kindCensus:
			credit(attributionCensus)
		}
	}
	if nRegions > 0 {
		credit(attributionRegions)
	}
	return info, nil
}

// countryRecs makes the country entries, sorted by ISO code (Country
// binary-searches them). A country's point is dr5hn's, else that of its
// GeoNames row, else the median of its places.
func (b *builder) countryRecs() (recs []rec, n int, countryRec map[string]uint32, countryPop map[string]int64) {
	countries := append([]countryRow(nil), b.countries...)
	sort.SliceStable(countries, func(i, j int) bool { return countries[i].iso2 < countries[j].iso2 })
	countryRec = map[string]uint32{}
	countryPop = map[string]int64{}
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
		pt, hasRow := b.rowPoint[uint32(c.id)]
		switch {
		case hasDr && dr.hasPoint:
			r.lat, r.lon = dr.lat, dr.lon
		case hasRow:
			r.lat, r.lon = float64(pt[0])/coordUnit, float64(pt[1])/coordUnit
		default:
			var ok bool
			if r.lat, r.lon, ok = b.byCountry[c.iso2].median(); !ok {
				continue
			}
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
	return recs, len(recs), countryRec, countryPop
}

// admin1Recs appends the first-level divisions, sorted by (country, code)
// for Admin1. A division's point is that of its GeoNames row; else the
// middle of the extent of its places, which is where GeoNames puts its
// own division points and which does not lean toward the capital; else,
// for a division with few places, dr5hn's point unless it lies far from
// them; else their median.
func (b *builder) admin1Recs(recs []rec) ([]rec, int) {
	start := len(recs)
	adm := append([]admin1Row(nil), b.admin1...)
	sort.SliceStable(adm, func(i, j int) bool {
		if adm[i].cc != adm[j].cc {
			return adm[i].cc < adm[j].cc
		}
		return adm[i].code < adm[j].code
	})
	seats := newSeatIndex(b.seats)
	done := map[string]bool{}
	for _, a := range adm {
		k := a.cc + "." + a.code
		if done[k] || b.keepCC != nil && !b.keepCC[a.cc] || len(a.cc) != 2 {
			continue
		}
		r := rec{id: a.id, name: a.name, fclass: "A", fcode: "ADM1", cc: a.cc, admin1: a.code}
		r.names = append(r.names, a.name, a.ascii)
		var ps *pointSet
		if off, ok := b.strs.off[a.code]; ok {
			ps = b.groups[groupKey{[2]byte{a.cc[0], a.cc[1]}, off}]
		}
		mlat, mlon, hasMedian := ps.median()
		clat, clon, hasCenter := ps.extentCenter()
		if ps != nil {
			r.pop = ps.pop
		}
		st, hasSt := chooseState(b.drS[k], a.name, a.ascii)
		pt, hasRow := b.rowPoint[uint32(a.id)]
		ne, hasNE := chooseNE(b.neA1[k], a.id)
		switch {
		case hasNE:
			// Natural Earth's label point: measured closer to where
			// corpora put divisions than GeoNames-derived centres (eval geo
			// --gold-spans, README).
			r.lat, r.lon = ne.lat, ne.lon
		case hasRow:
			r.lat, r.lon = float64(pt[0])/coordUnit, float64(pt[1])/coordUnit
		case hasCenter:
			r.lat, r.lon = clat, clon
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
		if hasNE {
			r.names = append(r.names, ne.name)
			r.names = append(r.names, ne.names...)
			if neAbbrevUsable(ne.abbrev, ne.name) {
				b.abbrevs = append(b.abbrevs, abbrevAlias{ne.abbrev, uint32(len(recs)), true})
			}
			if postalAbbrevCountries(a.cc) && len(ne.postal) == 2 {
				b.abbrevs = append(b.abbrevs, abbrevAlias{ne.postal, uint32(len(recs)), false})
			}
		}
		// "Moscow Oblast" is also called "Moscow".
		for _, n := range r.names {
			if h, ok := regionHead(Normalize(n)); ok {
				r.names = append(r.names, h)
			}
		}
		// A division named after its seat ("Kharkiv") shares the seat's
		// other names ("Харків", "Charkiw").
		if si, ok := seats.find(b.seats, a.cc, a.code, r.names); ok {
			r.names = append(r.names, b.seats[si].names...)
		}
		done[k] = true
		r.adminRec = uint32(len(recs))
		recs = append(recs, r)
	}
	return recs, len(recs) - start
}

// regionRecs appends the macro-regions whose members are all in the
// index, at the middle of their points.
func regionRecs(recs []rec, countryRec map[string]uint32) []rec {
	admin1 := map[string]int{}
	for i, r := range recs {
		if r.fcode == "ADM1" {
			admin1[r.cc+"."+r.admin1] = i
		}
	}
	for _, m := range macroRegions {
		var pts [][2]float64
		for _, code := range m.members {
			if i, ok := countryRec[code]; ok {
				pts = append(pts, [2]float64{recs[i].lat, recs[i].lon})
			} else if i, ok := admin1[code]; ok {
				pts = append(pts, [2]float64{recs[i].lat, recs[i].lon})
			}
		}
		if len(pts) < len(m.members) {
			continue // a filtered index (--countries) lacks members
		}
		lat, lon, ok := sphereMean(pts)
		if !ok {
			continue
		}
		recs = append(recs, rec{id: int64(syntheticID("region", m.names[0])), name: m.names[0], lat: lat, lon: lon,
			fclass: "L", fcode: "RGN", names: m.names, adminRec: noRecord})
	}
	return recs
}

// chooseNE picks the Natural Earth row of a division: the one with its
// geonameid, else the only one with its code.
func chooseNE(rows []neAdmin1Row, id int64) (neAdmin1Row, bool) {
	for _, r := range rows {
		if r.gnID == id {
			return r, true
		}
	}
	if len(rows) == 1 && rows[0].gnID <= 0 {
		return rows[0], true
	}
	return neAdmin1Row{}, false
}

// abbrevTable sorts the abbreviations of divisions, adds the news forms of
// newsAbbrevs to the divisions they name, and drops repeats.
func (b *builder) abbrevTable(recs []rec) []abbrevAlias {
	out := append([]abbrevAlias(nil), b.abbrevs...)
	// Divisions by country and normalized name; the first record wins.
	byName := map[string]uint32{}
	for i, r := range recs {
		if r.fcode != "ADM1" {
			continue
		}
		for _, n := range r.names {
			if k := r.cc + "\x00" + Normalize(n); k != r.cc+"\x00" {
				if _, dup := byName[k]; !dup {
					byName[k] = uint32(i)
				}
			}
		}
	}
	for _, a := range newsAbbrevs() {
		i, ok := byName[a.iso2+"\x00"+Normalize(a.name)]
		if !ok {
			continue
		}
		for _, f := range a.forms {
			out = append(out, abbrevAlias{f, i, a.bare})
		}
	}
	slices.SortFunc(out, func(x, y abbrevAlias) int {
		if c := strings.Compare(x.raw, y.raw); c != 0 {
			return c
		}
		if x.rec != y.rec {
			return int(x.rec) - int(y.rec)
		}
		if x.bare != y.bare {
			if x.bare {
				return -1
			}
			return 1
		}
		return 0
	})
	return slices.CompactFunc(out, func(x, y abbrevAlias) bool { return x.raw == y.raw && x.rec == y.rec })
}

// merger turns sorted (key, value) pairs into an FST and postings lists.
type merger struct {
	rank       func(uint32) (int, int64, uint32)
	resolve    func(uint64) (uint32, bool)
	postings   []byte
	postingsAt map[uint64]uint64 // FNV-64a of a list → its offset: equal lists are stored once
	table      *nameTableBuilder // if set, gets the values, and the FST none
	rev        *pairSorter       // if set, gets the names turned round (turnAround)
	rbuf       []byte
	prog       *progress
}

func (m *merger) build(ctx context.Context, s *pairSorter, path, what string) (int, error) {
	it, err := s.finish()
	if err != nil {
		return 0, fmt.Errorf("gazetteer: build: %w", err)
	}
	defer it.close()
	f, err := os.Create(path)
	if err != nil {
		return 0, fmt.Errorf("gazetteer: build: %w", err)
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	// The names go into the trie (their values into the hash table), the
	// variant keys into an FST with their values.
	var kw keyWriter
	if m.table != nil {
		kw = trieKeys{newTrieBuilder(w)}
	} else if kw, err = vellum.New(w, nil); err != nil {
		return 0, fmt.Errorf("gazetteer: build: %w", err)
	}
	var cur []byte
	var group []uint32
	var list []byte
	nKeys := 0
	flush := func() error {
		if len(group) == 0 {
			return nil
		}
		slices.SortFunc(group, func(x, y uint32) int {
			fx, px, ix := m.rank(x)
			fy, py, iy := m.rank(y)
			switch {
			case fx != fy:
				return fy - fx
			case px != py:
				if px > py {
					return -1
				}
				return 1
			case ix != iy:
				if ix < iy {
					return -1
				}
				return 1
			}
			return int(x) - int(y)
		})
		group = slices.Compact(group)
		var val uint64
		if len(group) == 1 {
			val = uint64(group[0]) << 1
		} else {
			list = binary.AppendUvarint(list[:0], uint64(len(group)))
			for _, r := range group {
				list = binary.AppendUvarint(list, uint64(r))
			}
			h := fnv.New64a()
			h.Write(list)
			sum := h.Sum64()
			off, ok := m.postingsAt[sum]
			if !ok || !bytes.HasPrefix(m.postings[off:], list) {
				off = uint64(len(m.postings))
				if !ok {
					m.postingsAt[sum] = off
				}
				m.postings = append(m.postings, list...)
			}
			val = off<<1 | 1
		}
		if m.table != nil {
			if err := m.table.add(cur, val); err != nil {
				return err
			}
			val = 0
		}
		if m.rev != nil {
			// add copies the key: one buffer serves every name.
			m.rbuf = append(m.rbuf[:0], cur...)
			turnAround(m.rbuf)
			if err := m.rev.add(bytesString(m.rbuf), 0); err != nil {
				return err
			}
		}
		if err := kw.Insert(cur, val); err != nil {
			return fmt.Errorf("gazetteer: build: name %q: %w", cur, err)
		}
		nKeys++
		if nKeys&0xffff == 0 {
			m.prog.phase(what, nKeys)
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		return nil
	}
	for {
		k, v, ok, err := it.next()
		if err != nil {
			return 0, err
		}
		if !ok {
			break
		}
		if !bytes.Equal(k, cur) {
			if err := flush(); err != nil {
				return 0, err
			}
			cur = append(cur[:0], k...)
			group = group[:0]
		}
		if r, ok := m.resolve(v); ok {
			group = append(group, r)
		}
	}
	if err := flush(); err != nil {
		return 0, err
	}
	if err := kw.Close(); err != nil {
		return 0, fmt.Errorf("gazetteer: build: %w", err)
	}
	if err := w.Flush(); err != nil {
		return 0, fmt.Errorf("gazetteer: build: %w", err)
	}
	return nKeys, f.Close()
}

// writeTrieFile writes the trie of the sorted keys of s into a file.
func writeTrieFile(s *pairSorter, path string) error {
	it, err := s.finish()
	if err != nil {
		return err
	}
	defer it.close()
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	tb := newTrieBuilder(w)
	for {
		k, _, ok, err := it.next()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		if err := tb.Insert(k); err != nil {
			return err
		}
	}
	if err := tb.Close(); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

// keyWriter takes sorted keys with their values.
type keyWriter interface {
	Insert(key []byte, val uint64) error
	Close() error
}

// trieKeys is a keyWriter into a name trie, which keeps no values.
type trieKeys struct{ *trieBuilder }

func (t trieKeys) Insert(key []byte, _ uint64) error { return t.trieBuilder.Insert(key) }

// writeIndexFile writes the header and the sections: the tries and the
// variant FST are copied from their files (files: section → path, "" for
// an empty section), the records streamed by
// writeRecords, the rest taken from sec. The header is written last, once
// the checksums of the sections are known.
func writeIndexFile(path string, sec [numSections][]byte, files map[int]string, recordsLen int64, writeRecords func(io.Writer) error) error {
	size := func(p string) (int64, error) {
		if p == "" {
			return 0, nil
		}
		st, err := os.Stat(p)
		if err != nil {
			return 0, err
		}
		return st.Size(), nil
	}
	var lens [numSections]int64
	for i, s := range sec {
		lens[i] = int64(len(s))
	}
	var err error
	for i, p := range files {
		if lens[i], err = size(p); err != nil {
			return err
		}
	}
	lens[secRecords] = recordsLen

	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	defer f.Close()
	bw := bufio.NewWriterSize(f, 1<<20)
	// The header's place is kept and filled in at the end.
	if _, err := bw.Write(make([]byte, headerSize)); err != nil {
		return err
	}
	w := &crcWriter{w: bw}
	copyFile := func(p string) error {
		if p == "" {
			return nil
		}
		in, err := os.Open(p)
		if err != nil {
			return err
		}
		defer in.Close()
		_, err = io.Copy(w, in)
		return err
	}
	hdr := make([]byte, headerSize)
	copy(hdr, magic)
	binary.LittleEndian.PutUint32(hdr[8:], formatVersion)
	binary.LittleEndian.PutUint32(hdr[12:], numSections)
	off := int64(headerSize)
	for i := 0; i < numSections; i++ {
		w.crc, w.n = 0, 0
		switch _, inFile := files[i]; {
		case inFile:
			err = copyFile(files[i])
		case i == secRecords:
			err = writeRecords(w)
		default:
			_, err = w.Write(sec[i])
		}
		if err != nil {
			return err
		}
		if w.n != lens[i] {
			return fmt.Errorf("%s section: %d bytes written, want %d", sectionNames[i], w.n, lens[i])
		}
		e := hdr[16+i*sectionEntrySize:]
		binary.LittleEndian.PutUint64(e, uint64(off))
		binary.LittleEndian.PutUint64(e[8:], uint64(lens[i]))
		binary.LittleEndian.PutUint32(e[16:], w.crc)
		off += lens[i]
	}
	binary.LittleEndian.PutUint32(hdr[headerSize-4:], crc32.Checksum(hdr[:headerSize-4], crcTable))
	if err := bw.Flush(); err != nil {
		return err
	}
	if _, err := f.WriteAt(hdr, 0); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	return f.Close()
}

// crcWriter passes bytes on, keeping their count and CRC-32C.
type crcWriter struct {
	w   io.Writer
	crc uint32
	n   int64
}

func (c *crcWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.crc = crc32.Update(c.crc, crcTable, p[:n])
	c.n += int64(n)
	return n, err
}
