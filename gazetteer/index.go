package gazetteer

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"unsafe"

	"github.com/blevesearch/vellum"
)

// Index is a read-only gazetteer over one index file, read into memory of
// its own or embedded in the program. It is safe for concurrent use.
// Strings it returns point into that memory, which is never modified nor
// freed, so lookups do not copy names.
type Index struct {
	data     []byte
	hdr      header
	trie     nameTrie // names
	rtrie    nameTrie // names turned round after their first byte (turnAround)
	names    nameTable
	variants *vellum.FST
	vreaders sync.Pool
	postings []byte
	records  []byte
	strs     []byte
	fclasses []string
	fcodes   []string
	fcranks  []int8 // featureRank of fcodes
	aliases  []alias
	abbrevs  map[string][]abbrevRec // division abbreviations, as written
	demonyms []demonym
	meta     [metaFields]uint32
	info     Info
}

type alias struct {
	raw string
	rec uint32
}

// abbrevRec is a division an abbreviation stands for; bare: it may stand
// alone, not only as a qualifier.
type abbrevRec struct {
	rec  uint32
	bare bool
}

type demonym struct {
	key, iso2 string
}

// Open opens the index that Build wrote into dir. It reads the whole
// index file into memory of its own (off the Go heap on Linux) and checks
// what it read: the header, the bounds of the sections and the checksum
// of every section, and info.json against its own checksum and against
// the index file. The Index then never looks at the files again, so
// whatever happens to them later (truncated, rewritten in place, replaced
// by another build) cannot change its answers nor crash the program, as
// a memory-mapped file did: a truncated mapping faults (SIGBUS), which Go
// cannot recover from outside the goroutine that asked for it
// (debug.SetPanicOnFault), and lookups run in every caller's goroutines.
// The price is the index's size in resident memory (76 MB for a
// cities500 build, 1.1 GB for the whole GeoNames dump), and reading it:
// 15-50 ms for 76 MB and about 0.2 s for 1.1 GB from the page cache, a
// few seconds a GB from disk. A truncated, damaged or mismatched index is
// refused with a message to rebuild it instead of giving wrong places.
func Open(dir string) (*Index, error) {
	infoPath := filepath.Join(dir, infoFileName)
	info, err := os.ReadFile(infoPath)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: open index: %w", err)
	}
	data, err := readIndexFile(filepath.Join(dir, indexFileName))
	if err != nil {
		if errors.Is(err, errFormat) {
			return nil, fmt.Errorf("gazetteer: open index: %w: the file is truncated or damaged; rebuild the index (geoparse gazetteer build)", err)
		}
		return nil, fmt.Errorf("gazetteer: open index: %w", err)
	}
	ix, err := load(data, info, infoPath, true)
	if err != nil {
		freeIndexMemory(data)
		switch {
		case errors.Is(err, errRebuildInfo): // names info.json already
			return nil, err
		case errors.Is(err, errFormat):
			return nil, fmt.Errorf("%w (%s): the file is truncated or damaged; rebuild the index (geoparse gazetteer build)", err, dir)
		}
		return nil, fmt.Errorf("%w (%s)", err, dir)
	}
	return ix, nil
}

// Verify checks the checksums of every section now, in the memory the
// index is read from: again for an index that Open read, for the first
// time for the embedded one.
func (ix *Index) Verify() error {
	if err := ix.hdr.verify(); err != nil {
		return fmt.Errorf("%w: rebuild the index (geoparse gazetteer build)", err)
	}
	return nil
}

// readIndexFile reads the index file at path into read-only memory of its
// own. Its header is read and checked first, so that a file that is no
// index is not read through. The caller checks the rest.
func readIndexFile(path string) (_ []byte, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", path)
	}
	size := st.Size()
	if size < 16 {
		return nil, fmt.Errorf("%s: %w: bad magic, not a gazetteer index", path, errFormat)
	}
	if size != int64(int(size)) {
		return nil, fmt.Errorf("%s: %d bytes: too large for this system", path, size)
	}
	data, err := newIndexMemory(int(size))
	if err != nil {
		return nil, fmt.Errorf("%s: %d bytes of memory: %w", path, size, err)
	}
	defer func() {
		if err != nil {
			freeIndexMemory(data)
		}
	}()
	n := min(len(data), headerSize)
	if _, err := io.ReadFull(f, data[:n]); err != nil {
		return nil, fmt.Errorf("%s: %w", path, shortRead(err, size))
	}
	if _, err := checkMagic(data[:n]); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if _, err := io.ReadFull(f, data[n:]); err != nil {
		return nil, fmt.Errorf("%s: %w", path, shortRead(err, size))
	}
	if err := sealIndexMemory(data); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return data, nil
}

