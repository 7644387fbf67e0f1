package gazetteer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// BuildOptions says what Build reads and where it writes.
type BuildOptions struct {
	// Out is the index directory to create or replace.
	Out string
	// Inputs are source files or folders. Each file's kind is detected from
	// its content (and its name when the content says nothing), zipped or
	// plain: a GeoNames geoname table (allCountries, a country file such
	// as UA, cities500/1000/5000/15000), alternateNamesV2 (or the older
	// alternateNames), admin1CodesASCII.txt, admin2Codes.txt,
	// countryInfo.txt, dr5hn countries.csv and states.csv. Files in a
	// folder that are none of these are skipped.
	Inputs []string
	// Progress, if not nil, receives progress: a line "gazetteer: N rows,
	// X rows/s, …" every few seconds, and one at the end.
	Progress io.Writer
	// ProgressBar redraws one status line (rows, rows/s, ETA) on Progress
	// instead, for a terminal.
	ProgressBar bool
	// Countries, if not empty, keeps only the places and divisions of
	// these countries (ISO 3166-1 alpha-2 codes). All countries are kept.
	Countries []string
	// FeatureClasses, if not empty, keeps only places of these GeoNames
	// feature classes ("P" populated places, "A" administrative areas …).
	FeatureClasses []string
	// MinPopulation keeps only places of at least this population.
	MinPopulation int64
}

// Info describes an index: what it holds and where it came from. It is
// stored next to the index as info.json, without timestamps, so that
// equal inputs give byte-identical builds. Open refuses an info.json that
// does not match its own checksum or the index file beside it (info.go).
type Info struct {
	FormatVersion int       `json:"format_version"`
	Index         IndexFile `json:"index"` // the gazetteer.idx described
	Sources       []Source  `json:"sources"`
	Filters       *Filters  `json:"filters,omitempty"`
	Countries     int       `json:"countries"`
	Admin1        int       `json:"admin1"`
	Places        int       `json:"places"`
	Names         int       `json:"names"`              // distinct normalized names
	Variants      int       `json:"variants,omitempty"` // distinct romanization variant keys
	Demonyms      int       `json:"demonyms"`
	Attribution   []string  `json:"attribution"`
	// InfoSHA256 is the SHA-256 of info.json as written with these 64 hex
	// digits all zeros.
	InfoSHA256 string `json:"info_sha256"`
}

// Filters are the BuildOptions filters an index was built with.
type Filters struct {
	Countries      []string `json:"countries,omitempty"`
	FeatureClasses []string `json:"feature_classes,omitempty"`
	MinPopulation  int64    `json:"min_population,omitempty"`
}