// shortRead explains a read that ended early: the file shrank after Open
// looked at its size.
func shortRead(err error, size int64) error {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return fmt.Errorf("%w: the file ended before its %d bytes were read (truncated while being opened?)", errFormat, size)
	}
	return err
}

// load wraps data without copying it; data must not change afterwards.
// infoJSON is the index's info.json, named infoName in errors. verify: the
// section checksums are checked (Default skips them: the embedded index
// is part of the program, and a test checks them).
func load(data, infoJSON []byte, infoName string, verify bool) (*Index, error) {
	h, err := parseHeader(data)
	if err != nil {
		return nil, err
	}
	if verify {
		if err := h.verify(); err != nil {
			return nil, err
		}
	}
	ix := &Index{
		data:     data,
		hdr:      h,
		postings: h.sections[secPostings],
		records:  h.sections[secRecords],
		strs:     h.sections[secStrings],
	}
	if ix.info, err = parseInfo(infoJSON, data, infoName); err != nil {
		return nil, err
	}
	meta := h.sections[secMeta]
	if len(meta) != 4*metaFields {
		return nil, fmt.Errorf("%w: meta section", errFormat)
	}
	for i := range ix.meta {
		ix.meta[i] = binary.LittleEndian.Uint32(meta[4*i:])
	}
	n := ix.meta[metaRecords]
	if uint64(len(ix.records)) != uint64(n)*recordSize ||
		ix.meta[metaCountryStart] > ix.meta[metaCountryEnd] || ix.meta[metaCountryEnd] > n ||
		ix.meta[metaAdmin1Start] > ix.meta[metaAdmin1End] || ix.meta[metaAdmin1End] > n {
		return nil, fmt.Errorf("%w: record section", errFormat)
	}
	if ix.trie, err = loadNameTrie(h.sections[secTrie]); err != nil {
		return nil, err
	}
	if ix.rtrie, err = loadNameTrie(h.sections[secRevTrie]); err != nil {
		return nil, err
	}
	if ix.names, err = loadNameTable(h.sections[secNames]); err != nil {
		return nil, err
	}
	if len(h.sections[secVariants]) > 0 {
		if ix.variants, err = vellum.Load(h.sections[secVariants]); err != nil {
			return nil, fmt.Errorf("%w: variant fst: %v", errFormat, err)
		}
		ix.vreaders.New = func() any {
			r, _ := ix.variants.Reader()
			return r
		}
	}
	if err := ix.loadTables(h); err != nil {
		return nil, err
	}
	return ix, nil
}

// loadTables decodes the three small tables (a few hundred entries).
func (ix *Index) loadTables(h header) error {
	d := decoder{b: h.sections[secFCodes]}
	for i, n := 0, d.uvarint(); i < n && d.ok(); i++ {
		cls, code, _ := strings.Cut(d.str(), ".")
		ix.fclasses = append(ix.fclasses, cls)
		ix.fcodes = append(ix.fcodes, code)
		ix.fcranks = append(ix.fcranks, int8(featureRank(code)))
	}
	d2 := decoder{b: h.sections[secAliases]}
	for i, n := 0, d2.uvarint(); i < n && d2.ok(); i++ {
		raw, v := d2.str(), d2.uvarint()
		switch v & 3 {
		case aliasCountry:
			ix.aliases = append(ix.aliases, alias{raw: raw, rec: uint32(v >> 2)})
		case aliasAbbrev, aliasQualifier:
			if ix.abbrevs == nil {
				ix.abbrevs = map[string][]abbrevRec{}
			}
			ix.abbrevs[raw] = append(ix.abbrevs[raw], abbrevRec{rec: uint32(v >> 2), bare: v&3 == aliasAbbrev})
		default:
			d2.bad = true
		}
	}
	d3 := decoder{b: h.sections[secDemonyms]}
	for i, n := 0, d3.uvarint(); i < n && d3.ok(); i++ {
		ix.demonyms = append(ix.demonyms, demonym{key: d3.str(), iso2: d3.fixed(2)})
	}
	if d.bad || d2.bad || d3.bad {
		return fmt.Errorf("%w: tables", errFormat)
	}
	for _, a := range ix.aliases {
		if a.rec >= ix.meta[metaRecords] {
			return fmt.Errorf("%w: alias record", errFormat)
		}
	}
	for _, as := range ix.abbrevs {
		for _, a := range as {
			if a.rec >= ix.meta[metaRecords] {
				return fmt.Errorf("%w: abbreviation record", errFormat)
			}
		}
	}
	return nil
}