// Source is one input file of a build.
type Source struct {
	File   string `json:"file"` // base name
	Kind   string `json:"kind"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

const (
	attributionGeoNames     = "GeoNames (geonames.org), CC BY 4.0"
	attributionDr5hn        = "dr5hn/countries-states-cities-database, ODbL 1.0"
	attributionNaturalEarth = "Made with Natural Earth (naturalearthdata.com), public domain"
	attributionCensus       = "US Census Bureau 2019 Gazetteer Files (counties), public domain"
	attributionRegions      = "macro-regions: geoparse's table of UN M49 and Britannica regions, points from their members"
	// maxAdmin1PointKm: a dr5hn division point farther than this from the
	// median of the division's places is taken to be wrong.
	maxAdmin1PointKm = 250
	// staleVerifiedFileName is where geoparse versions that memory-mapped
	// the index remembered checking it. Open reads and checks the whole
	// file now and ignores it; a build replaces it with the old index.
	staleVerifiedFileName = "verified.json"
	// sortChunkBytes bounds the memory of one chunk of name pairs being
	// sorted; two live at a time.
	sortChunkBytes = 192 << 20
)

// Build reads the inputs and writes an index directory at opts.Out. It
// streams: rows become fixed-width records and (name, place) pairs that
// are sorted in bounded chunks on disk and merged into the name index, so
// memory stays well under 4 GB for the whole GeoNames dump. It builds into
// a temporary directory beside Out and renames it into place, so a failed
// build leaves no half-written index.
func Build(ctx context.Context, opts BuildOptions) error {
	if opts.Out == "" {
		return errors.New("gazetteer: build: no output directory")
	}
	out := filepath.Clean(opts.Out)
	if ents, err := os.ReadDir(out); err == nil {
		for _, e := range ents {
			if e.Name() != indexFileName && e.Name() != infoFileName && e.Name() != staleVerifiedFileName {
				return fmt.Errorf("gazetteer: build: %s holds %s, which is not part of an index: refusing to replace it", out, e.Name())
			}
		}
	}
	files, err := resolveInputs(opts.Inputs)
	if err != nil {
		return err
	}
	sortInputs(files)
	nGeonames := 0
	var total int64
	for _, f := range files {
		if f.kind == kindGeonames {
			nGeonames++
		}
		if st, err := os.Stat(f.path); err == nil {
			total += st.Size()
		}
	}
	if nGeonames == 0 {
		return errNoGeonames
	}

	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("gazetteer: build: %w", err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".tmp-")
	if err != nil {
		return fmt.Errorf("gazetteer: build: %w", err)
	}
	defer os.RemoveAll(tmp) // no-op after a successful rename

	b := newBuilder(opts, tmp, total)
	for _, f := range files {
		if f.kind == kindPostal {
			// Postal places are told from the geoname tables' by name
			// and distance.
			b.placeKeys, b.postalKeys = map[uint64][][2]int32{}, map[uint64][][2]int32{}
		}
	}
	defer b.names.remove()
	defer b.variants.remove()
	for _, f := range files {
		if err := b.read(ctx, f); err != nil {
			return err
		}
	}
	info, err := b.assemble(ctx, filepath.Join(tmp, indexFileName))
	if err != nil {
		return err
	}
	b.prog.done()
	if info.Index, err = describeIndexFile(filepath.Join(tmp, indexFileName)); err != nil {
		return fmt.Errorf("gazetteer: build: %w", err)
	}
	infoJSON, err := marshalInfo(info)
	if err != nil {
		return fmt.Errorf("gazetteer: build: %w", err)
	}
	if err := writeFileSync(filepath.Join(tmp, infoFileName), infoJSON); err != nil {
		return fmt.Errorf("gazetteer: build: %w", err)
	}
	return swapDir(tmp, out)
}

// sortInputs puts the inputs in reading order, so that the order of the
// arguments does not change the output.
func sortInputs(files []inputFile) {
	sort.SliceStable(files, func(i, j int) bool {
		if oi, oj := kindOrder(files[i].kind), kindOrder(files[j].kind); oi != oj {
			return oi < oj
		}
		return filepath.Base(files[i].path) < filepath.Base(files[j].path)
	})
}

// swapDir puts the finished directory tmp in the place of out.
func swapDir(tmp, out string) error {
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
	seat    int
	primary bool // the place's own name, not an alternate
}

// seatPlace is a capital or division seat kept with all its names while
// the build streams, so that a division named after it can share them.
type seatPlace struct {
	id     uint32
	cc     string
	admin1 string
	fcode  string
	names  []string // name, ascii name, then alternates
}

func newSeatIndex(seats []seatPlace) seatIndex {
	s := seatIndex{}
	for i, p := range seats {
		seen := map[string]bool{}
		for j, n := range p.names {
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
func (s seatIndex) find(seats []seatPlace, cc, code string, names []string) (int, bool) {
	var inDiv, capital []int
	for _, n := range names {
		for _, sn := range s[cc+"\x00"+Normalize(n)] {
			p := &seats[sn.seat]
			switch {
			case p.admin1 == code && sn.primary:
				inDiv = append(inDiv, sn.seat)
			case p.admin1 != code && p.fcode == "PPLC":
				capital = append(capital, sn.seat)
			}
		}
	}
	if len(inDiv) > 0 {
		return pickSeat(seats, inDiv)
	}
	return pickSeat(seats, capital)
}

func pickSeat(seats []seatPlace, c []int) (int, bool) {
	if len(c) == 0 {
		return 0, false
	}
	for _, i := range c[1:] {
		if seats[i].id != seats[c[0]].id {
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

func upperSet(xs []string) map[string]bool {
	if len(xs) == 0 {
		return nil
	}
	m := map[string]bool{}
	for _, x := range xs {
		if x = strings.ToUpper(strings.TrimSpace(x)); x != "" {
			m[x] = true
		}
	}
	return m
}