type decoder struct {
	b   []byte
	bad bool
}

func (d *decoder) ok() bool { return !d.bad }

func (d *decoder) uvarint() int {
	v, k := binary.Uvarint(d.b)
	if k <= 0 || v >= 1<<32 {
		d.bad = true
		return 0
	}
	d.b = d.b[k:]
	return int(v)
}

func (d *decoder) fixed(n int) string {
	if len(d.b) < n {
		d.bad = true
		return ""
	}
	s := bytesString(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) str() string {
	n := d.uvarint()
	return d.fixed(n)
}

func bytesString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// Len returns the number of entries (countries, divisions and places).
func (ix *Index) Len() int { return int(ix.meta[metaRecords]) }

// Info describes what the index holds and where it came from.
func (ix *Index) Info() Info { return ix.info }

// entry decodes record i.
func (ix *Index) entry(i uint32) Entry {
	r := ix.records[int(i)*recordSize : int(i)*recordSize+recordSize]
	e := Entry{
		ID:         int64(binary.LittleEndian.Uint32(r[recID:])),
		Lat:        float64(int32(binary.LittleEndian.Uint32(r[recLat:]))) / coordUnit,
		Lon:        float64(int32(binary.LittleEndian.Uint32(r[recLon:]))) / coordUnit,
		Population: int64(binary.LittleEndian.Uint32(r[recPop:])),
	}
	if r[recCC] != 0 {
		e.CountryCode = bytesString(r[recCC : recCC+2])
	}
	e.Name, _ = readString(ix.strs, binary.LittleEndian.Uint32(r[recName:]))
	e.Admin1, _ = readString(ix.strs, binary.LittleEndian.Uint32(r[recAdmin1:]))
	if fc := int(binary.LittleEndian.Uint16(r[recFCode:])); fc < len(ix.fcodes) {
		e.FeatureClass, e.FeatureCode = ix.fclasses[fc], ix.fcodes[fc]
	}
	if a := binary.LittleEndian.Uint32(r[recAdmin1Rec:]); a < ix.meta[metaRecords] {
		ar := ix.records[int(a)*recordSize:]
		e.Admin1Name, _ = readString(ix.strs, binary.LittleEndian.Uint32(ar[recName:]))
	}
	return e
}

// Lookup returns the entries one of whose names (preferred, ASCII or
// alternate) has the same normal form as name (see Normalize). Candidates
// come most prominent first: by feature rank, then population, then id.
func (ix *Index) Lookup(name string) []Entry {
	return ix.AppendLookup(nil, name)
}

// AppendLookup is Lookup appending to dst, so that a caller looking up many
// names can reuse one buffer and not allocate.
//
// When no name has the exact normal form, the romanization variants of
// Ukrainian and Russian place names are tried (see variantKey): "Balakleya"
// finds Balakliia, "Zaliznyche" finds Zaliznychne.
func (ix *Index) AppendLookup(dst []Entry, name string) []Entry {
	dst, _ = ix.appendLookup(dst, name)
	return dst
}

// Prominence sums up the entries Lookup finds for a name.
type Prominence struct {
	Places        int   // how many entries
	Country       bool  // one of them is a country
	Admin1        bool  // one of them is a first-level division
	MaxPopulation int64 // the largest population among them
}

// Prominence is what Lookup(name) says of how prominent a place the name
// may be, read from the records without decoding them: several times
// faster than Lookup, for callers that ask it of every capitalized word
// (the entity tagger's gazetteer features).
func (ix *Index) Prominence(name string) Prominence {
	var buf [64]uint32
	recs, _ := ix.appendLookupRecs(buf[:0], name)
	p := Prominence{Places: len(recs)}
	for _, rec := range recs {
		r := ix.records[uint64(rec)*recordSize : uint64(rec)*recordSize+recordSize]
		if fc := int(binary.LittleEndian.Uint16(r[recFCode:])); fc < len(ix.fcodes) {
			switch ix.fcodes[fc] {
			case "PCLI":
				p.Country = true
			case "ADM1":
				p.Admin1 = true
			}
		}
		p.MaxPopulation = max(p.MaxPopulation, int64(binary.LittleEndian.Uint32(r[recPop:])))
	}
	return p
}

// appendLookup is AppendLookup; variant reports that the entries were
// found through a variant key only.
func (ix *Index) appendLookup(dst []Entry, name string) (_ []Entry, variant bool) {
	var buf [64]uint32
	recs, variant := ix.appendLookupRecs(buf[:0], name)
	return ix.appendEntries(dst, recs), variant
}

// appendLookupRecs appends the record indexes that Lookup decodes, in
// its order.
func (ix *Index) appendLookupRecs(dst []uint32, name string) (_ []uint32, variant bool) {
	start := len(dst)
	var kb [64]byte
	key := normalizeInto(kb[:], name)
	dst = ix.appendKeyRecs(dst, key)
	// Case-sensitive aliases ("U.S.") whose normal form ("us") is a common
	// word and so cannot be an ordinary name of the country.
	if len(ix.aliases) > 0 && len(name) <= 16 {
		raw := strings.TrimSpace(name)
		for _, a := range ix.aliases {
			if a.raw == raw && !slices.Contains(dst[start:], a.rec) {
				dst = slices.Insert(dst, start, a.rec)
			}
		}
	}
	if len(dst) == start && ix.variants != nil {
		dst = ix.appendVariantRecs(dst, key)
		variant = len(dst) > start
	}
	return dst, variant
}

// appendVariantRecs appends the records whose variant key is that of key.
func (ix *Index) appendVariantRecs(dst []uint32, key string) []uint32 {
	if ix.variants == nil {
		return dst
	}
	var buf [64]byte
	vk := appendVariantKey(buf[:0], key)
	if len(vk) == 0 {
		return dst
	}
	r := ix.vreaders.Get().(*vellum.Reader)
	v, ok, err := r.Get(vk)
	ix.vreaders.Put(r)
	if err != nil || !ok {
		return dst
	}
	return ix.appendRecs(dst, v)
}

// appendKey appends the entries of an already normalized key.
func (ix *Index) appendKey(dst []Entry, key string) []Entry {
	var buf [64]uint32
	return ix.appendEntries(dst, ix.appendKeyRecs(buf[:0], key))
}

// appendKeyRecs appends the records of an already normalized key.
func (ix *Index) appendKeyRecs(dst []uint32, key string) []uint32 {
	if key == "" {
		return dst
	}
	v, ok := ix.names.get(key)
	if !ok {
		return dst
	}
	return ix.appendRecs(dst, v)
}

// appendRecs appends the record indexes of a name's value (value&1 == 0:
// one record, value>>1; else the postings list at offset value>>1), best
// first; indexes beyond the records (a damaged index) are left out.
func (ix *Index) appendRecs(dst []uint32, v uint64) []uint32 {
	return ix.appendRecsMax(dst, v, 0)
}

// appendRecsMax is appendRecs for the first limit records only (all if
// limit ≤ 0).
func (ix *Index) appendRecsMax(dst []uint32, v uint64, limit int) []uint32 {
	nrec := uint64(ix.meta[metaRecords])
	if v&1 == 0 {
		if v>>1 < nrec {
			dst = append(dst, uint32(v>>1))
		}
		return dst
	}
	off := v >> 1
	if off >= uint64(len(ix.postings)) {
		return dst
	}
	p := ix.postings[off:]
	n, k := binary.Uvarint(p)
	if k <= 0 || n > uint64(len(p)) {
		return dst
	}
	p = p[k:]
	if limit > 0 && n > uint64(limit) {
		n = uint64(limit)
	}
	dst = slices.Grow(dst, int(n))
	for i := uint64(0); i < n; i++ {
		rec, k := binary.Uvarint(p)
		if k <= 0 {
			break
		}
		p = p[k:]
		if rec < nrec {
			dst = append(dst, uint32(rec))
		}
	}
	return dst
}

// appendEntries decodes records.
func (ix *Index) appendEntries(dst []Entry, recs []uint32) []Entry {
	if len(recs) > 1 {
		ix.touch(recs)
	}
	dst = slices.Grow(dst, len(recs))
	for _, r := range recs {
		dst = append(dst, ix.entry(r))
	}
	return dst
}

// touch reads the first bytes of the names of records before they are
// decoded one by one: the loads do not depend on each other, so that the
// processor overlaps their cache misses.
func (ix *Index) touch(recs []uint32) {
	var sink byte
	for _, rec := range recs[:min(len(recs), 64)] {
		sink |= ix.touchString(binary.LittleEndian.Uint32(ix.records[uint64(rec)*recordSize+recName:]))
	}
	// Kept alive so that the compiler keeps the loads; a package variable
	// written here, as before, was a data race between lookups.
	runtime.KeepAlive(sink)
}

// Country returns the country with ISO 3166-1 alpha-2 code iso2.
func (ix *Index) Country(iso2 string) (Entry, bool) {
	iso2 = strings.ToUpper(strings.TrimSpace(iso2))
	lo, hi := ix.meta[metaCountryStart], ix.meta[metaCountryEnd]
	i := lo + uint32(sort.Search(int(hi-lo), func(k int) bool {
		return ix.recCC(lo+uint32(k)) >= iso2
	}))
	if i < hi && ix.recCC(i) == iso2 {
		return ix.entry(i), true
	}
	return Entry{}, false
}

// Admin1 returns the first-level division with GeoNames admin1 code code
// (e.g. "07") in country iso2 (e.g. "UA").
func (ix *Index) Admin1(iso2, code string) (Entry, bool) {
	iso2 = strings.ToUpper(strings.TrimSpace(iso2))
	code = strings.TrimSpace(code)
	lo, hi := ix.meta[metaAdmin1Start], ix.meta[metaAdmin1End]
	less := func(i uint32) bool { // record i >= (iso2, code)
		cc := ix.recCC(i)
		if cc != iso2 {
			return cc > iso2
		}
		return ix.recAdmin1Code(i) >= code
	}
	i := lo + uint32(sort.Search(int(hi-lo), func(k int) bool { return less(lo + uint32(k)) }))
	if i < hi && ix.recCC(i) == iso2 && ix.recAdmin1Code(i) == code {
		return ix.entry(i), true
	}
	return Entry{}, false
}

func (ix *Index) recCC(i uint32) string {
	o := int(i)*recordSize + recCC
	return bytesString(ix.records[o : o+2])
}

func (ix *Index) recAdmin1Code(i uint32) string {
	s, _ := readString(ix.strs, binary.LittleEndian.Uint32(ix.records[int(i)*recordSize+recAdmin1:]))
	return s
}

// DemonymCountry maps a demonym or nationality adjective ("Ukrainian",
// "French") to the ISO2 code of its country. A plural ("Ukrainians") is
// accepted too.
func (ix *Index) DemonymCountry(word string) (string, bool) {
	key := Normalize(word)
	if cc, ok := ix.demonym(key); ok {
		return cc, true
	}
	if strings.HasSuffix(key, "s") {
		return ix.demonym(key[:len(key)-1])
	}
	return "", false
}

func (ix *Index) demonym(key string) (string, bool) {
	i := sort.Search(len(ix.demonyms), func(i int) bool { return ix.demonyms[i].key >= key })
	if i < len(ix.demonyms) && ix.demonyms[i].key == key && key != "" {
		return ix.demonyms[i].iso2, true
	}
	return "", false
}

func containsID(es []Entry, id int64) bool {
	for _, e := range es {
		if e.ID == id {
			return true
		}
	}
	return false
}
